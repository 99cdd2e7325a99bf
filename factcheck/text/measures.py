"""Measures written after a number ("12 km", "3.5 million cubic metres", "40 MW"): the unit's
dimension, canonical name and factor to the dimension's base unit.

Read by ``factcheck.verify.units`` to compare values across units, and by
``factcheck.text.numbers`` to tell a quantity from a version ("41.5 mm" after "Madrid" is rain,
"1.0" after "Chemiscope" is a release).
"""

from __future__ import annotations

import re

from factcheck.text.lazy_regex import regex

_MEASURES: dict[str, tuple[str, str, float]] = {}


def _add(dimension: str, name: str, factor: float, *spellings: str) -> None:
    for spelling in (name, *spellings):
        _MEASURES[spelling] = (dimension, name, factor)


_add("length", "mm", 1e-3, "millimetre", "millimetres", "millimeter", "millimeters")
_add("length", "cm", 1e-2, "centimetre", "centimetres", "centimeter", "centimeters")
_add("length", "m", 1.0, "metre", "metres", "meter", "meters")
_add("length", "km", 1e3, "kilometre", "kilometres", "kilometer", "kilometers", "kms")
_add("length", "mile", 1609.344, "miles", "mi")
_add("length", "ft", 0.3048, "foot", "feet")
_add("length", "inch", 0.0254, "inches")
_add("length", "yd", 0.9144, "yard", "yards")
_add("area", "m2", 1.0, "square metre", "square metres", "square meter", "square meters", "m²", "sq m")
_add("area", "km2", 1e6, "square kilometre", "square kilometres", "square kilometer", "square kilometers", "km²",
     "sq km")
_add("area", "sqmi", 2_589_988.0, "square mile", "square miles", "sq mi")
_add("area", "ha", 1e4, "hectare", "hectares")
_add("area", "acre", 4046.856, "acres")
_add("volume", "l", 1e-3, "litre", "litres", "liter", "liters")
_add("volume", "m3", 1.0, "cubic metre", "cubic metres", "cubic meter", "cubic meters", "m³")
_add("volume", "km3", 1e9, "cubic kilometre", "cubic kilometres", "cubic kilometer", "cubic kilometers", "km³")
_add("volume", "gal", 3.785411784e-3, "gallon", "gallons")
_add("volume", "ft3", 0.028316846592, "cubic foot", "cubic feet", "ft³")
_add("volume", "acre-ft", 1233.48183754752, "acre-foot", "acre-feet")
_add("mass", "g", 1e-3, "gram", "grams", "gramme", "grammes")
_add("mass", "kg", 1.0, "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos")
_add("mass", "t", 1e3, "tonne", "tonnes", "metric ton", "metric tons")
_add("mass", "lb", 0.45359237, "lbs", "pound", "pounds")
_add("power", "W", 1.0, "watt", "watts")
_add("power", "kW", 1e3, "kilowatt", "kilowatts")
_add("power", "MW", 1e6, "megawatt", "megawatts")
_add("power", "GW", 1e9, "gigawatt", "gigawatts")
_add("energy", "kWh", 1e3, "kilowatt-hour", "kilowatt-hours", "kilowatt hours")
_add("energy", "MWh", 1e6, "megawatt-hour", "megawatt-hours", "megawatt hours")
_add("energy", "GWh", 1e9, "gigawatt-hour", "gigawatt-hours", "gigawatt hours")
_add("energy", "TWh", 1e12, "terawatt-hour", "terawatt-hours", "terawatt hours")
_add("time", "s", 1.0, "second", "seconds", "sec", "secs")
_add("time", "min", 60.0, "minute", "minutes", "mins")
_add("time", "h", 3600.0, "hour", "hours", "hr", "hrs")
_add("time", "day", 86400.0, "days")
_add("time", "week", 604800.0, "weeks")
_add("time", "month", 2629800.0, "months")
_add("time", "year", 31557600.0, "years", "yr", "yrs")
_add("temperature-c", "°C", 1.0, "degrees Celsius", "degrees celsius", "°c")
_add("temperature-f", "°F", 1.0, "degrees Fahrenheit", "degrees fahrenheit", "°f")

# Symbols are case-sensitive ("MW" is not "mW"), words are not; longest first ("square
# kilometres" before "square").
_SPELLINGS = sorted(_MEASURES, key=len, reverse=True)
_AFTER = regex(
    r"\s?(?:-[ \t]?)?(" + "|".join(re.escape(s).replace("\\ ", r"\s+") for s in _SPELLINGS) + r")(?![\w²³])",
    re.IGNORECASE)
_SYMBOLS = frozenset(s for s in _MEASURES if len(s) <= 3 or s != s.lower() or not s.replace(" ", "").replace("-", "").isalpha())
_WORDS = {s.lower(): v for s, v in _MEASURES.items() if s not in _SYMBOLS}
_EXPONENT = regex(r"\^?([23])")
# Glued to the digits ("12km", "3.5MW"), the reader of numbers takes a measure for a label; these
# are read by the verification of figures (``factcheck.verify.source_index``).
GLUED = regex(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)(km²|km2|km|kg|MW|GW|kW|MWh|GWh|TWh|kWh|ha|mm|cm|m²|m³)(?!\w)")


def measure_after(text: str, end: int, limit: int | None = None) -> tuple[str, str, float, int] | None:
    """The measure written right after ``text[:end]`` ("12 km" at the end of "12"): (dimension,
    name, factor, end of the unit's word), or None."""
    limit = len(text) if limit is None else limit
    m = _AFTER.match(text, end, limit)
    if m is None:
        return None
    written = " ".join(m.group(1).split())  # "cubic\nmetres" in a text with its lines wrapped
    found = _MEASURES.get(written) if written in _SYMBOLS else _WORDS.get(written.lower())
    if found is None:
        return None
    dimension, name, factor = found
    unit_end = m.end()
    exponent = _EXPONENT.match(text, unit_end, limit)
    if exponent and name in ("m", "km") and text[unit_end:unit_end + 1] in "^23":
        # "km2", "km^2": area; "m3": volume.
        power = exponent.group(1)
        name = f"{name}{power}"
        dimension = "area" if power == "2" else "volume"
        factor = factor ** int(power)
        unit_end = exponent.end()
    return dimension, name, factor, unit_end
