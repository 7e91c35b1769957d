"""Related coverage: other articles on the same event that are not copies of the article
(those are searcher.indexing.copies). Same event means the same people, organisations and places,
the same rare words, and publication close in time; each is evidence, none is required
(a misdated page must not lose its coverage).

One search on the index per article: its most distinctive words (tf x idf) and the names
it mentions, each weighted by its idf, then every article found is scored by what it
shares, named and counted in the reason shown ("6 shared names, 14 shared key words,
published 2 days apart")."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.query import Or, Term

from ..article import ENTITY_TYPES, display_title, lead_sentence
from .ranking import query_stop_words, rsj_idf
from ..indexing.schema import WORD_PATTERN, word_term

_WORD = re.compile(WORD_PATTERN)

KEY_WORDS = 40  # the article's most distinctive words that are looked for in others
CANDIDATES = 30  # articles found by those words and names that are then scored
NAME_WEIGHT = 1.0  # a name shared counts half as much as the same share of key words (measured: docs/copies.md)
# Publication dates: the same day counts one and a half times, a week apart 1.1 times, a
# month or more apart 0.75 times. No further: a page's date can be wrong (the seeds' CNN
# page carries the date it was republished, a year after the briefing it reports).
DATE_BONUS = 0.75
DATE_HALF_LIFE_DAYS = 7.0
FAR_APART = 0.75
UNDATED = 1.0  # one or both undated: neither close nor far
# Too little in common to call it the same event (measured on BBC, docs/copies.md): pairs
# of BBC stories sharing a fifth to two thirds of their text score 0.69 or more in 95 of
# 100 cases, and articles on one event from different outlets (the seeds) about 0.55; an
# article's best match that is only on the same topic scores about 0.6 or less.
MIN_SCORE = 0.45
MIN_SHARED = 3  # key words and names together
# A name in more than half of the articles says nothing about the event ("Iran" among
# articles on Iran): it counts in the score by its idf, but is not listed as shared.
COMMON_NAME_SHARE = 0.5


@dataclass
class Related:
    id: str
    path: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    score: float
    shared_names: list[str] = field(default_factory=list)
    shared_words: list[str] = field(default_factory=list)
    days_apart: int | None = None
    lead: str = ""  # the first sentence, shown in place of a missing title

    @property
    def display_title(self) -> str:
        return display_title(self.title, self.lead)

    @property
    def reason(self) -> str:
        parts = []
        if self.shared_names:
            parts.append(f"{len(self.shared_names)} shared name{'s' if len(self.shared_names) != 1 else ''}")
        if self.shared_words:
            parts.append(f"{len(self.shared_words)} shared key word{'s' if len(self.shared_words) != 1 else ''}")
        if self.days_apart is not None:
            parts.append("published the same day" if self.days_apart == 0 else
                         f"published {self.days_apart} day{'s' if self.days_apart != 1 else ''} apart")
        return ", ".join(parts)

    def to_json(self) -> dict:
        return {"id": self.id, "path": self.path, "title": self.title, "outlet": self.outlet,
                "published": self.published, "url": self.url, "score": round(self.score, 3),
                "reason": self.reason, "shared_names": self.shared_names, "shared_words": self.shared_words,
                "days_apart": self.days_apart}


def _terms(text: str) -> tuple[Counter, dict[str, str]]:
    """The text's indexed words (stemmed, as the body field holds them) with their counts,
    and the form the text first writes each in."""
    counts: Counter = Counter()
    written: dict[str, str] = {}
    stop_words = query_stop_words()
    for word in _WORD.findall(text):
        term = word_term(word)
        if term and term not in stop_words and not term.isdigit():
            counts[term] += 1
            written.setdefault(term, word)
    return counts, written


class _StoryCounts:
    """In how many stories a word or name is, for idf: an article's copies are one story, so
    a word that only a story's copies share is not taken for a word shared with other
    coverage. Rare words, where copies matter most, are counted exactly from their
    postings; for the others only the article's own copies are taken off (reading every
    posting of a common word cost a `related` call 0.7 s of CPU on BBC)."""

    EXACT_UP_TO = 20  # articles

    def __init__(self, reader, stories) -> None:
        self.reader, self.story_of = reader, stories.story_of
        self.n = max(1, reader.doc_count() - sum(len(m) - 1 for m in stories.groups.values()))
        self.exact: dict[tuple[str, str], int] = {}

    def df(self, field: str, term: str, own_copies: int = 0) -> int:
        """Stories with the term; `own_copies`: how many of the article's copies have it."""
        df = self.reader.doc_frequency(field, term)
        if not self.story_of or df < 2:
            return df
        if df > self.EXACT_UP_TO:
            return max(1, df - own_copies)
        key = (field, term)
        if key not in self.exact:
            self.exact[key] = len({self.story_of.get(d, d) for d in self.reader.postings(field, term).all_ids()})
        return self.exact[key]

    def idf(self, df: int) -> float:
        return rsj_idf(self.n, df)


