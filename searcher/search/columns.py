"""What a query reads for every match, as numpy arrays over the whole index: field lengths
(for BM25F), deletions, publication dates, the story of each copy, and each facet's values
as integer ids (CSR for the many-valued ones: people, organisations, places, speakers).
Counting a facet over the matches is then a `bincount`, not a Python call per match.

Loaded once per open index, column by column as queries first need them, from Whoosh's
own per-document columns: Whoosh stays the index of record and nothing is written
beside it. A process that runs one small query (the `searcher query` command) never
loads them and never imports numpy: searcher.search.searching decides when they pay.

Counts are exactly those of searcher.search.searching.count_facets (tests/test_vectorised.py
compares them): a value counts once per document it is listed for, a story's copies
count once per value among them, and a short person name that stands for a longer one
across the corpus counts as the longer one."""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

import numpy as np

from .ranking import LENGTH_OF_BYTE, field_length_bytes

UNDATED = 2 ** 63  # the published column holds 2**64 where an article has no date
_LENGTH_OF_BYTE = np.array(LENGTH_OF_BYTE, dtype=np.float64)


@dataclass
class FacetColumn:
    """One facet's values: `names` sorted (so ids order as the names do), and the
    values of document d are ids[starts[d]:starts[d + 1]]."""

    names: list[str]
    starts: np.ndarray  # int64, one more than there are documents
    ids: np.ndarray  # int64
    merged: np.ndarray  # id -> id of the name it counts as (aliases merged; itself otherwise)

    def values_of(self, docnums: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(position in `docnums`, value id) of every value of those documents."""
        begin, end = self.starts[docnums], self.starts[docnums + 1]
        counts = end - begin
        owners = np.repeat(np.arange(len(docnums)), counts)
        # each value's index: its document's first index plus its place among them
        first = np.repeat(begin - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
        return owners, self.ids[first + np.arange(len(owners))]


def _csr(rows: list[tuple[str, ...]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    names = sorted({v for row in rows for v in row})
    number = {name: i for i, name in enumerate(names)}
    starts = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(row) for row in rows], out=starts[1:])
    ids = np.fromiter((number[v] for row in rows for v in row), dtype=np.int64, count=int(starts[-1]))
    return names, starts, ids


class IndexColumns:
    """The arrays of one open index (a searcher.search.searching.OpenIndex), by global document number."""

    def __init__(self, index) -> None:
        self.index = index
        reader = index.reader
        self.doc_count = reader.doc_count_all()
        self._lengths: WeakKeyDictionary = WeakKeyDictionary()  # segment reader -> field -> lengths
        self._facets: dict[str, FacetColumn] = {}
        self._published: np.ndarray | None = None
        self._stories: tuple[np.ndarray, dict[int, str]] | None = None

    # -- ranking

    def lengths(self, segment_reader, name: str) -> np.ndarray:
        """A segment's field lengths, as Whoosh's doc_field_length reads them (float64)."""
        by_field = self._lengths.setdefault(segment_reader, {})
        if name not in by_field:
            by_field[name] = _LENGTH_OF_BYTE[np.frombuffer(field_length_bytes(segment_reader, name), dtype=np.uint8)]
        return by_field[name]

    # -- dates and stories

    def published(self) -> np.ndarray:
        """Each document's published stamp (uint64; UNDATED or more where it has none)."""
        if self._published is None:
            column = self.index.column("published")
            self._published = np.fromiter((column[d] for d in range(self.doc_count)), dtype=np.uint64,
                                          count=self.doc_count)
        return self._published

    def stories(self) -> np.ndarray:
        """Each document's story number (-1 when it has no copies)."""
        story_of = self.index.stories.story_of
        if self._stories is None or self._stories[1] is not story_of:
            numbers = {story: i for i, story in enumerate(sorted(set(story_of.values())))}
            array = np.full(self.doc_count, -1, dtype=np.int64)
            for docnum, story in story_of.items():
                if docnum < self.doc_count:
                    array[docnum] = numbers[story]
            self._stories = (array, story_of)
        return self._stories[0]

    # -- facets

    def facet(self, name: str) -> FacetColumn:
        if name not in self._facets:
            rows = [self.index.facet_values(name, d) for d in range(self.doc_count)]
            names, starts, ids = _csr(rows)
            aliases = self.index.aliases(name)  # made from these same values: every target is a name
            number = {n: i for i, n in enumerate(names)}
            merged = np.array([number[aliases.get(n, n)] for n in names], dtype=np.int64)
            self._facets[name] = FacetColumn(names, starts, ids, merged)
        return self._facets[name]

    def count_facets(self, docnums: np.ndarray, names: tuple[str, ...], limit: int,
                     fold: bool) -> dict[str, dict[str, int]]:
        """As searcher.search.searching.count_facets, for matches given as a sorted array."""
        stories = self.stories()[docnums] if fold else np.full(len(docnums), -1, dtype=np.int64)
        folded = stories >= 0
        singles, copies = docnums[~folded], docnums[folded]
        facets = {}
        for name in names:
            column = self.facet(name)
            size = len(column.names)
            _, values = column.values_of(singles)
            counts = np.bincount(column.merged[values], minlength=size)
            if len(copies):
                owners, values = column.values_of(copies)
                # one count per (story, name): a story its copies tell three times counts once
                pairs = np.unique(stories[folded][owners] * size + column.merged[values])
                counts += np.bincount(pairs % size, minlength=size)
            facets[name] = _ordered(name, column.names, counts, limit)
        return facets


def _ordered(name: str, names: list[str], counts: np.ndarray, limit: int) -> dict[str, int]:
    """Names most frequent first (ties by name), years newest first, months oldest first
    and all of them, as count_facets orders them. Ids order as names do."""
    present = np.flatnonzero(counts)
    if name == "month":
        chosen = present
    elif name == "year":
        chosen = present[::-1][:limit]
    else:
        chosen = present[np.lexsort((present, -counts[present]))][:limit]
    return {names[i]: int(counts[i]) for i in chosen}


def top_ranked(docnums: np.ndarray, scores: np.ndarray, stories: np.ndarray | None, count: int) -> list[tuple[float, int]]:
    """(score, docnum) of the best `count` matches, best first (ties: lower number first),
    each story once (its best copy), as searcher.search.searching.TopAndAllCollector ranks them."""
    keep = np.ones(len(docnums), dtype=bool)
    if stories is not None:
        copies = np.flatnonzero(stories >= 0)
        if len(copies):
            order = copies[np.lexsort((docnums[copies], -scores[copies], stories[copies]))]
            best = np.ones(len(order), dtype=bool)
            best[1:] = stories[order][1:] != stories[order][:-1]
            keep[copies] = False
            keep[order[best]] = True
    candidates = np.flatnonzero(keep)
    if len(candidates) > count:
        # everything scoring at least the count-th best, ties included, then ordered exactly
        threshold = np.partition(scores[candidates], len(candidates) - count)[len(candidates) - count]
        candidates = candidates[scores[candidates] >= threshold]
    order = candidates[np.lexsort((docnums[candidates], -scores[candidates]))][:count]
    return [(float(scores[i]), int(docnums[i])) for i in order]


def by_date(published: np.ndarray, docnums: np.ndarray, newest_first: bool) -> np.ndarray:
    """As searcher.search.searching.by_date: dated documents by date (ties by number, reversed with
    the dates), then the undated by number."""
    stamps = published[docnums]
    dated = stamps < UNDATED
    ordered = docnums[dated][np.lexsort((docnums[dated], stamps[dated]))]
    if newest_first:
        ordered = ordered[::-1]
    return np.concatenate((ordered, docnums[~dated]))


def first_of_each_story(ordered: np.ndarray, stories: np.ndarray) -> np.ndarray:
    """`ordered` without the copies of a story after its first."""
    story = stories[ordered]
    keep = story < 0
    seen = np.unique(story[~keep], return_index=True)[1] if (~keep).any() else np.zeros(0, dtype=np.int64)
    keep[np.flatnonzero(~keep)[seen]] = True
    return ordered[keep]
