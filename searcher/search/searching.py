"""Ranked, highlighted, faceted search over the index, and looking up one article.
Imports nothing heavy: this is the query path."""

from __future__ import annotations

import heapq
import json
from collections import Counter
from dataclasses import field
from datetime import date, datetime, time as dtime
from itertools import chain
from pathlib import Path

from whoosh import collectors
from whoosh.searching import Searcher
from whoosh.query import And, DateRange, Or, Term
from whoosh.util.times import long_to_datetime

from ..lean import LazyPattern, record
from ..article import ENTITY_TYPES, FACET_FIELDS, SORTS, Article, Dateline, Quote, lead_sentence
from .fuzzy import words_within
from ..indexing.stories import Stories, load_stories
from ..indexing.index import live_stamp, open_index
from .passages import Passage, best_passages, find_matches, lead_passage, query_marks
from .querycost import SUGGEST_MAX_WORDS, check_length, every_article, expanded_once
from .querylang import Clause, QueryError, normalise, parse_query, read_clauses, read_query
from .ranking import (COLUMNS, DEFAULT_RANKING, Ranking, ScoredArrays, ScoredDocs, column_phrases, get_ranking,
                      weighting, with_feedback)
from ..indexing.schema import NAME_FIELDS, TEXT_FIELDS, UNSTEMMED_ANALYZER, VOCABULARY_FIELD, word_term
from ..indexing.store import reports_damage

__all__ = ["FACET_FIELDS", "Filters", "Hit", "Passage", "QueryError", "Results", "search",
           "find_article", "ArticleNotFound", "AmbiguousArticle", "text_matches"]

UNDATED = 2 ** 63  # the published column holds 2**64 where an article has no date


@record
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
    dateline: Dateline | None = None
    story: str | None = None  # the id of its story: the same for every copy of it
    copies: list[dict] = field(default_factory=list)  # the story's other articles: id, path, outlet, published, url

    def to_json(self) -> dict:
        return {"id": self.id, "path": self.path, "title": self.title, "outlet": self.outlet,
                "published": self.published, "author": self.author, "url": self.url,
                "dateline": self.dateline.to_json() if self.dateline else None,
                "score": None if self.score is None else round(self.score, 4),
                "highlights": [p.to_json() for p in self.highlights],
                "title_matches": [list(m) for m in self.title_matches],
                "story": self.story, "copies": self.copies}


@record
class Results:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    page: int = 1
    limit: int = 10
    suggestion: str | None = None
    notes: list[str] = field(default_factory=list)  # how the query was read, where the user may not expect it
    # Matching articles beyond one per story: `total` counts stories (articles with
    # all_copies), so total + copies articles matched by default.
    copies: int = 0
    all_copies: bool = False

    def to_json(self) -> dict:
        return {"query": self.query, "total": self.total, "copies": self.copies, "hits": [h.to_json() for h in self.hits],
                "facets": self.facets, "page": self.page, "limit": self.limit, "suggestion": self.suggestion,
                "notes": self.notes}


@record
class Filters:
    """Restrictions given as options: any of the names within a field, all fields at once."""

    outlet: tuple[str, ...] = ()
    person: tuple[str, ...] = ()
    org: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    speaker: tuple[str, ...] = ()
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


def count_facets(index: "OpenIndex", docnums, names: tuple[str, ...], limit: int,
                 fold: dict[int, str] | None = None) -> dict[str, dict[str, int]]:
    """Counts of each value among the matching documents, read from the fields' columns
    rather than from every match's stored fields. Names come most frequent first; years
    newest first; months oldest first, all of them (a timeline with months cut out would
    mislead). With `fold` (document -> story, for copies), a value counts once per story:
    a story carried by three outlets counts once for each of them."""
    folded = _folded(docnums, fold)
    singles = [d for d in docnums if d not in folded] if folded else docnums
    facets = {}
    for name in names:
        aliases = index.aliases(name)
        counts = Counter(chain.from_iterable(index.facet_values(name, d) for d in singles))
        if folded:
            counts.update(value for _, value in {(story, aliases.get(value, value)) for d, story in folded.items()
                                                 for value in index.facet_values(name, d)})
        counts = merge_aliases(counts, aliases)
        if name == "month":
            facets[name] = dict(sorted(counts.items()))
            continue
        # only the `limit` best are ordered: a broad query names thousands of people
        ordered = (heapq.nlargest(limit, counts.items()) if name == "year"
                   else heapq.nsmallest(limit, counts.items(), key=lambda kv: (-kv[1], kv[0])))
        facets[name] = dict(ordered)
    return facets


