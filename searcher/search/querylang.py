"""The query language: reading what a user typed into a Whoosh query, or saying exactly
what is wrong with it and where.

Whoosh's own parser never fails: on `title:(` or an unbalanced quote it silently guesses
something else. So the text is first read here into top-level clauses (checking quotes,
brackets, field names, operators and dates on the way), and each clause is then handed to
Whoosh's parser on its own. Clauses combine as a news archive's search box does:

- plain words, phrases, `prefix*`, `fuzzy~` and `a OR b` chains are scored together by
  `plain_query` (more of them matched ranks higher; partial matches still count);
- field queries (`outlet:cnn`, `published:[2023 TO 2024]`), `+word` and `a AND b` chains
  are required;
- `-word` and `NOT word` exclude.
"""

from __future__ import annotations

import re
from datetime import date

from whoosh.query import And, AndNot, Every, NullQuery, Or, Query, Term

from ..lean import LazyPattern, record
from ..indexing.schema import NAME_FIELDS, QUOTE_FIELD, TEXT_FIELDS, WORD_PATTERN, word_term
from .ranking import Ranking, get_ranking, rank_plain

# Fields a query may name.
QUERY_FIELDS = (*TEXT_FIELDS, QUOTE_FIELD, *NAME_FIELDS, "author", "published")
OPERATORS = ("AND", "OR", "NOT")
PHRASE_SUFFIX = LazyPattern(r"(?:~\d+)?(?:\^\d+(?:\.\d+)?)?")
FUZZY = LazyPattern(r"~(\d*)(?:\^[\d.]+)?$")
MAX_FUZZY = 2  # more would match most of the vocabulary, slowly
RANGE_CLOSER = LazyPattern(r"[\]}]")
DATE_VALUE = LazyPattern(r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?$")
# Typographic quotes are read as the plain ones people mean.
QUOTE_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})

TOKEN = LazyPattern(r"""
    (?P<space>\s+)
  | (?P<field>[A-Za-z_]+):(?=\S)
  | (?P<badfield>[A-Za-z_]+):
  | (?P<quote>")
  | (?P<open>\()
  | (?P<close>\))
  | (?P<range>[\[{])
  | (?P<word>[^\s()"]+)
""", re.VERBOSE)


class QueryError(Exception):
    """A query that cannot be read; the message says what is wrong and at which column."""


@record
class Clause:
    """One top-level piece of a query: its text (as Whoosh's parser reads it), where it
    starts, its sign (+ required, - excluded, or none) and the field it names, if any."""

    text: str
    start: int
    sign: str = ""
    field: str | None = None
    kind: str = "word"  # word | phrase | group | range | chain

    @property
    def plain(self) -> bool:
        return self.field is None and not self.sign


@record
class Operator:
    word: str  # AND, OR or NOT
    start: int


def fail(message: str, pos: int) -> QueryError:
    return QueryError(f"{message} at column {pos + 1}")


def normalise(text: str) -> str:
    return text.translate(QUOTE_FOLD)


def _closing(text: str, pos: int, opener: str, closer: str) -> int:
    """Index just past the bracket that closes the one at `pos`, skipping quoted text."""
    depth, i = 0, pos
    while i < len(text):
        ch = text[i]
        if ch == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise fail('unbalanced quote: this " is never closed', i)
            i = end
        elif ch == opener:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise fail(f"this {opener} is never closed", pos)


