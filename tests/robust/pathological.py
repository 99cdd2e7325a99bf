"""Pathological inputs of at most 1 MB: what hostile or broken documents look like to the parsers.

Each is (name, file suffix, text). Shared by tests/robust/test_pathological.py (a generous time
limit) and bench/speed.py (the real figures).
"""

from __future__ import annotations

from collections.abc import Callable

MB = 1_000_000


def _fill(unit: str, size: int = MB) -> str:
    """``unit`` repeated to ``size`` bytes of UTF-8 (cut at a character boundary)."""
    copies = size // len(unit.encode("utf-8")) + 1
    return (unit * copies).encode("utf-8")[:size].decode("utf-8", errors="ignore")


def _authors(n: int) -> str:
    names = ", ".join(f"Author{i}" for i in range(n - 1))
    return f"The dam failed (see {names}, & Last, 2020).\n"


def _references(n: int) -> str:
    body = "The dam failed (Smith0, 2001). Costs rose (Smith9999, 1919).\n\n## References\n\n"
    return body + "\n".join(f"Smith{i}, J. ({1900 + i % 120}). Title number {i}. Journal, {i % 40}(2), 3-4."
                            for i in range(n)) + "\n"


def _op_cit(n: int) -> str:
    return ("The claim.[1] Another.[2]\n\nNotes\n\n[1] Smith, J., “A Title”, Journal, 2001.\n"
            + "\n".join(f"[{i % 8 + 2}] Smith, op. cit." for i in range(n)) + "\n")


def _words(n: int) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    return " ".join(f"Word{alphabet[i % 26]}{alphabet[i // 26 % 26]}{alphabet[i // 676 % 26]}xyz"
                    for i in range(n)) + ".\n"


def _dense_author_year() -> str:
    """Author-year citations back to back, with varied names and years, to 1 MB."""
    parts, size, i = [], 0, 0
    while size < MB - 100:
        part = (f"Rivers fell (Author{i % 997}, {1950 + i % 70}; Okafor & Hale, {1990 + i % 30}). "
                f"Writer{i % 331} et al. ({2000 + i % 25}) disagree. ")
        parts.append(part)
        size += len(part)
        i += 1
    return "".join(parts)[:MB - 100] + "\n"


def _grouped_author_year() -> str:
    """Parenthesised groups whose second item reads like an unbracketed citation ("Vale and Orrin,
    2019"), to 1 MB, then a reference list: each candidate is checked against every parenthesised
    citation for an overlap."""
    entries = "\n\n## References\n\nHale, A. (2017). Silt. Delta Press.\n\nVale, B., & Orrin, C. (2019). Mud. Delta Press.\n"
    return "# Silt\n\n" + _fill("Silt rose (Hale, 2017; Vale and Orrin, 2019). ", MB - 200) + entries


def _numeric_lines(n: int) -> str:
    return "".join(f"{i} {i * 7 % 1000}.{i % 10} {i % 97}%\n" for i in range(n))


def _one_parenthesis(n: int) -> str:
    return "The finding holds (" + "; ".join(f"Smith{i}, {1900 + i % 120}" for i in range(n)) + ").\n"


def _short_references(n: int) -> str:
    body = "The dam failed (Smith0, 1900). Costs rose (Smith19999, 1979).\n\n## References\n\n"
    return body + "\n".join(f"Smith{i}, J. ({1900 + i % 120}). T{i}. J, 4." for i in range(n)) + "\n"


def _markers(n: int) -> str:
    return "".join(f"Claim {i}.[1] " for i in range(n)) + "\n\nReferences\n\n[1] Smith, J. (2001). A title.\n"


def _nested_list(n: int) -> str:
    return "# Findings\n\n" + "".join(f"{'  ' * i}- point {i} holds (Smith{i % 50}, {1990 + i % 30})\n"
                                      for i in range(n))


