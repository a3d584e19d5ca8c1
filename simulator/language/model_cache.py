"""Checked models kept between runs, in the user's cache folder, known by their content.

Reading and checking a scenario costs from a tenth of a second to seconds (10,000 fasen);
most runs read files that have not changed since the last one. The loader (``library``)
asks this cache first and keeps what it read in it. An entry's key is a hash of everything
its value was made from:

- the bytes of the file (and the name it is shown under, which its problems carry);
- for a scenario: the keys of the catalogue and the profiles it was checked against;
- for what ``regie check`` adds (bots, intent, tells): the scenario's key and the options;
- always: Regie's own version, which is the content of every source file of Regie
  (``simulator`` and ``scoring``), the versions of PyYAML and transitions, Python's
  version and this cache's format (``code_version``).

So a changed input or a changed Regie gives a new key, never a stale entry; the old entry
is simply not asked for again (the least recently used go once the folder holds more than
``MAX_ENTRIES`` entries or ``MAX_BYTES``).

An entry is a pickle, written by this program for this user in a folder only they can open
(0700). It is written to a temporary file and renamed into place (atomic: a reader sees the
whole old entry, the whole new one, or none), and it begins with a digest of its key and
its bytes: an entry that is cut short, damaged on disk, or stored under another key's name
fails the digest and is never unpickled; it counts as missing, and is written again. Not
fsynced: after a power cut an entry may be damaged, and then it is rebuilt. A value of the
wrong type after unpickling is refused the same way. (Pickle, rather than a format of our
own, because the models are many small frozen dataclasses: a 10,000-fase scenario loads
from it in a tenth of a second. Its one risk, running code from a hostile file, needs
someone who can already write in the user's own cache folder.)

``REGIE_CACHE`` chooses the folder (the tests use it); ``regie … --geen-cache`` uses none,
and so does any process with ``REGIE_GEEN_CACHE`` set (``regie serve --geen-cache`` sets it
for the processes it starts).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import operator
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from simulator.language.gc_pause import gc_paused

T = TypeVar("T")

FORMAT = 1
MAGIC = b"REGIE-CACHE\x01"
DIGEST = 32
SUFFIX = ".regiecache"
MAX_ENTRIES = 4000
MAX_BYTES = 1024 * 1024 * 1024
TOUCH_AFTER = 24 * 3600.0  # a used entry is marked as used at most once a day
NO_CACHE_ENV = "REGIE_GEEN_CACHE"  # set (to anything): no cache, as with --geen-cache
_CODE_ROOTS = ("simulator", "scoring")
_DEPENDENCIES = ("yaml", "transitions")


def cache_dir() -> Path:
    """``REGIE_CACHE``, or the user's cache folder (``~/.cache/regie/modellen`` on Linux)."""
    explicit = os.environ.get("REGIE_CACHE")
    if explicit:
        return Path(explicit)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("regie", appauthor=False)) / "modellen"


@cache
def code_version() -> str:
    """Regie's own version: a digest of every source file of Regie, of the versions of the
    libraries the models are read and checked with, of Python's version and of the format."""
    return fingerprint(Path(__file__).resolve().parents[2])


def fingerprint(package_root: Path) -> str:
    """``code_version`` of the Regie whose ``simulator`` and ``scoring`` are in this folder:
    their content, not their dates (a file put back as it was is the same Regie)."""
    h = hashlib.blake2b(f"{FORMAT}:{sys.version}".encode(), digest_size=20)
    for name in _CODE_ROOTS:
        for path in _source_files(package_root / name):
            h.update(path.relative_to(package_root).as_posix().encode() + b"\0")
            h.update(path.read_bytes())
    for name in _DEPENDENCIES:
        h.update(_dependency_version(name).encode() + b"\0")
    return h.hexdigest()


def _source_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".py", ".json") and p.is_file())


def _dependency_version(module: str) -> str:
    """The installed version of a library, without importing it: the text of the file that
    names its version (PyYAML's ``__init__``, transitions' ``version``)."""
    spec = find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return f"{module}: afwezig"
    folder = Path(next(iter(spec.submodule_search_locations)))
    for name in ("version.py", "__init__.py"):
        path = folder / name
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            if "__version__" in text:
                return f"{module}: {hashlib.blake2b(text.encode(), digest_size=16).hexdigest()}"
    return f"{module}: {folder}"


