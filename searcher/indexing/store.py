"""The index folder on disk: generations of the Whoosh index, the pointer to the live one,
the writer lock, and each generation's record of the files it was built from.

Layout of the folder given as --index:

    CURRENT           name of the live generation (replaced atomically with os.replace)
    gen-<n>/          one complete Whoosh index, plus meta.json, files.json and the
                      .searcher-generation marker
    writer.lock       flock()ed by the one process allowed to write; holds its pid
    cache.sqlite      extraction cache (see searcher.indexing.cache)
    .searcher-index   marks the folder as an index searcher made

A writer never changes a published generation: it builds the next one beside it (an
update starts from hard links to the live one's files, which Whoosh never rewrites in
place), then swaps CURRENT. A reader resolves CURRENT once, so a query running during a
build answers from the old or the new generation, and a build killed half way leaves
CURRENT and the live generation untouched. Replaced generations are kept for a grace
period for readers still on them, then deleted.

searcher deletes only what it can prove it wrote: generation folders holding its marker,
and in them only the files named as searcher and Whoosh name theirs; a folder that still
holds anything else after that stays, with what is in it. Whatever state the folder is in,
a rebuild either mends it or says which path is in the way and why it was left alone.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache, wraps
import sys
from pathlib import Path

from ..lean import LazyPattern, record, sha1

FORMAT = 2  # of this folder layout and of meta.json/files.json
POINTER = "CURRENT"
LOCK_NAME = "writer.lock"
CACHE_NAME = "cache.sqlite"
META_NAME = "meta.json"
FILES_NAME = "files.json"
RETIRED_NAME = "retired"
INDEX_MARKER = ".searcher-index"
GENERATION_MARKER = ".searcher-generation"
GENERATION = LazyPattern(r"^gen-(\d{6,})$")
# The files searcher and Whoosh write in a generation, the only ones ever deleted from it:
# Whoosh's table of contents (written under a temporary name first), segment files (a
# 16-character random id), write lock and temporary files (28 characters, some in a
# folder of their own), and searcher's records and their temporary copies.
WHOOSH_FILE = r"_articles_\d+\.toc|articles_[0-9a-z]{16}\.[\w.]+|articles_WRITELOCK"
WHOOSH_TEMP_FILE = LazyPattern(r"^[0-9a-z]{28}\.\w+$")
WHOOSH_TEMP_FOLDER = "articles.tmp"
GENERATION_FILE = LazyPattern(rf"^({WHOOSH_FILE}|_articles_\d+\.toc\.[\d.]+|[0-9a-z]{{28}}\.\w+|meta\.json|files\.json|retired"
                             rf"|copies\.json|copies-sketch\.npz"  # searcher.indexing.copies
                             rf"|\.(meta|files|copies)\.json\.\d+\.tmp|\.copies-sketch\.npz\.\d+\.tmp\.npz)$")
# Files an older searcher wrote straight into the folder (a bare Whoosh index named "articles").
LEGACY_FILE = LazyPattern(rf"^({WHOOSH_FILE})$")
# What searcher keeps in the index folder, by name, and what each is (for messages).
OWN_FILES = {POINTER: "pointer to the live index", LOCK_NAME: "writer lock", CACHE_NAME: "extraction cache",
             INDEX_MARKER: "marker"}
RETIRED_GRACE_SECONDS = 120.0
REBUILD_HINT = "rebuild it with `searcher index --rebuild`"


class IndexUnavailable(Exception):
    """The index is missing, damaged or unusable; the message says what to do."""


class WriterBusy(Exception):
    """Another process is writing this index."""


class WriteFailed(Exception):
    """Writing the index failed (a full disk, say); the old index is as it was. The message
    is one line for the user."""


def write_failure(exc: OSError, index_dir: Path, had_index: bool) -> WriteFailed:
    """The one-line account of an OSError met while writing the index in `index_dir`."""
    where = Path(index_dir).absolute()
    if exc.errno == errno.ENOSPC:
        what = f"no space left on the device at {where}"
    elif exc.errno == errno.EDQUOT:
        what = f"disk quota exceeded at {where}"
    elif exc.errno == errno.EROFS:
        what = f"{where} is on a read-only file system"
    else:
        what = f"cannot write the index in {where} ({exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''})"
    return WriteFailed(f"{what}; {'the old index is intact' if had_index else 'no index was made'}")


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
    """Names what an index holds (the source of searcher/indexing/schema.py: fields, analyzers, how
    documents are made from articles) and the Whoosh version: an index whose signature
    differs was made by another version and cannot be updated in place, only rebuilt. Read
    from the source so checking an index does not import Whoosh."""
    digest = sha1(f"{FORMAT}\n{version_of('Whoosh-Reloaded', 'whoosh')}\n".encode())
    digest.update(Path(__file__).with_name("schema.py").read_bytes())
    return digest.hexdigest()[:16]


def version_of(dist: str, package: str | None = None) -> str:
    """The installed version of a distribution, from the name of its .dist-info folder on
    sys.path, as importlib.metadata finds it (importing that costs a cold query 20 ms);
    importlib.metadata itself where no such folder is found (an egg, say). The folder of
    `package`, if it is imported, is looked in first: installers put the .dist-info beside
    it, and sys.path may begin with a large working directory."""
    prefix = re.sub(r"[-_.]+", "_", dist).lower() + "-"
    module = sys.modules.get(package) if package else None
    beside = [os.path.dirname(os.path.dirname(module.__file__))] if getattr(module, "__file__", None) else []
    for entry in beside + sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info") and name.lower().startswith(prefix):
                return name[len(prefix):-len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


@record
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
        file of it missing or cut short, none changed since it was written); else its meta
        record. Cheap: reads meta.json, stats the files and reads back only a file whose
        time has changed."""
        meta = self.meta()
        where = self.path.parent
        if meta.get("format") != FORMAT or meta.get("signature") != index_signature():
            raise IndexUnavailable(f"the index in {where} was made by an incompatible version of searcher; {REBUILD_HINT}")
        actual = self.whoosh_files()
        damaged = [name for name, size in (meta.get("files") or {}).items() if actual.get(name) != size]
        if damaged:
            raise IndexUnavailable(f"the index in {where} is damaged ({damaged[0]} is missing or cut short); {REBUILD_HINT}")
        self.verify(meta, full=False)
        return meta

    def checksums(self, known: dict[str, list[int]] | None = None) -> dict[str, list[int]]:
        """Name -> [CRC-32, mtime in ns, inode change time in ns] of the index's own files,
        once they are all in place. A file that has the name and time `known` records for
        it (linked from the generation before: Whoosh never rewrites a file) keeps the
        checksum recorded then instead of being read again."""
        known = known or {}
        sums = {}
        for name in self.whoosh_files():
            st = (self.path / name).stat()
            old = known.get(name)
            crc = old[0] if old and old[1] == st.st_mtime_ns else _crc32(self.path / name)
            sums[name] = [crc, st.st_mtime_ns, st.st_ctime_ns]
        return sums

    def verify(self, meta: dict, full: bool, inode_times: bool = False) -> dict[str, list[int]]:
        """Raise IndexUnavailable if a file of the index does not read back as written: with
        `full` every file is read, else only those whose time has changed since, and with
        `inode_times` also those whose inode changed since (bytes written in place with
        their modification time set back: no one can set an inode's change time back;
        linking, unlinking or copying the files changes it too, so they are read back
        then). The checksums as they now are: the caller may record those inode times.
        Indexes made before checksums were recorded have nothing to compare with."""
        now = {}
        for name, (crc, mtime, *ctime) in (meta.get("checksums") or {}).items():
            path = self.path / name
            now[name] = [crc, mtime, *ctime]
            try:
                if not full:
                    st = path.stat()
                    if st.st_mtime_ns == mtime and not (inode_times and [st.st_ctime_ns] != ctime):
                        continue
                if _crc32(path) == crc:
                    now[name] = [crc, mtime, path.stat().st_ctime_ns]
                    continue
                problem = "does not read back as it was written"
            except OSError as exc:
                problem = f"cannot be read: {exc.strerror}"
            raise IndexUnavailable(f"the index in {self.path.parent} is damaged ({name} {problem}); {REBUILD_HINT}")
        return now

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.iterdir() if p.is_file())

    def whoosh_files(self) -> dict[str, int]:
        """Name -> size of the index's own files, to check later that none went missing or was cut short."""
        return {p.name: p.stat().st_size for p in self.path.iterdir()
                if p.is_file() and p.name not in (META_NAME, FILES_NAME, RETIRED_NAME) and not p.name.endswith(".lock")
                and "WRITELOCK" not in p.name and not p.name.startswith(".")}


