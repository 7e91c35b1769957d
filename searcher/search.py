"""Ranked, highlighted, faceted search over the index, and looking up one article.
Imports nothing heavy: this is the query path."""

from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time as dtime
from itertools import chain
from pathlib import Path

from whoosh import collectors
from whoosh.searching import Searcher
from whoosh.query import And, DateRange, Or, Term
from whoosh.util.times import long_to_datetime

from .article import ENTITY_TYPES, FACET_FIELDS, SORTS, Article, lead_sentence
from .index import live_stamp, open_index
from .passages import Passage, best_passages, find_matches, lead_passage, query_marks
from .querylang import Clause, QueryError, normalise, parse_query, read_clauses
from .ranking import DEFAULT_RANKING, Ranking, ScoredDocs, get_ranking, weighting, with_feedback
from .schema import NAME_FIELDS, TEXT_FIELDS, UNSTEMMED_ANALYZER, VOCABULARY_FIELD, word_term

__all__ = ["FACET_FIELDS", "Filters", "Hit", "Passage", "QueryError", "Results", "search",
           "find_article", "ArticleNotFound", "AmbiguousArticle", "text_matches"]

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
    url: str | None = None  # where the article was saved from, when known

    def to_json(self) -> dict:
        return {"id": self.id, "path": self.path, "title": self.title, "outlet": self.outlet,
                "published": self.published, "author": self.author, "url": self.url,
                "score": None if self.score is None else round(self.score, 4),
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


def count_facets(index: "OpenIndex", docnums, names: tuple[str, ...], limit: int) -> dict[str, dict[str, int]]:
    """Counts of each value among the matching documents, read from the fields' columns
    rather than from every match's stored fields. Names come most frequent first; years
    newest first; months oldest first, all of them (a timeline with months cut out would
    mislead)."""
    facets = {}
    for name in names:
        counts = Counter(chain.from_iterable(index.facet_values(name, d) for d in docnums))
        if name == "month":
            facets[name] = dict(sorted(counts.items()))
            continue
        # only the `limit` best are ordered: a broad query names thousands of people
        ordered = (heapq.nlargest(limit, counts.items()) if name == "year"
                   else heapq.nsmallest(limit, counts.items(), key=lambda kv: (-kv[1], kv[0])))
        facets[name] = dict(ordered)
    return facets


class TopAndAllCollector(collectors.TopCollector):
    """The top hits, and every matching document number from the same pass: Whoosh's
    own collector runs the query twice more for the total and the set facets count.
    Block skipping and matcher narrowing are off: once the top hits are full, Whoosh
    would skip or stop looking for matches that cannot enter them, leaving them out of
    that set (on the BBC index "economy" counted 27 of its 202 articles with --limit 1)."""

    def __init__(self, limit: int):
        super().__init__(limit=limit, usequality=False, replace=0)

    def _collect(self, global_docnum, score):
        self.docset.add(global_docnum)
        return super()._collect(global_docnum, score)

    def collect_matches(self):
        """When the segment's scores are all known already (plain words), take its matches
        and its best hits in bulk: offering every match to the collector one by one cost
        a broad query as much again as scoring it."""
        if not isinstance(self.matcher, ScoredDocs) or self.final_fn:
            return super().collect_matches()
        offset = self.offset
        scored = self.matcher.remaining()
        best = heapq.nlargest(self.limit, scored, key=lambda ds: (ds[1], -ds[0]))
        for docnum, score in best:
            super()._collect(offset + docnum, score)
        self.docset.update(offset + docnum for docnum, _ in scored)
        self.total += len(scored) - len(best)

    def all_ids(self):
        return self.docset

    def count(self):
        return len(self.docset)


class OpenIndex:
    """A searcher on the index with its columns, kept open for the next query in this
    process while the index is unchanged: opening them costs more than a short query."""

    def __init__(self, index_dir: Path):
        self.stamp = toc_stamp(index_dir)
        self.searcher = open_index(index_dir).searcher(weighting=weighting(get_ranking(DEFAULT_RANKING)))
        self.reader = self.searcher.reader()
        self._ranked = {DEFAULT_RANKING: self.searcher}
        self._columns: dict[str, object] = {}
        self._values: dict[str, dict[int, tuple[str, ...]]] = {name: {} for name in FACET_FIELDS}

    def ranked(self, ranking: Ranking):
        """A searcher on the same reader scoring with this ranking (one each: a searcher
        caches the idf values its weighting computed)."""
        if ranking.name not in self._ranked:
            self._ranked[ranking.name] = Searcher(self.reader, weighting=weighting(ranking), closereader=False)
        return self._ranked[ranking.name]

    def column(self, name: str):
        if name not in self._columns:
            self._columns[name] = self.reader.column_reader(name, translate=False)
        return self._columns[name]

    def facet_values(self, name: str, docnum: int) -> tuple[str, ...]:
        """The document's values for a facet (each read once per process)."""
        memo = self._values[name]
        if docnum not in memo:
            if name in ("year", "month"):
                stamp = self.column("published")[docnum]
                if stamp >= UNDATED:
                    memo[docnum] = ()
                else:
                    day = long_to_datetime(stamp)
                    memo[docnum] = (str(day.year) if name == "year" else f"{day.year}-{day.month:02d}",)
            else:
                raw = self.column(name)[docnum]
                memo[docnum] = tuple(v for v in raw.decode("utf-8").split(",") if v) if raw else ()
        return memo[docnum]


def toc_stamp(index_dir: Path) -> tuple:
    """What changes whenever the index does: the generation that is live."""
    return live_stamp(index_dir)


_OPEN: dict[str, OpenIndex] = {}
MAX_OPEN = 8  # indexes kept open at once (each holds a few files)


def open_searcher(index_dir: Path) -> OpenIndex:
    key = str(index_dir.resolve())
    index = _OPEN.get(key)
    if index is not None:
        if index.stamp == toc_stamp(index_dir) and index.stamp:
            return index
        index.searcher.close()
        del _OPEN[key]
    if len(_OPEN) >= MAX_OPEN:
        _OPEN.pop(next(iter(_OPEN))).searcher.close()  # the one opened longest ago
    index = _OPEN[key] = OpenIndex(index_dir)
    return index


def by_date(index: OpenIndex, docnums, newest_first: bool) -> list[int]:
    """Document numbers by publication date, undated articles last either way."""
    column = index.column("published")
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
               lead="" if title else lead_sentence(body),  # shown only for untitled articles
               title_matches=[(s, e) for s, e, _ in find_matches(title, marks)] if title else [],
               url=fields.get("url") or None)


