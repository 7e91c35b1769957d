"""Ranked, highlighted, faceted search over the index, and looking up one article.
Imports nothing heavy: this is the query path."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time as dtime
from pathlib import Path

from whoosh.util.times import long_to_datetime
from whoosh import collectors
from whoosh.query import And, DateRange, Or, Term

from .article import ENTITY_TYPES, Article
from .index import open_index
from .passages import Passage, best_passages, find_matches, lead_passage, query_marks, word_term
from .querylang import QueryError, normalise, parse_query, read_clauses
from .ranking import Ranking, get_ranking, weighting, with_feedback

__all__ = ["FACET_FIELDS", "Hit", "Passage", "QueryError", "Results", "search", "find_article", "ArticleNotFound"]

FACET_FIELDS = ("outlet", "person", "org", "place", "year")
NAME_FIELDS = ("outlet", "person", "org", "place")
SORTS = ("relevance", "date", "-date")
UNDATED = 2 ** 63  # the published column holds 2**64 where an article has no date


@dataclass
class Hit:
    id: str
    path: str
    title: str | None
    outlet: str | None
    published: str | None
    author: str | None
    score: float | None  # None when sorted by date
    highlights: list[Passage]
    lead: str = ""
    title_matches: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"id": self.id, "path": self.path, "title": self.title, "outlet": self.outlet,
                "published": self.published, "author": self.author, "score": None if self.score is None else round(self.score, 4),
                "highlights": [p.to_json() for p in self.highlights],
                "title_matches": [list(m) for m in self.title_matches]}


@dataclass
class Results:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    page: int = 1
    limit: int = 10
    suggestion: str | None = None

    def to_json(self) -> dict:
        return {"query": self.query, "total": self.total, "hits": [h.to_json() for h in self.hits],
                "facets": self.facets, "page": self.page, "limit": self.limit, "suggestion": self.suggestion}


@dataclass
class Filters:
    """Restrictions given as options: any of the names within a field, all fields at once."""

    outlet: tuple[str, ...] = ()
    person: tuple[str, ...] = ()
    org: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    def query(self, schema):
        parts = []
        for name in NAME_FIELDS:
            terms = [Term(name, t) for value in getattr(self, name) for t in schema[name].process_text(value, mode="query")]
            if terms:
                parts.append(Or(terms))
        if self.since or self.until:
            start = datetime.combine(self.since, dtime.min) if self.since else None
            end = datetime.combine(self.until, dtime.max) if self.until else None
            parts.append(DateRange("published", start, end))
        return And(parts) if parts else None


def count_facets(reader, docnums, names: tuple[str, ...], limit: int) -> dict[str, dict[str, int]]:
    """Counts of each value among the matching documents, read from the fields' columns
    (one array per field) rather than from every match's stored fields. Names come most
    frequent first; years newest first."""
    facets = {}
    for name in names:
        counts: Counter = Counter()
        if name == "year":
            column = reader.column_reader("published", translate=False)
            counts.update(str(long_to_datetime(v).year) for d in docnums if (v := column[d]) < UNDATED)
            facets[name] = dict(sorted(counts.items(), reverse=True)[:limit])
            continue
        column = reader.column_reader(name)
        for d in docnums:
            value = column[d]
            if value:
                counts.update(v for v in value.split(",") if v)
        facets[name] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])
    return facets


class TopAndAllCollector(collectors.TopCollector):
    """The top hits, and every matching document number from the same pass: Whoosh's
    own collector runs the query twice more for the total and the set facets count.
    Block skipping is off, as it would leave matches out of that set."""

    def __init__(self, limit: int):
        super().__init__(limit=limit, usequality=False)

    def _collect(self, global_docnum, score):
        self.docset.add(global_docnum)
        return super()._collect(global_docnum, score)

    def all_ids(self):
        return self.docset

    def count(self):
        return len(self.docset)


_OPEN_SEARCHERS: dict[str, object] = {}


def open_searcher(index_dir: Path, ranking: Ranking):
    """A searcher on the index, kept open for the next query in this process while the
    index is unchanged (opening one costs more than a whole short query). One per ranking:
    a searcher caches idf values computed by its weighting."""
    key = (str(index_dir.resolve()), ranking.name)
    searcher = _OPEN_SEARCHERS.get(key)
    if searcher is not None:
        try:
            if searcher.up_to_date():
                return searcher
        except Exception:  # the index was deleted or rebuilt under us
            pass
        searcher.close()
    searcher = _OPEN_SEARCHERS[key] = open_index(index_dir).searcher(weighting=weighting(ranking))
    return searcher


def by_date(reader, docnums, newest_first: bool) -> list[int]:
    """Document numbers by publication date, undated articles last either way."""
    column = reader.column_reader("published", translate=False)
    dated = [(v, d) for d in docnums if (v := column[d]) < UNDATED]
    undated = sorted(d for d in docnums if column[d] >= UNDATED)
    return [d for _, d in sorted(dated, reverse=newest_first)] + undated


def make_hit(fields: dict, score: float | None, marks, passages: int, passage_chars: int) -> Hit:
    body = fields.get("body", "")
    title = fields.get("title") or None
    highlights = best_passages(body, find_matches(body, marks), passages, passage_chars)
    if not highlights and passages > 0 and body:
        highlights = [lead_passage(body, passage_chars)]
    published = fields.get("published")
    return Hit(id=fields["id"], path=fields["path"], title=title, outlet=fields.get("outlet") or None,
               published=published.date().isoformat() if published else None,
               author=fields.get("author") or None, score=score, highlights=highlights,
               lead=body.split("\n", 1)[0],
               title_matches=[(s, e) for s, e, _ in find_matches(title, marks)] if title else [])


def search(index_dir: Path, text: str, *, limit: int = 10, page: int = 1, filters: Filters | None = None,
           sort: str = "relevance", facets: tuple[str, ...] = ("outlet",), facet_limit: int = 10,
           passages: int = 3, passage_chars: int = 240, suggest: bool = True,
           outlet: str | None = None, ranking: str | None = None) -> Results:
    """Search the index. `outlet` is kept for callers of the first API; `filters` is the
    general form. Facet counts cover every match, not just the page shown."""
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r} (choose {', '.join(SORTS)})")
    bad = [f for f in facets if f not in FACET_FIELDS]
    if bad:
        raise QueryError(f"unknown facet {bad[0]!r} (choose {', '.join(FACET_FIELDS)})")
    filters = filters or Filters()
    if outlet:
        filters.outlet = (*filters.outlet, outlet)
    chosen = get_ranking(ranking)
    searcher = open_searcher(index_dir, chosen)
    query = parse_query(searcher.schema, text, chosen)
    filter_query = filters.query(searcher.schema)
    first = (page - 1) * limit
    reader = searcher.reader()
    collector = top = TopAndAllCollector(page * limit if sort == "relevance" else 1)
    if filter_query is not None:
        collector = collectors.FilterCollector(top, allow=filter_query)
    searcher.search_with_collector(with_feedback(searcher, query, chosen, filter_query), collector)
    matched = top.docset
    total = len(matched)
    if sort == "relevance":
        shown = [(d, score) for score, d in top.results().top_n[first:first + limit]]
    else:
        shown = [(d, None) for d in by_date(reader, matched, sort == "-date")[first:first + limit]]
    marks = query_marks(query, reader)
    hits = [make_hit(searcher.stored_fields(d), score, marks, passages, passage_chars) for d, score in shown]
    facet_counts = count_facets(reader, matched, facets, facet_limit)
    suggestion = suggest_query(searcher, text, chosen, filter_query) if suggest else None
    return Results(query=text, total=total, hits=hits, facets=facet_counts, page=page, limit=limit,
                   suggestion=suggestion)


# -- did you mean

def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count one edit)."""
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def correct_word(reader, field: str, word: str) -> str | None:
    """The closest word the index knows in `field` (the unstemmed vocabulary for text),
    nearest first, then the most common; None if the word is known or nothing is near."""
    if field in ("title", "body"):
        term = word_term(word)
        if term is None or any(reader.doc_frequency(f, term) for f in ("title", "body")):
            return None  # a stop word, or a word the index has in some form
        lexicon = "spell_body"
    else:
        lexicon = field
    folded = next(iter(reader.schema[lexicon].process_text(word, mode="query")), word.lower())
    if reader.doc_frequency(lexicon, folded):
        return None
    maxdist = 1 if len(folded) <= 4 else 2
    candidates = set(reader.terms_within(lexicon, folded, maxdist, prefix=1))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (_distance(folded, c), -reader.doc_frequency(lexicon, c), c))


