"""Regular expressions compiled the first time they are used, not when their module is imported.

The citation grammars, the reference-entry parsers and the claim analyses compile some 300
patterns, a few of them large (a list of names of any style is one pattern); compiling them all
took a third of a small run's start (``--select CIT001`` on one paper), and such a run uses a
fraction of them. ``regex(source, flags)`` stands where ``re.compile(source, flags)`` stood, as a
module-level name used the same way (``_NAME.search(text)``).
"""

from __future__ import annotations

import re
from typing import cast


class LazyPattern:
    """A compiled pattern's stand-in: the first attribute asked for (``search``, ``finditer``…)
    compiles the pattern, and each attribute, once asked for, is kept on the instance, so that
    later uses find the compiled pattern's bound method directly, as fast as on the pattern itself."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags

    @property
    def compiled(self) -> re.Pattern[str]:
        """The ``re.Pattern`` itself, compiled now if it was not yet (for what needs the real
        one: tests/robust measures every pattern of the package)."""
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = re.compile(self._source, self._flags)
        return compiled

    def __getattr__(self, name: str) -> object:
        # Called only for a name not yet on the instance: the first use of each method.
        if name.startswith("__"):  # copy, pickle and the like ask for these: not the pattern's
            raise AttributeError(name)
        value = getattr(self.compiled, name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:  # the source cut at 200 characters, as re.Pattern's repr cuts it
        return f"regex({repr(self._source)[:200]}, {self._flags})"


def regex(source: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, compiled on first use. Typed as the pattern it stands for:
    it has the same methods and attributes (it is not an ``re.Pattern`` for ``isinstance``, and
    the ``re`` module's functions do not take it: call its methods)."""
    return cast("re.Pattern[str]", LazyPattern(source, int(flags)))
