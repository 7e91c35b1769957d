"""The Whoosh index: its schema, and building or updating it from a corpus folder."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time as dtime
from pathlib import Path

from whoosh import fields, index
from whoosh.analysis import (CharsetFilter, CommaSeparatedTokenizer, Filter, LowercaseFilter, RegexTokenizer,
                             StemFilter, StopFilter, SubstitutionFilter)
from whoosh.support.charset import accent_map

from .article import ENTITY_TYPES, Article

INDEX_NAME = "articles"


class IndexUnavailable(Exception):
    """The index is missing, damaged or unusable; the message says what to do."""


TEXT_FIELDS = ("title", "body")  # what plain words search: folded, stemmed words
NAME_FIELDS = ("outlet", "person", "org", "place")  # comma-separated names, for field queries and facets

# A word, with dots or apostrophes inside it ("U.S.", "don't", "Lloyd’s") kept in one piece.
WORD_PATTERN = r"\w+(?:[.'’‘ʼ]\w+)*"


def folding_filters():
    """Case and accent folding; every apostrophe alike, and the possessive dropped, so
    "Lloyd's", "Lloyd’s" and "Lloyd" are one word."""
    return (LowercaseFilter() | SubstitutionFilter(r"[’‘ʼ]", "'") | SubstitutionFilter(r"'s?$", "")
            | CharsetFilter(accent_map))


def text_analyzer(stem: bool = True):
    """Words of the title and body: folded, stop words dropped, stemmed ("drone" finds "drones")."""
    chain = RegexTokenizer(WORD_PATTERN) | folding_filters() | StopFilter()
    return chain | StemFilter() if stem else chain


class NameWordsFilter(Filter):
    """When indexing, a name also yields each of its words, so `person:kirby` finds "John
    Kirby" as well as `person:"John Kirby"` does; a query keeps the name whole."""

    def __call__(self, tokens):
        for token in tokens:
            name = token.text
            yield token
            if token.mode != "index":
                continue
            words = {w for w in name.replace("-", " ").split() if len(w) > 1} - {name}
            for word in sorted(words):
                token.text = word
                yield token


def name_analyzer():
    """Comma-separated names (people, organisations, places, outlets), folded, so field
    queries and filters match however the user types them."""
    return CommaSeparatedTokenizer() | SubstitutionFilter(r"\s+", " ") | folding_filters() | NameWordsFilter()


def make_schema() -> fields.Schema:
    def names():
        # sortable: the column keeps the canonical display names, read for facets.
        return fields.KEYWORD(analyzer=name_analyzer(), stored=True, scorable=True, sortable=True)

    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        content_hash=fields.ID(stored=True),
        # no index-time field_boost: searcher.ranking weights the title at query time (it
        # would multiply with that weight, and changing it would need a rebuild)
        title=fields.TEXT(analyzer=text_analyzer(), stored=True),
        # spelling: the unstemmed words are kept too, the vocabulary "did you mean" draws on
        body=fields.TEXT(analyzer=text_analyzer(), stored=True, spelling=True),
        outlet=names(),
        site=fields.ID(stored=True),
        url=fields.STORED(),
        published=fields.DATETIME(stored=True, sortable=True),
        author=fields.TEXT(analyzer=text_analyzer(stem=False), stored=True),
        person=names(),
        org=names(),
        place=names(),
        dates=fields.KEYWORD(stored=True, commas=True),
    )


def article_document(article: Article) -> dict:
    doc = {
        "id": article.id,
        "path": article.path,
        "content_hash": article.content_hash,
        "title": article.title or "",
        "body": article.body,
        "site": article.site or "",
        "url": article.url or "",
        "author": article.author or "",
        "dates": ",".join(d.isoformat() for d in article.dates),
    }
    if article.outlet:
        doc["outlet"] = article.outlet
    if article.published:
        doc["published"] = datetime.combine(article.published, dtime())
    for typ in ENTITY_TYPES:
        doc[typ] = ",".join(n.replace(",", " ") for n in article.entities.get(typ, []))
    return doc


def exists(index_dir: Path) -> bool:
    return index_dir.is_dir() and index.exists_in(str(index_dir), indexname=INDEX_NAME)


def open_index(index_dir: Path):
    if not exists(index_dir):
        raise IndexUnavailable(f"no index in {index_dir}; build it with `searcher index`")
    try:
        return index.open_dir(str(index_dir), indexname=INDEX_NAME)
    except Exception as exc:  # whoosh raises many kinds on damaged files
        raise IndexUnavailable(f"the index in {index_dir} is damaged or from an incompatible version ({exc.__class__.__name__}); "
                          f"rebuild it with `searcher index --rebuild`") from None


def indexed_hashes(ix) -> dict[str, str]:
    """path -> content hash of every indexed article."""
    with ix.searcher() as s:
        return {f["path"]: f["content_hash"] for f in s.all_stored_fields()}


def write_articles(ix, articles: Iterable[Article], stale_paths: Iterable[str]) -> None:
    """Add or replace `articles` and delete `stale_paths`, all in one commit: a failure
    part way leaves the index as it was."""
    writer = ix.writer()
    try:
        for path in stale_paths:
            writer.delete_by_term("path", path)
        for article in articles:
            writer.delete_by_term("path", article.path)
            writer.add_document(**article_document(article))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def create_empty(index_dir: Path) -> None:
    """A new, empty index in `index_dir` (replacing an index of ours already there)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    index.create_in(str(index_dir), make_schema(), indexname=INDEX_NAME)
