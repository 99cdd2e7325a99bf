"""Records built on the hot paths without their validator are the records validation builds."""

from __future__ import annotations

import gc

import pytest

from factcheck.collector import collector_paused
from factcheck.model import Severity
from factcheck.results import Finding, Related

FIELDS = dict(code="CIT001", rule="missing-reference", severity=Severity.ERROR,
              message="Citation '(Hale, 2017)' matches no entry in the reference list.", start=12, end=24,
              excerpt="(Hale, 2017)", suggestion="add the cited work", path=None,
              related=(Related(start=40, end=52, excerpt="Hale, A. 2017", label="reference entry"),))


def test_finding_of_equals_the_validated_record():
    fast, checked = Finding.of(**FIELDS), Finding(**FIELDS)
    assert fast == checked and hash(fast) == hash(checked)
    assert fast.model_dump() == checked.model_dump()
    assert fast.model_fields_set == checked.model_fields_set
    assert (fast.code, fast.start, fast.end, fast.excerpt) == ("CIT001", 12, 24, "(Hale, 2017)")
    with pytest.raises(Exception):
        fast.start = 3  # frozen like any other
    moved = fast.model_copy(update={"start": 13})
    assert (moved.start, fast.start, Finding.of(**FIELDS).start) == (13, 12, 12)
    assert Finding.of(**FIELDS).model_fields_set == set(Finding.model_fields)


def test_finding_of_validates_values_of_other_types():
    # a list of related places and a severity by name are converted, as the validator does
    loose = Finding.of(**{**FIELDS, "related": list(FIELDS["related"]), "severity": "error"})
    assert loose == Finding(**FIELDS)
    assert type(loose.related) is tuple and loose.severity is Severity.ERROR
    with pytest.raises(ValueError):
        Finding.of(**{**FIELDS, "start": "twelve"})


def test_collector_paused_inside_the_block_and_restored_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it as the outer one set it
    assert gc.isenabled()


def test_quick_init_builds_the_same_frozen_citation():
    import dataclasses
    import pickle

    from factcheck.citations.model import Citation, Link
    from factcheck.model import quick_init

    citation = Citation("k1", "author-year", 4, 16, "Hale (2017)", authors=("Hale",), year="2017", narrative=True)
    assert (citation.id, citation.start, citation.end, citation.text, citation.authors, citation.year,
            citation.number, citation.narrative) == ("k1", 4, 16, "Hale (2017)", ("Hale",), "2017", None, True)
    assert pickle.loads(pickle.dumps(citation)) == citation
    assert dataclasses.replace(citation, year="2018").year == "2018"
    with pytest.raises(dataclasses.FrozenInstanceError):
        citation.start = 5
    assert Link("k1", None).how == "unresolved"
    with pytest.raises(TypeError):
        Citation("k1")  # the required fields are still required

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        start: int

    with pytest.raises(TypeError):
        quick_init(Unslotted)