def _same_case(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word


def suggest_query(searcher, text: str, ranking: Ranking, filter_query=None) -> str | None:
    """The query with each word the index does not know replaced by the nearest word it
    does, if that finds something; None when every word is known or nothing better is
    found. Cheap when every word is known: one lookup per word."""
    text = normalise(text)
    try:
        clauses = [c for c in read_clauses(text) if not isinstance(c, str)]
    except QueryError:
        return None
    reader = searcher.reader()
    edits = []
    for clause in clauses:
        field = clause.field or "body"
        if field == "published" or clause.kind == "range":
            continue
        offset = clause.start + len(clause.sign) + (len(field) + 1 if clause.field else 0)
        value = clause.text[len(field) + 1:] if clause.field else clause.text
        if field in NAME_FIELDS and clause.kind == "phrase":
            words = [(offset + 1, value[1:-1])]
        else:
            words = [(offset + m.start(), m.group()) for m in re.finditer(r"[^\W\d_]{3,}", value)
                     if m.group() not in ("AND", "OR", "NOT")]
        for start, word in words:
            better = correct_word(reader, field, word)
            if better and field not in NAME_FIELDS:
                better = _same_case(word, better)
            if better:
                edits.append((start, start + len(word), better))
    if not edits:
        return None
    corrected = text
    for start, end, word in sorted(edits, reverse=True):
        corrected = corrected[:start] + word + corrected[end:]
    try:
        query = parse_query(searcher.schema, corrected, ranking)
    except QueryError:
        return None
    return corrected if searcher.search(query, limit=1, filter=filter_query).scored_length() else None


# -- one article

class ArticleNotFound(Exception):
    """No indexed article has that id, path or file name (or more than one has that name)."""


def find_article(index_dir: Path, key: str) -> Article:
    """The indexed article with this id, path (as indexed, or resolving to the same file)
    or file name (with or without its extension)."""
    ix = open_index(index_dir)
    with ix.searcher() as searcher:
        found = searcher.document(id=key) or searcher.document(path=key)
        if not found:
            resolved = Path(key).resolve()
            name_matches = []
            for fields in searcher.all_stored_fields():
                path = Path(fields["path"])
                if path.resolve() == resolved:
                    found = fields
                    break
                if key in (path.name, path.stem):
                    name_matches.append(fields)
            else:
                if len(name_matches) > 1:
                    raise ArticleNotFound(f"{len(name_matches)} articles are named {key}: "
                                          + ", ".join(f["path"] for f in name_matches) + "; give the path")
                found = name_matches[0] if name_matches else None
        if not found:
            raise ArticleNotFound(f"no indexed article has the id, path or file name {key!r}")
    return stored_article(found)


def stored_article(fields: dict) -> Article:
    published = fields.get("published")
    return Article(
        path=fields["path"], title=fields.get("title") or None, body=fields.get("body", ""),
        outlet=fields.get("outlet") or None, site=fields.get("site") or None, url=fields.get("url") or None,
        published=published.date() if published else None, author=fields.get("author") or None,
        entities={t: [n for n in (fields.get(t) or "").split(",") if n] for t in ENTITY_TYPES},
        dates=[date.fromisoformat(d) for d in (fields.get("dates") or "").split(",") if d],
    )
