"""Pandoc citations checked against an external bibliography (--bib), BibTeX and CSL-JSON."""

from __future__ import annotations

import json

from factcheck.config import Settings
from factcheck.pipeline import audit

DOC = """# Sediment in the Kessa delta

The delta lost a tenth of its area in a decade [@okafor2019, p. 12; @hale2017]. Dredging made
it worse [see @mensah2021].
"""

BIB = """@article{okafor2019,
  author = {Okafor, Ngozi and Lindqvist, Erik},
  title = {Water Allocation on Shared Rivers},
  journal = {Hydropolitics},
  year = {2019},
}

@book{hale2017,
  author = {Hale, Rosa},
  title = {River Basins under Pressure},
  publisher = {Meridian Press},
  year = {2017},
}

@book{unused2010,
  author = {Stone, Pia},
  title = {Silt},
  year = {2010},
}
"""


def _findings(tmp_path, bib_name, bib_text):
    (tmp_path / "delta.md").write_text(DOC, encoding="utf-8")
    (tmp_path / bib_name).write_text(bib_text, encoding="utf-8")
    result = audit([tmp_path / "delta.md"], Settings(select=("CIT",)), bib=str(tmp_path / bib_name))
    (doc,) = result.documents
    links = {link.citation_id: link.target_id for link in doc.extraction.links}
    keys = {c.key: links[c.id] for c in doc.extraction.citations if c.style == "pandoc"}
    refs = {r.id: r.key for r in doc.extraction.references}
    return [(f.code, f.excerpt) for f in doc.findings], {k: refs.get(v) for k, v in keys.items()}, doc.findings


def test_bibtex(tmp_path):
    findings, linked, full = _findings(tmp_path, "refs.bib", BIB)
    assert linked == {"okafor2019": "okafor2019", "hale2017": "hale2017", "mensah2021": None}
    # An external bibliography holds more works than one paper cites: unused2010 is reported at
    # info (as checkcites does), in the .bib file, where the entry is.
    assert findings == [("CIT001", "@mensah2021"), ("CIT002", "@book{unused2010,")]
    uncited = full[1]
    bib = (tmp_path / "refs.bib").read_text(encoding="utf-8")
    line = bib.count("\n", 0, uncited.start) + 1  # the JSON and the other reporters say the same
    assert (uncited.severity.value, uncited.path, line) == ("info", str(tmp_path / "refs.bib"), 15)


def test_uncited_bib_severity_is_configurable(tmp_path):
    (tmp_path / "delta.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    settings = Settings(select=("CIT002",), uncited_bib_severity="warning")
    (doc,) = audit([tmp_path / "delta.md"], settings, bib=str(tmp_path / "refs.bib")).documents
    assert [(f.code, f.severity.value, f.excerpt) for f in doc.findings] == [
        ("CIT002", "warning", "@book{unused2010,")]


def test_front_matter_bibliography(tmp_path):
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "delta.md").write_text("---\ntitle: Delta\nbibliography: refs.bib\n---\n\n" + DOC, encoding="utf-8")
    result = audit([tmp_path / "delta.md"], Settings(select=("CIT",)))
    (doc,) = result.documents
    assert [(f.code, f.excerpt) for f in doc.findings] == [("CIT001", "@mensah2021"),
                                                           ("CIT002", "@book{unused2010,")]
    (tmp_path / "other.md").write_text("---\nbibliography: [missing.bib]\n---\n\n" + DOC, encoding="utf-8")
    result = audit([tmp_path / "other.md"], Settings(select=("CIT",)))
    assert [e.path for e in result.errors] == [str(tmp_path / "missing.bib")]
    assert len(result.documents) == 1  # audited all the same, against its own text


def test_csl_json(tmp_path):
    items = [{"id": "okafor2019", "type": "article-journal", "title": "Water Allocation on Shared Rivers",
              "author": [{"family": "Okafor", "given": "Ngozi"}], "issued": {"date-parts": [[2019]]}},
             {"id": "hale2017", "type": "book", "title": "River Basins under Pressure",
              "author": [{"family": "Hale", "given": "Rosa"}], "issued": {"date-parts": [[2017]]}}]
    findings, linked, _ = _findings(tmp_path, "refs.json", json.dumps(items))
    assert linked["hale2017"] == "hale2017"
    assert findings == [("CIT001", "@mensah2021")]


def test_unreadable_bibliography_is_an_error_entry(tmp_path):
    (tmp_path / "delta.md").write_text(DOC, encoding="utf-8")
    result = audit([tmp_path / "delta.md"], Settings(), bib=str(tmp_path / "nope.bib"))
    assert [e.path for e in result.errors] == [str(tmp_path / "nope.bib")]
    assert len(result.documents) == 1