def merge_aliases(counts: Counter, aliases: dict[str, str]) -> Counter:
    """Counts with each alias's added to the name it stands for ("Trump" to "Donald
    Trump"). Exact: a story that names both folds them into one (searcher.extract.entities), so
    no document counts twice."""
    if not aliases:
        return counts
    merged: Counter = Counter()
    for value, n in counts.items():
        merged[aliases.get(value, value)] += n
    return merged


def _folded(docnums, fold: dict[int, str] | None) -> dict[int, str]:
    """The matches that are copies of a story (document -> story), looked up from the smaller side."""
    if not fold:
        return {}
    if len(fold) < len(docnums):
        return {d: story for d, story in fold.items() if d in docnums}
    return {d: fold[d] for d in docnums if d in fold}


class TopAndAllCollector(collectors.TopCollector):
    """The top hits, and every matching document number from the same pass: Whoosh's
    own collector runs the query twice more for the total and the set facets count.
    Block skipping and matcher narrowing are off: once the top hits are full, Whoosh
    would skip or stop looking for matches that cannot enter them, leaving them out of
    that set (on the BBC index "economy" counted 27 of its 202 articles with --limit 1)."""

    def __init__(self, limit: int, fold: dict[int, str] | None = None):
        super().__init__(limit=limit, usequality=False, replace=0)
        # Copies of a story (document -> story) compete for one place: the best of each is kept apart.
        self.fold = fold or {}
        self.best: dict[str, tuple[float, int]] = {}

    def _collect(self, global_docnum, score):
        self.docset.add(global_docnum)
        story = self.fold.get(global_docnum) if self.fold else None
        if story is not None:
            return self._offer(story, global_docnum, score)
        return super()._collect(global_docnum, score)

    def _offer(self, story: str, global_docnum: int, score: float):
        key = (score, -global_docnum)  # as the heap orders: higher score, then lower number
        if key > self.best.get(story, (float("-inf"), 0)):
            self.best[story] = key
        return 0 - score

    def ranked(self) -> list[tuple[float, int]]:
        """(score, docnum) of the top hits, best first, each story once."""
        merged = sorted(chain(self.items, self.best.values()), reverse=True)[:self.limit]
        return [(score, -negated) for score, negated in merged]

    def collect_matches(self):
        """When the segment's scores are all known already (plain words), take its matches
        and its best hits in bulk: offering every match to the collector one by one cost
        a broad query as much again as scoring it."""
        if not isinstance(self.matcher, ScoredDocs) or self.final_fn:
            return super().collect_matches()
        offset = self.offset
        scored = self.matcher.remaining()
        self.docset.update(offset + docnum for docnum, _ in scored)
        if self.fold:
            copies = [(docnum, score, story) for docnum, score in scored
                      if (story := self.fold.get(offset + docnum)) is not None]
            for docnum, score, story in copies:
                self._offer(story, offset + docnum, score)
            if copies:
                scored = [ds for ds in scored if offset + ds[0] not in self.fold]
        best = heapq.nlargest(self.limit, scored, key=lambda ds: (ds[1], -ds[0]))
        for docnum, score in best:
            super()._collect(offset + docnum, score)
        self.total += len(scored) - len(best)

    def all_ids(self):
        return self.docset

    def count(self):
        return len(self.docset)


class AllMatchesCollector(collectors.ScoredCollector):
    """Every match with its score, gathered as arrays for the index's columns to rank and
    count (searcher.search.columns); plain words come from numpy whole (ScoredArrays). As
    TopAndAllCollector, it never skips a match."""

    def __init__(self):
        super().__init__(replace=0)

    def prepare(self, top_searcher, q, context):
        super().prepare(top_searcher, q, context)
        self.parts: list[tuple[list[int] | object, list[float] | object]] = []

    def collect_matches(self):
        if isinstance(self.matcher, ScoredArrays) and not self.final_fn:
            ids, scores = self.matcher.remaining_arrays()
            self.parts.append((ids + self.offset, scores))
            return
        self._ids, self._scores = [], []
        super().collect_matches()
        self.parts.append((self._ids, self._scores))

    def _collect(self, global_docnum, score):
        self._ids.append(global_docnum)
        self._scores.append(score)
        return 0 - score

    def arrays(self, allowed=None):
        """(document numbers ascending, scores); only those in `allowed` if given."""
        import numpy as np

        ids = np.concatenate([np.asarray(i, dtype=np.int64) for i, _ in self.parts] or [np.zeros(0, dtype=np.int64)])
        scores = np.concatenate([np.asarray(s, dtype=np.float64) for _, s in self.parts] or [np.zeros(0)])
        if allowed is not None:
            keep = np.isin(ids, allowed)
            ids, scores = ids[keep], scores[keep]
        return ids, scores

    def results(self):
        raise NotImplementedError("read arrays()")


