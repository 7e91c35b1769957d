"""What one query may cost: every query answers in well under a second on a 2,000-article
index, whatever is typed. A pasted paragraph is a query; a pasted page is not. Each word
with * or ~ walks the index's word list, and stands for every word it matches."""

from __future__ import annotations


from whoosh.query import Every, FuzzyTerm, MultiTerm, Or, Prefix

from ..lean import LazyPattern
from .querylang import QueryError

MAX_QUERY_CHARS = 4000  # a pasted abstract fits (the longest CISI question has 2,023)
MAX_EXPANDING_WORDS = 3  # words with * or ~ in one query
MAX_EXPANSIONS = 2000  # indexed words they may stand for between them ("s*" stands for thousands)
SUGGEST_MAX_WORDS = 8  # a longer query is not a typo, and each unknown word costs a walk of the word list
# A word beginning with * or ? (not `*` alone) would be matched against every word of the index.
LEADING_WILDCARD = LazyPattern(r"(?<![^\s(:+\-])[*?](?=[^\s)])")


def check_length(text: str) -> None:
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text):,} characters long; at most {MAX_QUERY_CHARS:,} are read")


def every_article(query):
    """`*` reaches here as "every article with a title or a body", which Whoosh answers by
    reading the postings of every word in both fields (seconds on 2,000 articles): it is
    every article, read from the list of documents."""
    if isinstance(query, Or) and query.subqueries and all(isinstance(q, Every) for q in query.subqueries):
        return Every(boost=query.subqueries[0].boost)
    return query


class Expanded(MultiTerm):
    """A word with * or ~ with the indexed words it stands for, worked out once. Whoosh
    asks a MultiTerm for its words again for each field, size estimate and segment, and
    the highlighter once more (21 walks of the word list for one fuzzy word); otherwise it
    searches and scores exactly as the word it replaces."""

    def __init__(self, original: MultiTerm, words: list):
        self.original, self.words = original, words
        self.fieldname, self.text, self.boost = original.fieldname, original.text, original.boost
        self.constantscore = original.constantscore

    def _btexts(self, ixreader):
        return self.words

    def __eq__(self, other):
        return isinstance(other, Expanded) and self.original == other.original

    def __hash__(self):
        return hash(self.original)

    def __repr__(self):
        return f"Expanded({self.original!r}, {len(self.words)} words)"


def as_typed(q: MultiTerm) -> str:
    """The word as the query language writes it: Casp*, Caspain~2."""
    if isinstance(q, FuzzyTerm):
        return f"{q.text}~{q.maxdist if q.maxdist > 1 else ''}"
    return f"{q.text}*" if isinstance(q, Prefix) else q.text


def expanded_once(query, reader, text: str):
    """`query` with each word with * or ~ expanded once (see Expanded); QueryError for a
    word starting with a wildcard, more than MAX_EXPANDING_WORDS such words, or such words
    standing for more than MAX_EXPANSIONS indexed words between them."""
    if (bad := LEADING_WILDCARD.search(text)) is not None:
        raise QueryError(f"a word may not begin with {bad.group()} (it would be matched against every word "
                         f"of the index) at column {bad.start() + 1}")
    if len({as_typed(q) for q in query.leaves() if isinstance(q, MultiTerm)}) > MAX_EXPANDING_WORDS:
        raise QueryError(f"at most {MAX_EXPANDING_WORDS} words with * or ~ in one query")
    memo: dict = {}
    sizes: dict[str, int] = {}  # word as typed -> indexed words it stands for (in the field with most)

    def expand(q):
        if not isinstance(q, MultiTerm) or isinstance(q, Expanded):
            return q
        if q not in memo:
            typed = as_typed(q)
            others = sum(n for word, n in sizes.items() if word != typed)
            words = []
            for word in q._btexts(reader):
                words.append(word)
                if others + len(words) > MAX_EXPANSIONS:
                    raise QueryError(f"{typed}{' and the other words with * or ~' if others else ''} stand"
                                     f"{'' if others else 's'} for more than {MAX_EXPANSIONS:,} words of the index; "
                                     f"type more of {'them' if others else 'it'}"
                                     f"{' or allow one letter off (~)' if isinstance(q, FuzzyTerm) else ''}")
            sizes[typed] = max(sizes.get(typed, 0), len(words))
            memo[q] = words
        return Expanded(q, memo[q])

    return query.accept(expand)