def _crc32(path: Path) -> int:
    crc = 0
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            crc = zlib.crc32(block, crc)
    return crc


def is_our_generation(path: Path) -> bool:
    """A generation folder searcher made: it holds searcher's marker, or (made before
    markers were written) its record of itself."""
    return (path / GENERATION_MARKER).is_file() or (path / META_NAME).is_file()


def remove_generation(path: Path) -> None:
    """Delete the files of a generation that searcher and Whoosh wrote, known by their
    names, then the folder once nothing else is in it. Anything else (a file of the user's
    put there) stays, and so do the folder and its marker."""
    if _remove_named(path / WHOOSH_TEMP_FOLDER, WHOOSH_TEMP_FILE, keep=None):
        _remove_named(path, GENERATION_FILE, keep=GENERATION_MARKER)


def _remove_named(folder: Path, names: re.Pattern, keep: str | None) -> bool:
    """Delete the regular files in `folder` whose names match, then `keep` and the folder
    if nothing else is left; whether the folder is gone."""
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return True
    except OSError:
        return False
    others = False
    for entry in entries:
        if entry.name == keep:
            continue
        try:
            if names.match(entry.name) and entry.is_file() and not entry.is_symlink():
                entry.unlink()
                continue
        except OSError:
            pass
        others = True
    if others:
        return False
    try:
        if keep:
            (folder / keep).unlink(missing_ok=True)
        folder.rmdir()
        return True
    except OSError:
        return False


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
        except (OSError, ValueError):
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
        except ValueError:  # not UTF-8
            raise IndexUnavailable(f"the index in {self.path} is damaged ({POINTER} names no index); {REBUILD_HINT}") from None
        except OSError as exc:
            raise IndexUnavailable(f"cannot read the index in {self.path} ({POINTER}: {exc.strerror}); {REBUILD_HINT}") from None
        if not GENERATION.match(name) or not (self.path / name).is_dir():
            raise IndexUnavailable(f"the index in {self.path} is damaged ({POINTER} names no index); {REBUILD_HINT}")
        return Generation(self.path / name)

    def _entries(self) -> list[Path]:
        try:
            return list(self.path.iterdir())
        except (FileNotFoundError, NotADirectoryError):
            return []

    def _has_legacy_files(self) -> bool:
        return any(p.name.startswith("_articles_") and LEGACY_FILE.match(p.name) for p in self._entries())

    # -- writing (only while holding the lock) ------------------------------------------------

    def check_ours(self) -> None:
        """Refuse a folder that holds anything but an index of ours: it may be the user's."""
        if self.path.exists() and not self.path.is_dir():
            raise IndexUnavailable(f"{self.path} is a file, not an index folder")
        strangers = [p.name for p in self._entries() if not self._is_ours(p)]
        if strangers:
            raise IndexUnavailable(f"{self.path} is not a searcher index (it holds {strangers[0]!r}"
                                   f"{' and more' if len(strangers) > 1 else ''}); choose an empty or new folder for --index")

    @staticmethod
    def _is_ours(entry: Path) -> bool:
        name = entry.name
        if name in OWN_FILES or name == CACHE_NAME + "-journal" or name.startswith("."):
            return True  # hidden files (.DS_Store) are nobody's data, and are never deleted
        if GENERATION.match(name):
            # empty, or gone meanwhile: it holds nothing of anyone's (a generation another
            # build is creating or removing is so for an instant). The marker is asked again
            # after the folder was seen not empty: another build writes it first into the
            # folder it creates, so it may have come between the two looks.
            try:
                return entry.is_dir() and (is_our_generation(entry) or not any(entry.iterdir())
                                           or is_our_generation(entry))
            except FileNotFoundError:
                return True
        return bool(LEGACY_FILE.match(name)) and entry.is_file()

    def clear_way(self, name: str) -> None:
        """Make sure that where searcher keeps one of its files there is that file or
        nothing: an empty folder in its place is removed; anything else (a folder with
        something in it, a link, a device) is left for the user, and IndexUnavailable says so."""
        path = self.path / name
        if path.is_symlink():
            what = "a symbolic link"
        elif not path.exists() or path.is_file():
            return
        elif path.is_dir():
            try:
                path.rmdir()
                return
            except OSError:
                what = "a folder with something in it"
        else:
            what = "not a regular file"
        raise IndexUnavailable(f"{path} is {what}, where searcher keeps its {OWN_FILES[name]}; remove it yourself "
                               f"(searcher deletes only files it wrote) or choose another folder for --index")

    def lock(self, timeout: float = 10.0, on_wait=None) -> "WriterLock":
        self.check_ours()
        self.path.mkdir(parents=True, exist_ok=True)
        self.clear_way(LOCK_NAME)
        return WriterLock(self.path / LOCK_NAME, timeout, on_wait)

    def prepare(self) -> None:
        """Ready the folder for writing (holding the lock): marked as ours, nothing in the
        way of searcher's own files, what killed builds left behind cleared away."""
        for name in (POINTER, CACHE_NAME):
            self.clear_way(name)
        marker = self.path / INDEX_MARKER
        if not marker.is_file():
            marker.write_text("This folder is an index made by searcher (a rebuildable copy of a corpus folder).\n")
        self.collect_garbage()

    def remove_if_unused(self) -> None:
        """Remove the folder if it holds nothing but the lock and marker (after the first
        build into it failed): a failed command leaves nothing behind."""
        entries = self._entries()
        if all(p.name in (LOCK_NAME, INDEX_MARKER) and p.is_file() and not p.is_symlink() for p in entries):
            try:
                for entry in entries:
                    entry.unlink()
                self.path.rmdir()
            except OSError:
                pass

    def new_generation(self, link_from: Generation | None = None) -> Generation:
        """A fresh generation folder, marked as ours; with `link_from`, starting as a copy
        (by hard links) of it."""
        numbers = [int(m.group(1)) for p in self._entries() if (m := GENERATION.match(p.name))]
        path = self.path / f"gen-{max(numbers, default=0) + 1:06d}"
        path.mkdir()
        (path / GENERATION_MARKER).write_text("A generation of a searcher index.\n")
        if link_from is not None:
            for name in link_from.whoosh_files():
                src, dst = link_from.path / name, path / name
                try:
                    os.link(src, dst)
                except OSError:  # a file system without hard links
                    import shutil  # here: a query never copies (see searcher.lean)

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
        """Delete generations no reader can be using (only while holding the lock): those
        killed builds left unfinished or never published, and those retired longer ago
        than the grace period. Also the files an older version wrote loose in the folder,
        once a generation is live. With the pointer unreadable, only unfinished ones go
        (any finished one may be the live one)."""
        try:
            live = self.current().name
        except IndexUnavailable:
            live = None
        now = time.time()
        for entry in self._entries():
            if entry.name == live:
                continue
            if not (GENERATION.match(entry.name) and entry.is_dir()):
                if live and LEGACY_FILE.match(entry.name) and entry.is_file() and not entry.is_symlink():
                    entry.unlink(missing_ok=True)
                continue
            if not is_our_generation(entry):
                continue
            finished = (entry / META_NAME).exists()
            if finished and live is None:
                continue
            try:
                retired_at = float((entry / RETIRED_NAME).read_text().strip() or 0)
            except FileNotFoundError:
                retired_at = None  # never published: a build that died
            except (OSError, ValueError):
                retired_at = 0.0
            if not finished or retired_at is None or now - retired_at > RETIRED_GRACE_SECONDS:
                remove_generation(entry)


