"""The pipeline end to end: read -> clean -> metadata -> entities, and keeping an index
in line with a corpus folder. This is the Python API the command line is built on."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .article import Article
from .clean import clean_text
from .corpus import Sidecars, list_files
from .metadata import extract_metadata
from .reader import DEFAULT_MAX_BYTES, ReadError, read_article

SkipHandler = Callable[[str, str], None]


def _ignore(path: str, reason: str) -> None:
    pass


def clean_article(article: Article) -> Article:
    """Fill the article's title, body and removed blocks from its raw text or HTML."""
    if article.format == "html":
        from .html import clean_html

        cleaned, article.page_meta = clean_html(article.raw)
    else:
        cleaned = clean_text(article.raw)
    article.title = cleaned.title
    article.body = "\n".join(cleaned.paragraphs)
    article.removed = cleaned.removed
    return article


def read_files(paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES,
               on_skip: SkipHandler = _ignore) -> Iterator[Article]:
    """Read each file, with what the sidecar beside it says of it."""
    sidecars = Sidecars()
    for path in paths:
        try:
            article = read_article(path, max_bytes)
        except ReadError as exc:
            on_skip(str(path), str(exc))
            continue
        article.source = sidecars.entry(Path(path))
        yield article


def process(articles: Iterable[Article], *, entities: bool = True) -> Iterator[Article]:
    """Clean, then extract metadata and (optionally) entities."""
    cleaned = (extract_metadata(clean_article(article)) for article in articles)
    if not entities:
        yield from cleaned
        return
    from .entities import extract_entities

    batch: list[Article] = []
    for article in cleaned:
        batch.append(article)
        if len(batch) >= 64:
            yield from _with_entities(batch, extract_entities)
            batch = []
    yield from _with_entities(batch, extract_entities)


def _with_entities(batch: list[Article], extract_entities) -> list[Article]:
    for article, ents in zip(batch, extract_entities(a.body for a in batch)):
        article.entities = ents
    return batch


def extract_files(paths: Iterable[Path], *, entities: bool = True,
                  max_bytes: int = DEFAULT_MAX_BYTES, on_skip: SkipHandler = _ignore) -> Iterator[Article]:
    """Read, clean and extract the given files."""
    return process(read_files(paths, max_bytes=max_bytes, on_skip=on_skip), entities=entities)


@dataclass
class BuildReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{self.added} added, {self.updated} updated, {self.removed} removed, "
                f"{len(self.skipped)} skipped, {self.unchanged} unchanged in {self.seconds:.1f} s")


def update_index(corpus: Path, index_dir: Path, *, rebuild: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
                 on_skip: SkipHandler = _ignore) -> BuildReport:
    """Bring the index in line with the corpus folder: new files added, changed files
    (by content hash) replaced, deleted files removed. Unchanged files are not re-extracted."""
    from . import index

    started = time.monotonic()
    report = BuildReport()

    def skip(path: str, reason: str) -> None:
        report.skipped.append((path, reason))
        on_skip(path, reason)

    if rebuild or not index.exists(index_dir):
        index.create_empty(index_dir)
    ix = index.open_index(index_dir)
    known = index.indexed_hashes(ix)
    files = list_files(corpus)
    changed = []
    for article in read_files(files, max_bytes=max_bytes, on_skip=skip):
        if known.get(article.path) == article.content_hash:
            report.unchanged += 1
        else:
            changed.append(article)
    current = {str(p) for p in files}
    stale = [p for p in known if p not in current]
    skipped_paths = {p for p, _ in report.skipped}
    stale += [p for p in skipped_paths if p in known]  # a file that became unreadable leaves the index

    def counted(articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if not article.body.strip():
                skip(article.path, "no article text found")
                continue
            if article.path in known:
                report.updated += 1
            else:
                report.added += 1
            yield article

    index.write_articles(ix, counted(process(changed)), stale)
    report.removed = len(stale)
    report.seconds = time.monotonic() - started
    return report
