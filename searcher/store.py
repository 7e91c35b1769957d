"""The index folder on disk: generations of the Whoosh index, the pointer to the live one,
the writer lock, and each generation's record of the files it was built from.

Layout of the folder given as --index:

    CURRENT        name of the live generation (replaced atomically with os.replace)
    gen-<n>/       one complete Whoosh index, plus meta.json and files.json
    writer.lock    flock()ed by the one process allowed to write; holds its pid
    cache.sqlite   extraction cache (see searcher.cache)

A writer never changes a published generation: it builds the next one beside it (an
update starts from hard links to the live one's files, which Whoosh never rewrites in
place), then swaps CURRENT. A reader resolves CURRENT once, so a query running during a
build answers from the old or the new generation, and a build killed half way leaves
CURRENT and the live generation untouched. Replaced generations are kept for a grace
period for readers still on them, then deleted. Nothing is ever deleted that does not
match our own names.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

FORMAT = 2  # of this folder layout and of meta.json/files.json
POINTER = "CURRENT"
LOCK_NAME = "writer.lock"
CACHE_NAME = "cache.sqlite"
META_NAME = "meta.json"
FILES_NAME = "files.json"
RETIRED_NAME = "retired"
GENERATION = re.compile(r"^gen-(\d{6,})$")
# Files an older searcher wrote straight into the folder (a bare Whoosh index named "articles").
LEGACY_FILE = re.compile(r"^(_articles_\d+\.toc|articles_\w+\.(seg|pst|trm|dci|dcz|fvz|vps|pos|lng|col|lck)|articles_WRITELOCK)$")
RETIRED_GRACE_SECONDS = 120.0
REBUILD_HINT = "rebuild it with `searcher index --rebuild`"


class IndexUnavailable(Exception):
    """The index is missing, damaged or unusable; the message says what to do."""


class WriterBusy(Exception):
    """Another process is writing this index."""


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@lru_cache(maxsize=1)
def index_signature() -> str:
    """Names what an index holds (the source of searcher/schema.py: fields, analyzers, how
    documents are made from articles) and the Whoosh version: an index whose signature
    differs was made by another version and cannot be updated in place, only rebuilt. Read
    from the source so checking an index does not import Whoosh."""
    digest = hashlib.sha1(f"{FORMAT}\n{version_of('Whoosh-Reloaded')}\n".encode())
    digest.update(Path(__file__).with_name("schema.py").read_bytes())
    return digest.hexdigest()[:16]


def version_of(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


@dataclass
class Generation:
    """One complete index in its own folder, with what it was built from."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    def meta(self) -> dict:
        return _read_json(self.path / META_NAME, self.path)

    def files(self) -> dict[str, dict]:
        """path -> record of each corpus file this generation has seen (indexed or skipped)."""
        return _read_json(self.path / FILES_NAME, self.path)

    def write_record(self, meta: dict, files: dict[str, dict]) -> None:
        _write_atomically(self.path / FILES_NAME, json.dumps(files, separators=(",", ":")))
        _write_atomically(self.path / META_NAME, json.dumps(meta, indent=1))

    def check(self) -> dict:
        """Raise IndexUnavailable unless this generation is of this version and whole (no
        file of it missing or cut short); else its meta record. Cheap: reads meta.json
        and stats the files."""
        meta = self.meta()
        where = self.path.parent
        if meta.get("format") != FORMAT or meta.get("signature") != index_signature():
            raise IndexUnavailable(f"the index in {where} was made by an incompatible version of searcher; {REBUILD_HINT}")
        actual = self.whoosh_files()
        damaged = [name for name, size in (meta.get("files") or {}).items() if actual.get(name) != size]
        if damaged:
            raise IndexUnavailable(f"the index in {where} is damaged ({damaged[0]} is missing or cut short); {REBUILD_HINT}")
        return meta

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.iterdir() if p.is_file())

    def whoosh_files(self) -> dict[str, int]:
        """Name -> size of the index's own files, to check later that none went missing or was cut short."""
        return {p.name: p.stat().st_size for p in self.path.iterdir()
                if p.is_file() and p.name not in (META_NAME, FILES_NAME, RETIRED_NAME) and not p.name.endswith(".lock")
                and "WRITELOCK" not in p.name and not p.name.startswith(".")}


