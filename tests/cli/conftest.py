"""Documents with known findings, and the command line run in-process in a clean folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CLEAN = (ROOT / "tests" / "fixtures" / "clean-paper.md").read_text(encoding="utf-8")

# One finding each, at a known severity.
INFO_ONLY = """# Harbour dredging

Published on 2 May 2025

Dredging doubled the port's depth, an official said.
"""

WARNINGS_ONLY = """# Harbour dredging

Published on 2 May 2025

Dredging doubled the port's depth (Okafor, 2019).

## References

Hale, R. (2017). River Basins under Pressure. Meridian Press.

Okafor, N. (2019). Dredging the Outer Harbour. Port Economics, 12(1), 3-21.
"""

ERRORS = """# Harbour dredging

Published on 2 May 2025

Dredging doubled the port's depth (Okafor, 2019). Costs overran by a third (Hale, 2017).

## References

Okafor, N. (2019). Dredging the Outer Harbour. Port Economics, 12(1), 3-21.
"""


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A working folder with no settings file above it and no FACTCHECK_* / CI variables."""
    for name in list(os.environ):
        if name.startswith("FACTCHECK_") or name in ("CI", "NO_COLOR", "FORCE_COLOR"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def cli(workdir, capsys):
    """Run ``factcheck ARGS`` in-process; returns (exit code, stdout, stderr)."""
    from factcheck.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse usage errors
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out, err

    return run
