"""How plain-word queries are scored: BM25F over title and body, with measured options.

Why not Whoosh's own BM25F: it scores each field as a separate BM25 and adds them up, so a
word in the title and the body is saturated twice; its idf, log(N/(df+1)) + 1, never drops
below 1, so the many common words of a long natural-language query ("what", "there",
"problems") add almost as much as the rare ones that carry it; and a word repeated in the
query counts once. Here a plain word is one BM25F term (Robertson, Zaragoza & Taylor 2004):
its frequencies in the fields are length-normalised per field, weighted and summed, then
saturated once, with the non-negative Robertson-Sparck Jones idf; repeated query words
count as often as they occur, and function words are dropped from verbose queries. Short
queries rank documents with more of the words first; long ones get RM3 pseudo-relevance
feedback. Each choice was kept because it measured better on CISI (README, "Ranking"); a
proximity bonus (BM25TP) was tried and dropped.

The query path imports nothing heavy: Whoosh only.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import cached_property, lru_cache
from weakref import WeakKeyDictionary

from whoosh import formats, matching, query as wq, scoring
from whoosh.lang.porter import stem
from whoosh.util.numeric import byte_to_length

from ..lean import LazyPattern, record
from ..indexing.schema import WORD_PATTERN, word_term

WORD = LazyPattern(WORD_PATTERN)  # a word as the index's analyzer splits text

# Function words dropped from verbose queries only (more than `strict_words` words): the
# index keeps them (Whoosh's short list aside) so phrases and short queries still match
# them, but in a question such as "What problems are there in making up titles?" words
# like "what" and "there" are not what is asked for. Pronouns, auxiliaries, determiners,
# prepositions, conjunctions, question words and degree adverbs, as in the SMART and
# Glasgow lists, stemmed like the index's words.
QUERY_STOP_WORDS_UNSTEMMED = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other ought our
    ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up upon very was we
    were what when where whether which while who whom whose why will with would you your yours
    yourself yourselves"""


@lru_cache(maxsize=1)
def query_stop_words() -> frozenset[str]:
    """The stop words stemmed, made when a verbose query first needs them (not at import:
    stemming them is a cost every cold query would pay)."""
    return frozenset(stem(w) for w in QUERY_STOP_WORDS_UNSTEMMED.split())


@record(frozen=True)
class Ranking:
    """The knobs of plain-word ranking. `RANKINGS` names the measured presets."""

    name: str
    k1: float = 1.2
    # per field: (weight, length normalisation b)
    fields: tuple[tuple[str, float, float], ...] = (("title", 2.0, 0.5), ("body", 1.0, 0.75))
    # queries of at most this many distinct words rank documents by how many of the words
    # they contain first, BM25F second: both words of a two-word query beat one
    strict_words: int = 4
    # RM3 pseudo-relevance feedback: re-query with the original words plus the words of
    # the top documents, for queries of at least `rm3_min_words` words (0 = off)
    rm3_min_words: int = 0
    rm3_docs: int = 10
    rm3_terms: int = 20
    rm3_weight: float = 0.5  # weight of the original query against the feedback words
    legacy: bool = False  # Whoosh's own BM25F and OR grouping with its coordination bonus


RANKINGS: dict[str, Ranking] = {r.name: r for r in (
    Ranking("bm25f+rm3", rm3_min_words=5),
    Ranking("bm25f"),
    Ranking("whoosh", legacy=True),
)}
DEFAULT_RANKING = "bm25f+rm3"


class UnknownRanking(ValueError):
    """A ranking name that is not one of RANKINGS."""


def get_ranking(name: str | None) -> Ranking:
    try:
        return RANKINGS[name or DEFAULT_RANKING]
    except KeyError:
        raise UnknownRanking(f"unknown ranking {name!r} (choose {', '.join(RANKINGS)})") from None


def rsj_idf(doc_count: int, doc_freq: int) -> float:
    """Robertson-Sparck Jones idf with Lucene's +1, so a word in most documents scores near
    zero instead of below it."""
    return math.log(1 + (doc_count - doc_freq + 0.5) / (doc_freq + 0.5))


