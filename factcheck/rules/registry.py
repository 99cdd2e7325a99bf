"""The rule registry: each rule is a function declared with ``@rule``; its docstring is its page.

The registry feeds ``factcheck rules`` / ``explain``, the SARIF ``rules[]`` and the report's help,
and refuses duplicate codes at import.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factcheck.model import Severity
from factcheck.rules.model import Finding, Related

if TYPE_CHECKING:
    from factcheck.context import AuditContext

# Rule families, imported once so their @rule declarations register.
FAMILIES = ("citations", "references", "notes", "dates", "numbers", "claims", "spelling", "facts")


@dataclass(frozen=True)
class Hit:
    """What a rule reports; the registry turns it into a Finding with code, severity and excerpt."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    related: tuple[Related, ...] = ()


@dataclass(frozen=True)
class RuleSpec:
    code: str
    name: str
    severity: Severity
    check: Callable[["AuditContext"], Iterable[Hit]]
    doc: str = ""
    scope: str = "document"
    aliases: tuple[str, ...] = field(default=())

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


REGISTRY: dict[str, RuleSpec] = {}


def rule(code: str, name: str, severity: Severity, scope: str = "document"):
    """Declare a rule. The decorated function takes an AuditContext and yields Hits."""

    def register(check: Callable[["AuditContext"], Iterable[Hit]]):
        if code in REGISTRY or any(spec.name == name for spec in REGISTRY.values()):
            raise RuntimeError(f"rule {code} ({name}) is declared twice")
        REGISTRY[code] = RuleSpec(code=code, name=name, severity=severity, check=check,
                                  doc=_dedent(check.__doc__ or ""), scope=scope)
        return check

    return register


def _dedent(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc)


def all_rules() -> list[RuleSpec]:
    for family in FAMILIES:
        importlib.import_module(f"factcheck.rules.{family}")
    return [REGISTRY[code] for code in sorted(REGISTRY)]


def select_rules(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[RuleSpec]:
    """Rules whose code starts with a selected prefix (all when none) and no ignored prefix."""
    chosen = []
    for spec in all_rules():
        if select and not any(spec.code.startswith(p) or spec.name == p for p in select):
            continue
        if any(spec.code.startswith(p) or spec.name == p for p in ignore):
            continue
        chosen.append(spec)
    return chosen


def run_rules(ctx: "AuditContext", rules: Sequence[RuleSpec],
              severities: dict[str, Severity] | None = None) -> list[Finding]:
    """Run each rule over the context; findings sorted by place, then code."""
    text = ctx.text
    findings: list[Finding] = []
    for spec in rules:
        if spec.scope != "document":
            continue
        severity = (severities or {}).get(spec.code, spec.severity)
        for hit in spec.check(ctx):
            findings.append(Finding(code=spec.code, rule=spec.name, severity=severity, message=hit.message,
                                    start=hit.start, end=hit.end, excerpt=text[hit.start:hit.end],
                                    suggestion=hit.suggestion, related=hit.related))
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return findings


def related(ctx: "AuditContext", start: int, end: int, label: str) -> Related:
    return Related(start=start, end=end, excerpt=ctx.text[start:end], label=label)