def find_damage(index_dir: Path) -> IndexUnavailable | None:
    """Read every file of the live generation back and compare it with what was written:
    the damage found, said with how to mend it, or None."""
    try:
        generation = IndexFolder(index_dir).current()
        generation.verify(generation.meta(), full=True)
    except IndexUnavailable as exc:
        return exc
    return None


@contextmanager
def damage_reported(index_dir: Path) -> Iterator[None]:
    """Turn an error raised from deep inside Whoosh by a damaged index file (random bytes
    in a segment raise struct, zlib, index and key errors) into IndexUnavailable naming
    the file and the mend. Errors of searcher's own (a bad query, say) and errors with an
    intact index pass unchanged: only then is the index read back in full."""
    try:
        yield
    except Exception as exc:
        if type(exc).__module__.split(".")[0] == __package__:
            raise
        damage = find_damage(index_dir)
        if damage is None:
            raise
        raise damage from exc


def reports_damage(function):
    """Decorate a function that reads the index in its first argument with damage_reported."""
    @wraps(function)
    def reading(index_dir, *args, **kwargs):
        with damage_reported(index_dir):
            return function(index_dir, *args, **kwargs)
    return reading


class WriterLock:
    """An exclusive flock() on the lock file: the kernel drops it when its holder dies, so a
    lock left by a killed process is simply taken over. The file holds the holder's pid
    for the message a second writer gets."""

    def __init__(self, path: Path, timeout: float, on_wait=None) -> None:
        self.path, self.timeout, self.on_wait = path, timeout, on_wait
        self.fd: int | None = None

    def __enter__(self) -> "WriterLock":
        # never through a link: truncating the file it leads to would destroy it
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
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
    needs no Whoosh), once every file of it has been read back as written."""
    generation = IndexFolder(index_dir).current()
    meta, records = generation.check(), generation.files()
    generation.verify(meta, full=True)
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
    from .stories import load_stories

    stories = load_stories(generation.path)
    if stories is None:
        return {"stories": None, "stories_with_copies": None, "largest_stories": []}
    # ties in the order of their representatives' paths: story ids hash paths, which differ
    # from one machine to the next
    groups = sorted(stories.groups.items(), key=lambda kv: (-len(kv[1]), kv[1][0]["path"]))[:largest]
    return {"stories": stories.stories, "stories_with_copies": len(stories.groups),
            "largest_stories": [{"story": name, "articles": len(members), "representative": members[0]["id"],
                                 "title": members[0]["title"],
                                 # the first sentence, shown in place of a missing title (an index
                                 # grouped before leads were kept has none until its next update)
                                 "lead": members[0].get("lead") or "",
                                 "outlets": sorted({m["outlet"] or "unknown outlet" for m in members})}
                                for name, members in groups]}