class RankingWeighting(scoring.WeightingModel):
    """BM25 for terms outside plain-word groups (field queries, phrases): same k1, per-field b
    and idf as the plain words, so mixed queries add up on one scale."""

    def __init__(self, ranking: Ranking):
        self.ranking = ranking
        self._b = {name: b for name, _w, b in ranking.fields}

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        return rsj_idf(parent.doc_count_all(), parent.doc_frequency(fieldname, text))

    def scorer(self, searcher, fieldname, text, qf=1):
        if not searcher.schema[fieldname].scorable:
            return scoring.WeightScorer.for_(searcher, fieldname, text)
        return scoring.BM25FScorer(searcher, fieldname, text, self._b.get(fieldname, 0.75), self.ranking.k1, qf=qf)


def weighting(ranking: Ranking) -> scoring.WeightingModel:
    return scoring.BM25F() if ranking.legacy else RankingWeighting(ranking)


class PlainWords(wq.CompoundQuery):
    """A bag of analysed words (word -> query weight) searched in several fields at once and
    scored as BM25F. Its subqueries are the plain field Terms, so the passage marker and
    `terms()` see the words as usual."""

    JOINT = " OR "

    def __init__(self, words: Mapping[str, float], ranking: Ranking, strict: bool | None = None,
                 anchors: Iterable[str] = (), boost=1.0):
        self.words = dict(words)
        self.ranking = ranking
        self.strict = len(self.words) <= ranking.strict_words if strict is None else strict
        # feedback words only reorder: a document must have one of these (the user's) words
        self.anchors = frozenset(anchors)
        terms = [wq.Term(name, w) for w in self.words for name, _weight, _b in ranking.fields]
        super().__init__(terms, boost=boost)

    def __eq__(self, other):
        return (type(self) is type(other) and self.words == other.words
                and self.ranking == other.ranking and self.strict == other.strict
                and self.anchors == other.anchors and self.boost == other.boost)

    def __hash__(self):
        return hash((type(self), tuple(sorted(self.words.items())), self.ranking, self.strict, self.anchors, self.boost))

    def __repr__(self):
        return f"PlainWords({self.words!r}, {self.ranking.name!r}, strict={self.strict})"

    def copy(self):
        return PlainWords(self.words, self.ranking, self.strict, self.anchors, self.boost)

    def normalize(self):
        return self if self.words else wq.NullQuery

    def apply(self, fn):
        return self.copy()

    def estimate_size(self, ixreader):
        return sum(ixreader.doc_frequency(t.fieldname, t.text) for t in self.subqueries)

    def matcher(self, searcher, context=None):
        columns = COLUMNS.get(searcher.get_parent().reader())
        if columns is not None:  # the index's arrays are loaded: score with numpy (searcher.search.vectorised)
            from .vectorised import plain_word_arrays

            ids, scores = plain_word_arrays(searcher, columns, self.words, self.ranking, self.strict, self.anchors)
            return ScoredArrays(ids, scores, self.boost) if len(ids) else matching.NullMatcher()
        scores = plain_word_scores(searcher, self.words, self.ranking, self.strict, self.anchors)
        if not scores:
            return matching.NullMatcher()
        return ScoredDocs(scores, self.boost)


def _column_scoring(fieldname: str, searcher, context):
    """(columns, weighting, field) when a field's query can be scored from the index's
    columns: they are loaded, the weighting is ours and the field is scored; else None
    (Whoosh's own matcher scores it)."""
    columns = COLUMNS.get(searcher.get_parent().reader())
    weighting = context.weighting if context is not None else searcher.weighting
    field = searcher.schema[fieldname] if fieldname in searcher.schema else None
    if columns is None or not isinstance(weighting, RankingWeighting) or field is None or not field.scorable:
        return None
    return columns, weighting, field


def _positions_as_whoosh_writes(field) -> bool:
    """Whether a field's positions are stored as Whoosh's Positions format stores them, which
    phrase_arrays reads directly (not, say, with characters or boosts as well)."""
    return type(field.format).decode_positions is formats.Positions.decode_positions


