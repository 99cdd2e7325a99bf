"""Claims checked against the cited works themselves (``--sources``).

``library``: the folder of cited works, each read once through a content-hash cache (``cache``);
``matching``: which file is the text of which reference entry or note; ``works``: which of them
each claim cites; ``quotations`` (with ``quote_pattern``, ``quote_search`` and ``words``, the
normalisations): quotations found verbatim, with words changed, or not at all; ``figures`` (with
``passages``, ``values`` and ``units``): a claim's numbers and dates compared with the best
passages of the source; ``source_index``: what is looked up in a source, built once; ``check``:
all of it for one document, and the evidence it gives claims.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.verify.check import verify, with_evidence
    from factcheck.verify.library import SourceLibrary, open_library, read_library
    from factcheck.verify.model import FigureCheck, Passage, QuoteCheck, SourceMatch, Verification
    from factcheck.verify.works import Cited

# Each name with the module that defines it, imported on first use: a run without --sources
# reads none of this package, and importing one of its modules (``verify.model`` for the
# records a result holds) must not load the rest (some 40 ms of imports and regexes).
_HOMES = {"verify": "check", "with_evidence": "check", "SourceLibrary": "library", "open_library": "library",
          "read_library": "library", "FigureCheck": "model", "Passage": "model", "QuoteCheck": "model",
          "SourceMatch": "model", "Verification": "model", "Cited": "works"}

__all__ = ["Cited", "FigureCheck", "Passage", "QuoteCheck", "SourceLibrary", "SourceMatch", "Verification",
           "open_library", "read_library", "verify", "with_evidence"]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'factcheck.verify' has no attribute '{name}'")
    return getattr(importlib.import_module(f"factcheck.verify.{home}"), name)
