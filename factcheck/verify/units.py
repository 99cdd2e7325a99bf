"""The unit a number is stated in, as a dimension and a factor, so that values compare across units.

``factcheck.text.numbers`` gives a number's currency, percent, or counted noun ("190,000
Afghans" -> "afghans"). Measures ("12 km", "3.5 million cubic metres", "40 MW") are read from the
words after the number (``factcheck.text.measures``). Values of one dimension compare once converted ("12 miles" is
19.3 km); currencies never convert (a dollar figure written as euros is a changed unit); a
percentage compares with a fraction ("40 percent" is "0.4"), never with percentage points.
"""

from __future__ import annotations

from typing import NamedTuple

from factcheck.claims.clauses import stem
from factcheck.text.measures import measure_after
from factcheck.text.model import NumberMention


class Unit(NamedTuple):
    dimension: str  # "length", "mass", "money", "ratio", "points", "count", ...
    name: str  # canonical: "km", "USD", "percent", a counted noun's stem, "" for a bare number
    factor: float = 1.0  # to the dimension's base unit


# The same values a number's counted noun may have without being a measure of anything.
_MONEY = frozenset({"USD", "EUR", "GBP", "INR", "PKR", "AUD", "CAD", "NZD", "HKD", "rupees"})

def unit_of(mention: NumberMention, text: str) -> tuple[Unit, int]:
    """The unit of a number mention of ``text``, and where the number ends with its unit ("12 km":
    after "km"; a currency or percent is already in the mention)."""
    if mention.unit == "percent":
        return Unit("ratio", "percent", 0.01), mention.end
    if mention.unit == "percentage points":
        return Unit("points", "percentage points"), mention.end
    if mention.unit in _MONEY:
        return Unit("money", mention.unit), mention.end
    measure = measure_after(text, mention.end)
    if measure is not None:
        dimension, name, factor, end = measure
        return Unit(dimension, name, factor), end
    if mention.unit:
        return Unit("count", stem(mention.unit)), mention.end
    return Unit("count", ""), mention.end


# Counted nouns a writer uses for one another when restating a count ("2,800 people were evacuated"
# / "2,800 residents had to leave"), by stem.
_SAME_THINGS = [frozenset(stem(w) for w in group.split()) for group in (
    "people persons residents inhabitants citizens individuals villagers townspeople",
    "homes houses dwellings households",
    "boats vessels ships craft",
    "farmers growers smallholders",
    "pupils students children schoolchildren",
    "workers employees staff",
    "firms companies businesses enterprises",
)]


# Nouns that count whatever the sentence is about ("17 occasions", "on 17 times"): they stand for any other.
_ANY_THING = frozenset(stem(w) for w in "occasions times instances cases events units items".split())


def same_things(a: str, b: str) -> bool:
    return a == b or a in _ANY_THING or b in _ANY_THING or any(a in group and b in group for group in _SAME_THINGS)


def comparable(a: Unit, b: Unit) -> bool:
    """Whether two units measure the same kind of thing (so that their values can conflict): a
    percentage and percentage points both state a share."""
    if {a.dimension, b.dimension} == {"ratio", "points"}:
        return True
    if a.dimension != b.dimension:
        return False
    if a.dimension == "count":
        return not a.name or not b.name or same_things(a.name, b.name)
    return True


def convertible(a: Unit, b: Unit) -> bool:
    """Whether values in ``a`` and ``b`` can be equal: a currency only equals itself; counts of any
    things may (a restatement names them in other words: "640 houses", "640 homes")."""
    if a.dimension != b.dimension:
        return False
    if a.dimension == "count":
        return True
    return comparable(a, b) and (a.dimension != "money" or a.name == b.name)
