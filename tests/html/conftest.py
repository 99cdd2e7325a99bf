"""Fixtures for the HTML report tests: the demo corpus audited once, and a headless Chromium.

Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright for Python; they
skip, saying why, when either is missing. Nothing downloads a browser.
"""

from __future__ import annotations

import importlib.util
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path(os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium"))
NOW = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
SOURCES = ("dam-safety-memo.docx", "grid-outage-news.html", "port-expansion-report.txt",
           "river-basin-paper.md", "water-tariffs-brief.pdf")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def demo_result():
    """The five demo documents audited together, as `make demo` does (the paper's quotations and
    figures checked against sources/cited/), with paths relative to the repository."""
    from factcheck.config import Settings
    from factcheck.pipeline import audit

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return audit([Path("sources") / name for name in SOURCES], Settings(claims_dir=None, sources="sources/cited"))
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="session")
def browser():
    if importlib.util.find_spec("playwright") is None:
        pytest.skip("the playwright Python package is not installed (pip install playwright; "
                    "never 'playwright install': the tests use Debian's Chromium)")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: apt-get install chromium (or set FACTCHECK_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class PageWatch:
    """Console messages, page errors and dialogs seen by a page."""

    def __init__(self, page) -> None:
        self.console: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text}"))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self.requests.append(request.url))

        def dialog(d) -> None:
            self.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", dialog)


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, color_scheme="light",
                                  java_script_enabled=True)
    # Nothing but our own files: any request off file:// fails loudly in the test that made it.
    context.route(lambda url: not url.startswith("file://"), lambda route: route.abort())
    page = context.new_page()
    page.watch = PageWatch(page)
    try:
        yield page
    finally:
        context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path
