"""The Markdown loader: the file's own text, its structure as regions, front matter, footnotes,
anchored entries, and audits that read no code as prose.

The documents are our own: a JOSS-like paper with a front matter naming its .bib, and a
README-like note whose citations are links to anchored entries.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.cli import main
from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.gate import result_exit_code
from factcheck.pipeline import audit, audit_document

PAPER = """\
---
title: 'Tidewrack: tracing drift litter along estuaries'
tags:
  - Python
authors:
  - name: Ilse Marrow
    affiliation: 1
  - name: Tobiah Quell
    affiliation: "1, 2"
affiliations:
  - name: Institute of Shore Studies
    index: 1
date: 14 March 2023
bibliography: tide.bib
---

# Summary

Litter drifts with the tide before it strands [@marrow2019]. Quell [-@quell2021] counted
stranded items on four estuaries, and the counts agree with drift models
[see @marrow2019, p. 3; @ostrander2020].
@ostrander2020 describes the survey protocol we follow.

# Usage

Install the package and run the counter on a survey file:

```bash
pip install tidewrack
echo "survey of 12,500 items finished" > log.txt
tidewrack count --min 3,4 survey.csv   # "quoted" and [@notakey]
```

The `count` command takes `--min "2, 000"` items and the `--key @notakey` option. The
summary table lists each site.[^1] Sites with dense vegetation were surveyed twice.[^dense]

| site    | items |
|---------|-------|
| Kelmere | 412   |
| Orwick  | 1,090 |

[^1]: Counts are of items over two centimetres.
[^dense]: See the protocol appendix, section 4.

# References
"""

BIB = """\
@article{marrow2019,
  author = {Marrow, Ilse and Fenwick, Hollis},
  title = {Tidal transport of floating debris},
  journal = {Estuarine Letters},
  year = {2019},
  volume = {7},
  pages = {1--14}
}

@book{quell2021,
  author = {Quell, Tobiah},
  title = {Counting the Strandline},
  publisher = {Saltmarsh Press},
  year = {2021}
}

@article{ostrander2020,
  author = {Ostrander, Wynn},
  title = {A protocol for strandline surveys},
  journal = {Coastal Methods},
  year = {2020},
  volume = {3},
  pages = {20--31}
}

@misc{unusedwork2018,
  author = {Pell, Arno},
  title = {Notes on gulls},
  year = {2018}
}
"""

ANCHORED = """\
# Drift litter in small harbours