class ColumnPhrase(wq.Phrase):
    """A phrase matched from whole posting lists once the index's columns are loaded
    (searcher.search.vectorised.phrase_arrays): exact phrases in a field scored by this module's
    BM25; anything else as Whoosh's Phrase."""

    def matcher(self, searcher, context=None):
        scoring = _column_scoring(self.fieldname, searcher, context)
        if scoring is None or self.slop != 1 or len(self.words) < 2 or not _positions_as_whoosh_writes(scoring[2]):
            return super().matcher(searcher, context)
        columns, weighting, _field = scoring
        from .vectorised import phrase_arrays

        ids, scores = phrase_arrays(searcher, columns, self.fieldname, list(self.words), self.boost, weighting)
        return ScoredArrays(ids, scores) if len(ids) else matching.NullMatcher()


class ColumnTerm(wq.Term):
    """A word in one field (title:drone, person:"John Kirby") scored from its whole posting
    list once the index's columns are loaded (searcher.search.vectorised.term_arrays), with
    Whoosh's BM25 arithmetic: Whoosh's matcher cost a Python call per match for every
    match, ten microseconds each (a field query of 600 matches, 6 ms)."""

    def matcher(self, searcher, context=None):
        scoring = _column_scoring(self.fieldname, searcher, context)
        if scoring is None or self.minquality:
            return super().matcher(searcher, context)
        columns, weighting, field = scoring
        try:
            btext = field.to_bytes(self.text)
        except ValueError:
            return matching.NullMatcher()
        from .vectorised import term_arrays

        ids, scores = term_arrays(searcher, columns, self.fieldname, btext, weighting)
        return ScoredArrays(ids, scores, self.boost) if len(ids) else matching.NullMatcher()


def column_phrases(query: wq.Query) -> wq.Query:
    """`query` with its phrases as ColumnPhrase and its words in one field as ColumnTerm."""
    def swap(q):
        if type(q) is wq.Phrase:
            return ColumnPhrase(q.fieldname, q.words, slop=q.slop, boost=q.boost, char_ranges=q.char_ranges)
        if type(q) is wq.Term:
            return ColumnTerm(q.fieldname, q.text, boost=q.boost, minquality=q.minquality)
        return q

    return query.accept(swap)


# Open index readers whose columns (searcher.search.columns) are loaded, to the columns: their
# plain words are scored with numpy. Set by searcher.search.searching once a process has shown it
# will run more than one small query; a one-off command never imports numpy.
COLUMNS: WeakKeyDictionary = WeakKeyDictionary()


def plain_word_scores(searcher, words: Mapping[str, float], ranking: Ranking, strict: bool,
                      anchors: frozenset[str] = frozenset()):
    """docnum -> score, for one segment.

    Term-at-a-time: each word's postings in each field are read once into accumulators,
    which is much faster in Python than Whoosh's document-at-a-time union of many terms."""
    parent = searcher.get_parent()
    reader = searcher.reader()
    doc_count = parent.doc_count_all()
    scores: dict[int, float] = defaultdict(float)
    words_in: dict[int, int] = defaultdict(int)
    anchored: set[int] = set()
    k1 = ranking.k1
    for word, qweight, doc_freq, fields in word_fields(searcher, words, ranking):
        tf_norm: dict[int, float] = defaultdict(float)
        for name, fweight, b, btext in fields:
            if (name, btext) not in reader:
                continue
            avg = parent.avg_field_length(name) or 1.0
            lengths = field_length_bytes(reader, name)
            postings = reader.postings(name, btext)
            while postings.is_active():
                doc = postings.id()
                length = LENGTH_OF_BYTE[lengths[doc]]
                tf_norm[doc] += fweight * postings.weight() / (1 - b + b * length / avg)
                postings.next()
        if not tf_norm:
            continue
        idf = rsj_idf(doc_count, doc_freq)
        for doc, tf in tf_norm.items():
            scores[doc] += qweight * idf * tf * (k1 + 1) / (tf + k1)
            words_in[doc] += 1
        if word in anchors:
            anchored.update(tf_norm)
    if anchors:
        scores = {doc: score for doc, score in scores.items() if doc in anchored}
    if strict:
        # coordination order: the integer part is how many of the words the document has
        for doc, score in scores.items():
            scores[doc] = words_in[doc] + score / (score + 1)
    return scores


