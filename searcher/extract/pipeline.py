"""The stages every article goes through: read -> clean -> metadata -> entities -> quotes. What
this module does decides what an extracted article holds, so its source is part of the
extraction cache's version (searcher.indexing.cache); keeping an index up to date is searcher.indexing.build."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..article import Article
from .corpus import Sidecars, SkipHandler, ignore_skip
from .metadata import extract_metadata
from .reader import DEFAULT_MAX_BYTES, ReadError, read_article
from .sitewide import may_have_site, weigh


def clean_article(article: Article) -> Article:
    """Fill the article's title, body and removed blocks from its raw text or HTML."""
    if article.format == "html":
        from .html import clean_html

        cleaned, article.page_meta = clean_html(article.raw, article.site_blocks)
    else:
        from .clean import clean_text

        cleaned = clean_text(article.raw, article.site_blocks)
    article.title = cleaned.title
    article.body = "\n".join(cleaned.paragraphs)
    article.removed = cleaned.removed
    return article


class FileReader:
    """Reads article files, each with what the sidecar beside it says of it (a sidecar that
    cannot be used goes to `on_bad_sidecar`, and the files beside it are read without it)."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES, on_bad_sidecar: SkipHandler = ignore_skip) -> None:
        self.max_bytes, self.sidecars = max_bytes, Sidecars(on_bad_sidecar)

    def read(self, path: str | Path) -> Article:
        """The file's article; ReadError with a one-line reason when it cannot be read."""
        article = read_article(path, self.max_bytes)
        article.source = self.sidecars.entry(Path(path))
        return article


def read_files(paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES, on_skip: SkipHandler = ignore_skip,
               on_bad_sidecar: SkipHandler = ignore_skip, held: dict[str, Article] | None = None) -> Iterator[Article]:
    """Read each file, with what its sidecar says of it (see FileReader); those that
    cannot be read go to `on_skip`. A file in `held` (path -> the article a survey read)
    is taken from there, not read again."""
    reader = FileReader(max_bytes, on_bad_sidecar)
    for path in paths:
        article = held.pop(str(path), None) if held else None
        if article is not None:
            article.source = reader.sidecars.entry(Path(path))  # a bad sidecar is reported, as reading reports it
            yield article
            continue
        try:
            yield reader.read(path)
        except ReadError as exc:
            on_skip(str(path), str(exc))


# The survey's pages, up to this many characters in all, are kept for the pass that cleans
# them, which then need not read them again (the first ones: that pass reads in the same
# order, so it takes them first).
SURVEY_HELD_CHARS = 16_000_000


class SiteSurvey:
    """The files that site weighing surveys before any is cleaned (searcher.extract.sitewide): those
    that may be pages of a site, read quietly (the pass that cleans them reports what
    cannot be read, and a sidecar that cannot be used). `held` keeps the first pages read
    for that pass (see SURVEY_HELD_CHARS)."""

    def __init__(self, paths: Iterable[Path], max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.reader = FileReader(max_bytes)
        self.paths = [str(path) for path in paths if may_have_site(path, self.reader.sidecars.entry(Path(path)))]
        self.held: dict[str, Article] = {}
        self.held_chars = 0

    def read(self, path: str) -> Article | None:
        try:
            article = self.reader.read(path)
        except ReadError:
            return None
        if self.held_chars + len(article.raw) <= SURVEY_HELD_CHARS:
            self.held[path] = article
            self.held_chars += len(article.raw)
        return article


def process(articles: Iterable[Article], *, entities: bool = True) -> Iterator[Article]:
    """Clean, then extract metadata and (optionally) entities and the quotes they speak."""
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


# Entities are looked for in the first this many characters of a body: a book-length file
# would otherwise hold up a whole batch in spaCy (searcher.extract.entities already cuts long
# paragraphs into pieces spaCy accepts).
ENTITY_TEXT_LIMIT = 200_000


def _with_entities(batch: list[Article], extract_entities) -> list[Article]:
    from .entities import add_place
    from .quotes import extract_quotes  # speakers are the entities just found

    for article, ents in zip(batch, extract_entities(a.body[:ENTITY_TEXT_LIMIT] for a in batch)):
        # The dateline's place is a place the story names ("ROME 1996-12-06" names Rome),
        # even where NER does not tag it.
        article.entities = add_place(ents, article.dateline.place) if article.dateline else ents
        article.quotes = extract_quotes(article.body[:ENTITY_TEXT_LIMIT], article.entities)
    return batch


def extract_files(paths: Iterable[Path], *, entities: bool = True, max_bytes: int = DEFAULT_MAX_BYTES,
                  on_skip: SkipHandler = ignore_skip, on_bad_sidecar: SkipHandler = ignore_skip) -> Iterator[Article]:
    """Read, clean and extract the given files; pages of one site among them are weighed
    against each other (searcher.extract.sitewide): such files are surveyed first, one at a time,
    then cleaned, those the survey holds (SURVEY_HELD_CHARS) as it read them, the others read again."""
    paths = list(paths)
    survey = SiteSurvey(paths, max_bytes)
    articles = read_files(paths, max_bytes=max_bytes, on_skip=on_skip, on_bad_sidecar=on_bad_sidecar,
                          held=survey.held)
    return process(weigh(articles, survey), entities=entities)