Harbour litter follows the prevailing wind [Marrow and Fenwick 2019](#marrow2019), while
stranding depends on the slope of the shore [Ostrander 2020](#ostrander2020). See the
[methods](#methods) section for the survey.

## Methods

We walked each harbour wall twice a day.

## References

<a name="marrow2019"></a>Marrow, I., & Fenwick, H. (2019). Tidal transport of floating debris. *Estuarine Letters*, 7, 1-14.

<a name="ostrander2020"></a>Ostrander, W. (2020). A protocol for strandline surveys. *Coastal Methods*, 3, 20-31.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def paper(tmp_path):
    write(tmp_path, "tide.bib", BIB)
    return write(tmp_path, "tide.md", PAPER)


def spans(doc, kind):
    return [doc.text[r.start:r.end] for r in doc.regions if r.kind == kind]


def test_the_text_is_the_file_and_regions_say_what_each_part_is(paper):
    doc = load_document(paper)
    assert doc.text == PAPER
    assert spans(doc, "front-matter") == [PAPER[:PAPER.index("---\n\n") + 3]]
    code = spans(doc, "code")
    assert code[0].startswith("```bash\npip install") and code[0].endswith("survey.csv   # \"quoted\" and [@notakey]\n```")
    assert code[1:] == ["`count`", '`--min "2, 000"`', "`--key @notakey`"]
    assert spans(doc, "heading") == ["# Summary", "# Usage", "# References"]
    assert spans(doc, "table") == [PAPER[PAPER.index("| site"):PAPER.index("| 1,090 |") + 9]]
    assert spans(doc, "notes") == ["[^1]: Counts are of items over two centimetres.\n"
                                   "[^dense]: See the protocol appendix, section 4."]


def test_front_matter_gives_title_date_authors_and_bibliography(paper):
    meta = load_document(paper).metadata
    assert meta.title == "Tidewrack: tracing drift litter along estuaries"
    assert meta.published == "2023-03-14"
    assert meta.authors == ("Ilse Marrow", "Tobiah Quell")
    assert meta.bibliography == (str(paper.parent / "tide.bib"),)


def test_a_date_that_is_no_date_leaves_the_rest_of_the_front_matter_read(paper):
    text = paper.read_text(encoding="utf-8")
    assert "date: 14 March 2023" in text
    paper.write_text(text.replace("date: 14 March 2023", "date: 2023-02-30"), encoding="utf-8")
    doc = load_document(paper)  # YAML cannot build that date: it stays a string, and no date
    assert doc.metadata.published is None and doc.problems == ()
    assert doc.metadata.title == "Tidewrack: tracing drift litter along estuaries"
    assert doc.metadata.bibliography == (str(paper.parent / "tide.bib"),)


def test_a_front_matter_that_is_not_yaml_is_an_input_error_naming_the_line(paper):
    text = paper.read_text(encoding="utf-8")
    title = "title: 'Tidewrack: tracing drift litter along estuaries'"
    assert text.splitlines()[1] == title  # line 2 of the file
    paper.write_text(text.replace(title, "title: 'Tidewrack"), encoding="utf-8")
    doc = load_document(paper)
    assert doc.metadata.title is None and doc.metadata.bibliography == ()
    reason = ("front matter is not YAML (line 2: while scanning a quoted scalar, found unexpected end of stream): "
              "its title, date, authors and bibliography were not read; fix it, or quote the value")
    assert doc.problems == (reason,)
    # Audited all the same (its citations then match nothing); the run says why, and exits 2.
    result = audit([paper], Settings(claims_dir=None))
    assert [(Path(e.path).name, e.message) for e in result.errors] == [(paper.name, reason)]
    assert {f.code for f in result.documents[0].findings} == {"CIT001"}
    assert result_exit_code(result) == 2


def test_a_rule_of_dashes_opening_the_file_is_no_front_matter_to_fault(tmp_path):
    """"---" then a blank line opens no metadata block (pandoc's rule): a thematic break, and no
    input error whatever stands between it and the next "---"."""
    memo = tmp_path / "memo.md"
    memo.write_text("---\n\nNote: figures below are provisional: check with the board.\n\n---\n\n# Dam report\n\n"
                    "The river carried 3,900 tonnes of silt in 2026.\n", encoding="utf-8")
    doc = load_document(memo)
    assert doc.problems == ()
    # The paragraph between the rules is the document's, audited as any other.
    note = doc.text.index("Note: figures")
    assert [r.kind for r in doc.regions if r.start <= note < r.end] == []
    assert audit([memo], Settings(claims_dir=None)).errors == ()


def test_footnotes_numbered_by_first_reference_whatever_their_labels(paper):
    doc = load_document(paper)
    marks = [(m.kind, doc.text[m.start:m.end], m.number) for m in doc.note_marks]
    assert marks == [("reference", "[^1]", 1), ("reference", "[^dense]", 2),
                     ("note", "[^1]: Counts are of items over two centimetres.", 1),
                     ("note", "[^dense]: See the protocol appendix, section 4.", 2)]


def test_audit_links_every_key_to_the_bibliography_the_front_matter_names(paper):
    result = audit_document(load_document(paper), Settings())
    ex = result.extraction
    links = {link.citation_id: link.target_id for link in ex.links}
    refs = {r.id: r.key for r in ex.references}
    cited = [(c.style, c.text, refs.get(links[c.id]) or links[c.id]) for c in ex.citations]
    assert ("pandoc", "@marrow2019", "marrow2019") in cited
    assert ("pandoc", "-@quell2021", "quell2021") in cited
    assert ("pandoc", "@marrow2019, p. 3", "marrow2019") in cited
    assert ("pandoc", "@ostrander2020", "ostrander2020") in cited
    assert [c for c in cited if c[0] == "note"] == [("note", "[^1]", "n1.1"), ("note", "[^dense]", "n1.2")]
    # nothing is read inside the code: no key, quotation, number or spelling from it
    assert not any("notakey" in c[1] for c in cited)
    # The one finding: the bibliography's unused entry, at info (a shared .bib holds more works than
    # one paper cites), located in the .bib file.
    assert [(f.code, f.severity.value, f.excerpt, Path(f.path).name) for f in result.findings] == [
        ("CIT002", "info", "@misc{unusedwork2018,", "tide.bib")]
    assert result.errors == ()
    for claim in ex.claims:
        assert claim.text == doc_text(result)[claim.start:claim.end]
        assert not any(q.text == "quoted" for q in claim.quotes)
        assert not any(n.text in ("12,500", "2, 000", "3,4") for n in claim.numbers)


def test_bare_key_at_the_start_of_a_line_is_a_citation(paper):
    ex = audit_document(load_document(paper), Settings()).extraction
    assert sum(1 for c in ex.citations if c.key == "ostrander2020") == 2


def doc_text(result) -> str:
    return result.document.text


def test_bib_option_wins_over_the_front_matter(paper, tmp_path):
    other = write(tmp_path, "other.bib", BIB.replace("marrow2019", "marrow2019x"))
    result = audit([paper], Settings(select=("CIT001",)), bib=str(other))
    assert [f.excerpt for f in result.documents[0].findings] == ["@marrow2019", "@marrow2019, p. 3"]


def test_a_missing_bibliography_is_an_input_error_and_the_document_is_still_audited(tmp_path, capsys):
    path = write(tmp_path, "lone.md", PAPER.replace("tide.bib", "absent.bib"))
    result = audit([path], Settings(select=("CIT001",)))
    assert [(e.path, e.message) for e in result.errors] == [
        (str(tmp_path / "absent.bib"), f"no such file (the bibliography named in {path})")]
    assert [c.key for c in result.documents[0].extraction.citations if c.style == "pandoc"][:2] == [
        "marrow2019", "quell2021"]
    assert main(["audit", str(path), "--no-html", "--no-claims", "--format", "json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["errors"] == [{"path": str(tmp_path / "absent.bib"),
                              "message": f"no such file (the bibliography named in {path})"}]


def test_a_renamed_paper_finds_its_bibliography_under_its_own_name(tmp_path):
    write(tmp_path, "tidewrack.bib", BIB)
    path = write(tmp_path, "tidewrack.md", PAPER)  # names tide.bib, which is not there
    assert load_document(path).metadata.bibliography == (str(tmp_path / "tidewrack.bib"),)
    result = audit([path], Settings())
    assert result.errors == ()
    assert [(f.code, f.severity.value, Path(f.path).name) for f in result.documents[0].findings] == [
        ("CIT002", "info", "tidewrack.bib")]


def test_link_style_citations_link_to_anchored_entries(tmp_path):
    path = write(tmp_path, "harbour.md", ANCHORED)
    doc = load_document(path)
    assert [(a.name, doc.text[a.target:a.target + 9]) for a in doc.anchors] == [
        ("marrow2019", "Marrow, I"), ("ostrander2020", "Ostrander")]
    # the anchors' tags and the links' destinations are markup
    assert spans(doc, "code") == ["](#marrow2019)", "](#ostrander2020)", "](#methods)", '<a name="marrow2019">',
                                  "</a>", '<a name="ostrander2020">', "</a>"]
    result = audit_document(doc, Settings())
    ex = result.extraction
    refs = {r.id: r for r in ex.references}
    assert [(r.key, r.text[:30]) for r in ex.references] == [
        ("marrow2019", "Marrow, I., & Fenwick, H. (201"), ("ostrander2020", "Ostrander, W. (2020). A protoc")]
    links = {link.citation_id: link.target_id for link in ex.links}
    # The citation is what the grammar reads in the link's text; the link gives its entry.
    assert [(c.text, refs[links[c.id]].key) for c in ex.citations] == [
        ("Marrow and Fenwick", "marrow2019"), ("Ostrander 2020", "ostrander2020")]
    assert [(f.code, f.excerpt) for f in result.findings] == []


def test_text_commented_out_after_a_paragraph_is_not_audited(tmp_path):
    """An HTML comment may interrupt a paragraph: what it holds is not printed, so its citations
    are none, while a suppression comment still applies."""
    bib = write(tmp_path, "gulls.bib", "@article{marrow2019, author={Marrow, Ilse}, title={Gulls},"
                                       " journal={Shore Notes}, year={2019}}\n")
    text = ("# Gulls\n\nGulls follow the trawlers [@marrow2019].\nThey nest on roofs.\n<!--\n"
            "A draft sentence that cites [@quell2021] and\nends here [@ostrander2020]. -->\n\n"
            "Roof nests doubled [@marrow2020]. <!-- factcheck: ignore CIT001 -->\n\n"
            "Gulls are loud [@fenwick2018].\n")
    path = write(tmp_path, "gulls.md", text)
    assert any(span.startswith("<!--\nA draft sentence") for span in spans(load_document(path), "code"))
    result = audit([path], Settings(select=("CIT001",)), bib=str(bib))
    doc = result.documents[0]
    assert [c.text for c in doc.extraction.citations] == ["@marrow2019", "@marrow2020", "@fenwick2018"]
    assert [(f.code, f.excerpt) for f in doc.findings] == [("CIT001", "@fenwick2018")]
    assert result.suppressed == 1


def test_a_note_without_a_marker_and_a_marker_without_a_note(tmp_path):
    text = ("# Gulls\n\nGulls follow the trawlers.[^trawl] They nest on roofs.[^roofs]\n\n"
            "[^trawl]: Observed from the harbour wall.\n\n[^spare]: A note nobody points at.\n")
    result = audit_document(load_document(write(tmp_path, "gulls.md", text)), Settings(select=("FN",)))
    assert [(f.code, f.excerpt) for f in result.findings] == [("FN001", "[^roofs]"), ("FN002", "[^spare]:")]


def test_extract_json_lists_the_regions(paper, capsys):
    assert main(["extract", str(paper), "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert {"kind": "code", "text": "`count`"}.items() <= next(
        r for r in record["regions"] if r["text"] == "`count`").items()
    kinds = [(b["kind"], b["text"][:7]) for b in record["blocks"]]  # "Install ...:" is a heading to the layout
    assert kinds[:7] == [("front-matter", "---\ntit"), ("heading", "# Summa"), ("body", "Litter "),
                         ("heading", "# Usage"), ("heading", "Install"), ("code", "```bash"), ("body", "The `co")]


def test_a_text_too_large_to_parse_still_hides_front_matter_and_fenced_code(tmp_path):
    lines = "".join(f"Line {n} of the log.\n" for n in range(40_000))
    text = PAPER.split("# Usage")[0] + "```\necho \"not a quotation at all, said nobody\"\n```\n\n" + lines
    write(tmp_path, "tide.bib", BIB)
    doc = load_document(write(tmp_path, "long.md", text))
    assert dict(doc.metadata.extra)["markdown"] == ("only front matter and fenced code read: "
                                                    f"{text.count(chr(10)):,} lines (the limit is 30,000)")
    assert [(r.kind, doc.text[r.start:r.end][:9]) for r in doc.regions] == [("front-matter", "---\ntitle"),
                                                                           ("code", "```\necho ")]
    assert doc.metadata.title == "Tidewrack: tracing drift litter along estuaries"
    result = audit_document(doc, Settings(select=("CLM002", "CIT001")))
    assert result.findings == ()


def test_a_csl_json_bibliography_in_a_list(tmp_path):
    write(tmp_path, "tide.bib", BIB)
    write(tmp_path, "more.json", json.dumps([{
        "id": "harlow2022", "type": "article-journal", "title": "Gull counts on harbour walls",
        "author": [{"family": "Harlow", "given": "Edda"}], "issued": {"date-parts": [[2022]]}}]))
    text = PAPER.replace("bibliography: tide.bib", "bibliography:\n  - tide.bib\n  - more.json").replace(
        "[-@quell2021]", "[-@quell2021; @harlow2022]")
    doc = load_document(write(tmp_path, "two.md", text))
    assert doc.metadata.bibliography == (str(tmp_path / "tide.bib"), str(tmp_path / "more.json"))
    result = audit_document(doc, Settings())
    ex = result.extraction
    assert [r.key for r in ex.references] == ["marrow2019", "quell2021", "ostrander2020", "unusedwork2018",
                                              "harlow2022"]
    assert [r.id for r in ex.references] == ["b1", "b2", "b3", "b4", "b5"]
    links = {link.citation_id: link.target_id for link in ex.links}
    assert [links[c.id] for c in ex.citations if c.key == "harlow2022"] == ["b5"]
    assert [(f.code, f.severity.value, Path(f.path).name) for f in result.findings] == [
        ("CIT002", "info", "tide.bib")]


def test_span_anchors_name_their_bracket_on_their_line(tmp_path):
    """A pandoc span "[text]{#name ...}" anchors "name" at its "["; one unclosed on its line, or
    ahead of a hostile run of "]{#", anchors nothing (and is read in linear time)."""
    text = ("# Works\n\n[Marrow 2019]{#marrow2019 .csl-entry} and [Ostrander]{#ost2020}.\n\n"
            "[Loose]{#loose no brace\n}\n\n[Runs]{#a]{#b}\n\n" + "]{#" * 20_000 + "\n")
    doc = load_document(write(tmp_path, "spans.md", text))
    assert [(a.name, doc.text[a.start:a.start + 8]) for a in doc.anchors] == [
        ("marrow2019", "[Marrow "), ("ost2020", "[Ostrand"), ("a]{#b", "[Runs]{#")]


_LINE_OPENINGS = ["", " ", "   ", "    ", "\t", "> ", "- ", "* ", "+ ", "1. ", "2) ", "# ", "## ", "```", "~~~",
                  "---", "***", "___", "| a | b |", "|---|---|", ":-:|", "<div>", "<!-- x -->", "[^1]: a note",
                  "[a]: http://x", "$$", "===", "Text", "word", "-", "1", "10.", ">", "#x", "<", "|", "\\",
                  "  > - ", "1. > ", "- - "]
_LINE_BODIES = ["", "a", "b c", " d *e* `f`", "[^1] g", "| h |", "$x$", "<b>i</b>"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_LINE_OPENINGS), st.sampled_from(_LINE_BODIES)), min_size=1, max_size=12),
       st.booleans())
def test_block_rules_asked_only_where_their_block_opens_read_as_markdown_it_does(lines, newline_at_end) -> None:
    # The parser asks a block rule that may interrupt a paragraph only at a line whose first
    # character can open its block (``BLOCK_OPENERS``); the tokens are markdown-it's own.
    from factcheck.documents.markdown_bounds import BLOCK_OPENERS, parser, plain_parser

    text = "\n".join(opening + body for opening, body in lines) + ("\n" if newline_at_end else "")
    plain = plain_parser()
    # What each gated rule may interrupt is markdown-it's (``Ruler.at`` would reset it).
    assert {r.name: r.alt for r in parser().block.ruler.__rules__ if r.name in BLOCK_OPENERS} == {
        r.name: r.alt for r in plain.block.ruler.__rules__ if r.name in BLOCK_OPENERS}

    def tokens(md):
        return [(t.type, t.map, t.content, t.info, t.markup) for t in md.parse(text)]

    assert tokens(parser()) == tokens(plain)


_INLINE_PIECES = ["plain words", "Smith0, J. (1900). T0. J, 4.", "  ", "\n", "   \n", "é ü", "*em*", "`code`",
                  "[link](#x)", "[^1]", "$x$", "<b>", "&amp;", "a\\", "x-y", "a: b", "{#id}", "~", "@key", "1. 2."]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_INLINE_PIECES), min_size=1, max_size=10))
