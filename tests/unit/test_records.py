"""Records built on the hot paths without their validator are the records validation builds."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


_CITATION_VALUES = {
    "style": ["author-year", "numeric", "note"], "start": [0, 7, 120], "end": [3, 19, 140],
    "text": ["[1]", "Hale (2017)", ""], "authors": [(), ("Hale",), ("Vale", "Orrin")], "et_al": [False, True],
    "year": [None, "2017", "2019a"], "locator": [None, "p. 4"], "key": [None, "hale2017"], "number": [None, 1, 12],
    "block": [None, 0, 3], "narrative": [False, True], "kind": [None, "bracket", "narrative"],
    "title": [None, "Salt Roads"], "source": [None, "the minister"], "vague": [False, True]}
_REQUIRED = ("style", "start", "end", "text")


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({name: st.sampled_from(_CITATION_VALUES[name]) for name in _REQUIRED},
                             optional={name: st.sampled_from(values) for name, values in _CITATION_VALUES.items()
                                       if name not in _REQUIRED}),
       st.sampled_from(["k1", "k20", "a3"]), st.booleans())
def test_quick_init_builds_what_the_dataclass_builds(fields, ident, positional):
    # Against the same dataclass without ``quick_init``: the fields, equality, hash and repr, whether
    # the call is positional or by keyword; the record pickles, copies and is replaced as before.
    import copy
    import dataclasses
    import pickle

    from factcheck.citations.model import Citation

    plain = dataclasses.make_dataclass(
        "Citation", [(f.name, f.type, f.default) if f.default is not dataclasses.MISSING else (f.name, f.type)
                     for f in dataclasses.fields(Citation)], frozen=True, slots=True)
    values = [ident] + [fields.get(f.name, f.default) for f in dataclasses.fields(Citation)[1:]]
    built = Citation(*values) if positional else Citation(id=ident, **fields)
    expected = plain(*values)
    assert type(built) is Citation
    assert dataclasses.astuple(built) == dataclasses.astuple(expected)
    assert repr(built) == repr(expected)
    assert built == Citation(id=ident, **fields) and hash(built) == hash(Citation(id=ident, **fields))
    for again in (pickle.loads(pickle.dumps(built)), copy.copy(built), copy.deepcopy(built)):
        assert type(again) is Citation and again == built
    assert dataclasses.replace(built, start=99) == Citation(*([ident, values[1], 99] + values[3:]))
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.start = 1


def test_quick_init_still_requires_the_required_fields():
    from factcheck.citations.model import Citation, Link
    from factcheck.text.model import Sentence

    with pytest.raises(TypeError, match="missing required argument.*end, text"):
        Citation("k1", "numeric", 4)
    with pytest.raises(TypeError, match="missing required argument.*start"):
        Citation(id="k1", style="numeric", end=4, text="[1]")
    with pytest.raises(TypeError):
        Citation("k1", "numeric", 0, 3, "[1]", surname="Hale")  # no such field
    with pytest.raises(TypeError):
        Sentence(1, 2, 3, 4)  # one too many
    assert Link("k1", "r2").how == "unresolved" and Sentence(1, 2, 3).block == 3


def test_quick_init_refuses_subclasses_and_calls_giving_only_optional_fields():
    import dataclasses

    from factcheck.citations.model import Citation
    from factcheck.model import quick_init
    from factcheck.text.model import Block

    with pytest.raises(TypeError, match="missing required argument.*index, start, end"):
        Block(kind="title")  # an optional field alone is no empty record
    with pytest.raises(TypeError, match="missing required argument"):
        Citation(et_al=True)
    with pytest.raises(TypeError, match="cannot be subclassed"):
        type("Wider", (Block,), {})

    @dataclasses.dataclass(frozen=True, slots=True)
    class Base:
        start: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Derived(Base):
        end: int

    with pytest.raises(TypeError, match="has a base class"):
        quick_init(Derived)
    # pickle rebuilds a record by the call, never from an empty instance
    assert Citation("k1", "numeric", 0, 3, "[1]").__reduce__() == (
        Citation, ("k1", "numeric", 0, 3, "[1]", (), False, None, None, None, None, None, False, None, None, None, False))


def _same_record(fast, checked) -> None:
    """Built without the validator, the record the validator builds: equal, the same JSON and
    fields set, pickled and read back alike, and frozen."""
    import pickle

    assert fast == checked and type(fast) is type(checked)
    assert fast.model_dump_json() == checked.model_dump_json()
    assert list(fast.__dict__) == list(checked.__dict__)  # field order: the JSON's key order
    assert fast.model_fields_set == checked.model_fields_set
    assert pickle.loads(pickle.dumps(fast)) == checked
    with pytest.raises(Exception):
        fast.start = 3


def test_number_and_date_mentions_built_without_the_validator_are_the_validated_ones():
    from pydantic import ValidationError

    from factcheck.text.model import DateMention, NumberMention

    number = NumberMention.of(10, 22, "$3.8 billion", 3.8e9, "USD", "3800000000", True, False)
    _same_record(number, NumberMention(start=10, end=22, text="$3.8 billion", value=3.8e9, unit="USD",
                                       normalized="3800000000", approximate=True, malformed=False))
    # Without ``malformed`` (a spelled number): not among the fields set, as the validator marks it.
    spelled = NumberMention.of(0, 9, "forty men", 40.0, "men", "40", False)
    _same_record(spelled, NumberMention(start=0, end=9, text="forty men", value=40.0, unit="men",
                                        normalized="40", approximate=False))
    assert "malformed" not in spelled.model_fields_set and spelled.malformed is False
    # An int for the float is converted as the validator converts it; a string for an int refused.
    assert NumberMention.of(0, 2, "40", 40, None, "40", False, False).value == 40.0
    assert type(NumberMention.of(0, 2, "40", 40, None, "40", False, False).value) is float
    with pytest.raises(ValidationError):
        NumberMention.of("zero", 2, "40", 40.0, None, "40", False, False)

    date = DateMention.of(5, 18, "30 March 2023", "2023-03-30", "day", None, True)
    _same_record(date, DateMention(start=5, end=18, text="30 March 2023", iso="2023-03-30", precision="day",
                                   qualifier=None, valid=True))
    assert (date.range_end, date.range_end_precision) == (None, None)
    early = DateMention.of(0, 15, "early 1990s", "1990", "decade", "early", True)
    assert early.qualifier == "early" and early.precision == "decade"
    with pytest.raises(ValidationError):  # a precision the records do not know
        DateMention.of(0, 4, "2023", "2023", "week", None, True)


def test_a_claim_built_without_the_validator_is_the_validated_one():
    from pydantic import ValidationError

    from factcheck.claims.model import Claim, Quotation
    from factcheck.text.model import DateMention, NumberMention

    dates = (DateMention.of(31, 35, "2019", "2019", "year", None, True),)
    numbers = (NumberMention.of(52, 55, "40%", 40.0, "percent", "40", False, False),)
    quotes = (Quotation.of(60, 75, "the river fell", "Hale", "speech", "a1", False, "Hale"),)
    fields = dict(id="c3", kind="statistic", start=0, end=80, text="The dam cost $3 million in 2019 ...", block=2,
                  dates=dates, numbers=numbers, quotes=quotes, citation_ids=("r1", "a1"), support="cited",
                  speaker="Hale", checkworthiness=0.65, attribution="a1", vague=False)
    fast = Claim.of(*fields.values())
    _same_record(fast, Claim(**fields))
    assert (fast.region, fast.evidence, fast.numbers[0].text) == ("body", (), "40%")
    # Lists for tuples and an int score are converted as the validator converts them.
    loose = Claim.of(*{**fields, "citation_ids": ["r1", "a1"], "checkworthiness": 1}.values())
    assert loose.citation_ids == ("r1", "a1") and type(loose.checkworthiness) is float
    with pytest.raises(ValidationError):  # a kind of claim the records do not know
        Claim.of(*{**fields, "kind": "rumour"}.values())
