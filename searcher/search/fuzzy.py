"""Words within a few edits of a word, where swapping two neighbouring letters is one edit
(Damerau-Levenshtein), as people mistype: "Caspain", "Kriby".

Whoosh's FuzzyTerm and `terms_within` walk the word list with a Levenshtein automaton, in
which a swap costs two edits, so `Caspain~` did not find "Caspian" (its docstring says
otherwise). The automaton here adds the swap; the walk is Whoosh's own, one segment at a
time (Whoosh's reader over several segments measures every word one by one instead)."""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from weakref import WeakKeyDictionary

from whoosh.automata.fsa import ANY, DFA, EPSILON, NFA
from whoosh.codec.base import Automata
from whoosh.query import FuzzyTerm


@lru_cache(maxsize=256)
def damerau_automaton(word: str, maxdist: int, prefix: int = 0) -> DFA:
    """Accepts the words within `maxdist` edits of `word` (a letter added, dropped,
    changed, or two neighbours swapped) that begin with its first `prefix` letters. A
    state is (letters of `word` read, edits made), or ("swap", i, edits) half way
    through swapping letters i and i + 1."""
    nfa = NFA((0, 0))
    for i in range(prefix):
        nfa.add_transition((i, 0), word[i], (i + 1, 0))
    n = len(word)
    for i in range(prefix, n):
        for e in range(maxdist + 1):
            nfa.add_transition((i, e), word[i], (i + 1, e))
            if e == maxdist:
                continue
            nfa.add_transition((i, e), ANY, (i, e + 1))  # a letter added
            nfa.add_transition((i, e), EPSILON, (i + 1, e + 1))  # a letter dropped
            nfa.add_transition((i, e), ANY, (i + 1, e + 1))  # a letter changed
            if i + 1 < n and word[i] != word[i + 1]:  # neighbours swapped
                nfa.add_transition((i, e), word[i + 1], ("swap", i, e))
                nfa.add_transition(("swap", i, e), word[i], (i + 2, e + 1))
    for e in range(maxdist + 1):
        if e < maxdist:
            nfa.add_transition((n, e), ANY, (n, e + 1))  # a letter added at the end
        nfa.add_final_state((n, e))
    return nfa.to_dfa()


def words_within(reader, fieldname: str, word: str, maxdist: int, prefix: int = 0) -> set[str]:
    """The indexed words of `fieldname` within `maxdist` edits of `word`, from every segment.
    Where the index's columns are loaded (a process that runs many queries: see
    searcher.search.searching.OpenIndex), each segment's word list is read into memory once and
    walked there: walking it on disk takes a binary search of the term file per step."""
    from .ranking import COLUMNS

    automaton = damerau_automaton(word, maxdist, min(prefix, len(word)))
    lexicon = reader.schema[fieldname].spelling_fieldname(fieldname)
    in_memory = COLUMNS.get(reader) is not None
    found: set[str] = set()
    for leaf, _ in reader.leaf_readers():
        cursor = WordList.of(leaf, lexicon).cursor() if in_memory else leaf.cursor(lexicon)
        found.update(Automata.find_matches(automaton, cursor))
    return found


class WordList:
    """A segment's words of one field, sorted as its term file sorts them (by UTF-8
    bytes, which is code point order)."""

    _loaded: WeakKeyDictionary = WeakKeyDictionary()  # segment reader -> {field: WordList}

    def __init__(self, words: list[str]) -> None:
        self.words = words

    @classmethod
    def of(cls, leaf, fieldname: str) -> "WordList":
        by_field = cls._loaded.setdefault(leaf, {})
        if fieldname not in by_field:
            by_field[fieldname] = cls([word.decode("utf-8") for word in leaf.lexicon(fieldname)])
        return by_field[fieldname]

    def cursor(self) -> "WordList.Cursor":
        return WordList.Cursor(self.words)

    class Cursor:
        """What Automata.find_matches asks of a term cursor: the word here, and moving to
        the first word at or after a given one."""

        def __init__(self, words: list[str]) -> None:
            self.words, self.at = words, 0

        def text(self) -> str | None:
            return self.words[self.at] if self.at < len(self.words) else None

        def find(self, word: str) -> None:
            self.at = bisect_left(self.words, word)


class DamerauFuzzyTerm(FuzzyTerm):
    """`word~` and `word~2`: the indexed words within one (two) edits, a swap counting one."""

    def _btexts(self, ixreader):
        return sorted(words_within(ixreader, self.fieldname, self.text, self.maxdist, self.prefixlength))
