"""The documents of a run as the corpus check reads them: in path order, each with its path, the
rules run on it, its text when a finding quotes it, and its fact statements.

A small run's are a list in memory (``Listed``). A large run's are read from its store
(``Stored``, over ``factcheck.store.ResultStore``): nothing is kept per document but the
statements when this process compares them itself (a cluster keeps them apart otherwise),
so that the process that starts a run on a cluster does not grow with the corpus.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar, overload

from factcheck.claims.facts import Statement, statements_of
from factcheck.results import DocumentResult
from factcheck.store import ResultStore

T = TypeVar("T")

#: Texts of a stored run's documents kept by ``Stored.texts``: a conflict's documents are read
#: for each of its places.
RECENT_TEXTS = 64


@dataclass(frozen=True, slots=True)
class CorpusDocument:
    """What the corpus check keeps of each document of a small run: its path, the rules run on
    it, and its fact statements (numbered as document 0; None when a cluster compares them)."""

    path: str
    rules: frozenset[str]
    statements: tuple[Statement, ...] | None = None

    @classmethod
    def of(cls, result: DocumentResult, statements: bool = True) -> CorpusDocument:
        return cls(result.document.path, rule_set(result.rules),
                   tuple(corpus_statements(result)) if statements else None)


_RULE_SETS: dict[tuple[str, ...], frozenset[str]] = {}


def rule_set(rules: tuple[str, ...]) -> frozenset[str]:
    """One set for each combination of rules run: a set of forty codes is 2 KB, and a run keeps
    one per document, most of them alike."""
    found = _RULE_SETS.get(rules)
    if found is None:
        if len(_RULE_SETS) > 10_000:
            _RULE_SETS.clear()
        found = _RULE_SETS[rules] = frozenset(rules)
    return found


def corpus_statements(result: DocumentResult) -> Iterable[Statement]:
    """A document's fact statements for the corpus check, numbered as document 0."""
    facts = result.corpus_inputs.get("fact_statements")
    if facts is None:  # the rules were off for this document: its statements still count
        facts = (s for claim in result.extraction.claims for s in statements_of(claim))
    return facts


class CorpusDocuments:
    """The run's documents in path order (its numbers): ``paths[n]``, ``rules[n]`` and
    ``texts[n]`` of the ``n``-th, ``numbers[i]`` the number of the ``i``-th as the run took
    them in, and ``statements()`` each one's statements in path order (None where none are kept)."""

    paths: Sequence[str]
    rules: Sequence[frozenset[str]]
    texts: Sequence[str]
    numbers: Sequence[int]

    def statements(self) -> Iterator[tuple[Statement, ...] | None]:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self.paths)


class Listed(CorpusDocuments):
    """A small run's documents (or what it kept of them), in memory; ``text_of(path)`` reads a text."""

    def __init__(self, documents: Sequence[CorpusDocument], text_of: Callable[[str], str]) -> None:
        order = sorted(range(len(documents)), key=lambda index: documents[index].path)
        self._documents = [documents[index] for index in order]
        numbers = [0] * len(order)
        for number, index in enumerate(order):
            numbers[index] = number
        self.numbers = numbers
        self.paths = [document.path for document in self._documents]
        self.rules = [document.rules for document in self._documents]
        self.texts = ByNumber(len(self.paths), lambda number: text_of(self.paths[number]))

    def statements(self) -> Iterator[tuple[Statement, ...] | None]:
        return (document.statements for document in self._documents)


class Stored(CorpusDocuments):
    """A large run's documents, read from its store when asked (a finding's few); ``statements``
    in the order stored, when this process compares them (else None)."""

    def __init__(self, store: ResultStore, statements: Sequence[tuple[Statement, ...] | None] | None) -> None:
        self._store = store
        self._statements = statements
        order = store.order
        self.numbers = store.rank
        self.paths = ByNumber(len(store), lambda number: store.summary(order[number]).path)
        self.rules = ByNumber(len(store), lambda number: rule_set(store.summary(order[number]).rules))
        recent: OrderedDict[int, str] = OrderedDict()

        def text(number: int) -> str:
            found = recent.get(number)
            if found is None:
                found = recent[number] = store[order[number]].document.text
                if len(recent) > RECENT_TEXTS:
                    recent.popitem(last=False)
            return found

        self.texts = ByNumber(len(store), text)

    def statements(self) -> Iterator[tuple[Statement, ...] | None]:
        statements = self._statements
        if statements is None:
            return (None for _ in range(len(self._store)))
        return (statements[index] for index in self._store.order)


class ByNumber(Sequence[T]):
    """A sequence of ``length`` values, each made by ``value(n)`` when asked."""

    def __init__(self, length: int, value: Callable[[int], T]) -> None:
        self._length = length
        self._value = value

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._value(n) for n in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("document number out of range")
        return self._value(index)