def search(index_dir: Path, text: str, *, limit: int = 10, page: int = 1, filters: Filters | None = None,
           sort: str = "relevance", facets: tuple[str, ...] = ("outlet",), facet_limit: int = 10,
           passages: int = 3, passage_chars: int = 240, suggest: bool = True,
           ranking: str | None = None) -> Results:
    """Search the index. Facet counts cover every match, not just the page shown."""
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r} (choose {', '.join(SORTS)})")
    bad = [f for f in facets if f not in FACET_FIELDS]
    if bad:
        raise QueryError(f"unknown facet {bad[0]!r} (choose {', '.join(FACET_FIELDS)})")
    filters = filters or Filters()
    chosen = get_ranking(ranking)
    index = open_searcher(index_dir)
    searcher, reader = index.ranked(chosen), index.reader
    query = parse_query(searcher.schema, text, chosen)
    filter_query = filters.query(searcher.schema)
    first = (page - 1) * limit
    collector = top = TopAndAllCollector(page * limit if sort == "relevance" else 1)
    if filter_query is not None:
        collector = collectors.FilterCollector(top, allow=filter_query)
    searcher.search_with_collector(with_feedback(searcher, query, chosen, filter_query), collector)
    matched = top.docset
    total = len(matched)
    if sort == "relevance":
        shown = [(d, score) for score, d in top.results().top_n[first:first + limit]]
    else:
        shown = [(d, None) for d in by_date(index, matched, sort == "-date")[first:first + limit]]
    marks = query_marks(query, reader)
    hits = [make_hit(searcher.stored_fields(d), score, marks, passages, passage_chars) for d, score in shown]
    facet_counts = count_facets(index, matched, facets, facet_limit)
    suggestion = suggest_query(searcher, text, chosen, filter_query) if suggest else None
    return Results(query=text, total=total, hits=hits, facets=facet_counts, page=page, limit=limit,
                   suggestion=suggestion)