def word_fields(searcher, words: Mapping[str, float], ranking: Ranking):
    """For each query word: its weight, its document frequency (the largest over the
    fields, for its idf) and the fields it is searched in, each as (name, weight, b, the
    word as indexed there)."""
    parent = searcher.get_parent()
    for word, qweight in words.items():
        fields, doc_freq = [], 0
        for name, fweight, b in ranking.fields:
            if name in searcher.schema:
                btext = searcher.schema[name].to_bytes(word)
                doc_freq = max(doc_freq, parent.doc_frequency(name, btext))
                fields.append((name, fweight, b, btext))
        yield word, qweight, doc_freq, fields


_LENGTHS: WeakKeyDictionary = WeakKeyDictionary()
# A field's length as Whoosh codes it in one byte, decoded (0 for a field of common
# words only, where Whoosh's doc_field_length gives None).
LENGTH_OF_BYTE = [byte_to_length(b) or 0 for b in range(256)]


def field_length_bytes(reader, name: str) -> bytes:
    """A segment's field lengths, one coded byte per document (decoded by LENGTH_OF_BYTE),
    read in one piece from Whoosh's column once per reader."""
    by_field = _LENGTHS.setdefault(reader, {})
    if name not in by_field:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN

        size = reader.doc_count_all()
        column = reader._perdoc._cached_reader(f"_{name}_len", LENGTHS_COLUMN)
        raw = column._dbfile.get(column._basepos, column._count) if column is not None else b""
        by_field[name] = bytes(raw[:size]).ljust(size, b"\0")  # documents past the column's end have none
    return by_field[name]


class ScoredDocs(matching.Matcher):
    """A matcher over documents whose scores are already known."""

    def __init__(self, scores: Mapping[int, float], boost: float = 1.0, pos: int = 0, ids: list[int] | None = None):
        self._scores = scores
        self._boost = boost
        self._ids = ids if ids is not None else sorted(scores)
        self._pos = pos

    def is_active(self):
        return self._pos < len(self._ids)

    def reset(self):
        self._pos = 0

    def id(self):
        return self._ids[self._pos]

    def next(self):
        self._pos += 1

    def skip_to(self, id):
        self._pos = bisect_left(self._ids, id, self._pos)

    def all_ids(self):
        return iter(self._ids[self._pos:])

    def remaining(self) -> list[tuple[int, float]]:
        """(document, score) from here to the end."""
        return [(doc, self._scores[doc] * self._boost) for doc in self._ids[self._pos:]]

    def copy(self):
        return ScoredDocs(self._scores, self._boost, self._pos, self._ids)

    def replace(self, minquality=0):
        return self if self.is_active() else matching.NullMatcher()

    def supports_block_quality(self):
        return False

    def supports(self, astype):
        return False

    def weight(self):
        return self.score()

    def score(self):
        return self._scores[self.id()] * self._boost


class ScoredArrays(ScoredDocs):
    """ScoredDocs over numpy arrays (document numbers ascending, scores), which a
    collector can take whole (searcher.search.searching.AllMatchesCollector)."""

    def __init__(self, ids, scores, boost: float = 1.0, pos: int = 0) -> None:
        self.arrays = (ids, scores)
        self._scores, self._boost, self._pos = {}, boost, pos

    # As Python lists only for a caller that walks the matcher a document at a time: a
    # collector that takes the arrays whole never pays for them.
    @cached_property
    def _ids(self) -> list[int]:
        return self.arrays[0].tolist()

    @cached_property
    def _values(self) -> list[float]:
        return self.arrays[1].tolist()

    def is_active(self):
        return self._pos < len(self.arrays[0])

    def remaining(self) -> list[tuple[int, float]]:
        boost = self._boost
        return [(doc, score * boost) for doc, score in zip(self._ids[self._pos:], self._values[self._pos:])]

    def remaining_arrays(self):
        """(documents, scores) from here to the end, as arrays."""
        ids, scores = self.arrays
        return ids[self._pos:], scores[self._pos:] * self._boost

    def copy(self):
        return ScoredArrays(*self.arrays, self._boost, self._pos)

    def score(self):
        return self._values[self._pos] * self._boost


