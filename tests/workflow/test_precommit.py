"""The pre-commit hook, run by the real pre-commit: it fails on a defect and passes once it is fixed.

``pre-commit try-repo`` clones the hook repository at its HEAD commit (adding changes to tracked
files, but not untracked ones), so the test commits a copy of this checkout's working tree to a
throwaway repository and tries that: the hook definition and code under test are what is on disk.
pre-commit then builds the hook's own virtualenv and pip-installs the copy with its dependencies
from the package index (about half a minute per run); the two runs go side by side.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
LEFT_OUT = ("tests/", "bench/", ".hypothesis/", "claims/", "reports/", ".venv/")

DEFECT = """# Harbour dredging

Published on 2 May 2025

Dredging doubled the port's depth (Okafor, 2019). Costs overran by a third (Hale, 2017).

## References

Okafor, N. (2019). Dredging the Outer Harbour. Port Economics, 12(1), 3-21.
"""
FIXED = DEFECT.replace(" Costs overran by a third (Hale, 2017).", " Costs overran by a third.")
NETWORK_TROUBLE = ("Could not find a version that satisfies", "NewConnectionError", "Temporary failure in name resolution",
                   "Network is unreachable", "ConnectTimeoutError", "No matching distribution found")


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTCHECK_", "PRE_COMMIT", "GIT_"))}
    env.update(GIT_AUTHOR_NAME="factcheck tests", GIT_AUTHOR_EMAIL="tests@example.invalid",
               GIT_COMMITTER_NAME="factcheck tests", GIT_COMMITTER_EMAIL="tests@example.invalid",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", PRE_COMMIT_COLOR="never",
               PRE_COMMIT_HOME=str(home), NO_COLOR="1")
    return env


def _git(env: dict[str, str], cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args], cwd=cwd, env=env,
                   check=True, capture_output=True, timeout=120)


def _checkout_files() -> list[str]:
    if (ROOT / ".git").exists():
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                                check=True, capture_output=True, timeout=120).stdout.decode().split("\0")
    else:
        listed = [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*") if p.is_file()]
    return [f for f in listed if f and not f.startswith(LEFT_OUT) and "__pycache__" not in f
            and (ROOT / f).is_file()]


def _pre_commit() -> str | None:
    beside = Path(sys.executable).parent / "pre-commit"
    return str(beside) if beside.exists() else shutil.which("pre-commit")


def test_hook_fails_on_a_defect_and_passes_once_fixed(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed: pre-commit needs it")
    pre_commit = _pre_commit()
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[dev]')")
    env = _env(tmp_path / "pre-commit-home")

    hooks = tmp_path / "factcheck-checkout"
    for name in _checkout_files():
        (hooks / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, hooks / name)
    assert (hooks / ".pre-commit-hooks.yaml").is_file()
    _git(env, hooks, "init", "-q")
    _git(env, hooks, "add", "-A")
    _git(env, hooks, "commit", "-q", "-m", "factcheck under test")

    broken, fixed = tmp_path / "project", tmp_path / "project-fixed"
    for project, text in ((broken, DEFECT), (fixed, FIXED)):
        project.mkdir()
        _git(env, project, "init", "-q")
        (project / "doc.md").write_text(text, encoding="utf-8")
        _git(env, project, "add", "doc.md")
        _git(env, project, "commit", "-q", "-m", "a document")

    runs = {project: subprocess.Popen([pre_commit, "try-repo", str(hooks), "factcheck", "--files", "doc.md"],
                                      cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      text=True)
            for project in (broken, fixed)}
    results = {}
    for project, proc in runs.items():
        try:
            out, _ = proc.communicate(timeout=900)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        results[project] = (proc.returncode, out)
    for code, out in results.values():
        if code not in (0, 1) or "An unexpected error has occurred" in out:
            if any(sign in out for sign in NETWORK_TROUBLE):
                pytest.skip("pre-commit could not install the hook's environment from the package index:\n" + out[-2000:])
    code, out = results[broken]
    assert code == 1, out
    assert "factcheck" in out and "Failed" in out, out
    assert "doc.md:5:77: CIT001 [error] Citation 'Hale, 2017' matches no entry in the reference list." in out
    code, out = results[fixed]
    assert code == 0, out
    assert "Passed" in out, out
