"""factcheck: audit the claims and citations in documents before they are published."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "audit", "load_document"]


def __getattr__(name: str):
    # Keep `import factcheck` (and `factcheck --version`) cheap: load the pipeline on first use.
    if name == "audit":
        from factcheck.pipeline import audit

        return audit
    if name == "load_document":
        from factcheck.documents import load_document

        return load_document
    raise AttributeError(name)
