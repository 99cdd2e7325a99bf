"""The package's layers: imports run one way, from the ground up, and rules stay independent.

Read from the source with ``ast``, every import counted (module level and inside functions),
except those under ``if TYPE_CHECKING:``, which never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "factcheck"

# Lowest first. A module may import from its own layer and the layers below it.
LAYERS = [
    {"model", "genres", "spans", "packing", "timelimit", "memlimit", "collector", "config"},
    {"text", "results", "spool", "store"},
    {"documents"},
    {"citations"},
    {"claims"},
    {"verify"},
    {"extract"},
    {"context", "corpus_documents"},
    {"rules", "suppress", "gate"},
    {"configure", "workers", "walk", "collect", "pipeline", "cluster"},
    {"reports"},
    {"terminal", "arguments", "cli", "__init__", "__main__"},
]
LAYER_OF = {part: number for number, parts in enumerate(LAYERS) for part in parts}


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports_of(path: Path) -> list[tuple[str, list[str], int]]:
    """(imported module, names imported from it, line) for every import of factcheck that runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_lines(tree)
    own = _module_name(path)
    found = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "factcheck" or node.module.startswith("factcheck."):
                found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.ImportFrom) and node.level:
            base = own.split(".")[: -node.level] if path.name != "__init__.py" else own.split(".")
            found.append((".".join(base + ([node.module] if node.module else [])), [a.name for a in node.names],
                          node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names if a.name.startswith("factcheck")]
    return found


def _part(module: str) -> str:
    """The layer key of a module: its first name under factcheck (``text``, ``rules``...)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_part_of_the_package_has_a_layer():
    assert {_part(_module_name(path)) for path in MODULES} <= set(LAYER_OF)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_down_the_layers(path):
    own = _part(_module_name(path))
    upward = [f"line {line}: {module}" for module, _, line in imports_of(path)
              if module != "factcheck" and LAYER_OF[_part(module)] > LAYER_OF[own]]
    assert upward == [], f"{path.name} ({own}) imports from a layer above it"


def test_text_and_documents_know_nothing_of_the_layers_above():
    above = {"claims", "citations", "rules", "reports", "context", "extract", "pipeline"}
    for path in MODULES:
        if _part(_module_name(path)) in ("text", "documents"):
            assert not [m for m, _, _ in imports_of(path) if _part(m) in above], path


def test_no_rule_module_imports_another_rule_module_or_a_private_name():
    for path in (PACKAGE / "rules").glob("*.py"):
        for module, names, line in imports_of(path):
            if _part(module) == "rules":
                assert module in ("factcheck.rules.registry", "factcheck.rules.docs"), f"{path.name}:{line} {module}"
            private = [n for n in names if n.startswith("_") and n != "__version__"]
            assert not private, f"{path.name}:{line} imports {private} from {module}"


def test_no_module_imports_a_private_name_of_another():
    for path in MODULES:
        own = _module_name(path)
        for module, names, line in imports_of(path):
            private = [n for n in names if n.startswith("_") and n != "__version__"]
            assert module == own or not private, f"{path.name}:{line} imports {private} from {module}"


def test_no_import_circle_between_modules():
    graph: dict[str, set[str]] = {}
    names = {_module_name(path) for path in MODULES}
    for path in MODULES:
        targets = set()
        for module, imported, _ in imports_of(path):
            # "from factcheck.citations import resolve" imports the module factcheck.citations.resolve
            targets |= {f"{module}.{n}" for n in imported if f"{module}.{n}" in names} or {module}
        graph[_module_name(path)] = targets & names - {_module_name(path)}
    circles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                circles.append(trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    # The package's __init__ is the lazy public facade; importing it from a module is for __version__.
    circles = [c for c in circles if "factcheck" not in c]
    assert circles == []