class ModelCache:
    """The cache in one folder; ``ModelCache.off()`` is a cache that keeps nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self.written = 0
        self.rejected = 0  # entries that were there but failed the digest or the type

    @classmethod
    def open(cls, enabled: bool = True) -> ModelCache:
        if not enabled or os.environ.get(NO_CACHE_ENV):
            return cls.off()
        try:
            return cls(cache_dir())
        except Exception:  # no home folder, say: then no cache, never a failing command
            return cls.off()

    @classmethod
    def off(cls) -> ModelCache:
        return cls(None)

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def key(self, *parts: str | bytes) -> str:
        """The key of a value made from ``parts`` (and from this version of Regie)."""
        h = hashlib.blake2b(code_version().encode(), digest_size=20)
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{key}{SUFFIX}"

    def get(self, key: str, kind: type[T]) -> T | None:
        """The value kept under ``key``, if there is a whole one of type ``kind``."""
        if self.folder is None:
            return None
        try:
            with open(self._path(key), "rb") as fh:
                data = fh.read()
                used = os.fstat(fh.fileno()).st_mtime
        except OSError:
            self.misses += 1
            return None
        value = _unpack(key, data)
        if not isinstance(value, kind):
            self.rejected += 1
            self.misses += 1
            return None
        self.hits += 1
        if time.time() - used > TOUCH_AFTER:
            with suppress(OSError):
                os.utime(self._path(key))
        return value

    def put(self, key: str, value: object) -> None:
        """Keep ``value`` under ``key``. A cache that cannot write (a full disk, a folder
        that is not ours) keeps nothing; the command goes on."""
        if self.folder is None:
            return
        try:
            payload = _dumps(value)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return
        digest = hashlib.blake2b(key.encode() + payload, digest_size=DIGEST).digest()
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".nieuw-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(MAGIC + digest + payload)
                os.replace(tmp, self._path(key))
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return
        self.written += 1

    def prune(self) -> None:
        """Remove the least recently used entries while there are too many or too large."""
        if self.folder is None or not self.written:
            return
        entries: list[tuple[float, int, str]] = []
        try:
            for entry in os.scandir(self.folder):
                if entry.name.endswith(SUFFIX) or entry.name.startswith(".nieuw-"):
                    st = entry.stat()
                    entries.append((st.st_mtime, st.st_size, entry.path))
        except OSError:
            return
        entries.sort()
        total = sum(size for _, size, _ in entries)
        now = time.time()
        for n, (mtime, size, path) in enumerate(entries):
            stale_draft = os.path.basename(path).startswith(".nieuw-") and now - mtime > 3600
            if not stale_draft and len(entries) - n <= MAX_ENTRIES and total <= MAX_BYTES:
                continue
            try:
                os.unlink(path)
            except OSError:
                continue
            total -= size


def _dumps(value: object) -> bytes:
    out = io.BytesIO()
    _ModelPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


def _same(value: object) -> object:
    """What an equal value pickled before unpickles to: that value itself."""
    return value


class _Reduce(NamedTuple):
    fields: Callable[[Any], Any]  # the values of the fields, in the order of __init__
    single: bool  # one field: the getter gives the value, not a tuple
    interned: bool  # hashable: equal values are pickled once


_PLAIN = _Reduce(lambda _: (), False, False)  # not ours: pickled as pickle would
_REDUCERS: dict[type, _Reduce] = {}


class _ModelPickler(pickle.Pickler):
    """Pickles the frozen dataclasses of the model as a call of their class with their
    field values, and a named tuple (``Mark``) as a tuple of its class. Unpickling then runs
    their ``__init__`` (or none at all) instead of dataclasses' ``__setstate__`` (a loop in
    Python over the fields of each of hundreds of thousands of objects), in a fraction of
    the time. Equal hashable values (the facts of most fasen are alike) are pickled once."""

    def __init__(self, file: io.BytesIO, protocol: int) -> None:
        super().__init__(file, protocol=protocol)
        self.interned: dict[object, object] = {}

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        how = _REDUCERS.get(cls)
        if how is None:
            how = _REDUCERS[cls] = _reducer_for(cls)
        if how is _PLAIN:
            return NotImplemented
        if how.interned:
            try:
                first = self.interned.setdefault(obj, obj)
            except TypeError:  # a field that is not hashable after all
                first = obj
            if first is not obj:
                return (_same, (first,))
        if how.fields is _named_tuple:
            return (tuple.__new__, (cls, tuple(obj)))
        values = how.fields(obj)
        return (cls, (values,) if how.single else values)


def _named_tuple(obj: Any) -> Any:
    return tuple(obj)


def _reducer_for(cls: type) -> _Reduce:
    if issubclass(cls, tuple) and hasattr(cls, "_fields") and cls.__new__ is not tuple.__new__:
        return _Reduce(_named_tuple, False, False)
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or not hasattr(cls, "__slots__"):
        return _PLAIN
    fields = dataclasses.fields(cls)
    if hasattr(cls, "__post_init__") or any(not f.init for f in fields) or not fields:
        return _PLAIN
    names = [f.name for f in fields]
    return _Reduce(
        operator.attrgetter(*names), len(names) == 1, params.eq and cls.__hash__ is not None
    )


def _unpack(key: str, data: bytes) -> object:
    """The value in an entry's bytes, or None when they are not a whole entry for ``key``."""
    head = len(MAGIC) + DIGEST
    if len(data) <= head or not data.startswith(MAGIC):
        return None
    payload = data[head:]
    digest = hashlib.blake2b(key.encode() + payload, digest_size=DIGEST).digest()
    if digest != data[len(MAGIC) : head]:
        return None
    try:
        with gc_paused():  # hundreds of thousands of objects that hold no cycles
            return pickle.loads(payload)
    except Exception:  # a whole entry that still does not load: treat it as missing
        return None
