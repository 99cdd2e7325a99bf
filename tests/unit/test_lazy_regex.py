"""Patterns compiled on first use: found the same as the compiled pattern, compiled once."""

from __future__ import annotations

import copy
import pickle
import re

from factcheck.text.lazy_regex import LazyPattern, regex


def test_not_compiled_until_used_then_compiled_once():
    year = regex(r"(?P<y>1[5-9]\d\d|20\d\d)")
    assert "_compiled" not in vars(year)
    found = year.search("Published in 2019, revised 2021.")
    assert (found.group("y"), found.span()) == ("2019", (13, 17))
    compiled = vars(year)["_compiled"]
    assert [m.group() for m in year.finditer("1999 and 2003")] == ["1999", "2003"]
    assert vars(year)["_compiled"] is compiled  # the second method reuses the one compilation
    assert vars(year)["search"] == compiled.search  # kept: later uses find it on the instance
    assert year.compiled is compiled and isinstance(compiled, re.Pattern)


def test_finds_what_re_compile_finds_with_flags_and_positions():
    source, flags = r"^\s*et\.?\s?al\b", re.IGNORECASE | re.MULTILINE
    lazy, eager = regex(source, flags), re.compile(source, flags)
    text = "Okafor\n ET AL. (2019)\nEt al 2020"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)] == [(7, 13), (22, 27)]
    assert lazy.match(text, 7).group() == " ET AL"
    assert lazy.sub("&", text) == eager.sub("&", text)
    assert (lazy.pattern, lazy.flags, lazy.groups) == (eager.pattern, eager.flags, eager.groups)


def test_a_copy_or_pickle_of_a_holder_does_not_compile_it():
    lazy = regex(r"\d+")
    assert isinstance(lazy, LazyPattern)
    assert copy.copy(lazy).search("ab 12").group() == "12"
    assert pickle.loads(pickle.dumps(lazy)).findall("1 and 22") == ["1", "22"]
    assert "_compiled" not in vars(lazy)
