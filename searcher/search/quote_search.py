"""Who said what, searched: the quotations of the indexed articles that hold a query's
words, said by the speakers asked for, each with its article. The query language and
filters are the article search's (searcher.search.searching); a query's words must be in the quote
itself, and its field queries and filters choose the articles."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.query import Every

from ..article import Quote
from .passages import Marks, find_matches, query_marks
from .querylang import parse_query
from .ranking import get_ranking
from .searching import Filters, QueryError, by_date, open_searcher, stored_article

__all__ = ["QuoteHit", "QuoteResults", "search_quotes", "QUOTE_SORTS"]

QUOTE_SORTS = ("relevance", "-date", "date")


@dataclass
class QuoteHit:
    quote: Quote
    matches: list[tuple[int, int]]  # the query's words in quote.text
    id: str
    path: str
    title: str | None
    display_title: str  # the title, or the lead sentence marked as such
    outlet: str | None
    published: str | None

    def to_json(self) -> dict:
        return {**self.quote.to_json(), "matches": [list(m) for m in self.matches],
                "article": {"id": self.id, "path": self.path, "title": self.title, "outlet": self.outlet,
                            "published": self.published}}


@dataclass
class QuoteResults:
    query: str
    total: int
    hits: list[QuoteHit]
    speakers: dict[str, int] = field(default_factory=dict)  # named speakers of every matching quote
    page: int = 1
    limit: int = 10

    def to_json(self) -> dict:
        return {"query": self.query, "total": self.total, "page": self.page, "limit": self.limit,
                "hits": [h.to_json() for h in self.hits], "facets": {"speaker": self.speakers}}


def search_quotes(index_dir: Path, text: str = "*", *, speakers: tuple[str, ...] = (), filters: Filters | None = None,
                  sort: str | None = None, limit: int = 10, page: int = 1, facet_limit: int = 10) -> QuoteResults:
    """Quotations holding the query's words (every quotation for `*` or field queries alone)
    by any of `speakers` (a name as for `--person`: any case, whole or one of its words).
    Sorted by relevance (more of the query's words, then the article's score) when the query
    has words, else newest first; `sort` chooses."""
    filters = filters or Filters()
    if speakers:
        filters = Filters(**{**filters.__dict__, "speaker": (*filters.speaker, *speakers)})
    index = open_searcher(index_dir)
    searcher = index.searcher
    chosen = filters.query(searcher.schema)  # the speakers asked for choose the articles too
    if text.strip() == "*":
        # every article the filters allow (the parsed `*` walks every word of the titles and bodies)
        query, chosen, marks = chosen if chosen is not None else Every(), None, Marks()
    else:
        query = parse_query(searcher.schema, text, get_ranking(None))
        marks = query_marks(query, index.reader)
    sort = sort or ("relevance" if marks else "-date")
    if sort not in QUOTE_SORTS:
        raise QueryError(f"unknown sort {sort!r} (choose {', '.join(QUOTE_SORTS)})")
    results = searcher.search(query, filter=chosen, limit=None)
    if sort == "relevance":
        order = [(hit.docnum, hit.score or 0.0) for hit in results]
    else:
        order = [(d, 0.0) for d in by_date(index, [hit.docnum for hit in results], sort == "-date")]
    wanted = [_name_words(searcher.schema, s) for s in speakers]
    found: list[tuple[tuple, QuoteHit]] = []
    for rank, (docnum, score) in enumerate(order):
        stored = searcher.stored_fields(docnum)
        article = stored_article(stored)
        for position, quote in enumerate(article.quotes):
            if wanted and not (quote.named and any(w <= _name_words(searcher.schema, quote.speaker, index=True)
                                                   for w in wanted)):
                continue
            matches = [(s, e) for s, e, _ in find_matches(quote.text, marks)]
            if marks and not matches:
                continue
            hit = QuoteHit(quote, matches, stored["id"], article.path, article.title, article.display_title,
                           article.outlet, article.published.isoformat() if article.published else None)
            distinct = len({quote.text[s:e].casefold() for s, e in matches})
            key = (-distinct, rank, position) if sort == "relevance" else (rank, position)
            found.append((key, hit))
    found.sort(key=lambda kv: kv[0])
    counts = Counter(h.quote.speaker for _, h in found if h.quote.named)
    first = (page - 1) * limit
    return QuoteResults(query=text, total=len(found), hits=[h for _, h in found[first:first + limit]],
                        speakers=dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:facet_limit]),
                        page=page, limit=limit)


def _name_words(schema, name: str, index: bool = False) -> frozenset[str]:
    """A name as the speaker field folds it: the whole name, and (indexed) each of its words."""
    return frozenset(schema["speaker"].process_text(name, mode="index" if index else "query"))
