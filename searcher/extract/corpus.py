"""A corpus folder: its article files, and the sidecar that carries metadata the files
don't print (where a page came from, its outlet, date and author).

A sidecar is a `sources.csv` beside the files it describes (any folder of the corpus may
have one), with a header row. Column `file` names a file in that folder; the other columns are
optional: `url`, `outlet`, `published` (YYYY-MM-DD), `author`, `title`. Empty cells mean
"unknown". What the sidecar says wins over what is guessed from the file.
"""

from __future__ import annotations

import csv
import errno
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .reader import ReadError, decode, is_article_name, not_regular_reason, read_bytes

SIDECAR_NAME = "sources.csv"
SIDECAR_COLUMNS = ("url", "outlet", "published", "author", "title")
# Files that describe a folder rather than being a story in it, as datasets and shared
# collections ship them ("README.TXT", "LICENSE.md"): by their name without extensions.
FOLDER_NOTES = {"readme", "license", "licence", "copying", "changelog", "changes", "notice", "authors"}


class CorpusError(Exception):
    """The corpus folder or its sidecar is unusable; the message is one line for the user."""


@dataclass(frozen=True)
class CorpusFile:
    """An article file and what its stat says: if `stamp` is unchanged since the last build,
    neither the file nor its sidecar row has changed, and the file need not be read."""

    path: Path
    stamp: tuple[int, ...]


SkipHandler = Callable[[str, str], None]


def ignore_skip(path: str, reason: str) -> None:
    """The default skip handler: say nothing."""


def _stat_stamp(st: os.stat_result) -> tuple[int, int, int]:
    # ctime too: it moves on chmod, so a file made readable again is looked at again.
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def is_folder_note(name: str) -> bool:
    return name.split(".", 1)[0].lower() in FOLDER_NOTES


def check_corpus(corpus: Path) -> None:
    if not corpus.is_dir():
        raise CorpusError(f"corpus {corpus} is not a folder" if corpus.exists() else f"corpus folder {corpus} does not exist")


def scan_corpus(corpus: Path, *, exclude: Path | None = None, follow_links: bool = False,
                on_skip: SkipHandler = ignore_skip) -> list[CorpusFile]:
    """Article files below `corpus`, sorted, skipping hidden folders and files, a folder's
    own notes (README, LICENSE and the like) and the `exclude` folder (an index kept
    inside the corpus). Only regular files are articles: a named pipe or a device with an
    article's name is reported, never opened.

    Symbolic links are followed when they lead to a file or folder inside the corpus
    folder; one leading out of it (to /etc, say, in a folder unpacked from elsewhere) is
    reported and left alone unless `follow_links`. A folder link that leads back to a
    folder already walked is reported as a loop, never followed, so the walk always ends.
    Unreadable folders and broken links are reported."""
    check_corpus(corpus)
    excluded = exclude.resolve() if exclude is not None else None
    root = os.path.realpath(corpus)
    found: list[CorpusFile] = []
    seen_dirs: set[tuple[int, int]] = set()

    def leads_out(entry: os.DirEntry) -> bool:
        if follow_links or not entry.is_symlink() or not os.path.exists(entry.path):
            return False  # (a broken link is reported as such)
        target = os.path.realpath(entry.path)
        return os.path.commonpath([root, target]) != root

    def walk(folder: Path) -> None:
        try:
            st = folder.stat()
            entries = list(os.scandir(folder))
        except OSError as exc:
            on_skip(str(folder), _os_reason(exc))
            return
        if (st.st_dev, st.st_ino) in seen_dirs:
            on_skip(str(folder), "symlink loop (leads to a folder already indexed)")
            return
        seen_dirs.add((st.st_dev, st.st_ino))
        sidecar = _sidecar_stamp(folder)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()  # follows symlinks
            except OSError:
                is_dir = False
            if not is_dir and not (is_article_name(entry.name) and not is_folder_note(entry.name)):
                continue
            if leads_out(entry):
                on_skip(entry.path, f"symlink to {'a folder' if is_dir else 'a file'} outside the corpus folder "
                                    f"(follow it with --follow)")
            elif is_dir:
                if excluded is None or Path(entry.path).resolve() != excluded:
                    walk(Path(entry.path))
            else:
                try:
                    file_stat = entry.stat()  # follows symlinks
                except OSError as exc:
                    on_skip(entry.path, _os_reason(exc))
                    continue
                reason = not_regular_reason(file_stat.st_mode)
                if reason:
                    on_skip(entry.path, reason)
                else:
                    # (a child of `folder`: parsing only the name, not the whole path again)
                    found.append(CorpusFile(folder / entry.name, _stat_stamp(file_stat) + sidecar))

    walk(corpus)
    return sorted(found, key=lambda f: str(f.path))


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.ENOENT:
        return "broken symlink or vanished file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


def _sidecar_stamp(folder: Path) -> tuple[int, ...]:
    try:
        st = (folder / SIDECAR_NAME).stat()
    except OSError:
        return ()
    return (st.st_size, st.st_mtime_ns)


def load_sidecar(folder: Path) -> dict[str, dict[str, str]]:
    """The rows of `folder`'s sidecar keyed by file name, with only the non-empty known
    columns. Read in any encoding an article may be in, and with fields of any length (a
    scraper's export may carry a whole article in a column); CorpusError if it is unusable."""
    path = folder / SIDECAR_NAME
    if not path.exists():
        return {}
    try:
        data = read_bytes(path)
        text = decode(data, is_html=False).removeprefix("\ufeff")
        csv.field_size_limit(max(csv.field_size_limit(), len(text)))
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if not reader.fieldnames or "file" not in reader.fieldnames:
            raise CorpusError("its header has no 'file' column")
        rows = {}
        for row in reader:
            name = (row.get("file") or "").strip()
            if name:
                rows[name] = {k: row[k].strip() for k in SIDECAR_COLUMNS if (row.get(k) or "").strip()}
        return rows
    except ReadError as exc:
        raise CorpusError(str(exc)) from None
    except csv.Error as exc:
        raise CorpusError(f"not readable as CSV ({exc})") from None


class Sidecars:
    """Looks up a file's sidecar row, reading each folder's sidecar once. A sidecar that
    cannot be used is reported once to `on_bad` and its folder's files go without it."""

    def __init__(self, on_bad: SkipHandler = ignore_skip) -> None:
        self._folders: dict[Path, dict[str, dict[str, str]]] = {}
        self.on_bad = on_bad

    def entry(self, path: Path) -> dict[str, str]:
        folder = path.parent
        if folder not in self._folders:
            try:
                self._folders[folder] = load_sidecar(folder)
            except CorpusError as exc:
                self._folders[folder] = {}
                self.on_bad(str(folder / SIDECAR_NAME), f"{exc}; the files beside it are read without it")
        return dict(self._folders[folder].get(path.name, {}))
