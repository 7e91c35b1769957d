"""The Whoosh index: its schema and documents, and opening or writing one generation of
it (the folder's layout, pointer and lock are in searcher.store)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time as dtime
from pathlib import Path

from whoosh import fields, index
from whoosh.analysis import StemmingAnalyzer

from .article import ENTITY_TYPES, Article
from .store import REBUILD_HINT, Generation, IndexFolder, IndexUnavailable

INDEX_NAME = "articles"


def make_schema() -> fields.Schema:
    stem = StemmingAnalyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        content_hash=fields.ID(stored=True),
        title=fields.TEXT(analyzer=stem, stored=True, field_boost=2.0),
        body=fields.TEXT(analyzer=stem, stored=True),
        outlet=fields.ID(stored=True, sortable=True),
        site=fields.ID(stored=True),
        url=fields.STORED(),
        published=fields.DATETIME(stored=True, sortable=True),
        author=fields.TEXT(stored=True),
        person=fields.KEYWORD(stored=True, commas=True, scorable=True),
        org=fields.KEYWORD(stored=True, commas=True, scorable=True),
        place=fields.KEYWORD(stored=True, commas=True, scorable=True),
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
    return IndexFolder(index_dir).exists()


def open_generation(generation: Generation):
    """The Whoosh index of one generation, after checking it is whole and of this version."""
    generation.check()
    return open_unchecked(generation)


def open_unchecked(generation: Generation):
    """The Whoosh index in a generation being built (it has no record of itself yet)."""
    where = generation.path.parent
    try:
        return index.open_dir(str(generation.path), indexname=INDEX_NAME)
    except Exception as exc:  # whoosh raises many kinds on damaged files
        raise IndexUnavailable(f"the index in {where} is damaged ({exc.__class__.__name__}); {REBUILD_HINT}") from None


def open_index(index_dir: Path):
    """The live index in `index_dir`, resolved once: it stays the same while it is used,
    even if a build swaps in a new one meanwhile."""
    folder = IndexFolder(index_dir)
    try:
        return open_generation(folder.current())
    except IndexUnavailable:
        # A build may have swapped generations between our reading the pointer and opening
        # the files; the pointer, read again, names a complete one.
        return open_generation(folder.current())


def create_in(generation: Generation):
    return index.create_in(str(generation.path), make_schema(), indexname=INDEX_NAME)


def write_articles(ix, articles: Iterable[Article], stale_paths: Iterable[str], *, optimize: bool = False) -> None:
    """Add or replace `articles`, then delete `stale_paths` (read only after `articles`),
    all in one commit."""
    writer = ix.writer(limitmb=256)
    try:
        for article in articles:
            writer.delete_by_term("path", article.path)
            writer.add_document(**article_document(article))
        for path in stale_paths:
            writer.delete_by_term("path", path)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(optimize=optimize)


def index_stats(index_dir: Path) -> dict:
    """What the live index holds and where it came from, from its own records."""
    folder = IndexFolder(index_dir)
    generation = folder.current()
    ix = open_generation(generation)
    meta, records = generation.meta(), generation.files()
    indexed = [rec for rec in records.values() if "skipped" not in rec]
    outlets: dict[str, int] = {}
    for rec in indexed:
        if rec.get("outlet"):
            outlets[rec["outlet"]] = outlets.get(rec["outlet"], 0) + 1
    dates = sorted(rec["published"] for rec in indexed if rec.get("published"))
    return {
        "index": str(Path(index_dir).resolve()),
        "corpus": meta.get("corpus"),
        "documents": ix.doc_count(),
        "skipped": len(records) - len(indexed),
        "outlets": len(outlets),
        "outlet_documents": dict(sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))),
        "published_from": dates[0] if dates else None,
        "published_to": dates[-1] if dates else None,
        "size_bytes": generation.size_bytes(),
        "built_at": meta.get("built_at"),
        "generation": generation.name,
    }
