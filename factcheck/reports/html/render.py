"""Render the HTML reports: the view model through Jinja2 (autoescape, StrictUndefined).

The CSS and JS are package data inlined into every page, so a report is one file that works
opened from disk with no network. A Content-Security-Policy meta tag allows exactly those two
inline blocks (by hash) and nothing else: no other script, no event handler attribute, no
fetch, no image, frame or form target. Escaping is what keeps untrusted text inert; the policy
is a second wall behind it.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from factcheck.reports.atomic import open_text_atomic, remove_stale_temporaries, write_text_atomic
from factcheck.reports.html.format import format_time, report_names
from factcheck.reports.html.records import INDEX_NAME, DocumentView, IndexView
from factcheck.reports.html.sections import BIDI_CONTROL
from factcheck.reports.html.view import build_document_view, build_index_view, corpus_findings_by_path, numbered
from factcheck.reports.names import NamesInPathOrder, NamesOnDisk, close_names
from factcheck.reports.prepared import own_places_only, records_of
from factcheck.reports.texts import DocumentTexts, SourceTexts
from factcheck.reports.written import FilesWritten
from factcheck.results import AuditResult, DocumentResult, path_order

_PACKAGE = "factcheck.reports.html"


def _static(name: str) -> str:
    text = resources.files(_PACKAGE).joinpath("static", name).read_text(encoding="utf-8")
    tag = "style" if name.endswith(".css") else "script"
    if f"</{tag}" in text.lower():  # would end the inline block early
        raise RuntimeError(f"{name} must not contain '</{tag}'")
    return text


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=1)
def _environment() -> tuple[Any, dict[str, Any]]:
    import jinja2  # lazily: only when a report is rendered

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(_PACKAGE, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["controls_shown"] = controls_shown
    env.filters["controls_named"] = controls_named
    env.filters["controls_encoded"] = controls_encoded
    css, js = _static("report.css"), _static("report.js")
    csp = (f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
           "img-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; object-src 'none'")
    # Our own package files, checked above: the only strings marked safe.
    assets = {"css": jinja2.utils.markupsafe.Markup(css), "js": jinja2.utils.markupsafe.Markup(js), "csp": csp}
    return env, assets


def controls_shown(text: object) -> object:
    """A string quoted from the document (an excerpt, a claim, a message quoting it) escaped, with
    each bidirectional control isolated in a span that names it, as the document's text shows it
    (``sections``):
    raw, a right-to-left override reversed the rest of its line of the report ("(gnirts)")."""
    if not isinstance(text, str) or not BIDI_CONTROL.search(text):
        return text
    from markupsafe import Markup, escape

    return Markup(BIDI_CONTROL.sub(lambda m: f'<span class="ctl" data-cp="U+{ord(m.group()):04X}">{m.group()}</span>',
                                    str(escape(text))))


def controls_named(text: object) -> object:
    """For an attribute (a tooltip), where no span can isolate one: each bidirectional control
    written as its name, "⟨U+202E⟩", as the page's style names the isolated ones."""
    if not isinstance(text, str) or not BIDI_CONTROL.search(text):
        return text
    return BIDI_CONTROL.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def controls_encoded(url: object) -> object:
    """For a link's target: each bidirectional control percent-encoded, as a URL writes it."""
    if not isinstance(url, str) or not BIDI_CONTROL.search(url):
        return url
    from urllib.parse import quote

    return BIDI_CONTROL.sub(lambda m: quote(m.group()), url)


def render_document(view: DocumentView) -> str:
    env, assets = _environment()
    return env.get_template("document.html.j2").render(v=view, version=view.version,
                                                       generated_iso=view.generated_iso, **assets)


def render_index(view: IndexView) -> str:
    return "".join(index_pieces(view))


def index_pieces(view: IndexView) -> Iterator[str]:
    """The index's HTML a piece at a time, as its rows are made (a row per document)."""
    env, assets = _environment()
    return env.get_template("index.html.j2").generate(v=view, version=view.version,
                                                      generated_iso=view.generated_iso, **assets)


@dataclass(frozen=True)
class DocumentPage:
    """A document's HTML report, audited at ``now``, made from its result where the document is
    audited: ``factcheck.audit(..., prepare=DocumentPage(now))``. A large run's workers then
    render the reports (some 4.5 ms a generated report) while they audit, and ``write_reports``
    writes each as it is, instead of reading every result back to render it alone afterwards.

    None, leaving the report to ``write_reports``, for a document with a finding or a related
    place in another file (``own_places_only``); and a page made here is not used for a document
    that a finding between documents involves (known only once the run's documents are all in:
    its report lists that finding)."""

    now: datetime = field(compare=False)
    # What a page shows of ``now``, by which two are the same: one instant written with two UTC
    # offsets is two pages (``datetime`` equality would take them for one).
    shown: tuple[str, str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "shown", format_time(self.now))

    def __call__(self, result: DocumentResult) -> str | None:
        return render_document(build_document_view(result, self.now)) if own_places_only(result) else None


def write_reports(result: AuditResult, out_dir: Path, now: datetime) -> FilesWritten:
    """One ``<name>.html`` per document and ``index.html`` in ``out_dir``, each written atomically.

    Names are unique and stable (see ``report_names``); the paths are returned documents first
    (in path order), then the index (``FilesWritten``: a large run's on disk). Temporary files
    an earlier, killed run left behind are removed (see ``factcheck.reports.atomic``). A report
    made where its document was audited (``DocumentPage``) is written as it is.
    """
    out_dir = Path(out_dir)
    remove_stale_temporaries(out_dir)

    def write(path: Path, html: str) -> None:
        write_text_atomic(path, html, mode=0o644)  # a report is meant to be read (and served)

    others = DocumentTexts(SourceTexts(result))
    prepared = records_of(result.documents, DocumentPage(now))
    summaries = result.summaries()
    corpus_findings_of = corpus_findings_by_path(result)
    names = report_names(result)
    written: FilesWritten | None = None
    try:
        written = FilesWritten(on_disk=isinstance(names, NamesOnDisk))
        name_of = NamesInPathOrder(names)
        for index in path_order(result.documents):  # one document read at a time
            document_path = summaries[index].path
            naming = corpus_findings_of.get(document_path, [])
            page = prepared(index) if prepared is not None and not naming else None
            if page is None:
                doc = result.documents[index]
                corpus_findings = numbered(result, naming)
                page = render_document(build_document_view(doc, now, names, corpus_findings, others,
                                                           result.side_texts))
            path = out_dir / name_of(document_path)
            write(path, page)
            written.append(path)
        index = out_dir / INDEX_NAME
        with open_text_atomic(index, mode=0o644) as stream:  # written as its rows are made
            for piece in index_pieces(build_index_view(result, now, names)):
                stream.write(piece)
        written.append(index)
    except BaseException:
        if written is not None:
            written.close()
        raise
    finally:
        close_names(names)
    return written