def key_words(text: str, counts: _StoryCounts, own: Counter | None = None,
              limit: int = KEY_WORDS) -> dict[str, tuple[float, str]]:
    """The text's most distinctive words that another story has too, each with its idf and
    the form the text first uses, ranked by (1 + log tf) x idf. Words are first ranked by
    their article counts (cheap), then the best are counted in stories. `own`: in how
    many of the text's copies each word is."""
    own = own or Counter()
    tf, written = _terms(text)
    reader = counts.reader
    first = {}
    for term, n in tf.items():
        df = reader.doc_frequency("body", term)
        if df >= 2:
            first[term] = (1 + math.log(n)) * rsj_idf(reader.doc_count(), df)
    scored = {}
    for term in sorted(first, key=lambda t: (-first[t], t))[:2 * limit]:
        df = counts.df("body", term, own[term])
        if df >= 2:
            idf = counts.idf(df)
            scored[term] = ((1 + math.log(tf[term])) * idf, idf)
    best = sorted(scored, key=lambda t: (-scored[t][0], t))[:limit]
    return {t: (scored[t][1], written[t]) for t in best}


def _name_terms(fields: dict, schema) -> dict[tuple[str, str], str]:
    """(field, indexed name) -> the name as written, for the article's entities."""
    names = {}
    for typ in ENTITY_TYPES:
        for name in (fields.get(typ) or "").split(","):
            term = next(iter(schema[typ].process_text(name, mode="query")), None) if name else None
            if term is not None:
                names.setdefault((typ, term), name)
    return names


def _names(fields: dict, schema, counts: _StoryCounts, own: Counter) -> dict[tuple[str, str], tuple[str, float]]:
    """(field, indexed name) -> (the name as written, idf) for the article's entities that
    another story names too; `own`: in how many of its copies each name is."""
    names = {}
    for key, name in _name_terms(fields, schema).items():
        df = counts.df(*key, own[key])
        if df >= 2:
            names[key] = (name, counts.idf(df))
    return names


def _days_apart(a, b) -> int | None:
    if not a or not b:
        return None
    return abs((a.date() - b.date()).days)


def date_factor(days: int | None) -> float:
    if days is None:
        return UNDATED
    return FAR_APART + DATE_BONUS * 0.5 ** (days / DATE_HALF_LIFE_DAYS)


def _text(fields: dict) -> str:
    return f"{fields.get('title') or ''}\n{fields.get('body') or ''}"


def _profile(fields: dict, searcher, counts: _StoryCounts, stories) -> tuple[dict, dict]:
    """An article's key words and names, each with its idf."""
    words, names = Counter(), Counter()
    for member in stories.copies_of(fields["id"]):
        copy = searcher.stored_fields(member["docnum"])
        words.update(set(_terms(_text(copy))[0]))
        names.update(_name_terms(copy, searcher.schema).keys())
    return key_words(_text(fields), counts, words), _names(fields, searcher.schema, counts, names)