class OpenIndex:
    """A searcher on the index with its columns, kept open for the next query in this
    process while the index is unchanged: opening them costs more than a short query."""

    # The columns (searcher.search.columns: numpy, and reading every document's facet values
    # once) cost about as much as a few queries: they are loaded from the second query
    # of a process on, or for a first one with more postings than this.
    COLUMNS_AFTER_QUERIES = 1
    COLUMNS_FOR_POSTINGS = 20_000

    def __init__(self, index_dir: Path):
        self.stamp = toc_stamp(index_dir)
        ix = open_index(index_dir)
        self.searcher = ix.searcher(weighting=weighting(get_ranking(DEFAULT_RANKING)))
        self.stories = load_stories(ix.generation.path) or Stories()  # copies of one story
        self.reader = self.searcher.reader()
        self._ranked = {DEFAULT_RANKING: self.searcher}
        self._columns: dict[str, object] = {}
        self._values: dict[str, dict[int, tuple[str, ...]]] = {name: {} for name in FACET_FIELDS}
        self._aliases: dict[str, dict[str, str]] = {}
        self.queries = 0
        self.arrays = None  # searcher.search.columns.IndexColumns once loaded

    def columns_for(self, query):
        """The index's columns, loaded now if this query or this process's queries make
        them pay (see COLUMNS_AFTER_QUERIES); None while they do not."""
        self.queries += 1
        if self.arrays is None and (self.queries > self.COLUMNS_AFTER_QUERIES
                                    or query.estimate_size(self.reader) > self.COLUMNS_FOR_POSTINGS):
            self.load_columns()
        return self.arrays

    def load_columns(self):
        from .columns import IndexColumns

        self.arrays = IndexColumns(self)
        COLUMNS[self.reader] = self.arrays
        return self.arrays

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

    def aliases(self, name: str) -> dict[str, str]:
        """Facet values that stand for a longer one across the corpus ("Trump" -> "Donald
        Trump"; searcher.extract.entities.corpus_aliases), worked out once from every value of the
        facet. People only: a short organisation or place name is often another entity."""
        if name not in self._aliases:
            self._aliases[name] = {}
            if name == "person":
                from ..extract.entities import corpus_aliases  # only here: its rules cost a query's import time

                self._aliases[name] = corpus_aliases(
                    {v for raw in self.column(name) if raw for v in raw.decode("utf-8").split(",") if v})
        return self._aliases[name]


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
               url=fields.get("url") or None, dateline=Dateline.parse(fields.get("dateline")),
               lead="" if title else lead_sentence(body),  # shown only for untitled articles
               title_matches=[(s, e) for s, e, _ in find_matches(title, marks)] if title else [])


@reports_damage
def search(index_dir: Path, text: str, *, limit: int | None = 10, page: int = 1, filters: Filters | None = None,
           sort: str = "relevance", facets: tuple[str, ...] = ("outlet",), facet_limit: int = 10,
           passages: int = 3, passage_chars: int = 240, suggest: bool = True,
           ranking: str | None = None, all_copies: bool = False) -> Results:
    """Search the index: `limit` hits of `page` (None: every match). Facet counts cover
    every match, not just the page shown. Copies of one story are one hit (its
    best-ranked copy, the others listed with it) and count once, unless `all_copies`."""
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r} (choose {', '.join(SORTS)})")
    bad = [f for f in facets if f not in FACET_FIELDS]
    if bad:
        raise QueryError(f"unknown facet {bad[0]!r} (choose {', '.join(FACET_FIELDS)})")
    check_length(text)
    filters = filters or Filters()
    chosen = get_ranking(ranking)
    index = open_searcher(index_dir)
    searcher, reader = index.ranked(chosen), index.reader
    if limit is None:
        limit = max(reader.doc_count(), 1)
    notes: list[str] = []
    query = expanded_once(parse_query(searcher.schema, text, chosen, notes).accept(every_article), reader, text)
    filter_query = filters.query(searcher.schema)
    first = (page - 1) * limit
    stories = index.stories
    fold = None if all_copies else stories.story_of
    arrays = index.columns_for(query)
    final = with_feedback(searcher, query if arrays is None else column_phrases(query), chosen, filter_query)
    if arrays is not None:
        shown, total, extra, facet_counts = _ranked_with_columns(
            arrays, searcher, final, filter_query, sort=sort, first=first, limit=limit, all_copies=all_copies,
            facets=facets, facet_limit=facet_limit)
    else:
        collector = top = TopAndAllCollector(page * limit if sort == "relevance" else 1, fold)
        if filter_query is not None:
            collector = collectors.FilterCollector(top, allow=filter_query)
        searcher.search_with_collector(final, collector)
        matched = top.docset
        copies = _folded(matched, stories.story_of)
        extra = len(copies) - len(set(copies.values()))  # matches beyond the first of each story
        if sort == "relevance":
            shown = [(d, score) for score, d in top.ranked()[first:first + limit]]
        else:
            ordered = by_date(index, matched, sort == "-date")
            shown = [(d, None) for d in (_first_of_each_story(ordered, copies) if fold else ordered)[first:first + limit]]
        facet_counts = count_facets(index, matched, facets, facet_limit, fold)
        total = len(matched) - (0 if all_copies else extra)
    marks = query_marks(query, reader)
    hits = [make_hit(searcher.stored_fields(d), score, marks, passages, passage_chars) for d, score in shown]
    for hit in hits:
        hit.story = stories.story(hit.id)
        hit.copies = [{k: m[k] for k in ("id", "path", "outlet", "published", "url")} for m in stories.copies_of(hit.id)]
    suggestion = suggest_query(searcher, text, chosen, filter_query) if suggest else None
    return Results(query=text, total=total, hits=hits, facets=facet_counts,
                   page=page, limit=limit, suggestion=suggestion, notes=notes, copies=extra, all_copies=all_copies)