def text_matches(index_dir: Path, query_text: str, text: str, ranking: str | None = None) -> list[tuple[int, int]]:
    """The spans of `text` (an article's title or body) that a query marks, as its hits'
    passages mark them: for showing a whole article found by that query."""
    index = open_searcher(index_dir)
    query = parse_query(index.searcher.schema, query_text, get_ranking(ranking))
    return [(s, e) for s, e, _ in find_matches(text, query_marks(query, index.reader))]


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


# A word in at most this many articles is probably a misspelling when a word one letter
# away is in RARE_RATIO times as many ("goverment" beside "government").
RARE_WORD_ARTICLES = 2
RARE_RATIO = 50


def words_within(reader, field: str, word: str, maxdist: int) -> set[str]:
    """Words of `field` within `maxdist` edits of `word` (same first letter). Asked of each
    segment: a segment walks its word list with an automaton, while Whoosh's reader over
    several segments (as after an incremental update) measures every word one by one,
    which made rare-word queries several times slower."""
    return {w for leaf, _ in reader.leaf_readers() for w in leaf.terms_within(field, word, maxdist, prefix=1)}


def correct_word(reader, field: str, word: str) -> str | None:
    """The closest word the index knows in `field` (the unstemmed vocabulary for text),
    nearest first, then the most common; None if the word is known (and not a rare
    misspelling of a common word) or nothing is near."""
    known = 0
    if field in TEXT_FIELDS:
        term = word_term(word)
        if term is None:
            return None  # a stop word
        known = max(reader.doc_frequency(f, term) for f in TEXT_FIELDS)
        if known > RARE_WORD_ARTICLES:
            return None
        lexicon = VOCABULARY_FIELD
    else:
        lexicon = field
    analyzer = UNSTEMMED_ANALYZER if lexicon == VOCABULARY_FIELD else reader.schema[lexicon].analyzer
    folded = next((t.text for t in analyzer(word, mode="query")), word.lower())

    def articles_with(word: str) -> int:
        # the vocabulary posts a word once per segment, weighted by its articles there
        if lexicon == VOCABULARY_FIELD:
            return int(reader.frequency(lexicon, word))
        return reader.doc_frequency(lexicon, word)

    known = known or articles_with(folded)
    if known and field not in TEXT_FIELDS:
        return None
    maxdist = 1 if known or len(folded) <= 4 else 2
    candidates = {c: articles_with(c) for c in words_within(reader, lexicon, folded, maxdist) if c != folded}
    candidates = {c: n for c, n in candidates.items() if n >= RARE_RATIO * known}
    if not candidates:
        return None
    return min(candidates, key=lambda c: (_distance(folded, c), -candidates[c], c))


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
        clauses = [c for c in read_clauses(text) if isinstance(c, Clause)]
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
    """No indexed article has that id, path or file name."""


class AmbiguousArticle(Exception):
    """More than one indexed article has that file name."""


def find_article(index_dir: Path, key: str) -> Article:
    """The indexed article with this id, path (as indexed, or resolving to the same file)
    or file name (with or without its extension). Only the id and path vocabularies are
    read, never every article."""
    searcher = open_searcher(index_dir).searcher
    found = searcher.document(id=key) or searcher.document(path=key)
    if not found:
        resolved = Path(key).resolve()
        paths = [p.decode("utf-8") for p in searcher.reader().lexicon("path")]
        # resolving touches the file system: only for paths with the same file name
        same_file = [p for p in paths if Path(p).name == resolved.name and Path(p).resolve() == resolved]
        named = same_file or [p for p in paths if key in (Path(p).name, Path(p).stem)]
        if len(named) > 1:
            raise AmbiguousArticle(f"{len(named)} articles are named {key}: {', '.join(named)}; give the path")
        found = searcher.document(path=named[0]) if named else None
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
