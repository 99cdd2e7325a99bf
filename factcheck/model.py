"""The base every record of factcheck derives from: frozen, strict, JSON-ready."""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

_R = TypeVar("_R")


class FrozenModel(BaseModel):
    """Immutable record; collections are tuples, links between records are ids."""

    # ``defer_build``: a model's validator is built the first time one is validated, not when its
    # class is defined. A run validates a few kinds of records (settings, the document, claims);
    # the others are built field by field (``unvalidated``) or not at all, and building every
    # validator at import was a large share of a small run's start. Validation itself is the same.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


_M = TypeVar("_M", bound=BaseModel)
# The slots of every pydantic model, filled through their descriptors (what ``object.__setattr__``
# finds by looking each name up).
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def unvalidated(cls: type[_M], values: dict[str, object], fields_set: set[str]) -> _M:
    """An instance of the model ``cls`` (without extra fields or private attributes) holding
    ``values``, every field in declaration order, without running the validator: for a caller that
    has checked each value is already of its declared type, where a document builds records by the
    ten thousand (a finding per entry of a long list, a segment per paragraph of a long page;
    1.5 µs against 3-4 µs validated). ``fields_set`` is the instance's ``model_fields_set``; it may
    be shared by such instances, since pydantic copies it before changing a copy's."""
    record = object.__new__(cls)
    _set_dict(record, values)
    _set_fields_set(record, fields_set)
    _set_extra(record, None)
    _set_private(record, None)
    return record


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class _Required:
    """A required field's default in ``quick_init``'s constructor: "not given"."""

    def __repr__(self) -> str:
        return "<required>"


_UNSET = _Required()


def quick_init(cls: type[_R]) -> type[_R]:
    """A frozen slotted dataclass built by a ``__new__`` that sets its fields by plain assignment,
    in place of the dataclass's ``__init__`` (which must call ``object.__setattr__`` per field, the
    frozen class refusing assignment). A hostile document builds 100,000 citations, links,
    sentences and hits each (measured: 8.6% fewer instructions auditing 100,000 sentences with a
    marker, 5.9% for 1 MB of narrative citations).

    How: ``__new__`` makes an instance of a twin class with the same slots and no ``__setattr__``
    of its own, assigns the fields, then gives the instance ``cls`` as its class (CPython allows it
    between classes whose slots are the same). The record is the one the dataclass builds: of
    type ``cls``, frozen, equal and hashed alike, copied and ``replace``d as before; it pickles
    as the call that builds it (``__reduce__``). A call missing a required field is a
    ``TypeError``, as before, but for a call giving no field at all (or only optional fields at
    their defaults), which gets an empty instance: that is how pydantic's validator makes a
    dataclass before it fills its fields. Apply it above
    ``@dataclass(frozen=True, slots=True)`` to a class of its own (no base but ``object``, no
    subclass: the twin's slots are the class's); classes with ``__post_init__``, init-only or
    keyword-only fields or factories are refused.
    """
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__ or hasattr(cls, "__post_init__"):
        raise TypeError(f"quick_init: {cls.__name__} is not a frozen slotted dataclass without __post_init__")
    if cls.__bases__ != (object,):
        raise TypeError(f"quick_init: {cls.__name__} has a base class; its slots would not be the twin's")
    twin = type(f"_{cls.__name__}Fields", (object,), {"__slots__": cls.__slots__})
    scope: dict[str, object] = {"_new": object.__new__, "_twin": twin, "_UNSET": _UNSET, "_incomplete": _incomplete}
    names, required, signature = [], [], []
    for item in dataclasses.fields(cls):
        if not item.init or item.kw_only or item.default_factory is not dataclasses.MISSING:
            raise TypeError(f"quick_init: field {cls.__name__}.{item.name} is not a plain positional field")
        names.append(item.name)
        if item.default is dataclasses.MISSING:
            required.append(item.name)
            signature.append(f"{item.name}=_UNSET")
        else:
            scope[f"_default_{item.name}"] = item.default
            signature.append(f"{item.name}=_default_{item.name}")
    body = [f"def __new__(cls, {', '.join(signature)}):"]
    if required:
        scope["_names"] = tuple(names)
        scope["_defaults"] = tuple(_UNSET if item.default is dataclasses.MISSING else item.default
                                   for item in dataclasses.fields(cls))
        body += [f"    if {' or '.join(f'{name} is _UNSET' for name in required)}:",
                 f"        return _incomplete(cls, _names, ({''.join(f'{name}, ' for name in names)}), _defaults)"]
    body += ["    record = _new(_twin)", *(f"    record.{name} = {name}" for name in names),
             "    record.__class__ = cls", "    return record"]
    exec("\n".join(body) + "\n", scope)  # noqa: S102 - built from the field names only, as dataclasses itself does
    new = scope["__new__"]
    new.__qualname__ = f"{cls.__qualname__}.__new__"
    cls.__new__ = new  # type: ignore[assignment]
    # ``object.__init__`` then: it accepts the fields since ``__new__`` is the class's own
    del cls.__init__  # type: ignore[misc]
    cls.__reduce__ = _reduce_of(cls, names)  # type: ignore[method-assign]
    cls.__init_subclass__ = classmethod(_no_subclass)  # type: ignore[assignment]
    return cls


def _reduce_of(cls: type, names: list[str]) -> Callable[[object], tuple]:
    """``__reduce__``: the record pickled (and copied) as the call ``cls(*fields)``."""
    scope: dict[str, object] = {"cls": cls}
    exec(f"def __reduce__(self):\n    return cls, ({''.join(f'self.{name}, ' for name in names)})\n", scope)  # noqa: S102
    return scope["__reduce__"]  # type: ignore[return-value]


def _no_subclass(cls: type, **kwargs: object) -> None:
    raise TypeError(f"{cls.__mro__[1].__name__} is built by quick_init and cannot be subclassed")


def _incomplete(cls: type[_R], names: tuple[str, ...], given: tuple[object, ...],
                defaults: tuple[object, ...]) -> _R:
    """A call missing required fields: an empty instance when no field was given at all (how
    pydantic's validator makes a dataclass it then fills; ``cls()`` reads the same), else the
    ``TypeError`` of the dataclass's ``__init__``."""
    if all(value is default for value, default in zip(given, defaults)):
        return object.__new__(cls)
    missing = [name for name, value in zip(names, given) if value is _UNSET]
    raise TypeError(f"{cls.__name__}() missing required argument(s): {', '.join(missing)}")
