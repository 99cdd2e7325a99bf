"""Claims checked against the cited works themselves (``--sources``).

``library``: the folder of cited works, each read once through a content-hash cache (``cache``);
``matching``: which file is the text of which reference entry or note; ``works``: which of them
each claim cites; ``quotations`` (with ``quote_pattern``, ``quote_search`` and ``words``, the
normalisations): quotations found verbatim, with words changed, or not at all; ``figures`` (with
``passages``, ``values`` and ``units``): a claim's numbers and dates compared with the best
passages of the source; ``source_index``: what is looked up in a source, built once; ``check``:
all of it for one document, and the evidence it gives claims.
"""

from factcheck.verify.check import verify, with_evidence
from factcheck.verify.library import SourceLibrary, open_library, read_library
from factcheck.verify.model import FigureCheck, Passage, QuoteCheck, SourceMatch, Verification
from factcheck.verify.works import Cited

__all__ = ["Cited", "FigureCheck", "Passage", "QuoteCheck", "SourceLibrary", "SourceMatch", "Verification",
           "open_library", "read_library", "verify", "with_evidence"]
