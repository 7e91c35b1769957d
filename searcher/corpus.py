"""A corpus folder: its article files, and the sidecar that carries metadata the files
don't print (where a page came from, its outlet, date and author).

A sidecar is a `sources.csv` beside the files it describes (any folder of the corpus may
have one), with a header row. Column `file` names a file in that folder; the other columns are
optional: `url`, `outlet`, `published` (YYYY-MM-DD), `author`, `title`. Empty cells mean
"unknown". What the sidecar says wins over what is guessed from the file.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from .reader import is_article_file

SIDECAR_NAME = "sources.csv"
SIDECAR_COLUMNS = ("url", "outlet", "published", "author", "title")


class CorpusError(Exception):
    """The corpus folder or its sidecar is unusable; the message is one line for the user."""


def list_files(corpus: Path) -> list[Path]:
    """Article files below `corpus`, sorted, skipping hidden folders and files.
    Symlinked folders are not followed, so a link loop cannot trap the walk."""
    if not corpus.is_dir():
        raise CorpusError(f"corpus folder {corpus} does not exist")
    found = []
    for root, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(root) / name
            if not name.startswith(".") and is_article_file(path):
                found.append(path)
    return sorted(found)


def load_sidecar(folder: Path) -> dict[str, dict[str, str]]:
    """The rows of `folder`'s sidecar keyed by file name, with only the non-empty known columns."""
    path = folder / SIDECAR_NAME
    if not path.exists():
        return {}
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "file" not in reader.fieldnames:
                raise CorpusError(f"{path}: the header must have a 'file' column")
            rows = {}
            for row in reader:
                name = (row.get("file") or "").strip()
                if name:
                    rows[name] = {k: row[k].strip() for k in SIDECAR_COLUMNS if (row.get(k) or "").strip()}
            return rows
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise CorpusError(f"{path}: cannot read the sidecar ({exc})") from None


class Sidecars:
    """Looks up a file's sidecar row, reading each folder's sidecar once."""

    def __init__(self) -> None:
        self._folders: dict[Path, dict[str, dict[str, str]]] = {}

    def entry(self, path: Path) -> dict[str, str]:
        folder = path.parent
        if folder not in self._folders:
            self._folders[folder] = load_sidecar(folder)
        return dict(self._folders[folder].get(path.name, {}))
