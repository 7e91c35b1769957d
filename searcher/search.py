"""Ranked, highlighted, faceted search over the index. Imports nothing heavy: this is
the query path."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import highlight, qparser
from whoosh.query import And, Term

from .index import open_index
from .ranking import Ranking, get_ranking, rank_query, weighting, with_feedback

FACET_FIELDS = ("outlet",)


class QueryError(Exception):
    """A query the parser cannot make sense of; the message says what is wrong."""


@dataclass
class Passage:
    """A passage of the body with the character spans of the matched words."""

    text: str
    matches: list[tuple[int, int]]

    def to_json(self) -> dict:
        return {"text": self.text, "matches": [list(m) for m in self.matches]}


@dataclass
class Hit:
    id: str
    path: str
    title: str | None
    outlet: str | None
    published: str | None
    author: str | None
    score: float
    highlights: list[Passage]
    lead: str = ""

    def to_json(self) -> dict:
        return {"id": self.id, "path": self.path, "title": self.title, "outlet": self.outlet,
                "published": self.published, "author": self.author, "score": round(self.score, 4),
                "highlights": [p.to_json() for p in self.highlights]}


@dataclass
class Results:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"query": self.query, "total": self.total, "hits": [h.to_json() for h in self.hits],
                "facets": self.facets}


class PassageFormatter(highlight.Formatter):
    """Keeps each fragment's text and match spans as data, for the renderer to mark up."""

    def format(self, fragments, replace=False):
        passages = []
        for frag in fragments:
            text = frag.text[frag.startchar:frag.endchar]
            spans = [(t.startchar - frag.startchar, t.endchar - frag.startchar)
                     for t in frag.matches if t.startchar is not None and t.startchar >= frag.startchar]
            passages.append(Passage(text, spans))
        return passages


def parse_query(schema, text: str, ranking: Ranking):
    # OR grouping: a query whose words never occur together still finds the best partial
    # matches; searcher.ranking scores the words (short queries: more of the words first).
    group = qparser.OrGroup.factory(0.9) if ranking.legacy else qparser.OrGroup
    boosts = {name: weight for name, weight, _b in ranking.fields} if ranking.legacy else None
    parser = qparser.MultifieldParser(["title", "body"], schema, group=group, fieldboosts=boosts)
    try:
        return rank_query(parser.parse(text, normalize=False), ranking)
    except Exception as exc:  # whoosh's parser raises assorted errors on odd input
        raise QueryError(f"cannot parse query {text!r}: {exc}") from None


def search(index_dir: Path, text: str, *, limit: int = 10, outlet: str | None = None,
           passages: int = 3, ranking: str | None = None) -> Results:
    try:
        chosen = get_ranking(ranking)
    except ValueError as exc:
        raise QueryError(str(exc)) from None
    ix = open_index(index_dir)
    query = parse_query(ix.schema, text, chosen)
    filters = [Term("outlet", outlet)] if outlet else []
    filter_query = And(filters) if filters else None
    with ix.searcher(weighting=weighting(chosen)) as searcher:
        query = with_feedback(searcher, query, chosen, filter=filter_query)
        results = searcher.search(query, limit=None, filter=filter_query, terms=True)
        results.fragmenter = highlight.ContextFragmenter(maxchars=240, surround=80)
        results.formatter = PassageFormatter()
        facets = {name: dict(Counter(f for hit in results if (f := hit.get(name))).most_common()) for name in FACET_FIELDS}
        hits = []
        for hit in results[:limit]:
            published = hit.get("published")
            body = hit.get("body", "")
            hits.append(Hit(
                id=hit["id"], path=hit["path"], title=hit.get("title") or None, outlet=hit.get("outlet"),
                published=published.date().isoformat() if published else None, author=hit.get("author") or None,
                score=hit.score, highlights=hit.highlights("body", top=passages) or [],
                lead=body.split("\n", 1)[0],
            ))
        return Results(query=text, total=len(results), hits=hits, facets=facets)