# name -> (suffix, builder); built lazily: a test or a bench run builds only what it uses.
INPUTS: dict[str, tuple[str, Callable[[], str]]] = {
    "10,000 authors in one citation": ("txt", lambda: _authors(10_000)),
    "5,000 nested parentheses": ("txt", lambda: "(" * 5000 + "Smith, 2020" + ")" * 5000 + "\n"),
    "a single 1 MB line": ("txt", lambda: _fill("The dam cost $3 million in 2019, Smith (2020) said (Hale, 2017). "
                                                "The river “fell by half” in May 2020 [2]. ")),
    "a 1 MB sentence": ("txt", lambda: _fill("the dam cost $3 million in 2019, Smith (2020) said (Hale, 2017), "
                                             "and “the river fell” by 40% [2] ")),
    "100,000 [1] markers": ("txt", lambda: "[1] " * 100_000),
    "100,000 sentences with a [1] marker": ("txt", lambda: _fill("Claim.[1] ")),
    "1 MB of one repeated word": ("txt", lambda: _fill("river ")),
    "1 MB of one letter": ("txt", lambda: "a" * MB),
    "1 MB of digits": ("txt", lambda: "1" * MB),
    "1 MB of digits and commas": ("txt", lambda: _fill("1234,5678,")),
    "1 MB of digit groups": ("txt", lambda: _fill("1, 000, ")),
    "1 MB of (": ("txt", lambda: "(" * MB),
    "1 MB of [": ("txt", lambda: "[" * MB),
    "1 MB of [@": ("md", lambda: _fill("[@a")),
    "1 MB of @": ("txt", lambda: "@" * MB),
    "a reference list of 10,000 entries": ("md", lambda: _references(10_000)),
    "50,000 op. cit.": ("txt", lambda: _op_cit(49_990)),
    "50,000 op. cit. in a paragraph": ("txt", lambda: _fill("Smith, op. cit. ", 800_000)),
    "50,000 Ibid.": ("txt", lambda: "Notes\n\n" + "\n".join(f"[{i % 999 + 1}] Ibid." for i in range(50_000))),
    "deeply repeated quotes ““““": ("txt", lambda: _fill("“", MB)),
    "repeated quotes and words": ("txt", lambda: _fill("“word ‘so ")),
    "1 MB of years": ("txt", lambda: _fill("2020 ")),
    "1 MB of year ranges": ("txt", lambda: _fill("from 2020 to 2021 ")),
    "1 MB of months": ("txt", lambda: _fill("January ", MB - 4) + "2020"),
    "1 MB of 'between'": ("txt", lambda: _fill("between ", MB - 4) + "2020"),
    "1 MB of full stops": ("txt", lambda: "." * MB),
    "1 MB of one-letter sentences": ("txt", lambda: _fill("A. ")),
    "1 MB of 'said'": ("txt", lambda: _fill("The minister said ")),
    "1 MB of capitalised words": ("txt", lambda: _fill("Smith ")),
    "1 MB of 'et al.'": ("txt", lambda: _fill("Smith et al. ")),
    "1 MB of narrative citations": ("txt", lambda: _fill("Smith (2020) ")),
    "1 MB of parenthetical citations": ("txt", lambda: _fill("(Smith, 2020) ")),
    "1 MB of URLs": ("txt", lambda: _fill("http://x.y/")),
    "1 MB of newlines": ("txt", lambda: "\n" * MB),
    "1 MB of short lines": ("txt", lambda: _fill("a\n")),
    "1 MB of headings": ("md", lambda: _fill("# Heading\n\n")),
    "1 MB of superscript markers": ("txt", lambda: _fill("word¹ ")),
    "1 MB of superscripts": ("txt", lambda: _fill("¹")),
    "1 MB of 'Published on' lines": ("txt", lambda: _fill("Published on 2 May 2025\n")),
    "1 MB of numbers with units": ("txt", lambda: _fill("about $3.8 billion and 40 per cent of 1,000 people ")),
    "90,000 distinct words": ("txt", lambda: _words(90_000)),
    "5,000 nested HTML elements": ("html", lambda: "<div><sup>" * 2500 + "text" + "</sup></div>" * 2500),
    "1 MB of HTML paragraphs": ("html", lambda: _fill("<p>Smith (2020) said.</p>")),
    "1 MB of unclosed HTML tags": ("html", lambda: _fill("<a href='#fn1'><sup>1")),
}

# The shapes of issue 14 that took over 2 s (5-30 s when it was filed). bench/pathological.py
# measures them with INPUTS, and tests/robust/test_pathological.py holds them to its limit (each now
# takes at most a few seconds: see the bench).
ISSUE_14_INPUTS: dict[str, tuple[str, Callable[[], str]]] = {
    "1 MB of dense author-year citations": ("txt", _dense_author_year),
    "1 MB of grouped author-year citations and their list": ("md", _grouped_author_year),
    "30,000 short numeric lines": ("txt", lambda: _numeric_lines(30_000)),
    "10,000 citations in one parenthesis": ("txt", lambda: _one_parenthesis(10_000)),
    "a reference list of 20,000 entries": ("md", lambda: _short_references(20_000)),
    "50,000 [1] markers in sentences": ("txt", lambda: _markers(50_000)),
    "a nested Markdown list of 700 cited items": ("md", lambda: _nested_list(700)),
    "1 MB of spaces before a date-like tail": ("md", lambda: _fill(" " * 4000 + "x, 2020)\n")),
    # forty numbers in brackets, past the twenty-one a group holds (a separator class that took
    # every character from "," to "–" made each such group backtrack for milliseconds)
    "1 MB of wide bracket groups": ("txt", lambda: _fill(
        "Claim [" + ",".join(f"{a}-{a + 50}" for a in range(1, 1000, 51)) + "]-[1060] ")),
}


def build(name: str) -> tuple[str, str]:
    """(suffix, text) of the named input (of INPUTS or ISSUE_14_INPUTS)."""
    suffix, make = INPUTS[name] if name in INPUTS else ISSUE_14_INPUTS[name]
    return suffix, make()
