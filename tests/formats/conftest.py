"""Let the tests import their helpers (make_pdf, make_docx, twin) under any pytest import mode."""

import sys
from pathlib import Path

HERE = str(Path(__file__).parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
