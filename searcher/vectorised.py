"""Plain-word scoring with numpy: the BM25F of searcher.ranking.plain_word_scores computed
over whole posting lists at once (searcher.postings) instead of one posting per Python
call. The arithmetic is the same, operation for operation, so the scores are the same
to the last bit (tests/test_vectorised.py compares them on the bench's queries)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .columns import IndexColumns
from .postings import read_postings


def plain_word_arrays(searcher, columns: IndexColumns, words: Mapping[str, float], ranking,
                      strict: bool, anchors: frozenset[str] = frozenset()) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, scores) of one segment, numbers ascending."""
    from .ranking import rsj_idf

    parent = searcher.get_parent()
    reader = searcher.reader()
    size = reader.doc_count_all()
    doc_count = parent.doc_count_all()
    scores = np.zeros(size, dtype=np.float64)
    words_in = np.zeros(size, dtype=np.int64)
    matched = np.zeros(size, dtype=bool)
    anchored = np.zeros(size, dtype=bool) if anchors else None
    k1 = ranking.k1
    for word, qweight in words.items():
        tf = np.zeros(size, dtype=np.float64)
        has = np.zeros(size, dtype=bool)
        doc_freq = 0
        for name, fweight, b in ranking.fields:
            if name not in searcher.schema:
                continue
            btext = searcher.schema[name].to_bytes(word)
            doc_freq = max(doc_freq, parent.doc_frequency(name, btext))
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
