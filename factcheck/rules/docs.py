"""Rule documentation from the registry: ``docs/rules.md``, ``factcheck rules --format json``, SARIF rules.

A rule's docstring is its page: a first line (the summary), optional paragraphs, then ruff's
fixed sections (``## Why is this bad?``, ``## Example``, ``## Fix``).
"""

from __future__ import annotations

from typing import Any

from factcheck.rules.registry import RuleSpec, all_rules

RULES_DOC = "docs/rules.md"


def description(spec: RuleSpec) -> str:
    """The docstring up to its first section heading: what the rule finds."""
    head = []
    for line in spec.doc.splitlines():
        if line.startswith("## "):
            break
        head.append(line)
    return "\n".join(head).strip() or spec.name


def anchor(spec: RuleSpec) -> str:
    """The heading anchor of the rule in docs/rules.md (GitHub style: the code, lower case)."""
    return spec.code.lower()


def rule_record(spec: RuleSpec) -> dict[str, Any]:
    return {"code": spec.code, "name": spec.name, "severity": spec.severity.value,
            "severity_by_genre": {genre: sev.value for genre, sev in spec.by_genre.items()},
            "english_only": spec.english, "summary": spec.summary,
            "description": description(spec), "doc": spec.doc, "aliases": list(spec.aliases),
            "url": f"{RULES_DOC}#{anchor(spec)}"}


def severity_note(spec: RuleSpec) -> str:
    """ "default severity: **warning** (news, web: info) · English text only"."""
    by_severity: dict[str, list[str]] = {}
    for genre, sev in spec.by_genre.items():
        by_severity.setdefault(sev.value, []).append(genre)
    genres = "; ".join(f"{', '.join(genres)}: {sev}" for sev, genres in by_severity.items())
    note = f"default severity: **{spec.severity.value}**" + (f" (in {genres})" if genres else "")
    return note + (" · runs on English text only" if spec.english else "")


def render_rules_markdown(specs: list[RuleSpec] | None = None) -> str:
    """docs/rules.md: a table of every rule, then one section per rule headed by its code."""
    specs = all_rules() if specs is None else specs
    out = ["# Rules", "",
           "<!-- Generated from the rule registry by `factcheck rules --format markdown > docs/rules.md`"
           " (`make docs`); do not edit by hand. -->", "",
           "Each rule has a code, a name, a default severity (change it with `[tool.factcheck.severity]`;"
           " some rules take another in documents of a genre: scholarly, report, news, web)"
           " and the page below: what it finds, why it matters, an example and the fix.", "",
           "| code | name | severity | finds |", "| --- | --- | --- | --- |"]
    for spec in specs:
        summary = spec.summary.replace("|", "\\|")
        out.append(f"| [{spec.code}](#{anchor(spec)}) | {spec.name} | {spec.severity.value} | {summary} |")
    for spec in specs:
        out += ["", f"## {spec.code}", "", f"`{spec.name}` · {severity_note(spec)}", ""]
        for line in spec.doc.splitlines():
            out.append("#" + line if line.startswith("## ") else line)
    return "\n".join(out).rstrip() + "\n"
