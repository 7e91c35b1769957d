"""The best passages of an article for a query, with the matched words' positions.

Whoosh's highlighter runs the whole analyzer over every hit's body. Here one regex pass
finds only the words that could be marked (those starting like a marked term, in any case
or accent), and each distinct word is analysed once (cached): highlighting ten hits costs
a few milliseconds. Words of a quoted phrase are marked only where the phrase occurs, not
wherever one of them does."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from whoosh.query import AndNot, MultiTerm, Not, Phrase, Term
from whoosh.support.charset import accent_map

from ..lean import LazyPattern, record
from ..indexing.schema import NAME_FIELDS, QUOTE_FIELD, TEXT_FIELDS, WORD_PATTERN, index_term

MARKED_NAME_FIELDS = (*NAME_FIELDS, "author")  # names searched there are marked in the body
MARKED_TEXT_FIELDS = (*TEXT_FIELDS, QUOTE_FIELD)  # words searched there are marked in the body
MAX_EXPANSIONS = 500  # words a prefix*, wildcard or fuzzy~ term may mark
# Passages are looked for in this much of a text: a book-length file (a 19 MB text
# without line breaks) would take seconds per query to scan, and a reader sees the first.
HIGHLIGHT_SCAN_CHARS = 200_000
WORD = LazyPattern(WORD_PATTERN)


@record
class Passage:
    """A passage of the body with the character spans of the matched words."""

    text: str
    matches: list[tuple[int, int]]

    def to_json(self) -> dict:
        return {"text": self.text, "matches": [list(m) for m in self.matches]}


@record(frozen=True)
class Marks:
    """What to mark: analysed words anywhere, and phrases only where they occur whole."""

    words: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)


def query_marks(query, reader) -> Marks:
    """The words and phrases a query looks for in the text, not counting excluded ones;
    prefix, wildcard and fuzzy terms expand to the indexed words they match; a name
    searched in a field (person:"John Kirby") is marked where the body says it."""
    words: set[str] = set()
    phrases: set[tuple[str, ...]] = set()

    def add_sequence(seq: list[str]) -> None:
        if len(seq) == 1:
            words.add(seq[0])
        elif seq:
            phrases.add(tuple(seq))

    def walk(q) -> None:
        if isinstance(q, Not):
            return
        if isinstance(q, AndNot):
            walk(q.a)
            return
        field = getattr(q, "fieldname", None)
        if isinstance(q, Term) and field in MARKED_TEXT_FIELDS:
            words.add(q.text)
        elif isinstance(q, Term) and field in MARKED_NAME_FIELDS:
            add_sequence([t for w in WORD.findall(q.text) if (t := index_term(w))])
        elif isinstance(q, Phrase) and field in MARKED_TEXT_FIELDS:
            if q.slop > 1:  # "a b"~3: the words need not stand together, so mark each
                words.update(q.words)
            else:
                add_sequence(list(q.words))
        elif isinstance(q, MultiTerm) and field in MARKED_TEXT_FIELDS:
            for i, text in enumerate(q._btexts(reader)):
                if i >= MAX_EXPANSIONS:
                    break
                words.add(text.decode("utf-8") if isinstance(text, bytes) else text)
        else:
            for child in q.children():
                walk(child)

    walk(query)
    return Marks(frozenset(words), tuple(sorted(phrases)))


# Characters that join word parts into one word, as in WORD_PATTERN.
_JOINERS = ".'’‘ʼ"


def _spellings(ch: str) -> str:
    """Every character that folds to `ch` (its accented forms; any apostrophe)."""
    if ch == "'":
        return "'’‘ʼ"
    return ch + "".join(chr(k) for k, v in accent_map.items() if v == ch)


@lru_cache(maxsize=256)
def _candidates(prefixes: frozenset[str]) -> re.Pattern:
    """Words beginning with one of `prefixes` in any case or accent. Stemming and folding
    keep a word's first two letters, so only these words can be marked: the regex finds
    them at C speed and only they are analysed. The pattern is one set of first letters
    and one of second letters (it finds a few words more: "pa" for "pu" and "wa", which
    their analysis then rejects), checked for a word start only where the first letter
    matched: half the time of alternatives tried at every character."""
    first = "".join(sorted({c for prefix in prefixes for c in _spellings(prefix[0])}))
    second = "".join(sorted({c for prefix in prefixes for c in _spellings(prefix[1])})) if all(
        len(prefix) > 1 for prefix in prefixes) else ""
    return re.compile(rf"[{re.escape(first)}](?<!\w.)(?<!\w[{_JOINERS}].)"
                      + (rf"[{re.escape(second)}]" if second else "") + rf"\w*(?:[{_JOINERS}]\w+)*", re.IGNORECASE)


def find_matches(text: str, marks: Marks) -> list[tuple[int, int, str]]:
    """(start, end, term) of every marked word in `text`, in order; a phrase's words only
    where they stand together, as written."""
    if not marks:
        return []
    wanted = marks.words.union(*marks.phrases)
    pattern = _candidates(frozenset(t[:2] for t in wanted))
    tokens = [(m.start(), m.end(), term) for m in pattern.finditer(text, 0, HIGHLIGHT_SCAN_CHARS)
              if (term := index_term(m.group())) in wanted]
    found = {i for i, (_, _, term) in enumerate(tokens) if term in marks.words}
    for phrase in marks.phrases:
        n = len(phrase)
        for i in range(len(tokens) - n + 1):
            if (tokens[i][2] == phrase[0] and tuple(t[2] for t in tokens[i:i + n]) == phrase
                    and not any(WORD.search(text, tokens[k][1], tokens[k + 1][0]) for k in range(i, i + n - 1))):
                found.update(range(i, i + n))
    return [tokens[i] for i in sorted(found)]


def _start_before(text: str, pos: int, lead: int) -> int:
    """Where a passage showing `pos` begins: the sentence start if it is near, else a
    word boundary about `lead` characters before."""
    window_start = max(0, pos - lead)
    sentence = max(text.rfind(". ", window_start, pos), text.rfind("\n", window_start, pos))
    if sentence >= 0:
        return sentence + (2 if text[sentence] == "." else 1)
    if window_start == 0:
        return 0
    space = text.find(" ", window_start, pos)
    return space + 1 if space >= 0 else window_start


def _end_after(text: str, limit: int) -> int:
    if limit >= len(text):
        return len(text)
    space = text.rfind(" ", 0, limit)
    return space if space > 0 else limit


def best_passages(text: str, matches: list[tuple[int, int, str]], count: int, length: int) -> list[Passage]:
    """Up to `count` passages of about `length` characters, those with the most distinct
    matched words first, shown in the order they come in the text."""
    if count <= 0 or not matches:
        return []
    starts = [m[0] for m in matches]
    candidates = []
    for start_char, _, _ in matches:
        start = _start_before(text, start_char, length // 4)
        end = _end_after(text, max(start + length, start_char + 1))
        inside = matches[bisect_left(starts, start):bisect_right(starts, end - 1)]
        inside = [m for m in inside if m[1] <= end]
        score = len({m[2] for m in inside}) + 0.01 * len(inside)
        candidates.append((-score, start, end, inside))
    candidates.sort(key=lambda c: (c[0], c[1]))
    chosen: list[tuple[int, int, list]] = []
    for _, start, end, inside in candidates:
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, inside))
            if len(chosen) == count:
                break
    return [Passage(text[start:end].rstrip(), [(a - start, b - start) for a, b, _ in inside])
            for start, end, inside in sorted(chosen, key=lambda c: c[0])]


def lead_passage(text: str, length: int) -> Passage:
    """The article's opening, for a hit matched only by its title or metadata."""
    return Passage(text[:_end_after(text, length)].strip(), [])
