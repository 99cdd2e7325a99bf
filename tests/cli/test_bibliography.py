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
    return [(f.code, f.excerpt) for f in doc.findings], {k: refs.get(v) for k, v in keys.items()}


def test_bibtex(tmp_path):
    findings, linked = _findings(tmp_path, "refs.bib", BIB)
    assert linked == {"okafor2019": "okafor2019", "hale2017": "hale2017", "mensah2021": None}
    # An external bibliography holds more works than one paper cites: no CIT002 for unused2010.
    assert findings == [("CIT001", "@mensah2021")]


def test_csl_json(tmp_path):
    items = [{"id": "okafor2019", "type": "article-journal", "title": "Water Allocation on Shared Rivers",
              "author": [{"family": "Okafor", "given": "Ngozi"}], "issued": {"date-parts": [[2019]]}},
             {"id": "hale2017", "type": "book", "title": "River Basins under Pressure",
              "author": [{"family": "Hale", "given": "Rosa"}], "issued": {"date-parts": [[2017]]}}]
    findings, linked = _findings(tmp_path, "refs.json", json.dumps(items))
    assert linked["hale2017"] == "hale2017"
    assert findings == [("CIT001", "@mensah2021")]


def test_unreadable_bibliography_is_an_error_entry(tmp_path):
    (tmp_path / "delta.md").write_text(DOC, encoding="utf-8")
    result = audit([tmp_path / "delta.md"], Settings(), bib=str(tmp_path / "nope.bib"))
    assert [e.path for e in result.errors] == [str(tmp_path / "nope.bib")]
    assert len(result.documents) == 1