def _atom(text: str, pos: int, field: str | None) -> tuple[str, int]:
    """The kind of the atom starting at `pos` and the index just past it."""
    m = TOKEN.match(text, pos)
    if not m or m.lastgroup == "space":
        raise fail(f"{field}: has nothing to search for", pos - 1)
    kind = m.lastgroup
    if kind == "quote":
        end = text.find('"', pos + 1)
        if end < 0:
            raise fail('unbalanced quote: this " is never closed', pos)
        if not text[pos + 1:end].strip():
            raise fail('empty quotes ""', pos)
        suffix = PHRASE_SUFFIX.match(text, end + 1)  # "a b"~3: within 3 words of each other
        return "phrase", suffix.end()
    if kind == "open":
        end = _closing(text, pos, "(", ")")
        if not text[pos + 1:end - 1].strip():
            raise fail("empty brackets ()", pos)
        return "group", end
    if kind == "range":
        if field != "published":
            raise fail(f"a [range] only works on published:, not {field or 'plain words'}", pos)
        closer = RANGE_CLOSER.search(text, pos)
        if not closer:
            raise fail(f"this {text[pos]} is never closed", pos)
        return "range", closer.end()
    if kind == "close":
        raise fail("unexpected )", pos)
    if kind in ("field", "badfield"):
        raise fail(f"{m.group(kind)}: cannot follow {field}:", pos)
    fuzzy = FUZZY.search(m.group())
    if fuzzy and fuzzy.group(1) and not 1 <= int(fuzzy.group(1)) <= MAX_FUZZY:
        raise fail(f"~{fuzzy.group(1)}: a word can be fuzzy by 1 or {MAX_FUZZY} letters", pos + fuzzy.start())
    return "word", m.end()


def _check_dates(clause: Clause) -> None:
    """published: takes YYYY, YYYY-MM or YYYY-MM-DD, alone or in [FROM TO UNTIL]."""
    value = clause.text.split(":", 1)[1]
    if clause.kind == "range":
        parts = value[1:-1].split()
        bounds = [p for p in parts if p.upper() != "TO"]
        if len(parts) > 3 or "TO" not in (p.upper() for p in parts):
            raise fail(f"a date range reads published:[FROM TO UNTIL], not {value}", clause.start)
    elif clause.kind == "word":
        bounds = [value]
    else:
        raise fail(f"published: takes a date or a [range], not {value}", clause.start)
    for bound in bounds:
        if not DATE_VALUE.match(bound):
            raise fail(f"bad date {bound!r} (use YYYY, YYYY-MM or YYYY-MM-DD)", clause.start)
        parts = [int(p) for p in bound.split("-")] + [1, 1]
        try:
            date(*parts[:3])
        except ValueError:
            raise fail(f"bad date {bound!r}: no such day", clause.start) from None


def read_query(text: str) -> tuple[str, list[str]]:
    """The text as the rest of this module reads it, and notes for the user: typographic
    quotes folded, and a `name:` that names no field (a pasted headline's "Update:", a
    URL's "https:") read as the word `name`, as a search box would, not as an error.
    Columns stay where they were, for error messages."""
    text = normalise(text)
    unknown: list[str] = []
    out = list(text)
    pos = 0
    while pos < len(text):
        if text[pos] in "+-":
            pos += 1
            continue
        m = TOKEN.match(text, pos)
        kind = m.lastgroup
        if kind in ("field", "badfield") and m.group(kind) not in QUERY_FIELDS:
            unknown.append(m.group(kind))
            out[m.end(kind)] = " "
        if kind == "quote":
            end = text.find('"', pos + 1)
            pos = len(text) if end < 0 else end + 1  # an unclosed quote is reported later
        elif kind == "range":
            closer = RANGE_CLOSER.search(text, pos)
            pos = closer.end() if closer else len(text)
        elif kind in ("field", "badfield"):
            pos = m.end(kind) + 1
        else:
            pos = m.end()
    notes = [f"{name}: is not a field, so it was searched as a word (fields are {', '.join(QUERY_FIELDS)})"
             for name in dict.fromkeys(unknown)]
    return "".join(out), notes


def read_clauses(text: str) -> list[Clause | Operator]:
    """The clauses of a query as read_query gives it, in order, with the operators AND,
    OR and NOT between them."""
    items: list[Clause | Operator] = []
    pos = 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        kind = m.lastgroup
        if kind == "space":
            pos = m.end()
            continue
        if kind == "word" and m.group() in OPERATORS:
            items.append(Operator(m.group(), pos))
            pos = m.end()
            continue
        start, sign, field = pos, "", None
        if text[pos] in "+-" and kind == "word":
            sign, pos = text[pos], pos + 1
            if pos >= len(text) or text[pos].isspace():
                continue  # a dash between words, as in a pasted headline
            m = TOKEN.match(text, pos)
            kind = m.lastgroup
        if kind == "badfield":
            raise fail(f"{m.group(kind)}: has nothing to search for", pos)
        if kind == "field":  # a known one: read_query has made the others words
            field = m.group(kind)
            pos = m.end()
        atom_kind, end = _atom(text, pos, field)
        clause = Clause(text[start + len(sign):end], start, sign, field, atom_kind)
        if field == "published":
            _check_dates(clause)
        items.append(clause)
        pos = end
    return items