def _plain_word(q, fieldnames: tuple[str, ...]) -> str | None:
    """The word if `q` is what the parser makes of a bare word: one Term per default field."""
    if type(q) is wq.Or and len(q.subqueries) == len(fieldnames):
        if all(type(t) is wq.Term for t in q.subqueries) and tuple(t.fieldname for t in q.subqueries) == fieldnames:
            texts = {t.text for t in q.subqueries}
            if len(texts) == 1:
                return texts.pop()
    return None


def rank_plain(parts: list[wq.Query], ranking: Ranking) -> wq.Query:
    """The scored part of a query from its parsed plain clauses (words, phrases, OR chains):
    the bare words, searched in the default fields, become one `PlainWords` scored
    together; a word typed twice counts twice, which pays on long queries. Phrases and
    the like are added alongside."""
    fieldnames = tuple(name for name, _w, _b in ranking.fields)
    words: Counter = Counter()
    others = []
    for sub in _flatten_or(wq.Or(parts), fieldnames):
        word = _plain_word(sub, fieldnames)
        if word is None:
            others.append(sub)
        else:
            words[word] += sub.boost
    if words:
        others.insert(0, PlainWords(_without_stop_words(words, ranking), ranking))
    return others[0] if len(others) == 1 else wq.Or(others)


def _without_stop_words(words: Counter, ranking: Ranking) -> Counter:
    if len(words) <= ranking.strict_words:
        return words
    kept = Counter({w: n for w, n in words.items() if w not in query_stop_words()})
    return kept or words


def _flatten_or(q: wq.Or, fieldnames: tuple[str, ...]) -> Iterable[wq.Query]:
    """The members of an OR, through nested plain ORs. Whoosh's parser flattens the first
    bare word of an explicit `a OR b` into the OR itself, so a run of one Term per default
    field is read back as that word."""
    subs = list(q.subqueries)
    width = len(fieldnames)
    i = 0
    while i < len(subs):
        run = wq.Or(subs[i:i + width])
        if _plain_word(run, fieldnames) is not None:
            yield run
            i += width
            continue
        sub = subs[i]
        if type(sub) is wq.Or and sub.boost == 1.0 and _plain_word(sub, fieldnames) is None:
            yield from _flatten_or(sub, fieldnames)
        else:
            yield sub
        i += 1


def with_feedback(searcher, plain: wq.Query, ranking: Ranking, filter=None) -> wq.Query:
    """RM3 (Abdul-Jaleel et al. 2004, as in Anserini) for a query of plain words only: the
    relevance model of the top documents of a first search, mixed with the original words.
    The feedback words only reorder the documents that have one of the user's words."""
    if (not isinstance(plain, PlainWords) or not ranking.rm3_min_words
            or sum(plain.words.values()) < ranking.rm3_min_words):
        return plain
    first = PlainWords(plain.words, ranking, strict=False)
    top = searcher.search(first, limit=ranking.rm3_docs, filter=filter)
    if not top:
        return plain
    relevance: Counter = Counter()
    for hit in top:
        stored = hit.fields()
        counts: Counter = Counter()
        for name, _w, _b in ranking.fields:
            # title and body share one analyzer; word_term caches each word's indexed form
            # across queries (analysing is most of the cost of RM3)
            for raw, n in Counter(WORD.findall(stored.get(name) or "")).items():
                if word := word_term(raw):
                    counts[word] += n
        length = sum(counts.values()) or 1
        for word, n in counts.items():
            relevance[word] += hit.score * n / length
    for word in query_stop_words() & relevance.keys():
        del relevance[word]
    feedback = dict(relevance.most_common(ranking.rm3_terms))
    total = sum(feedback.values()) or 1.0
    qtotal = sum(plain.words.values())
    mixed: Counter = Counter()
    for word, weight in plain.words.items():
        mixed[word] += ranking.rm3_weight * weight / qtotal
    for word, weight in feedback.items():
        mixed[word] += (1 - ranking.rm3_weight) * weight / total
    # back to the original query's scale, so scores stay comparable with other clauses
    return PlainWords({w: v * qtotal for w, v in mixed.items()}, ranking, strict=plain.strict, anchors=plain.words)
