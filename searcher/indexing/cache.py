"""Extraction results cached by content hash and pipeline version, so that rebuilding the
index (after a schema or ranking change, or from a renamed folder) does not run the cleaner
and spaCy again on text they have already seen.

The pipeline version is a hash of the source of every module that shapes an extracted
article, plus the versions of the libraries and spaCy model it runs, so changing the
cleaning or extraction code, or upgrading the model, invalidates the cache by itself.
Nothing here imports spaCy.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
import zlib
from functools import lru_cache
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..article import Article
from .store import version_of

LIBRARIES = ("spacy", "beautifulsoup4", "lxml", "trafilatura", "justext")


def extraction_modules() -> list[Path]:
    """The package's modules and data files whose contents decide what an extracted
    article holds: the extraction stage whole (its rules and word tables included), and the
    record and date helpers it shares with the rest of the package."""
    package = Path(__file__).resolve().parent.parent
    extract = package / "extract"
    return sorted(extract.glob("*.py")) + sorted(extract.glob("data/*")) \
        + [package / "article.py", package / "dates.py"]


def pipeline_version() -> str:
    """Short hash naming the cleaning and extraction code and models in use."""
    from ..extract.entity_rules import model_name  # (not entities: a no-op update imports no stage)

    return _pipeline_version(model_name())


@lru_cache(maxsize=4)
def _pipeline_version(model: str) -> str:
    """Worked out once per process and model: it reads every extraction module and scans
    the installed packages' versions, and a build (and each Dask task) asks for it."""
    digest = hashlib.sha1()
    for path in extraction_modules():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for dist in (*LIBRARIES, model):
        digest.update(f"{dist}={version_of(dist)}\n".encode())
    return digest.hexdigest()[:16]


class ExtractionCache:
    """extraction key (the content hash, and what the page's site says of its blocks) ->
    extracted Article (without its raw text), for one pipeline version. A damaged cache
    file is discarded and started afresh, and one that cannot be written (a full disk) is
    done without: it only ever saves time."""

    def __init__(self, path: Path, version: str) -> None:
        self.path, self.version = Path(path), version
        try:
            self.db = self._open(self.path)
        except sqlite3.OperationalError:  # cannot be opened or written
            self.db = self._open(":memory:")
        except sqlite3.DatabaseError:  # not a database: damaged
            self.path.unlink(missing_ok=True)
            self.db = self._open(self.path)

    def _open(self, path: Path | str) -> sqlite3.Connection:
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE IF NOT EXISTS extracted (hash TEXT PRIMARY KEY, version TEXT, article BLOB)")
        # Results of older pipelines can never be used again.
        db.execute("DELETE FROM extracted WHERE version != ?", (self.version,))
        db.commit()
        return db

    def get(self, article: Article) -> Article | None:
        """The cached extraction of this article's text, with its path and raw text put back."""
        try:
            row = self.db.execute("SELECT article FROM extracted WHERE hash = ? AND version = ?",
                                  (article.extraction_key, self.version)).fetchone()
            if row is None:
                return None
            cached: Article = pickle.loads(zlib.decompress(row[0]))
        except Exception:  # a damaged row, or one pickled by code that has since changed
            return None
        cached.path, cached.raw, cached.source = article.path, article.raw, article.source
        return cached

    def cached_or_batched(self, articles: Iterable[Article], size: int) -> Iterator[Article | list[Article]]:
        """Each article the cache has, as cached, in its place; the others gathered into
        lists of `size` to be extracted (the last list shorter), each given as it fills."""
        misses: list[Article] = []
        for article in articles:
            cached = self.get(article)
            if cached is not None:
                yield cached
                continue
            misses.append(article)
            if len(misses) == size:
                yield misses
                misses = []
        if misses:
            yield misses

    def put(self, articles: Iterable[Article]) -> None:
        rows = []
        for article in articles:
            key = article.extraction_key  # the content, and its site's evidence about it
            raw, article.raw = article.raw, ""  # the file has it; no need to store it twice
            try:
                rows.append((key, self.version, zlib.compress(pickle.dumps(article, pickle.HIGHEST_PROTOCOL), 1)))
            finally:
                article.raw = raw
        try:
            self.db.executemany("INSERT OR REPLACE INTO extracted VALUES (?, ?, ?)", rows)
            self.db.commit()
        except sqlite3.Error:
            pass  # a full disk costs only the cache

    def keep_only(self, hashes: set[str]) -> None:
        """Drop results for texts no longer in the corpus (after a full rebuild)."""
        try:
            known = [h for (h,) in self.db.execute("SELECT hash FROM extracted")]
            self.db.executemany("DELETE FROM extracted WHERE hash = ?", [(h,) for h in known if h not in hashes])
            self.db.commit()
        except sqlite3.Error:
            pass  # kept a while longer

    def close(self) -> None:
        self.db.close()