def test_inline_content_without_marks_is_left_unparsed_and_holds_only_text(pieces) -> None:
    # The parser leaves the children of an inline token empty when its content holds none of the
    # characters at which an inline rule fires: markdown-it's own children there are text and line
    # breaks only (nothing the reader reads); every other token is markdown-it's own, children included.
    from factcheck.documents.markdown_bounds import _TERMINATORS, parser, plain_parser

    text = "Intro.\n\n" + "".join(pieces) + "\n\n- item " + pieces[0] + "\n"
    plain, ours = plain_parser().parse(text), parser().parse(text)
    assert [(t.type, t.map, t.content) for t in ours] == [(t.type, t.map, t.content) for t in plain]
    for mine, theirs in zip(ours, plain):
        if mine.type != "inline":
            continue
        if any(ch in mine.content for ch in _TERMINATORS):
            assert [(c.type, c.content, c.markup) for c in mine.children] == [
                (c.type, c.content, c.markup) for c in theirs.children]
        else:
            assert mine.children == []
            assert {c.type for c in theirs.children} <= {"text", "softbreak", "hardbreak"}


def test_a_plain_reference_list_is_read_as_a_list_with_its_citations(tmp_path) -> None:
    # A long paragraph of plain lines (no inline marks) is still a reference list, its entries
    # linked; a code span and a note marker in another paragraph are still read.
    entries = "\n".join(f"Marrow{i}, K. ({1900 + i}). Tide tables {i}. Harbour Notes, 4." for i in range(40))
    text = f"Tides rose (Marrow3, 1903) as `tide()` says.[^a]\n\n[^a]: A note.\n\n## References\n\n{entries}\n"
    doc = load_document(write(tmp_path, "plain.md", text))
    code = [doc.text[r.start:r.end] for r in doc.regions if r.kind == "code"]
    assert code == ["`tide()`"]
    assert [(m.kind, doc.text[m.start:m.end]) for m in doc.note_marks][0] == ("reference", "[^a]")
    result = audit_document(doc, Settings(select=("CIT001", "CIT002")))
    entry_of = {e.id: e for e in result.extraction.references}
    linked = [(c.text, entry_of[link.target_id].text[:15]) for c in result.extraction.citations
              for link in result.extraction.links if link.citation_id == c.id and c.style == "author-year"]
    assert linked == [("Marrow3, 1903", "Marrow3, K. (19")]
    assert len(result.extraction.references) == 40
    uncited = [(f.code, f.excerpt[:12]) for f in result.findings]
    assert ("CIT002", "Marrow0, K. ") in uncited and ("CIT002", "Marrow3, K. ") not in uncited