def _chains(items: list[Clause | Operator], text: str) -> list[Clause]:
    """Join `a OR b AND c` into one clause, and turn `NOT a` into `-a`. A chain with an
    AND or a field query in it is required; a chain of plain ORs is scored like words."""
    clauses: list[Clause] = []
    chain: list[Clause] = []
    ops: list[str] = []
    for i, item in enumerate(items):
        if isinstance(item, Clause):
            if len(chain) == len(ops) + 1:  # no operator between: the chain is over
                clauses.append(_join(chain, ops, text))
                chain, ops = [], []
            chain.append(item)
            continue
        nxt = items[i + 1] if i + 1 < len(items) else None
        if not isinstance(nxt, Clause):
            raise fail(f"{item.word} needs a word after it", item.start)
        if item.word == "NOT":
            nxt.sign = "-"
        elif len(chain) != len(ops) + 1:
            raise fail(f"{item.word} needs a word on each side", item.start)
        else:
            ops.append(item.word)
    if chain:
        clauses.append(_join(chain, ops, text))
    return clauses


def _join(chain: list[Clause], ops: list[str], text: str) -> Clause:
    if not ops:
        clause = chain[0]
        if clause.kind == "group" and not clause.sign and _names_a_field(clause.text):
            # (published:2023 OR outlet:cnn) filters, as the same chain without brackets does
            return Clause(clause.text, clause.start, "+", None, "group")
        return clause
    signed = next((c for c in chain if c.sign), None)
    if signed:
        raise fail(f"{signed.sign} cannot be used inside a chain of {' '.join(sorted(set(ops)))}; "
                   f"put the chain in brackets", signed.start)
    first, last = chain[0], chain[-1]
    required = "AND" in ops or any(c.field for c in chain)
    return Clause(text[first.start:last.start + len(last.text)], first.start, "+" if required else "", None, "chain")


FIELD_NAMED = LazyPattern(rf"(?<![\w.])(?:{'|'.join(QUERY_FIELDS)}):")


def _names_a_field(text: str) -> bool:
    return bool(FIELD_NAMED.search(re.sub(r'"[^"]*"', "", text)))


# -- plain words: how the words a user typed are scored together (searcher.search.ranking; the
# "whoosh" ranking keeps Whoosh's own scoring with this OR group)

# OR with a coordination bonus: documents with more of the words rank higher, and a
# query whose words never occur together still finds the best partial matches. Measured
# against AND with an OR fallback on CISI's 76 queries: nDCG@10 0.344 against 0.340 (the
# fallback was needed for 71 of them), and 0.119 against 0.094 on their first three words.
COORDINATION = 0.9


def plain_query(schema, clauses: list[Clause], ranking: Ranking) -> Query:
    """The scored part of the query: plain words, phrases and OR chains, together."""
    if ranking.legacy:
        boosts = {name: weight for name, weight, _b in ranking.fields}
        parts = [parse_clause(schema, c, COORDINATION, boosts) for c in clauses]
    else:
        parts = [parse_clause(schema, c) for c in clauses]
    parts = [p for p in parts if p is not NullQuery]
    if not parts:
        return NullQuery
    if not ranking.legacy:
        return rank_plain(parts, ranking)
    return parts[0] if len(parts) == 1 else _or(parts)


def _or(parts: list[Query]) -> Query:
    # Flattened, so the coordination bonus counts each word once however it was typed.
    subqueries = []
    for part in parts:
        subqueries.extend(part.subqueries if isinstance(part, Or) else [part])
    return Or(subqueries, scale=COORDINATION)


