"""What keeps a cold command lean: Whoosh imported without what a query never runs,
records (dataclasses) defined without compiling methods for each, and regular expressions
compiled when first used.

A cold `searcher query` spent about as long importing as answering. Some of Whoosh's
imports serve nothing searcher calls:

- whoosh.compat imports urllib.request (and with it http.client and email) for a download
  helper, and html (its table of 2,000 entities) for the highlighter's HTML escaping;
- whoosh.reading takes `cached_property` from the package of that name, which imports
  asyncio;
- whoosh.query.terms imports the English morphology tables (compiling hundreds of regular
  expressions) for the Variations query;
- whoosh.filedb imports tempfile for its temporary storage and shutil (with bz2 and lzma)
  to copy files into a compound file, which searcher never writes;
- its hash files take MD5 from hashlib, which loads OpenSSL (9 ms of CPU; see `md5`);
- random (temporary file names, clustering), queue (threaded writing) and calendar (the
  length of a month, for some date queries) serve writing an index or a few queries;
- whoosh.searching imports the highlighter (searcher marks passages itself:
  searcher.search.passages), and the analyzers the Double Metaphone encoder.

While Whoosh is first imported, those names are stand-ins: `cached_property` is the
standard library's, `hashlib.md5` CPython's own, and the others are modules that import
the real one when a name of it is used (the names Whoosh imports from them are functions
that do so when called). The
stand-ins are gone from sys.modules once Whoosh is in, so anything imported later gets the
real modules."""

from __future__ import annotations

import importlib
import re
import reprlib
import sys
import types
from contextlib import contextmanager
from dataclasses import dataclass, fields
from functools import cached_property

__all__ = ["LazyPattern", "import_whoosh", "record", "sha1"]

try:
    # CPython's own MD5 and SHA-1: hashlib's digests, without hashlib loading OpenSSL,
    # which cost a cold query 9 ms of CPU (Whoosh hashes the keys of its term files with
    # MD5; a query hashes the index's signature and the stories' ids with SHA-1)
    from _md5 import md5
    from _sha1 import sha1
except ImportError:  # a Python built without them
    from hashlib import md5, sha1


def _imported_when_used(name: str, *functions: str) -> types.ModuleType:
    """A stand-in for the module `name` that imports it when used: a name looked up on it
    is the real module's, and each of `functions` (which Whoosh imports by name) imports it
    when called."""
    stand_in = types.ModuleType(name)

    def __getattr__(attribute: str):
        if sys.modules.get(name) is stand_in:  # used while Whoosh imports: never, so far
            raise AttributeError(f"{name}.{attribute} is not there while Whoosh is imported")
        return getattr(importlib.import_module(name), attribute)

    def calling(function: str):
        def call(*args, **kwargs):
            return getattr(importlib.import_module(name), function)(*args, **kwargs)
        call.__name__ = call.__qualname__ = function
        return call

    stand_in.__getattr__ = __getattr__
    for function in functions:
        setattr(stand_in, function, calling(function))
    return stand_in


def _stand_ins() -> dict[str, types.ModuleType]:
    package = types.ModuleType("cached_property")
    package.cached_property = cached_property
    hashlib = _imported_when_used("hashlib")
    hashlib.md5 = md5
    return {"cached_property": package,
            "urllib.request": _imported_when_used("urllib.request", "urlretrieve"),
            "html": _imported_when_used("html", "escape"),
            "whoosh.lang.morph_en": _imported_when_used("whoosh.lang.morph_en", "variations"),
            "whoosh.lang.dmetaphone": _imported_when_used("whoosh.lang.dmetaphone", "double_metaphone"),
            "whoosh.highlight": _imported_when_used("whoosh.highlight"),
            "tempfile": _imported_when_used("tempfile"),
            "shutil": _imported_when_used("shutil", "copyfileobj"),
            "hashlib": hashlib,
            **{name: _imported_when_used(name) for name in ("random", "queue", "calendar")}}


@contextmanager
def _standing_in(modules: dict[str, types.ModuleType]):
    added = {name: module for name, module in modules.items() if name not in sys.modules}
    sys.modules.update(added)
    try:
        yield
    finally:
        for name, module in added.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def import_whoosh() -> None:
    """Import the parts of Whoosh a query uses, leanly, unless they are imported already."""
    if "whoosh.searching" in sys.modules:
        return
    with _standing_in(_stand_ins()):
        importlib.import_module("whoosh.collectors")  # searching, query, reading, terms: the query path
        importlib.import_module("whoosh.codec.whoosh3")  # the index's format: hash files, compound files


def record(cls=None, /, **options):
    """`dataclasses.dataclass(cls, **options)` with the same __repr__, __eq__ and (frozen)
    __hash__ as it would write, written once here: dataclass writes them as source for each
    class and compiles it, most of what defining one costs, and a cold query defines 14.
    Used for the records a cold command defines; the others are plain dataclasses."""
    if cls is None:
        return lambda cls: record(cls, **options)
    cls = dataclass(cls, repr=False, eq=False, **options)
    own = vars(cls)
    if "__repr__" not in own:
        cls.__repr__ = _record_repr
    if "__eq__" not in own:
        cls.__eq__ = _record_eq
        if "__hash__" not in own:  # as dataclass: a frozen record hashes its fields, others none
            cls.__hash__ = _record_hash if options.get("frozen") else None
    return cls


@reprlib.recursive_repr()
def _record_repr(self) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
    return f"{self.__class__.__qualname__}({shown})"


def _compared(record) -> tuple:
    return tuple(getattr(record, f.name) for f in fields(record) if f.compare)


def _record_eq(self, other):
    if other.__class__ is self.__class__:
        return _compared(self) == _compared(other)
    return NotImplemented


def _record_hash(self) -> int:
    return hash(tuple(getattr(self, f.name) for f in fields(self) if (f.compare if f.hash is None else f.hash)))


class LazyPattern:
    """`re.compile(pattern, flags)`, compiled when first used: a module's patterns cost a
    cold command their compiling (a query's modules define some thirty) though most serve
    other commands or other syntax. Each method or attribute is the compiled pattern's own,
    looked up once and kept (no cost per call after the first)."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self.__dict__["_source"] = (pattern, flags)

    def __getattr__(self, name: str):
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = re.compile(*self._source)
        value = self.__dict__[name] = getattr(compiled, name)
        return value

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r}, {self._source[1]!r})"
