"""Plain-word scoring with numpy: the BM25F of searcher.search.ranking.plain_word_scores computed
over whole posting lists at once (searcher.search.postings) instead of one posting per Python
call. The arithmetic is the same, operation for operation, so the scores are the same
to the last bit (tests/test_vectorised.py compares them on the bench's queries)."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import chain
from pickle import loads

import numpy as np
from whoosh.system import _INT_SIZE

from .columns import IndexColumns
from .postings import Postings, read_postings


def plain_word_arrays(searcher, columns: IndexColumns, words: Mapping[str, float], ranking,
                      strict: bool, anchors: frozenset[str] = frozenset()) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, scores) of one segment, numbers ascending."""
    from .ranking import rsj_idf, word_fields

    parent = searcher.get_parent()
    reader = searcher.reader()
    size = reader.doc_count_all()
    doc_count = parent.doc_count_all()
    scores = np.zeros(size, dtype=np.float64)
    words_in = np.zeros(size, dtype=np.int64)
    matched = np.zeros(size, dtype=bool)
    anchored = np.zeros(size, dtype=bool) if anchors else None
    k1 = ranking.k1
    for word, qweight, doc_freq, fields in word_fields(searcher, words, ranking):
        tf = np.zeros(size, dtype=np.float64)
        has = np.zeros(size, dtype=bool)
        for name, fweight, b, btext in fields:
            postings = read_postings(reader, name, btext)
            if not len(postings):
                continue
            avg = parent.avg_field_length(name) or 1.0
            length = columns.lengths(reader, name)[postings.ids]
            # as plain_word_scores: fweight * weight / (1 - b + b * length / avg), added per field
            tf[postings.ids] += fweight * postings.weights / (1 - b + b * length / avg)
            has[postings.ids] = True
        docs = np.flatnonzero(has)
        if not len(docs):
            continue
        idf = rsj_idf(doc_count, doc_freq)
        found = tf[docs]
        scores[docs] += qweight * idf * found * (k1 + 1) / (found + k1)
        words_in[docs] += 1
        matched[docs] = True
        if anchored is not None and word in anchors:
            anchored[docs] = True
    if anchored is not None:
        matched &= anchored
    docs = np.flatnonzero(matched)
    found = scores[docs]
    if strict:
        # coordination order: the integer part is how many of the words the document has
        found = words_in[docs] + found / (found + 1)
    return docs, found


def term_arrays(searcher, columns: IndexColumns, fieldname: str, btext: bytes, weighting) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, scores) of one segment for a word in a field, scored as Whoosh's
    BM25FScorer scores each of its postings (whoosh.scoring.bm25, the same operations in
    the same order on arrays)."""
    reader, parent = searcher.reader(), searcher.get_parent()
    postings = read_postings(reader, fieldname, btext)
    if not len(postings):
        return postings.ids, np.zeros(0)
    idf, avgfl = parent.idf(fieldname, btext), parent.avg_field_length(fieldname) or 1
    b, k1 = weighting._b.get(fieldname, 0.75), weighting.ranking.k1
    tf, fl = postings.weights, columns.lengths(reader, fieldname)[postings.ids]
    return postings.ids, idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))


def phrase_arrays(searcher, columns: IndexColumns, fieldname: str, words: list[str], boost: float,
                  weighting) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, scores) of one segment for an exact phrase (slop 1) in a field:
    the documents that have every word are found from the posting lists at once, and
    positions are decoded only for those. Scored as Whoosh scores its phrase matcher: each
    word's BM25 in the field, added up in the same order (its binary tree of matchers)."""
    from whoosh.scoring import bm25

    reader, parent = searcher.reader(), searcher.get_parent()
    field = searcher.schema[fieldname]
    btexts = [field.to_bytes(word) for word in words]
    read = {b: read_postings(reader, fieldname, b, with_values=True) for b in dict.fromkeys(btexts)}
    postings = [read[b] for b in btexts]
    candidates = postings[0].ids
    for p in postings[1:]:
        candidates = np.intersect1d(candidates, p.ids, assume_unique=True)
    if not len(candidates):
        return candidates, np.zeros(0)
    rows = [np.searchsorted(p.ids, candidates) for p in postings]
    matched = _in_order(postings, rows, len(candidates)).tolist()
    if not matched:
        return candidates[:0], np.zeros(0)
    b = weighting._b.get(fieldname, 0.75)
    k1 = weighting.ranking.k1
    avg = parent.avg_field_length(fieldname) or 1
    idfs = [parent.idf(fieldname, t) for t in btexts]
    lengths = columns.lengths(reader, fieldname)
    scores = []
    for k in matched:
        doc = int(candidates[k])
        fl = lengths[doc]
        terms = [bm25(idf, float(p.weights[r[k]]), fl, avg, b, k1) for idf, p, r in zip(idfs, postings, rows)]
        score = _tree_sum(terms) * 1.0  # the span matcher's boost
        scores.append(score * boost if boost != 1.0 else score)
    return candidates[matched], np.array(scores, dtype=np.float64)


def _in_order(postings: list[Postings], rows: list[np.ndarray], count: int) -> np.ndarray:
    """Which of `count` candidates (ascending) have the words one after another: word i at
    some start + i. Each candidate's positions are tagged with its number, shifted back by
    the word's place in the phrase, and the tags every word has are the starts."""
    starts = None
    for i, (p, r) in enumerate(zip(postings, rows)):
        # Whoosh's Positions value: a 4-byte count, then the pickled gaps between positions,
        # sometimes without pickle's final STOP (bytes after a pickle are ignored by loads)
        gaps = [loads(v[_INT_SIZE:] + b".") for v in p.values_at(r)]
        counts = np.fromiter(map(len, gaps), dtype=np.int64, count=count)
        totals = np.cumsum(np.fromiter(chain.from_iterable(gaps), dtype=np.int64, count=int(counts.sum())))
        before = np.concatenate(([0], totals))[np.cumsum(counts) - counts]  # the sum of gaps before each candidate's
        positions = totals - np.repeat(before, counts)
        tags = (np.repeat(np.arange(count, dtype=np.int64), counts) << 32) | (positions - i)
        tags = tags[positions >= i]
        starts = tags if starts is None else starts[np.isin(starts, tags)]
        if not len(starts):
            break
    return np.unique(starts >> 32)


def _tree_sum(values: list[float]) -> float:
    """Added up as Whoosh's make_binary_tree of IntersectionMatchers adds its scores."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return _tree_sum(values[:half]) + _tree_sum(values[half:])