# A date after published:, alone or as either end of a [range]; quoted text is left alone.
PUBLISHED_VALUE = LazyPattern(r'"[^"]*"|(?<![\w.])published:(\[[^\]}]*[\]}]|[^\s()]+)')
DATE_PARTS = LazyPattern(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _whoosh_dates(text: str) -> str:
    """`text` with each published: date written as Whoosh's date parser reads it, digits
    only (2023-06 -> 202306). Whoosh's parser reads the dash in `published:2023-06` as
    "not 06" and searches the whole year."""
    def digits(m: re.Match) -> str:
        return m.group(1) + "".join(f"{int(part):02d}" for part in m.groups()[1:] if part)

    def rewrite(m: re.Match) -> str:
        if m.group(1) is None:  # a quoted phrase
            return m.group()
        return "published:" + DATE_PARTS.sub(digits, m.group(1))

    return PUBLISHED_VALUE.sub(rewrite, text)


def parse_clause(schema, clause: Clause, coordination: float | None = None,
                 fieldboosts: dict[str, float] | None = None) -> Query:
    """The query of one clause, its plain words ORed over the default fields (with a
    coordination bonus and field weights if given: searcher.search.clause_parser)."""
    if clause.text == "*":
        # Every article. Whoosh reads a bare * as Every(field) for each default field, and
        # finds those documents by reading every posting of every word of the field (6 s on
        # BBC's 2,225 articles); Every() takes the index's own list of documents.
        return Every()
    if coordination is None and not fieldboosts:
        simple = _simple_word(schema, clause)
        if simple is not None:
            return simple
    from .clause_parser import make_parser

    parser = make_parser(schema, coordination, fieldboosts)
    try:
        return parser.parse(_whoosh_dates(clause.text))
    except Exception as exc:  # whoosh raises assorted errors on odd input
        raise fail(f"cannot read {clause.text!r} ({exc})", clause.start) from None


ONE_WORD = LazyPattern(WORD_PATTERN)
# A word of letters and digits only, which no plugin of Whoosh's parser reads as syntax.
BARE_WORD = LazyPattern(r"[^\W_]+")
PARSER_KEYWORDS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})


def _simple_word(schema, clause: Clause) -> Query | None:
    """The query Whoosh's parser makes of a bare word in the default fields of an OR parser
    with no field weights (Or of one Term per field), made directly: parsing it cost about
    1 ms, a third of a short query, and importing the parser more. None for anything else,
    which the parser reads (tests/test_ranking.py checks both give the same query for every
    word of the seeds)."""
    if (clause.field or clause.sign or clause.kind != "word"
            or not BARE_WORD.fullmatch(clause.text) or clause.text in PARSER_KEYWORDS):
        return None
    terms = []
    for name in TEXT_FIELDS:
        tokens = list(schema[name].process_text(clause.text, mode="query"))
        if len(tokens) != 1:
            return None
        terms.append(Term(name, tokens[0]))
    return terms[0] if len(terms) == 1 else Or(terms)


def _without_stop_words(clauses: list[Clause]) -> list[Clause]:
    """Plain words without the stop words typed among them: "the Caspian" ranks by
    "Caspian" alone. Stop words on their own are searched ("US", "to be"), and phrases
    keep every word."""
    kept = [c for c in clauses if not (c.kind == "word" and ONE_WORD.fullmatch(c.text) and word_term(c.text) is None)]
    return kept or clauses


def parse_query(schema, text: str, ranking: Ranking | None = None, notes: list[str] | None = None) -> Query:
    """The Whoosh query for `text`, or QueryError saying what is wrong and where. The
    ranking (default: the measured best) decides how plain words are scored; what the
    user should know about how the text was read is added to `notes`."""
    text, read_notes = read_query(text)
    if notes is not None:
        notes.extend(read_notes)
    if not text.strip():
        raise QueryError("empty query")
    clauses = _chains(read_clauses(text), text)
    plain = [c for c in clauses if c.plain]
    scored = _without_stop_words(plain)
    required = [parse_clause(schema, c) for c in clauses if c not in plain and c.sign != "-"]
    excluded = [parse_clause(schema, c) for c in clauses if c.sign == "-"]
    query = plain_query(schema, scored, ranking or get_ranking(None)) if scored else NullQuery
    required = [q for q in required if q is not NullQuery]
    if required:
        parts = required + ([query] if query is not NullQuery else [])
        query = parts[0] if len(parts) == 1 else And(parts)
    excluded = [q for q in excluded if q is not NullQuery]
    if excluded:
        query = AndNot(Every() if query is NullQuery else query, Or(excluded))
    return query
