"""Claims checked against the cited works themselves (``--sources``).

``library``: the folder of cited works, each read once through a content-hash cache (``cache``);
``matching``: which file is the text of which reference entry or note; ``quote_pattern`` and
``quote_search``: quotations found verbatim, with words changed, or not at all (``words``: the
normalisations); ``passages``, ``values`` and ``units``: a claim's figures compared with the best
passages of the source; ``check``: all of it for one document, and the evidence it gives claims.
"""

from factcheck.verify.check import Cited, verify, with_evidence
from factcheck.verify.library import SourceLibrary, open_library, read_library
from factcheck.verify.model import FigureCheck, Passage, QuoteCheck, SourceMatch, Verification

__all__ = ["Cited", "FigureCheck", "Passage", "QuoteCheck", "SourceLibrary", "SourceMatch", "Verification",
           "open_library", "read_library", "verify", "with_evidence"]