def _read_json(path: Path, where: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            value = json.load(fh)
        if not isinstance(value, dict):
            raise ValueError("not an object")
        return value
    except (OSError, ValueError) as exc:
        reason = "missing" if isinstance(exc, FileNotFoundError) else "unreadable"
        raise IndexUnavailable(f"the index in {where.parent} is damaged ({path.name} {reason}); {REBUILD_HINT}") from None


class IndexFolder:
    """The --index folder. Reading needs no lock; writing goes through `lock()`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    # -- reading ---------------------------------------------------------------------------

    def exists(self) -> bool:
        """Whether an index (live or damaged) is here, as opposed to nothing at all or only
        the debris of a first build that was killed (a generation that never got finished)."""
        return ((self.path / POINTER).exists() or self._has_legacy_files()
                or any(GENERATION.match(p.name) and (p / META_NAME).exists() for p in self._entries()))

    def live_name(self) -> str | None:
        """Name of the live generation, as the pointer says now (None if it cannot be read)."""
        try:
            return (self.path / POINTER).read_text(encoding="utf-8").strip()
        except OSError:
            return None

    def current(self) -> Generation:
        """The live generation, resolved once; raises IndexUnavailable with what to do."""
        pointer = self.path / POINTER
        try:
            name = pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            if self._has_legacy_files():
                raise IndexUnavailable(f"the index in {self.path} was made by an older, incompatible version; "
                                       f"{REBUILD_HINT}") from None
            if self.exists():
                raise IndexUnavailable(f"the index in {self.path} is damaged (no {POINTER} file); {REBUILD_HINT}") from None
            raise IndexUnavailable(f"no index in {self.path}; build it with `searcher index`") from None
        except OSError as exc:
            raise IndexUnavailable(f"cannot read the index in {self.path} ({exc.strerror}); {REBUILD_HINT}") from None
        if not GENERATION.match(name) or not (self.path / name).is_dir():
            raise IndexUnavailable(f"the index in {self.path} is damaged ({POINTER} names no index); {REBUILD_HINT}")
        return Generation(self.path / name)

    def _entries(self) -> list[Path]:
        try:
            return list(self.path.iterdir())
        except (FileNotFoundError, NotADirectoryError):
            return []

    def _has_legacy_files(self) -> bool:
        return any(p.name.startswith("_articles_") and p.name.endswith(".toc") for p in self._entries())

    # -- writing (only while holding the lock) ------------------------------------------------

    def check_ours(self) -> None:
        """Refuse a folder that holds anything but an index of ours: it may be the user's."""
        if self.path.exists() and not self.path.is_dir():
            raise IndexUnavailable(f"{self.path} is a file, not an index folder")
        ours = {POINTER, LOCK_NAME, CACHE_NAME, CACHE_NAME + "-journal"}
        strangers = [p.name for p in self._entries()
                     if not (p.name in ours or p.name.startswith(".") or GENERATION.match(p.name)
                             or (p.is_file() and LEGACY_FILE.match(p.name)))]
        if strangers:
            raise IndexUnavailable(f"{self.path} is not a searcher index (it holds {strangers[0]!r}"
                                   f"{' and more' if len(strangers) > 1 else ''}); choose an empty or new folder for --index")

    def lock(self, timeout: float = 10.0, on_wait=None) -> "WriterLock":
        self.check_ours()
        self.path.mkdir(parents=True, exist_ok=True)
        return WriterLock(self.path / LOCK_NAME, timeout, on_wait)

    def new_generation(self, link_from: Generation | None = None) -> Generation:
        """A fresh generation folder; with `link_from`, starting as a copy (by hard links) of it."""
        numbers = [int(m.group(1)) for p in self._entries() if (m := GENERATION.match(p.name))]
        path = self.path / f"gen-{max(numbers, default=0) + 1:06d}"
        path.mkdir()
        if link_from is not None:
            for name in link_from.whoosh_files():
                src, dst = link_from.path / name, path / name
                try:
                    os.link(src, dst)
                except OSError:  # a file system without hard links
                    shutil.copy2(src, dst)
        return Generation(path)

    def publish(self, generation: Generation) -> None:
        """Make `generation` the live one in one atomic step, then tidy up old ones."""
        _fsync_dir(generation.path)
        try:
            previous = self.current()
        except IndexUnavailable:
            previous = None
        _write_atomically(self.path / POINTER, generation.name + "\n")
        _fsync_dir(self.path)
        if previous is not None and previous.path != generation.path:
            (previous.path / RETIRED_NAME).write_text(f"{time.time()}\n")
        self.collect_garbage()

    def collect_garbage(self) -> None:
        """Delete generations no reader can be using: never-published leftovers of killed
        builds, and generations retired longer ago than the grace period. Also the files
        an older version wrote loose in the folder, once a generation is live."""
        try:
            live = self.current().name
        except IndexUnavailable:
            return
        now = time.time()
        for entry in self._entries():
            if not GENERATION.match(entry.name) or entry.name == live or not entry.is_dir():
                if entry.is_file() and LEGACY_FILE.match(entry.name) and entry.name != LOCK_NAME:
                    entry.unlink(missing_ok=True)
                continue
            retired = entry / RETIRED_NAME
            try:
                retired_at = float(retired.read_text().strip() or 0)
            except FileNotFoundError:
                retired_at = None  # never published: a build that died
            except (OSError, ValueError):
                retired_at = 0.0
            if retired_at is None or now - retired_at > RETIRED_GRACE_SECONDS:
                shutil.rmtree(entry, ignore_errors=True)


class WriterLock:
    """An exclusive flock() on the lock file: the kernel drops it when its holder dies, so a
    lock left by a killed process is simply taken over. The file holds the holder's pid
    for the message a second writer gets."""

    def __init__(self, path: Path, timeout: float, on_wait=None) -> None:
        self.path, self.timeout, self.on_wait = path, timeout, on_wait
        self.fd: int | None = None

    def __enter__(self) -> "WriterLock":
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    os.close(fd)
                    raise
            holder = self._holder()
            if time.monotonic() >= deadline:
                os.close(fd)
                raise WriterBusy(f"another searcher{f' (pid {holder})' if holder else ''} is writing the index in "
                                 f"{self.path.parent}; try again when it has finished")
            if not waited and self.on_wait:
                self.on_wait(f"waiting for another searcher{f' (pid {holder})' if holder else ''} "
                             f"to finish writing {self.path.parent}")
            waited = True
            time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self.fd = fd
        return self

    def _holder(self) -> str:
        try:
            return self.path.read_text().strip()
        except OSError:
            return ""

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def index_stats(index_dir: Path) -> dict:
    """What the live index holds and where it came from, from its own records (so it
    needs no Whoosh)."""
    generation = IndexFolder(index_dir).current()
    meta, records = generation.check(), generation.files()
    indexed = [rec for rec in records.values() if "skipped" not in rec]
    outlets: dict[str, int] = {}
    for rec in indexed:
        if rec.get("outlet"):
            outlets[rec["outlet"]] = outlets.get(rec["outlet"], 0) + 1
    dates = sorted(rec["published"] for rec in indexed if rec.get("published"))
    return {
        "index": str(Path(index_dir).resolve()),
        "corpus": meta.get("corpus"),
        "documents": len(indexed),
        "skipped": len(records) - len(indexed),
        "outlets": len(outlets),
        "outlet_documents": dict(sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))),
        "published_from": dates[0] if dates else None,
        "published_to": dates[-1] if dates else None,
        "size_bytes": generation.size_bytes(),
        "built_at": meta.get("built_at"),
        "generation": generation.name,
        **_stories_stats(generation),
    }


def _stories_stats(generation: Generation, largest: int = 5) -> dict:
    """Distinct stories (an article and its copies are one) and the largest groups of copies."""
    from .copies import load_stories

    stories = load_stories(generation.path)
    if stories is None:
        return {"stories": None, "stories_with_copies": None, "largest_stories": []}
    groups = sorted(stories.groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:largest]
    return {"stories": stories.stories, "stories_with_copies": len(stories.groups),
            "largest_stories": [{"story": name, "articles": len(members), "representative": members[0]["id"],
                                 "title": members[0]["title"],
                                 "outlets": sorted({m["outlet"] or "unknown outlet" for m in members})}
                                for name, members in groups]}