def _ranked_with_columns(arrays, searcher, query, filter_query, *, sort: str, first: int, limit: int,
                         all_copies: bool, facets: tuple[str, ...], facet_limit: int):
    """What search() shows and counts, from every match gathered as arrays and the
    index's columns: the page of (document, score), the total, the copies beyond the
    first of each story, and the facets. The same as the collector path gives."""
    import numpy as np

    from .columns import by_date as dated, first_of_each_story, top_ranked

    collector = AllMatchesCollector()
    searcher.search_with_collector(query, collector)
    allowed = None
    if filter_query is not None:
        docs = searcher._filter_to_comb(filter_query)
        allowed = np.fromiter(docs, dtype=np.int64, count=len(docs))
    docnums, scores = collector.arrays(allowed)
    stories = arrays.stories()
    story = stories[docnums]
    copies = story[story >= 0]
    extra = len(copies) - len(np.unique(copies))  # matches beyond the first of each story
    if sort == "relevance":
        ranked = top_ranked(docnums, scores, None if all_copies else story, first + limit)
        shown = [(d, score) for score, d in ranked[first:first + limit]]
    else:
        ordered = dated(arrays.published(), docnums, sort == "-date")
        if not all_copies:
            ordered = first_of_each_story(ordered, stories)
        shown = [(int(d), None) for d in ordered[first:first + limit]]
    counts = arrays.count_facets(docnums, facets, facet_limit, fold=not all_copies)
    return shown, len(docnums) - (0 if all_copies else extra), extra, counts


def _first_of_each_story(docnums: list[int], copies: dict[int, str]) -> list[int]:
    seen: set[str] = set()
    kept = []
    for d in docnums:
        story = copies.get(d)
        if story is None or story not in seen:
            kept.append(d)
            if story is not None:
                seen.add(story)
    return kept


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
    candidates = {c: articles_with(c) for c in words_within(reader, lexicon, folded, maxdist, prefix=1) if c != folded}
    candidates = {c: n for c, n in candidates.items() if n >= RARE_RATIO * known}
    if not candidates:
        return None
    return min(candidates, key=lambda c: (_distance(folded, c), -candidates[c], c))


# A word to check: not a fuzzy~, prefix* or wild?card word (they already reach past their
# spelling), nor part of a dotted name or a URL ("cnn.com" is not "cnn.come").
SUGGESTIBLE_WORD = LazyPattern(r"(?<![\w*?])(?<!\w[./])[^\W\d_]{3,}(?![\w~*?]|[./]\w)")


def _same_case(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word


def suggest_query(searcher, text: str, ranking: Ranking, filter_query=None) -> str | None:
    """The query with each word the index does not know replaced by the nearest word it
    does, if that finds something; None when every word is known or nothing better is
    found. Cheap when every word is known: one lookup per word; a query of more than
    SUGGEST_MAX_WORDS words gets none."""
    if len(text.split()) > SUGGEST_MAX_WORDS:
        return None
    text = normalise(text)
    try:
        clauses = [c for c in read_clauses(read_query(text)[0]) if isinstance(c, Clause)]
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
            words = [(offset + m.start(), m.group()) for m in SUGGESTIBLE_WORD.finditer(value)
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


@reports_damage
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
        dateline=Dateline.parse(fields.get("dateline")),
        entities={t: [n for n in (fields.get(t) or "").split(",") if n] for t in ENTITY_TYPES},
        dates=[date.fromisoformat(d) for d in (fields.get("dates") or "").split(",") if d],
        quotes=[Quote(**q) for q in json.loads(fields.get("quotes") or "[]")],
    )
