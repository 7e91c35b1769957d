"""A term's postings in one segment as numpy arrays: document numbers and weights, read
block by block from Whoosh's own postings file (its W3 format: each block a compressed
pickle of delta-coded ids, weights and values), with positions decoded only for the
documents asked for. Whoosh's matcher hands them out one posting per Python call,
which is most of what a broad query cost."""

from __future__ import annotations

import pickle
import zlib
from io import BytesIO
from weakref import WeakKeyDictionary

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.system import _INT_SIZE, unpack_int

EMPTY_IDS = np.zeros(0, dtype=np.int64)
EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)


class Postings:
    """One term's postings in one segment (deleted documents left out)."""

    def __init__(self, ids: np.ndarray, weights: np.ndarray, values: list[bytes] | None = None):
        self.ids, self.weights = ids, weights
        self._values = values  # the encoded values (positions), when they were asked for

    def __len__(self) -> int:
        return len(self.ids)

    def values_at(self, rows: np.ndarray) -> list[bytes]:
        """The encoded values (positions) of the postings at these rows, in row order."""
        values = self._values
        return [values[i] for i in rows.tolist()]


def read_postings(reader, fieldname: str, btext: bytes, with_values: bool = False) -> Postings:
    """The postings of `btext` in `fieldname` of a segment reader; empty if it has none."""
    terms = reader._terms
    try:
        info = W3TermInfo.from_bytes(terms._tindex[terms._keycoder(fieldname, btext)])
    except KeyError:
        return Postings(EMPTY_IDS, EMPTY_WEIGHTS)
    if info.is_inlined():
        ids, weights, values = info.inlined_postings()
        postings = Postings(np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64),
                            values=list(values) if with_values else None)
    else:
        postings = _read_blocks(terms._postfile, info.extent()[0], with_values)
    deleted = _deleted(reader)
    if len(deleted) and len(postings):
        live = ~np.isin(postings.ids, deleted)
        if not live.all():
            kept = np.flatnonzero(live)
            values = postings.values_at(kept) if with_values else None
            postings = Postings(postings.ids[kept], postings.weights[kept], values=values)
    return postings


# A segment reader's deleted documents as an array, made once per reader (a reader is a
# snapshot: what it holds deleted does not change), not once per word looked up.
_DELETED: WeakKeyDictionary = WeakKeyDictionary()


def _deleted(reader) -> np.ndarray:
    if reader not in _DELETED:
        deleted = reader.deleted_docs_set
        _DELETED[reader] = np.fromiter(deleted, dtype=np.int64, count=len(deleted)) if deleted else EMPTY_IDS
    return _DELETED[reader]


def _read_blocks(postfile, offset: int, with_values: bool) -> Postings:
    if postfile.get(offset, 4) != WHOOSH3_HEADER_MAGIC:
        raise ValueError("not a postings list")
    position = offset + 4
    ids, weights, all_values = [], [], []
    last = False
    while not last:
        size = unpack_int(postfile.get(position, _INT_SIZE))[0]
        last, size = size < 0, abs(size)  # the last block's size is written negative
        chunk = BytesIO(postfile.get(position + _INT_SIZE, size))
        count, _last, _maxweight, compression, _minlen, _maxlen = pickle.load(chunk)
        data = chunk.read()
        if compression:
            data = zlib.decompress(data)
        deltas, block_weights, values = pickle.loads(data)
        ids.append(np.cumsum(deltas, dtype=np.int64))
        if block_weights is None:
            weights.append(np.ones(count, dtype=np.float64))
        elif isinstance(block_weights, float):
            weights.append(np.full(count, block_weights, dtype=np.float64))
        else:
            weights.append(np.array(block_weights, dtype=np.float64))
        if with_values:
            all_values += values
        position += _INT_SIZE + size
    return Postings(np.concatenate(ids) if ids else EMPTY_IDS, np.concatenate(weights) if weights else EMPTY_WEIGHTS,
                    values=all_values if with_values else None)