def _overlap(mine: dict, theirs: dict, idf) -> tuple[list, float]:
    """The keys both have, and their idf mass over the geometric mean of each side's: 1 when
    both have the same keys, 0 when none are shared (a long article is not favoured for
    having more words)."""
    shared = [k for k in mine if k in theirs]
    mass = math.sqrt(sum(idf(v) for v in mine.values()) * sum(idf(v) for v in theirs.values()))
    return shared, (sum(idf(mine[k]) for k in shared) / mass if mass else 0.0)


def related_coverage(searcher, docnum: int, stories, limit: int = 10) -> list[Related]:
    """The articles most likely on the same event as the one at `docnum`, best first, one
    per story and none of its own copies (`stories`: searcher.indexing.stories.Stories). The score is
    symmetric: A is as related to B as B is to A."""
    fields = searcher.stored_fields(docnum)
    own = stories.story(fields["id"])
    counts = _StoryCounts(searcher.reader(), stories)
    words, names = _profile(fields, searcher, counts, stories)
    clauses = [Term("body", t, boost=idf) for t, (idf, _) in words.items()]
    clauses += [Term(typ, term, boost=NAME_WEIGHT * idf) for (typ, term), (_, idf) in names.items()]
    if not clauses:
        return []
    common_name = counts.idf(int(counts.n * COMMON_NAME_SHARE))
    found = []
    listed = {own}
    for hit in searcher.search(Or(clauses), limit=CANDIDATES):
        other = hit.fields()
        story = stories.story(other["id"])
        if story in listed:
            continue
        their_words, their_names = _profile(other, searcher, counts, stories)
        shared_words, word_score = _overlap(words, their_words, lambda v: v[0])
        shared_names, name_score = _overlap(names, their_names, lambda v: v[1])
        days = _days_apart(fields.get("published"), other.get("published"))
        score = (word_score + NAME_WEIGHT * name_score) * date_factor(days)
        rare_names = [names[k][0] for k in shared_names if names[k][1] >= common_name]
        if score < MIN_SCORE or len(shared_words) + len(rare_names) < MIN_SHARED:
            continue
        listed.add(story)
        published = other.get("published")
        title = other.get("title") or None
        found.append(Related(id=other["id"], path=other["path"], title=title,
                             lead="" if title else lead_sentence(other.get("body") or ""),
                             outlet=other.get("outlet") or None,
                             published=published.date().isoformat() if published else None,
                             url=other.get("url") or None, score=score, shared_names=rare_names,
                             shared_words=[words[t][1] for t in shared_words], days_apart=days))
    found.sort(key=lambda r: (-r.score, r.id))
    return found[:limit]


def related_articles(index_dir: Path, article_id: str, limit: int = 10) -> list[Related]:
    """Related coverage of the indexed article with this id (not its copies), best first."""
    from .searching import open_searcher

    index = open_searcher(index_dir)
    docnum = index.searcher.document_number(id=article_id)
    if docnum is None:
        return []
    return related_coverage(index.searcher, docnum, index.stories, limit)


@dataclass
class Coverage:
    """Where an article's story appeared: its story id, its copies and its related coverage."""

    story: str
    copies: list[dict]
    related: list[Related]

    def to_json(self) -> dict:
        return {"story": self.story, "copies": self.copies, "related": [r.to_json() for r in self.related]}


def coverage(index_dir: Path, article_id: str, limit: int = 10) -> Coverage:
    from .searching import open_searcher

    stories = open_searcher(index_dir).stories
    copies = [{k: m[k] for k in ("id", "path", "title", "outlet", "published", "url")} for m in stories.copies_of(article_id)]
    return Coverage(stories.story(article_id), copies, related_articles(index_dir, article_id, limit))
