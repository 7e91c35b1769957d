"""People, organisations and places in an article's cleaned body, with spaCy NER,
normalised to one canonical name per entity per document.

Three steps:
- `doc_mentions`: spaCy finds the mentions; their spans are mended (a title, a list label
  or a leading "Near" taken off, a results row split at its scores, an organisation cut
  at "and" joined up) and each gets the model's type, or a type that strong evidence in
  the words around it gives (an honorific or a role before a person, a locative
  preposition before a place); a name cut from a longer run of capitalised words, a
  word of a quoted title or a model's name after a number ("737 Max") is marked, and
  kept only if the story also writes it alone;
- `canonical_name`: one mention's clean name, or None when its shape says it is no name
  (a time zone, a list label, a "Group C", a capitals fragment, a common word);
- `normalise`: one name per entity (the longest full form: "Kirby" -> "John Kirby",
  "BOJ" -> "Bank of Japan", "Exxon" -> "Exxon Corp"), typed by the evidence in the name
  itself (a country, an organisation word), else by the strong evidence of its mentions,
  else by the model's majority.

Across a corpus, `corpus_aliases` maps a short name to the one longer name it stands for
("Trump" -> "Donald Trump"), for facet counts.

The word families these rules use are data, in searcher.extract.entity_rules. spaCy is imported
only here, and only when entities are extracted: the query path never loads it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from ..article import ENTITY_TYPES
from ..dates import MONTHS, WEEKDAYS
from .entity_rules import (ACRONYM_JOINERS, ALIASES, COMPANY_WORDS, CONTESTED_AFTER, CONTEST_VERBS, DEMONYMS,
                           DEMONYM_SHAPED_PLACES, DIRECTIONS, ENGLISH_FUNCTION_WORDS, EVENT_HEADS, FORUM_HEADS,
                           GROUP_ROLES, HONORIFICS, LEADING_LOCATIVES, LED_BY_A_PERSON, LEGAL_SUFFIXES, LOCATED_AFTER,
                           LIST_LABELS, LOCATIVE_PREPOSITIONS, NAME_JOINERS, NAME_PARTICLES, NAME_SUFFIXES,
                           NOT_ENTITIES, ORG_HEADS, OTHER_FUNCTION_WORDS, PERSON_ROLES, PERSON_TOLERANT_HEADS, PLURAL_VERBS,
                           PLACE_HEADS, PLACE_NOUNS, PLACE_OF, PLACE_TOLERANT_HEADS, ROYAL_TITLES, STRONG_LOCATIVES,
                           STATE_ABBREVIATIONS, SURNAME_PLACE_HEADS, TEAM_WORDS, TIME_ZONES, TITLE_SMALL_WORDS, TITLES, TITLE_MODIFIERS,
                           model_name)

LABEL_TYPES = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
NAME_LABELS = {*LABEL_TYPES, "NORP"}  # the model's labels whose spans may hold one of our names
# spaCy refuses longer texts; a body is fed paragraph by paragraph, and a giant
# paragraph in pieces of this many characters.
MAX_PIECE = 100_000
_MONTHS_DAYS = set(MONTHS) | set(WEEKDAYS)
_DASHES = {"-", "–", "—", ":"}
_SENTENCE_ENDS = {".", "!", "?", ":", '"', "“", "”"}


class ModelError(Exception):
    """The configured spaCy pipeline is not installed."""


@lru_cache(maxsize=2)
def load_nlp(name: str):
    """The pipeline with only what NER needs. The shared tok2vec is kept only when the
    NER listens to it (in en_core_web_sm it has its own, so the shared one is dropped)."""
    import spacy

    try:
        with _numpy_blas():
            nlp = spacy.load(name, exclude=["tagger", "morphologizer", "parser", "lemmatizer",
                                            "attribute_ruler", "senter", "sentencizer", "textcat"])
    except OSError:
        raise ModelError(f"spaCy pipeline {name!r} is not installed (set SEARCHER_SPACY_MODEL to one that is)") from None
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {name!r} has no named-entity recogniser")
    for shared in ("tok2vec", "transformer"):
        if shared in nlp.pipe_names and "ner" not in getattr(nlp.get_pipe(shared), "listening_components", []):
            nlp.remove_pipe(shared)
    return nlp


def _numpy_blas():
    """Build the model's layers on numpy's BLAS rather than thinc's bundled BLIS, whose
    generic kernels took 1.3x (in process) to 2.5x (in worker processes) the CPU time on
    the AMD EPYC machine we measured on. Only for the models loaded inside it."""
    try:
        from thinc.api import use_ops
    except ImportError:
        return nullcontext()
    return use_ops("numpy", use_blis=False)


# -- what words are

def is_nationality(word: str) -> bool:
    """A word of the nationality family ("Croat", "Montenegrin", "Britons"): safe to strip
    from the front of a person's name, unlike every word shaped like one ("Brian", "Sean")."""
    return word in DEMONYMS or (word.endswith("s") and word[:-1] in DEMONYMS)


def is_demonym(word: str) -> bool:
    """"Russian", "Iranians", "Croats", "Montenegrin", "Iraqi" -- but not "Anzali" or
    "Caribbean". By shape too: for a word the model or the context already calls a group."""
    if word.lower() in DEMONYM_SHAPED_PLACES:
        return False
    if is_nationality(word):
        return True
    if re.search(r"(?:ians?|eans?|ese|ish)$", word):
        return True
    return word.endswith("i") and any(word[:-cut].lower() in ALIASES for cut in (1, 2))


def _is_title(word: str) -> bool:
    """A title, rank, role or honorific written before a name ("President", "Gen.", "Defender")."""
    return word.rstrip(".") in TITLES or word.rstrip(".") in HONORIFICS


def _in_title(word: str) -> bool:
    """A word of a title: a title, or a word that qualifies one ("Foreign", "Deputy")."""
    return _is_title(word) or word in TITLE_MODIFIERS


def _is_honorific(word: str) -> bool:
    return word.rstrip(".") in HONORIFICS


_NUMBER = re.compile(r"[\d.,/:+-]*\d[\d.,/:+-]*")


def _is_number(token) -> bool:
    return token.is_digit or (token.text[:1] in "0123456789.+-" and _NUMBER.fullmatch(token.text) is not None)


def _name_token(token) -> bool:
    """A word that may be part of a name: capitalised, a particle ("de", "al"), an initial."""
    text = token.text
    return (text[:1].isupper() and any(c.isalpha() for c in text)) or text in NAME_PARTICLES


def _person_shaped(name: str) -> bool:
    """"Maria Lopez", "Inés de la Vega": two to five capitalised words (particles between),
    not ending like an organisation."""
    words = name.split(" ")
    return (2 <= len(words) <= 5 and words[0][:1].isupper() and words[-1][:1].isupper()
            and all(w[:1].isupper() or w in NAME_PARTICLES for w in words) and words[-1] not in ORG_HEADS)


def _capitals_line(doc) -> bool:
    """A headline or kicker in capitals: what the model finds in it is guesswork. (Its
    first dozen words tell.)"""
    words = [t for t in doc[:24] if t.is_alpha][:12]
    return len(words) >= 3 and sum(t.is_upper for t in words) >= 0.8 * len(words)


def _table_line(doc) -> bool:
    """A results row, a standings table or a scoreboard line: numbers stand between names
    ("Borussia Dortmund 1 Karlsruhe 1", "Bayern Munich 17 11 4 2 31 14 37")."""
    numbers = sum(_is_number(t) for t in doc)
    if numbers >= 3 and numbers >= 0.2 * len(doc):
        return True
    return numbers >= 2 and all(_is_number(t) or _name_token(t) or t.is_punct for t in doc)


_WORD = re.compile(r"[^\W\d_]+")
_NON_LATIN_WORD = re.compile(r"[^\W\d_\u0000-\u024f]+")


def is_english(text: str) -> bool:
    """Whether the body is English (the language of our model): words mostly in Latin
    letters, and more of English's function words than of the other languages we are fed.
    Its first 5,000 characters tell."""
    sample = text[:5_000]
    words = _WORD.findall(sample.lower())
    if len(_NON_LATIN_WORD.findall(sample)) > 0.5 * len(words):
        return False
    english = sum(w in ENGLISH_FUNCTION_WORDS for w in words)
    return english >= sum(w in OTHER_FUNCTION_WORDS for w in words)


# -- mentions in a spaCy Doc

@dataclass(frozen=True)
class Mention:
    """One mention: its type and surface text, and the evidence that typed it when it is
    not the model's label ("title", "role", "locative", ...)."""

    type: str
    text: str
    evidence: str = ""
    in_capitals: bool = False  # from a line in capitals: kept only if the story writes it readably
    cut: bool = False  # cut from a longer run of capitalised words: kept only if the story also writes it alone


def _mended_spans(doc) -> list[tuple[int, int, str]]:
    """(start, end, label) of the model's entities, with two kinds of cut mended: an
    organisation cut at "and" ("Islamic State of Iraq" + "and the" + "Levant") and a
    results row taken as one name ("Bayern Munich 3 Schalke 1")."""
    spans = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in NAME_LABELS]
    out: list[tuple[int, int, str]] = []
    table = None  # whether the line is a table's, found out when a span holds a number
    i = 0
    while i < len(spans):
        start, end, label = spans[i]
        joined = _joined_across_and(doc, start, end, label, spans[i + 1] if i + 1 < len(spans) else None)
        if joined:
            out.append((start, joined, "ORG"))
            i += 2 if i + 1 < len(spans) and spans[i + 1][0] < joined else 1
            continue
        if end - start > 1 and doc[end - 1].text in ("'s", "’s"):
            end -= 1  # "Radio 4's": the possessive is no part of the name
        if any(_is_number(t) for t in doc[start:end]):
            table = _table_line(doc) if table is None else table
            if table:
                out.extend(_split_at_numbers(doc, start, end, label))
                i += 1
                continue
        out.append((start, end, label))
        i += 1
    return out


def _joined_across_and(doc, start: int, end: int, label: str, following) -> int | None:
    """The end of "X of Y and [the] Z" when the model cut an organisation's name at "and":
    the organisation ends "of <Name>", and one or two capitalised words follow "and [the]"
    that are not an organisation's name of their own nor a country ("the Bank of Japan
    and the Fed" stays two)."""
    if label != "ORG" or end - start < 3 or doc[end - 2].lower_ != "of" or end + 1 >= len(doc):
        return None
    if doc[end].lower_ not in ("and", "&"):
        return None
    j = end + 1 + (doc[end + 1].lower_ == "the")
    k = j
    while k < len(doc) and k - j < 2 and doc[k].text[:1].isupper() and doc[k].is_alpha:
        k += 1
    if k == j or (k < len(doc) and (doc[k].text[:1].isupper() or doc[k].text in ("'s", "’s"))):
        return None
    if following and following[0] <= j and following[2] == "ORG":
        return None
    if doc[j:k].text.lower() in ALIASES or doc[k - 1].text in ORG_HEADS:
        return None
    return k


def _split_at_numbers(doc, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """The names between the numbers of a span in a table line: a results row ("Bayern
    Munich 3 Schalke 1", "Chelsea 2"). (Elsewhere a number may end a name: "Radio 4".)"""
    parts, part_start = [], start
    for i in range(start, end + 1):
        if i == end or _is_number(doc[i]):
            if any(t.is_alpha for t in doc[part_start:i]):
                parts.append((part_start, i, label))
            part_start = i + 1
    return parts


def _trimmed(doc, start: int, end: int, label: str) -> tuple[int, int, str]:
    """The span without what the model took in with the name, and the evidence that gives:
    a leading "the"; a list label and its dash ("Forwards - Giuseppe Signori"); a leading
    locative ("Near Palmyra": a place); titles, roles and nationalities before a person's
    name ("Defender Thomas Helmer", "Croat Ivan Pranjic"), leaving its last run of name
    words ("Foreign Office Minister Tobias Ellwood" -> "Tobias Ellwood")."""
    evidence = ""
    if doc[start].lower_ == "the" and end - start > 1:
        start += 1
    if end - start > 2 and doc[start].text in LIST_LABELS and doc[start + 1].text in _DASHES:
        start += 2
        evidence = "after a list label"
    if end - start > 1 and doc[start].text in LEADING_LOCATIVES:
        return start + 1, end, "locative"
    if label == "PERSON" or _is_honorific(doc[start].text):
        first = end
        while first > start and (_name_token(doc[first - 1]) and not _is_title(doc[first - 1].text)
                                 and not is_nationality(doc[first - 1].text)):
            first -= 1
        if start < first < end:
            prefix = doc[start:first]
            if any(_is_title(t.text) for t in prefix):
                royal = end - first == 1 and doc[first - 1].text in ROYAL_TITLES
                return first - royal, end, "title"
            if all(is_nationality(t.text) for t in prefix):
                return first, end, evidence
    return start, end, evidence


class _Span:
    """A span of the model's, with what the context rules ask of it (each worked out once)."""

    def __init__(self, doc, start: int, end: int, label: str) -> None:
        self.doc, self.start, self.end, self.label = doc, start, end, label

    @cached_property
    def text(self) -> str:
        return self.doc[self.start:self.end].text

    @cached_property
    def before(self):
        return self.doc[self.start - 1] if self.start > 0 else None

    @cached_property
    def name_shaped(self) -> bool:
        """Name words only, not a curated spelling, not ending like an organisation."""
        words = self.doc[self.start:self.end]
        return (all(_name_token(t) for t in words) and words[-1].text not in ORG_HEADS
                and self.text.lower() not in ALIASES)


# Context rules: each says what type strong evidence around a span gives it, or None. The
# first that speaks wins; its name is the mention's evidence.

def title_before(span: _Span) -> str | None:
    """"President Bill Clinton", "Mr Tallis-Webb", "Gen. Votel": an honorific or a
    capitalised title before the name (before an organisation, an honorific only: "Champions
    Borussia Dortmund")."""
    before = span.before
    if before is None or not span.name_shaped:
        return None
    if _is_honorific(before.text) or (before.text[:1].isupper() and before.text in TITLES and span.label != "ORG"):
        return "person"
    return None


def role_before(span: _Span) -> str | None:
    """"goalkeeper Claus Reitmaier", "Italy coach Cesare Maldini": a role word before the name."""
    before = span.before
    if (before is not None and span.name_shaped and before.text in PERSON_ROLES
            and span.label in ("PERSON", "ORG", "GPE", "NORP")):
        return "person"
    return None


def team_word_before(span: _Span) -> str | None:
    """"leaders PSV Eindhoven", "Champions Ajax", "rivals Feyenoord": a team."""
    before = span.before
    if before is not None and span.name_shaped and before.lower_ in TEAM_WORDS:
        return "org"
    return None


def company_word_before(span: _Span) -> str | None:
    """"telecoms giant BT", "mobile operator Vodafone": a company, not the place or person
    the model took it for."""
    before = span.before
    if before is not None and span.name_shaped and before.lower_ in COMPANY_WORDS and span.label != "ORG":
        return "org"
    return None


def bracketed_after_person(span: _Span) -> str | None:
    """"Savage (Blackburn)", "Jane Ross (Labour)": a name in brackets after a person's is
    their club, party or firm (a country is the curated place: "Federer (Switzerland)"; a
    person's full name is an actor's: "William Wallace (Mel Gibson)"; after an
    organisation's, a translation: "Operation Sayeed (Hunter)")."""
    doc, start, end = span.doc, span.start, span.end
    if not (span.name_shaped and start >= 2 and doc[start - 1].text == "(" and end < len(doc) and doc[end].text == ")"):
        return None
    person_before = doc[start - 2].ent_type_ == "PERSON"
    if span.label in ("GPE", "NORP") and person_before:
        return "org"
    if span.label == "PERSON" and end - start == 1 and (person_before or (_name_token(doc[start - 2])
                                                                         and not doc[start - 2].ent_type_)):
        return "org"  # "Savage (Blackburn)": one name in brackets after another is no person
    return None


def listed_with_places(span: _Span) -> str | None:
    """"London, Birmingham, Glasgow and Cambridge": a name the model called a person
    between two places of a list. (One place beside it is no evidence: the model often
    tags one person of a list of people as a place.)"""
    doc, start, end = span.doc, span.start, span.end
    if (span.label == "PERSON" and span.name_shaped and 2 <= start and end + 1 < len(doc)
            and doc[start - 1].text == "," and doc[end].lower_ in (",", "and", "or")
            and doc[start - 2].ent_type_ in ("GPE", "LOC") and doc[end + 1].ent_type_ in ("GPE", "LOC")):
        return "place"
    return None


def team_before_role(span: _Span) -> str | None:
    """"Galatasaray coach Fatih Terim", "Lib Dems leader Charles Kennedy": a team's or a
    party's name before a member's role and a name, when the model read a person or a
    group. (Not any role: "Clinton adviser George ..."; not a place's: "West Indies
    captain" is the West Indies, as "Italy coach" is Italy.)"""
    doc, end = span.doc, span.end
    if (span.name_shaped and end + 1 < len(doc) and doc[end].text in GROUP_ROLES and doc[end + 1].text[:1].isupper()
            and span.label in ("PERSON", "NORP")):
        return "org"
    return None


def plural_after_the(span: _Span) -> str | None:
    """"the Rockets beat ...", "the Beatles": one plural word after "the" names a team or a
    group, not the person the model took it for; so do longer names in the plural whose
    singular the story also writes ("the Lib Dems" beside "Lib Dem leader"; not "the Mary
    Poppins musical")."""
    doc, start, end = span.doc, span.start, span.end
    text = span.text
    if not (span.label == "PERSON" and start > 0 and doc[start - 1].lower_ == "the" and text.endswith("s")
            and not text.endswith("ss") and text[:1].isupper()):
        return None
    if end - start == 1 or (end - start <= 3 and span.name_shaped and _has_words(doc.text, text[:-1])):
        return "org"
    return None





def plural_verb_after(span: _Span) -> str | None:
    """"Blackburn are trying to buy me", "Keane were followed by ...", "Franz Ferdinand, who
    were shortlisted": one name with a verb in the plural is a team, a band or a party,
    when it opens its clause (not "Smith and Jones are", "villages around Raqqa are")."""
    doc, start, end = span.doc, span.start, span.end
    if span.label not in ("PERSON", "NORP") or not span.name_shaped:
        return None
    opens_clause = (start == 0 or doc[start - 1].text in _SENTENCE_ENDS or doc[start - 1].lower_ == "the"
                    or (doc[start - 1].text == "," and start >= 2 and not doc[start - 2].ent_type_))
    if not opens_clause:
        return None  # the subject may be another word: "cuts proposed by Oliver Letwin were", "Smith, Jones are"
    following = [t.lower_ for t in doc[end:end + 3]]
    if following[:1] and following[0] in PLURAL_VERBS or following[:2] == [",", "who"] and following[2:] and following[2] in PLURAL_VERBS:
        return "org"
    return None


def locative_before(span: _Span) -> str | None:
    """"strikes in Raqqah", "near Tal Afar": a locative preposition before a name the model
    called a person or a group; "near", "outside" ... before one it called an organisation."""
    before, doc, end = span.before, span.doc, span.end
    if before is None or not span.name_shaped or before.lower_ not in LOCATIVE_PREPOSITIONS:
        return None
    if end < len(doc) and doc[end].text in ("'s", "’s"):
        return None  # "in Smith's view"
    if span.label in ("PERSON", "NORP"):
        return "place"
    if before.lower_ in STRONG_LOCATIVES and span.label == "ORG" and end - span.start <= 3:
        return "place"
    return None


def located_in_before(span: _Span) -> str | None:
    """"headquartered in Baar", "born in Tikrit": where only a place follows, even one the
    model called an organisation."""
    doc, start = span.doc, span.start
    if (span.label in ("PERSON", "ORG", "NORP") and span.name_shaped and start >= 2
            and (doc[start - 2].lower_, doc[start - 1].lower_) in LOCATED_AFTER):
        return "place"
    return None


def place_of_before(span: _Span) -> str | None:
    """"the city of Kyiv", "north of Kirkuk"."""
    if (span.label in ("PERSON", "ORG", "NORP") and span.text.lower() not in ALIASES
            and _after_place_of(span.doc, span.start)):
        return "place"
    return None


def apposition_after(span: _Span) -> str | None:
    """"Ana Ruiz, a spokeswoman for ...", ", who ...", ", 59,": only a person's."""
    if span.label in ("ORG", "GPE") and _person_shaped(span.text) and _described_as_person(span.doc, span.end):
        return "person"
    return None


def place_noun_after(span: _Span) -> str | None:
    """"Farabi ports", "Tolvas mines": a place noun right after a name the model called a
    person or a group."""
    if (span.label in ("PERSON", "NORP") and not is_demonym(span.text)
            and _followed_by_place_noun(span.doc, span.end, 0)):
        return "place"
    return None


def contest_side(span: _Span) -> str | None:
    """"Leicester beat Derby", "to defeat Daesh", "lost 2-1 to Derby", "claimed by X": who
    beats, is beaten or claims an attack is a team or a group, not the place the model
    took it for (a country's team stays the country: curated)."""
    doc, start = span.doc, span.start
    if span.label not in ("GPE", "LOC", "FAC", "NORP") or not span.name_shaped:
        return None
    # the two words before, a score between them aside ("lost 3-0 to Sheffield")
    before = tuple(t.lower_ for t in doc[max(0, start - 6):start] if not (_is_number(t) or t.text in "-–"))[-2:]
    if before[-1:] and before[-1] in CONTEST_VERBS or before in CONTESTED_AFTER:
        return "org"
    after = list(doc[span.end:span.end + 3])
    words = [t.lower_ for t in after]
    if words[:1] and words[0] in CONTEST_VERBS:
        return "org"
    if words[:1] and words[0] in ("drew", "lost") and len(after) > 1 and _is_number(after[1]):
        return "org"  # "Coventry lost 3-0 ..."
    if words[:2] == ["claimed", "responsibility"] or words == ["has", "claimed", "responsibility"]:
        return "org"
    return None


def state_after(span: _Span) -> str | None:
    """"Cuyahoga Falls, OH", "Raleigh, NC", "Monroe, La.", "BAAR, SWITZERLAND": a town
    before a comma and a US state's or a Canadian province's abbreviation or a country,
    read by the model as a person or an organisation."""
    doc, end = span.doc, span.end
    if (span.label != "GPE" and span.name_shaped and end + 1 < len(doc) and doc[end].text == ","
            and (_state_at(doc, end + 1) or _country_at(doc, end + 1))):
        return "place"
    return None


def _country_at(doc, i: int) -> bool:
    """A country's one-word name at i that closes its clause ("BAAR, SWITZERLAND"; not
    "..., China Mobile", "..., Britain's biggest", "Paul Dales, UK economist")."""
    return ALIASES.get(doc[i].lower_, ("", ""))[1] == "place" and (i + 1 == len(doc) or doc[i + 1].is_punct)


def _state_at(doc, i: int) -> str | None:
    """The state or province the token at i abbreviates after a town and a comma ("OH" of
    "Cuyahoga Falls, OH"; not "Ohio's" or a word of a sentence: "..., La Liga")."""
    state = STATE_ABBREVIATIONS.get(doc[i].text.rstrip("."))
    if (state and i >= 2 and doc[i - 1].text == "," and doc[i - 2].text[:1].isupper()
            and not (i + 1 < len(doc) and (doc[i + 1].text in ("'s", "’s") or doc[i + 1].text[:1].isupper()))):
        return state
    return None


def leader_of_after(span: _Span) -> str | None:
    """"the Asad regime", "the Obama administration": the leader's name, read by the model
    as an organisation. (Not "the Damascus government": a city's.)"""
    doc, end = span.doc, span.end
    if (span.label in ("ORG", "NORP", "PERSON") and span.name_shaped and end < len(doc)
            and doc[end].text in LED_BY_A_PERSON):
        return "person"
    return None


CONTEXT_RULES = (title_before, role_before, team_word_before, company_word_before, team_before_role, plural_after_the,
                 locative_before, located_in_before, place_of_before, apposition_after, place_noun_after, contest_side,
                 leader_of_after, state_after, plural_verb_after, bracketed_after_person, listed_with_places)


def _context_evidence(doc, start: int, end: int, label: str) -> tuple[str, str]:
    """(type, evidence) that the words around the span give, or ("", "") for none."""
    span = _Span(doc, start, end, label)
    for rule in CONTEXT_RULES:
        typ = rule(span)
        if typ:
            return typ, rule.__name__
    return "", ""


def _followed_by_place_noun(doc, end: int, adjectives: int) -> bool:
    """The tokens after `end` are up to `adjectives` lower-case words, then a place noun."""
    for token in doc[end:end + adjectives + 1]:
        if token.text in PLACE_NOUNS:
            return True
        if not (token.is_alpha and token.is_lower and not token.is_stop):
            return False
    return False


def _described_as_person(doc, end: int) -> bool:
    """", a spokesman for ...", ", who ...", ", 59 ,": an apposition that only fits a person."""
    following = [t.lower_ for t in doc[end:end + 4]]
    if following[:1] != [","] or len(following) < 2:
        return False
    if following[1] == "who":
        return True
    if re.fullmatch(r"\d{2}", following[1]) and following[2:3] == [","]:
        return True  # an age
    role = following[2] if following[1] in ("a", "an", "the") and len(following) > 2 else following[1]
    return role in PERSON_ROLES


def _after_place_of(doc, start: int) -> bool:
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PLACE_OF


def _is_list_label(doc, start: int, end: int) -> bool:
    """"Goalkeepers - ...", "Tries: ...", "Attendance 38,018": a label of a list or table."""
    if not all(t.text in LIST_LABELS or t.text.title() in LIST_LABELS for t in doc[start:end]):
        return False
    return end >= len(doc) or doc[end].text in _DASHES or _is_number(doc[end])


def _in_a_title(doc, start: int, end: int, label: str) -> bool:
    """"Secretary of State", "Minister of Justice", "Secretary of the Navy", "Defense
    Secretary": part of an office's name, read by the model as an organisation."""
    if label != "ORG":
        return False
    if end < len(doc) and doc[end].text in TITLES and all(_in_title(t.text) for t in doc[start:end]):
        return True  # "Defense Secretary", "Finance Minister"
    i = start - 1 - (start > 0 and doc[start - 1].lower_ == "the")
    return i >= 1 and doc[i].lower_ == "of" and doc[i - 1].text in TITLES


def _span_mentions(doc, start: int, end: int, label: str) -> list[Mention]:
    """The mentions one (mended) span of the model gives."""
    if _is_list_label(doc, start, end) or _in_a_title(doc, start, end, label):
        return []
    if end - start == 1 and (state := _state_at(doc, start)):
        return [Mention("place", state, "state")]  # "VA" of "Bristow, VA"
    start, end, evidence = _trimmed(doc, start, end, label)
    if start >= end:
        return []
    text = doc[start:end].text
    if evidence == "locative":
        return [Mention("place", text, evidence)]
    if label == "PERSON":
        run = _run_around(doc, start, end)
        if end - start == 1 and _after_a_number(doc, run[0] if run else start):
            return [Mention("person", text, cut=True)]  # "Max" of "its 737 Max jet", "the 11 Pro Max"
        if run:
            return _run_mentions(doc, start, end, *run)
    if label == "ORG" and text.rstrip(".") in LEGAL_SUFFIXES:
        # "TransMorFlot LLC" where only "LLC" was tagged: take the capitalised words before it.
        first = start
        while first > 0 and doc[first - 1].text[:1].isupper() and doc[first - 1].is_alpha:
            first -= 1
        return [Mention("org", doc[first:end].text)] if first < start else []
    typ, context = _context_evidence(doc, start, end, label)
    if typ == "person" and label != "PERSON":
        end = _extended_name(doc, end)
        text = doc[start:end].text
    if context == "title_before" and end - start == 1 and doc[start - 1].text in ROYAL_TITLES:
        text = doc[start - 1:end].text  # "Prince" + "Andrew"
    if typ:
        return [Mention(typ, text, context)]
    if evidence == "title":
        return [Mention("person", text, evidence)]
    if evidence == "after a list label" and _person_shaped(text):
        return [Mention("person", text)]  # the model read the label with the name
    if label == "NORP":
        return _group(text)
    if label == "ORG":
        words = [t for t in doc[start:end]]
        for k in (1, 2):
            head, rest = words[:k], words[k:]
            known = ALIASES.get(" ".join(t.text for t in head).lower())
            if (known and known[1] == "org" and len(rest) >= 2 and all(t.is_title for t in rest)
                    and not any(t.text in ORG_HEADS for t in rest)):
                # "the UN Vassily Nebenzia": an organisation run into a person's name.
                return [Mention("org", known[0]), Mention("person", doc[rest[0].i:end].text)]
    typ = LABEL_TYPES.get(label)
    return [Mention(typ, text)] if typ else []


def _after_a_number(doc, first: int) -> bool:
    """A name right after a number: one capitalised word there ("its 737 Max jet", "the 11
    Pro Max", "6. Max out your savings") is a product's model or a list item's first word,
    not the person the model took it for, unless the story also writes it alone. (Not in
    a table line, where a number ends one row's name before the next.)"""
    return first > 0 and _is_number(doc[first - 1]) and not _table_line(doc)


def _run_word(token) -> bool:
    """A capitalised word that may be part of a longer name ("Jiffy" of "Jiffy Lube Live",
    "Arena" of "Mohegan Sun Arena"): not a title, a role, a nationality, a month, a name's
    suffix ("Jr"), an acronym or a small word."""
    text = token.text
    if not (text[:1].isupper() and token.is_alpha) or token.is_stop or token.ent_type_ or (len(text) > 1 and text.isupper()):
        return False
    return not (_in_title(text) or text.lower() in PERSON_ROLES or is_nationality(text) or text in NAME_SUFFIXES
                or token.lower_ in _MONTHS_DAYS)


def _run_around(doc, start: int, end: int) -> tuple[int, int] | None:
    """The longer run of capitalised words a span was cut from ("Jiffy" + "Lube Live",
    "Mohegan Sun" + "Arena"), or None. A sentence's first word may be any word: it does not
    start a run, unless it is an initial ("Forwards: B Botha")."""
    first = start
    while first > 0 and _run_word(doc[first - 1]):
        first -= 1
    if first < start and len(doc[first].text) > 1 and (first == 0 or doc[first - 1].text in _SENTENCE_ENDS
                                                        or doc[first - 1].is_space):
        first += 1
    last = end
    if not re.search(r"['’]s?$", doc[end - 1].text):  # "Elon Musk's SpaceX": the possessor ends the name
        while last < len(doc) and _run_word(doc[last]):
            last += 1
    return (first, last) if (first, last) != (start, end) else None


def _run_mentions(doc, start: int, end: int, first: int, last: int) -> list[Mention]:
    """A person's name the model cut from a longer run of capitalised words is the whole
    run or nothing: the run when its last word types it ("Mohegan Sun" + "Arena", a place);
    the run when only words after the name or initials were left out ("Neil" + "Auguste",
    "B" + "Botha") or the name is one word ("Charlize" + "Theron": a first name left out),
    unless the line is in title case ("Biden Slams ..."); else the name, kept only if the story also
    writes it alone ("Lube Live" of "Jiffy Lube Live" is no person; "Jim Bridenstine" after
    a title we do not know is one if the story says "Bridenstine" too).
    """
    run = doc[first:last].text
    typ = _name_type(run.split(" "), "")
    if typ:
        return [Mention(typ, run, "whole run")]
    if all(len(t.text) == 1 for t in doc[first:start]) and (first < start or not _title_case_line(doc)):
        return [Mention("person", run, "whole run")]  # "Noah" + "Jackson"; "B" + "Botha" in a squad list
    if end - start == 1 and not _title_case_line(doc):
        return [Mention("person", run, "whole run")]  # "Charlize" + "Theron"
    return [Mention("person", doc[start:end].text, cut=True)]


def _title_case_line(doc) -> bool:
    """A heading in title case ("Biden Slams Trump Over Tariffs"): most of its words that
    are not small words are capitalised."""
    words = [t for t in doc if t.is_alpha and not t.is_stop]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)


def _group(text: str) -> list[Mention]:
    """What the model calls a group (NORP) is a nationality, a religion, a party's
    followers -- none of ours -- except an acronym, an organisation's ("ISIL"). (Taking
    every group that is no nationality as an organisation found "Hezbollah" but also
    "Democratic" and "Dems": re3d recall +0.003, precision -0.004.)"""
    return [Mention("org", text)] if re.fullmatch(r"[A-Z]{3,6}", text) and not is_demonym(text) else []


def _extended_name(doc, end: int) -> int:
    """A person's name the model cut short ("forward Youri" + "Mulder"): the capitalised
    words right after it."""
    while (end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha and not doc[end].ent_type_
           and not doc[end].is_stop):
        end += 1
    return end


def _capitalised(token) -> bool:
    return (token.text[:1].isupper() and token.text.replace("-", "").isalpha() and not token.is_stop
            and token.lower_ not in _MONTHS_DAYS)


def _untagged_names(doc, texts: list[str], taken: set[int]) -> list[Mention]:
    """Capitalised names the model missed that their context makes places ("the capital
    city of Kyiv", "Russia's Alabuga Special Economic Zone", "the Alabuka special economic
    zone", "near Rawah") or people (two to four name words right after a nationality, a
    role word or a title: "South African Ernie Els", "coach Marten de Vries"). `texts`: the
    tokens' texts."""
    found = []
    i = 0
    while i < len(texts):
        if i in taken or not texts[i][:1].isupper() or not _capitalised(doc[i]):
            i += 1
            continue
        j = i
        while j < len(texts) and j not in taken and j - i < 5 and texts[j][:1].isupper() and _capitalised(doc[j]):
            j += 1
        mention = _untagged_place(doc, texts, i, j) or _untagged_person(doc, texts, i, taken)
        found.extend([mention] if mention else [])
        i = j
    return found


def _untagged_place(doc, texts: list[str], i: int, j: int) -> Mention | None:
    # a capitalised word that opens a sentence may be any word ("Coastal towns ...")
    mid_sentence = i > 0 and not doc[i - 1].is_space and texts[i - 1] not in {".", "!", "?", ":", "\"", "“"}
    if texts[i] in LEADING_LOCATIVES and j - i > 1 and not mid_sentence:
        return Mention("place", doc[i + 1:j].text, "locative")
    if not is_demonym(texts[i]) and (
            _after_place_of(doc, i)
            or (i > 0 and texts[i - 1].lower() == "near")
            or (mid_sentence and j - i >= 2 and texts[j - 1].lower() in PLACE_NOUNS)
            or (mid_sentence and _followed_by_place_noun(doc, j, 2))):
        return Mention("place", doc[i:j].text, "place context")
    return None


def _untagged_person(doc, texts: list[str], i: int, taken: set[int]) -> Mention | None:
    titled = i
    while titled < len(texts) and _is_title(texts[titled]):
        titled += 1  # "President Sali Berisha": the title opens the run
    before = texts[i - 1] if i > 0 else ""
    if titled == i and not (before in PERSON_ROLES or (before[:1].isupper() and _is_title(before))
                            or (is_nationality(before) and doc[i - 1].ent_type_ == "NORP")):
        return None
    i = j = titled
    while j < len(texts) and j not in taken and j - i < 4 and (
            texts[j] in NAME_PARTICLES or (texts[j][:1].isupper() and _capitalised(doc[j]))):
        j += 1
    words = texts[i:j]
    if (2 <= len(words) <= 4 and words[-1][:1].isupper() and (j == len(texts) or not texts[j][:1].isupper())
            and not any(w in ORG_HEADS or w in PLACE_HEADS or w in EVENT_HEADS or _in_title(w) for w in words)
            and " ".join(words).lower() not in ALIASES):
        return Mention("person", doc[i:j].text, "untagged after a role")
    return None


def _defined_acronyms(doc, texts: list[str]) -> list[Mention]:
    """"The Liberation Tigers of Tamil Eelam (LTTE)": a name followed by its acronym in
    brackets is an organisation's, whatever the model made of it (often nothing), unless
    the model read a person. `texts`: the tokens' texts (every token is looked at: reading
    them from the Doc made three Token objects per token, a tenth of doc_mentions)."""
    found = []
    for i in range(2, len(texts) - 1):
        acronym = texts[i]
        if texts[i - 1] != "(" or texts[i + 1] != ")" or not re.fullmatch(r"[A-Z]{2,6}", acronym):
            continue
        start = i - 1
        while start > 0 and (doc[start - 1].text[:1].isupper() or doc[start - 1].lower_ in ACRONYM_JOINERS) \
                and i - 1 - start < 10:
            start -= 1
        while start < i - 1 and not doc[start].text[:1].isupper() or doc[start].lower_ == "the":
            start += 1  # a name opens with a capital, not with "the" or "of"
        name = doc[start:i - 1].text
        if (start < i - 1 and acronym in _initials(name) and name.lower() not in ALIASES
                and doc[i - 2].ent_type_ != "PERSON"):  # "Anna Berg (AB)": the model knows a person
            found += [Mention("org", name, "defined acronym"), Mention("org", acronym, "defined acronym")]
    return found


def doc_mentions(doc) -> list[Mention]:
    """Every person, organisation and place mention in a spaCy Doc (one paragraph)."""
    if _capitals_line(doc):
        # a headline in capitals: only what it names that the model can still read
        return [Mention(LABEL_TYPES[e.label_], e.text, in_capitals=True) for e in doc.ents if e.label_ in LABEL_TYPES]
    found, taken = [], {i for e in doc.ents for i in range(e.start, e.end)}
    texts = [t.text for t in doc]  # read once: every token the model made is looked at
    titles = _quoted_titles(texts)
    for start, end, label in _mended_spans(doc):
        taken.update(range(start, end))
        mentions = _span_mentions(doc, start, end, label)
        if any(_part_of_title(texts, start, end, title) for title in titles):
            mentions = [replace(m, cut=True) for m in mentions]  # a word of "Takin' It to the Streets"
        found.extend(mentions)
    for first, last in titles:
        taken.update(range(first, last))
    return found + _untagged_names(doc, texts, taken) + _defined_acronyms(doc, texts)


def _quoted_titles(texts: list[str]) -> list[tuple[int, int]]:
    """Token ranges of quoted titles: two or more words between double quotes, each
    capitalised but for a title's small words ("“Takin’ It to the Streets”", "“Dancing with
    the Stars”"): a song's, a book's or a film's name, whose words name nobody."""
    quotes = [i for i, text in enumerate(texts) if text in _QUOTES]
    titles = []
    for opening, closing in zip(quotes, quotes[1:]):
        if texts[opening] == "”" or texts[closing] == "“" or closing - opening > 17 or not texts[opening + 1][:1].isalnum():
            continue  # a quote opens on a word: '""iron fist"". Named by ..., ""' is between two quotes
        words = [w for w in texts[opening + 1:closing] if w.isalpha()]
        if (len(words) >= 2 and words[0][:1].isupper() and words[-1][:1].isupper()
                and all(w[:1].isupper() or w in TITLE_SMALL_WORDS for w in words)):
            titles.append((opening + 1, closing))
    return titles


_QUOTES = {'"', "“", "”"}


def _part_of_title(texts: list[str], start: int, end: int, title: tuple[int, int]) -> bool:
    """The span lies inside the quoted title and is not all of it ("Streets" of "Takin’ It
    to the Streets"; a quoted name alone, "“Black Water”", is the model's to judge)."""
    first, last = title
    return (first <= start and end <= last
            and sum(w.isalpha() for w in texts[start:end]) < sum(w.isalpha() for w in texts[first:last]))


# -- one mention's name

_HONORIFIC_PREFIX = re.compile(r"^(?:(?:" + "|".join(sorted(HONORIFICS, key=len, reverse=True)) + r")\.?\s+)+(?=[A-Z])")


def _strip_name(text: str, typ: str) -> str:
    name = re.sub(r"\s+", " ", text).replace("’", "'")
    name = re.sub(r"\[\d*\]?|\[\w+ needed\]", "", name)  # citation marks: "Bashar al-Assad,[1]"
    name = re.sub(r"\s*[®™©℠]", "", name)  # trademark signs: "Digital Intuition®"
    name = re.sub(r"^'s ", "", name.strip())  # "'s Haqqani": cut from after a possessive
    keep_dot = re.search(r"(?:\b[A-Z]\.){2,}$", name)  # "U.N.", "U.S.A."
    name = name.strip(" \t,;:\"“”‘()[]-—–" + ("" if keep_dot else "."))
    name = re.sub(r"^[Tt]he ", "", name) if name.lower() not in ALIASES else name
    # "Iran's Quds Force" -> "Quds Force": a place's possessive is not part of the name.
    possessor = re.match(r"^(.+?)'s (?=[A-Z])", name)
    if possessor and ALIASES.get(possessor.group(1).lower(), ("", ""))[1] == "place":
        name = name[possessor.end():]
    name = re.sub(r"'s$|(?<=s)'$", "", name)
    if typ == "person":
        # "Jeff Bezos's Blue Origin", "Clint Eastwood's Million Dollar Baby": the person owns the rest
        name = _HONORIFIC_PREFIX.sub("", re.sub(r"^(.+?)'s? [A-Z].*", r"\1", name))
    if typ == "org":
        name = re.sub(r"^(?:US|U\.S\.?) (?=[A-Z])", "U.S. ", name)
    return name.strip()


def _singular_head(name: str) -> str:
    """"Health and Energy Ministries" -> "Health and Energy Ministry"; "Commerce
    Departments" (from "the Treasury and Commerce Departments") -> "Commerce Department".
    Not "Red Wings": a plural head is one only after "and" or alone."""
    *rest, last = name.split(" ")
    if len(rest) > 1 and "and" not in rest:
        return name
    for plural, singular in (("ies", "y"), ("s", "")):
        if last.endswith(plural) and last not in ORG_HEADS and last[:-len(plural)] + singular in ORG_HEADS:
            return " ".join([*rest, last[:-len(plural)] + singular])
    return name


class _Words:
    """How often each word (run of \\w) of a story occurs, counted once per story: the
    checks of a name against the story's other uses of it (below) then look it up, and
    scan the story only for the rare name the story also writes in lower case or in
    capitals. A name that is not one run of \\w ("Kilroy-Silk") is counted by a scan."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.counts = Counter(_TOKEN.findall(text))

    def count(self, word: str) -> int:
        """How often `word` stands as a whole word (as \\bword\\b finds it)."""
        if _TOKEN.fullmatch(word):
            return self.counts.get(word, 0)
        return len(self.starts_of(word))

    def starts_of(self, word: str) -> list[int]:
        return [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", self.text)]

    def spellings(self, word: str) -> Iterator[str]:
        """How the story writes `word`, in any case, in order."""
        return (m.group() for m in re.finditer(rf"\b{re.escape(word)}\b", self.text, re.I))


_TOKEN = re.compile(r"\w+")


@lru_cache(maxsize=4)
def _words(text: str) -> _Words:
    return _Words(text)


def _mostly_lower_case(word: str, text: str) -> bool:
    """The story writes `word` in lower case at least as often as capitalised mid-sentence
    ("the advisory ... The Advisory informs"), unlike a name ("Labour ... the labour market
    ... Labour's leader ... Labour MPs")."""
    words = _words(text)
    lower = words.count(word.lower())
    if not lower:
        return False
    # not where a sentence, line or quotation starts
    capitalised = sum(1 for start in words.starts_of(word) if start > 0 and text[start - 1] != "\n"
                      and not (start >= 2 and text[start - 2] in '.!?:"“' and text[start - 1].isspace()))
    return lower >= capitalised


@dataclass(frozen=True)
class _StoryWords:
    """Capitalised words of a story by the word before them, found in one pass."""

    # "won an Oscar for", "a Grammy.": things, not people (not "A Foley", an initial; not "a
    # Whistler painting", a person's name as a modifier)
    after_an_article: frozenset[str]
    after_the: frozenset[str]  # "told The Hill", "in The Times": "The" inside a sentence is part of the name


@lru_cache(maxsize=4)
def _story_words(text: str) -> _StoryWords:
    return _StoryWords(frozenset(_AFTER_AN_ARTICLE.findall(text)), frozenset(_AFTER_THE.findall(text)))


_AFTER_AN_ARTICLE = re.compile(r"\ban? ([A-Z]\w*)(?=[^\w\s]|\s+(?:[^\w\s]|(?:" + "|".join(TITLE_SMALL_WORDS) + r")\b)|$)")
_AFTER_THE = re.compile(r"(?<![.!?:\"“”‘]\s)(?<![\"“‘])(?<!^)\bThe ([A-Z]\w*)", re.M)


def _group_name(name: str, text: str) -> bool:
    """The story writes the name both in the singular and in the plural ("Lib Dem" and "Lib
    Dems"): a group's name, as no person's is."""
    return _has_words(text, name[:-1] if name.endswith("s") and not name.endswith("ss") else name + "s")


def _has_words(text: str, words: str) -> bool:
    """The text has these words, as words ("Lib Dem" in "... Lib Dem leader", not in "Lib
    Dems"). A plain search: no pattern to compile for each name."""
    found = text.find(words)
    while found >= 0:
        after = found + len(words)
        if (found == 0 or not text[found - 1].isalnum()) and (after == len(text) or not text[after].isalnum()):
            return True
        found = text.find(words, found + 1)
    return False


def _mixed_case(name: str, text: str) -> str | None:
    """How the story writes a name given in capitals ("ZENIT" -> "Zenit"), if it does."""
    return next((spelling for spelling in _words(text).spellings(name) if not spelling.isupper()), None)


def _name_type(words: list[str], typ: str) -> str | None:
    """The type a name's own last word gives it, if it overrules the model's: "Harbour
    Observer" is an organisation, "Tiyas Military Airfield" a place; "Soviet Union" stays
    the model's place, "Damon Hill" its person."""
    last = words[-1]
    if last in ORG_HEADS or last.rstrip(".") in LEGAL_SUFFIXES:
        if (typ == "place" and last in PLACE_TOLERANT_HEADS) or (typ == "person" and last in PERSON_TOLERANT_HEADS):
            return None
        return "org"
    if len(words) >= 2 and last in PLACE_HEADS:
        return None if typ == "person" and last in SURNAME_PLACE_HEADS else "place"
    return None


def _canonical(surface: str, typ: str, text: str) -> tuple[str, str, bool] | None:
    """(name, type, whether the name itself decided the type) of one mention, or None."""
    fixed = False
    if re.match(r"(?:Mr|Mrs|Ms|Miss|Dr)\.? [A-Z]", surface.strip()):
        typ, fixed = "person", True  # "Mr Kilroy-Silk" tagged as a place
    name = _strip_name(surface, typ)
    if name.lower() in ALIASES:
        return (*ALIASES[name.lower()], True)
    if typ == "org" and " " not in name and name in _story_words(text).after_the:
        name = "The " + name  # "told The Hill": the newspaper's name, not a hill
    words = name.split(" ")
    if typ == "person" and len(words) >= 2 and is_nationality(words[0]) and words[1][:1].isupper():
        name = name.split(" ", 1)[1]  # "Hungarian Eva Kovacs"
    # scores and counts run into the name: "4 Denny Hamlin", "Jarry 6-4"; not "Radio 4", "CTF 50"
    trailing = r"[^\sA-Za-z]*\d[^\sA-Za-z]*" if typ == "person" else r"\d+[-–]\d+"
    name = re.sub(rf"^(?:[^\sA-Za-z]*\d[^\sA-Za-z]*\s+)+|(?:\s+{trailing})+$", "", name)
    words = name.split(" ")
    if (len(name) < 2 or not any(c.isupper() for c in name) or len(words) > 8
            or name.lower() in NOT_ENTITIES or name.lower() in DIRECTIONS or name in TIME_ZONES
            or re.search(r"@|://|www\.|[\[\]{}|<>=]", name)):
        return None
    if words[0][:1].islower() and words[0].islower() and not (typ == "person" and words[0] in NAME_PARTICLES and len(words) > 1):
        return None  # "state Department of ...", "dan Syiah": a fragment, not a name
    if len(words) > 1 and (words[-1].islower() or words[-1] in NAME_JOINERS):
        if words[-1] in NAME_JOINERS:
            return None  # cut off mid-name: "Organisation for Economic Co-operation and"
        while words[-1].islower():
            words.pop()  # a common noun after the name: "Interfax news" (agency)
        name = " ".join(words)
    if typ != "person" and len(words) >= 2 and any(re.fullmatch(r"[A-Z]", w) for w in words):
        return None  # "Group C", "Pool B", "C PD": a label with a letter
    if any(len(re.findall(r"\d+|[^\W\d_]+", w)) >= 4 for w in words):
        return None  # "4p7SXk7JPW": letters and digits mixed, a code or a link's end
    if _is_honorific(words[-1]) or (len(words) >= 2 and all(_in_title(w) for w in words)):
        return None  # a title alone: "Navy Capt", "Prime Minister"
    if re.fullmatch(r"[A-Z]{2,}s", name) or (re.fullmatch(r"[A-Z]{2,}", name) and _words(text).count(name + "s")):
        return None  # "UAVs": an acronym in the plural is a common noun
    if (len(words) == 1 and is_demonym(name)) or (typ != "org" and len(words) > 1 and is_nationality(words[-1])):
        return None  # "Montenegrin", "Sri Lankan", "South African": a nationality
    if typ == "person" and len(words) == 1 and name in _story_words(text).after_an_article:
        return None  # "won an Oscar", "a Grammy": a thing, not a person (not "A Foley": an initial)
    if len(words) == 1 and _mostly_lower_case(name, text):
        return None  # "Advisory", "Kamikaze": a common noun the story also writes in lower case
    if typ == "person" and len(words) >= 2 and _group_name(name, text):
        typ = "org"  # "Lib Dem leader ... the Lib Dems": a party's, a band's, a team's name
    if len(words) >= 2 and words[-1] in EVENT_HEADS | FORUM_HEADS and not any(w in ORG_HEADS for w in words):
        if words[-1] in EVENT_HEADS:
            return None  # "Black Death", "Davis Cup", "Cold War": an event, not who or where
        typ, fixed = "org", True  # "Manama Dialogue": a meeting is never a place
    if name.isupper() and len(name) >= 4 and not re.fullmatch(r"[A-Z]{4,6}", name):
        mixed = _mixed_case(name, text) if text else None
        if mixed:
            name, words = mixed, mixed.split(" ")
        elif typ == "place" and len(words) <= 3:
            name = name.title()  # a dateline's "NEW YORK"
        elif len(words) >= 2:
            return None  # a kicker or headline fragment in capitals: "... TITLE OF YEAR"
    elif name.isupper() and len(name) >= 4:
        mixed = _mixed_case(name, text) if text else None
        if mixed and len(mixed) == len(name) and mixed[:1].isupper():
            name = mixed
        elif typ == "place" and not text:
            name = name.title()  # a dateline's "ROME" (in a body, "ISIL" could be an acronym)
    singular = _singular_head(name)
    decided = _name_type(singular.split(" "), typ)
    if decided:
        typ, fixed = decided, True
    return (singular if typ == "org" else name), typ, fixed


def canonical_name(surface: str, typ: str, text: str = "") -> tuple[str, str] | None:
    """The cleaned name and type of one mention, or None for a misfire. `text` is the body
    the mention came from, used to tell a capitalised common noun from a name."""
    found = _canonical(surface, typ, text)
    return found[:2] if found else None


def add_place(entities: dict[str, list[str]], place: str) -> dict[str, list[str]]:
    """The entities with a place the story's text gives outside its body (a dateline's
    "ROME", "AL-AIN, United Arab Emirates", "Washington D.C.") added as canonical names,
    each once: "LONDON" beside "London" is one place."""
    places = list(entities.get("place", []))
    keys = {_spelling_key(n) for n in places}
    for part in ([place] if place.lower().strip() in ALIASES else place.split(",")):
        found = canonical_name(part, "place")
        if found and found[1] == "place" and _spelling_key(found[0]) not in keys:
            places.append(found[0])
            keys.add(_spelling_key(found[0]))
    return {**entities, "place": places}


# -- one name per entity

def _listed(surface: str) -> list[str]:
    """A span that ran over a list or an aside is several names: "Bernal, Jamie Foxx",
    "Ravenhill (Price", "Jonathan Kaplan - England"."""
    if surface.lower().strip() in ALIASES:
        return [surface]
    parts: list[str] = []
    for part in re.split(r",\s+|\s*[()]\s*|\s+[-–—]\s+|\s*/\s*", surface):
        if parts and part.rstrip(".") in LEGAL_SUFFIXES:
            parts[-1] += " " + part  # "Dräger, Inc.": the company's legal form, not a name of its own
        elif part.strip():
            parts.append(part)
    return parts


def _spelling_key(name: str) -> str:
    """"Labour party", "Labour Party"; "TimeWarner", "Time Warner": one entity, spelt two ways."""
    return re.sub(r"[\s.'-]", "", name.casefold())


def _initials(name: str) -> set[str]:
    """What an organisation's acronym may be: "Institute for the Study of War" -> ISW;
    "Bank of Japan" -> BJ or BOJ; "U.S. Securities and Exchange Commission" -> USSEC or
    SEC; "Sanwa Bank Ltd" -> SB."""
    words = [w for w in re.split(r"[\s-]+", name.replace(".", "")) if w]
    if len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words = words[:-1]
    variants = [words]
    if len(words) > 2 and _national(words[0]):
        variants.append(words[1:])
    out = set()
    for ws in variants:
        out.add("".join(w[0] for w in ws if w[:1].isupper()))
        out.add("".join(w[0].upper() for w in ws if w[:1].isupper() or w in ACRONYM_JOINERS - {"the"}))
    return out


def _national(prefix: str) -> bool:
    """"U.S.", "Russian", "Iran": a prefix that places an organisation in a country."""
    return prefix in ("U.S.", "US") or ALIASES.get(prefix.lower(), ("", ""))[1] == "place" or is_demonym(prefix)


def _longer_org(name: str, orgs: dict[str, str], org_names: _Affixes) -> str | None:
    """The fuller name of an organisation mentioned short: "Lloyd" (from "Lloyd's") ->
    "Lloyd's List"; "5th Fleet" -> "U.S. 5th Fleet"; "Foreign Ministry" -> "Russian
    Foreign Ministry"; "Exxon" -> "Exxon Corp" -- when the story has exactly one such name.
    `org_names` indexes the names of `orgs` (name -> key)."""
    owned = org_names.starting_with(name + "'s")
    if owned:
        return orgs[min(owned, key=len)]
    national = [n for n in org_names.ending_with(name) if _national(n[:-len(name) - 1])]
    if len(national) == 1:
        return orgs[national[0]]
    incorporated = [n for n in org_names.starting_with(name)
                    if all(w.rstrip(".") in LEGAL_SUFFIXES or w == "&" for w in n[len(name) + 1:].split(" "))]
    return orgs[incorporated[0]] if len(incorporated) == 1 else None


@dataclass
class _Entity:
    """The mentions of one spelling key: how they were written and typed."""

    spellings: Counter = field(default_factory=Counter)
    by_name: Counter = field(default_factory=Counter)  # types the name itself decided (curated, head word)
    strong: Counter = field(default_factory=Counter)  # types strong context evidence gave
    model: Counter = field(default_factory=Counter)  # the model's labels
    said: Counter = field(default_factory=Counter)  # what each mention was typed as, before its name decided
    alone: int = 0  # mentions not cut from a longer run of capitalised words

    @property
    def name(self) -> str:
        # the most used spelling; on a tie the one with more capitals ("Labour Party")
        return max(self.spellings, key=lambda n: (self.spellings[n], sum(c.isupper() for c in n)))

    @property
    def type(self) -> str:
        for votes in (self.by_name, self.strong, self.model):
            if votes:
                best = max(votes.values())
                tied = [t for t, n in votes.items() if n == best]
                # a tie goes to the person when the name is shaped like one ("Abernathy" said;
                # "a survey by Penelope Muse Abernathy" read as an organisation)
                return "person" if "person" in tied and _person_shaped(self.name) else tied[0]
        return "org"

    def absorb(self, other: "_Entity") -> None:
        """Count another spelling's context and model votes as this entity's."""
        self.strong.update(other.strong)
        self.model.update(other.model)


def normalise(mentions: Iterable[Mention | tuple[str, str]], text: str = "") -> dict[str, list[str]]:
    """Fold a document's mentions into one canonical name per entity, in order of first
    mention. Spellings that differ only in case or spacing are one name (the most used); an
    acronym folds into the organisation it abbreviates; a person's surname (or a trailing
    part of the name) into the full name when the story has exactly one such name; a bare
    name into the one organisation named after it ("Labour" -> "Labour Party"), a company
    into its name with its legal form. Each entity's type is what its name decides (a
    curated spelling, an organisation's or place's head word), else what strong evidence
    around its mentions says, else the model's majority."""
    entities: dict[str, _Entity] = {}
    seen: dict[tuple[str, str], tuple[str, str, bool] | None] = {}  # a name recurs; its checks scan the text
    for mention in mentions:
        mention = mention if isinstance(mention, Mention) else Mention(*mention)
        for part in _listed(mention.text):
            if (part, mention.type) not in seen:
                seen[part, mention.type] = _canonical(part, mention.type, text)
            found = seen[part, mention.type]
            if found is None or (mention.in_capitals and found[0].isupper() and found[0].lower() not in ALIASES):
                continue
            name, typ, fixed = found
            entity = entities.setdefault(_spelling_key(name), _Entity())
            entity.spellings[name] += 1
            (entity.by_name if fixed else entity.strong if mention.evidence else entity.model)[typ] += 1
            entity.said[mention.type] += 1
            entity.alone += not mention.cut
    _drop_families(entities, text)
    target = _folds(entities)
    _drop_fragments(entities, target)
    out: dict[str, list[str]] = {t: [] for t in ENTITY_TYPES}
    for key, entity in entities.items():
        final = entities[target.get(key, key)]
        if final.name not in out[final.type]:
            out[final.type].append(final.name)
    return out


def _drop_fragments(entities: dict[str, _Entity], target: dict[str, str]) -> None:
    """A name the story writes only inside longer runs of capitalised words ("Lube Live",
    always of "Jiffy Lube Live") is a fragment of another name, not an entity -- unless a
    name that folds into it is written alone ("Keating" beside "... Class Charles H.
    Keating IV")."""
    alone = {target.get(k, k) for k, e in entities.items() if e.alone}
    for key in [k for k in entities if target.get(k, k) not in alone]:
        del entities[key]


def _drop_families(entities: dict[str, _Entity], text: str) -> None:
    """"the Bidens" beside "Joe Biden": a family, not an entity. And a one-word "person"
    the story also writes in the plural, with no full name it could be the surname of
    ("Oscar" beside "the Oscars"): an award, a brand, a group."""
    people = [e.name for e in entities.values() if e.type == "person"]
    surnames = {n.split(" ")[-1] for n in people if " " in n}
    for key in [k for k, e in entities.items() if " " not in e.name]:
        name = entities[key].name
        family = name.endswith("s") and name[:-1] in surnames
        if family or (entities[key].type == "person" and name not in surnames
                      and _words(text).count(name + "s")):
            del entities[key]


class _Affixes:
    """Names indexed by what they begin and end with at a space ("Russian Foreign
    Ministry" ends with "Foreign Ministry" and "Ministry", begins with "Russian" and
    "Russian Foreign"), each list in the names' order: looking up the longer names a
    short one may stand for then costs its matches, not a pass over every name."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self.ending: dict[str, list[str]] = {}
        self.starting: dict[str, list[str]] = {}
        for value, name in names:
            for i, ch in enumerate(name):
                if ch == " ":
                    self.ending.setdefault(name[i + 1:], []).append(value)
                    self.starting.setdefault(name[:i], []).append(value)

    def ending_with(self, name: str) -> list[str]:
        """Those that end with " " + name."""
        return self.ending.get(name, [])

    def starting_with(self, name: str) -> list[str]:
        """Those that begin with name + " "."""
        return self.starting.get(name, [])


def _folds(entities: dict[str, _Entity]) -> dict[str, str]:
    """spelling key -> the key of the fuller name it folds into."""
    target: dict[str, str] = {}
    name_of = {key: e.name for key, e in entities.items()}
    kind = {key: e.type for key, e in entities.items()}
    curated = {key for key, e in entities.items() if _curated_spelling(e)}
    orgs = {n: k for k, n in name_of.items() if kind[k] == "org" and k not in curated}
    names = _Affixes((k, _unsuffixed(n)) for k, n in name_of.items())
    org_names = _Affixes((n, n) for n in orgs)
    expansions_of: dict[str, list[str]] = {}  # an acronym -> the organisations and places it may stand for
    for k, n in name_of.items():
        if kind[k] in ("org", "place") and " " in n and k not in curated:
            for initials in _initials(n):
                expansions_of.setdefault(initials, []).append(k)
    for key, name in name_of.items():
        entity = entities[key]
        if key in curated:
            # a country's name is the country, unless the story names a person it belongs to
            # and the model never read it as a place ("Jordan" beside "Eddie Jordan")
            fuller = [k for k in names.ending_with(name) if kind[k] == "person"]
            if len(fuller) == 1 and "place" not in entity.said:
                target[key] = fuller[0]
            continue
        if re.fullmatch(r"[A-Z]{2,6}", name):
            expansions = list(dict.fromkeys(expansions_of.get(name, [])))
            if len(expansions) == 1:
                target[key] = expansions[0]
                continue
        if kind[key] == "org" and (longer := _longer_org(name, orgs, org_names)):
            target[key] = longer
            continue
        fuller = [k for k in names.ending_with(name) if k not in curated
                  and (kind[k] == "person" or (kind[key] in ("person", kind[k]) and _person_shaped(name_of[k])))]
        headed = [orgs[n] for n in org_names.starting_with(name) if n[len(name) + 1:] in ORG_HEADS]
        if len(fuller) == 1:
            target[key] = fuller[0]
            if kind[key] == "person":  # "Lopez" said...; "Maria Lopez" was mis-tagged
                entities[fuller[0]].absorb(entity)
        elif kind[key] != "place" and " " not in name and len(headed) == 1:
            target[key] = headed[0]  # "Labour" (tagged as a person) -> "Labour Party"
        elif " " not in name and kind[key] in ("person", "org") and (starting := _started_by(name, key, names, kind)):
            target[key] = starting  # "Jacques" -> "Jacques Villeneuve", "Bayern" -> "Bayern Munich"
            entities[starting].absorb(entity)
    return target


def _unsuffixed(name: str) -> str:
    """A person's name without the suffix after the surname: "Charles H. Keating IV" ends
    with "Keating"."""
    head, _, last = name.rpartition(" ")
    return head if head and last in NAME_SUFFIXES else name


def _started_by(word: str, key: str, names: _Affixes, kind: dict[str, str]) -> str | None:
    """The one longer name of the story that begins with a one-word name: a person's first
    name ("Jacques" -> "Jacques Villeneuve"), an organisation's first word ("Bayern" ->
    "Bayern Munich"). Not a place ("Manchester" is no short "Manchester United")."""
    person = kind[key] == "person"
    longer = [k for k in names.starting_with(word) if (kind[k] == "person") == person]
    return longer[0] if len(longer) == 1 else None


def _curated_spelling(entity: _Entity) -> bool:
    return any(s.lower() in ALIASES for s in entity.spellings)


# -- across a corpus

def corpus_aliases(names: Iterable[str]) -> dict[str, str]:
    """Short person names of a corpus mapped to the one longer name they stand for: "Trump"
    -> "Donald Trump" when the corpus names no other "... Trump" (a story that names Donald
    Trump once and then "Trump" folds them itself; this joins stories that only say "Trump"
    to those that give the full name). For facet counts over many stories."""
    by_last: dict[str, list[str]] = {}
    first_names = set()
    for name in set(names):
        words = name.split(" ")
        if len(words) >= 2:
            by_last.setdefault(words[-1].casefold(), []).append(name)
            first_names.add(words[0].casefold())
    aliases = {}
    for name in set(names):
        fuller = by_last.get(name.casefold(), [])
        # not a first name ("David": "Craig David" and "David Beckham"), and only into a
        # name shaped like a person's ("Mike Nichols' Closer", "South Yorkshire" are not)
        if (" " not in name and len(fuller) == 1 and name.casefold() not in first_names
                and _person_shaped(fuller[0]) and "'" not in fuller[0]
                and not is_demonym(fuller[0].split(" ")[0]) and fuller[0].split(" ")[0].lower() not in DIRECTIONS):
            aliases[name] = fuller[0]
    return aliases


# -- running it

_CITATION_MARK = re.compile(r"\[(?:\d{1,3}|[a-z]|citation needed)\]")


def _pieces(body: str) -> Iterator[str]:
    """The body's paragraphs, as the model reads them: without citation marks ("Nikolai
    Petrov,[3] the mayor", which the model cuts at the mark)."""
    for paragraph in body.split("\n"):
        paragraph = _CITATION_MARK.sub("", paragraph)
        for start in range(0, len(paragraph), MAX_PIECE):
            if paragraph[start:start + MAX_PIECE].strip():
                yield paragraph[start:start + MAX_PIECE]


def extract_entities(bodies: Iterable[str], *, batch_size: int = 256,
                     n_process: int = 1) -> Iterator[dict[str, list[str]]]:
    """Entities of each body, in order. Bodies go through spaCy paragraph by paragraph
    (an entity never spans a line break, and memory stays bounded), in batches; with
    `n_process` > 1, spaCy spreads the batches over that many worker processes. A body
    that is not English gets none: the model reads only English."""
    nlp = load_nlp(model_name())
    texts: dict[int, str] = {}

    def paragraphs() -> Iterator[tuple[str, int]]:
        for number, body in enumerate(bodies):
            texts[number] = body
            if is_english(body):
                for piece in _pieces(body):
                    yield piece, number

    mentions: dict[int, list[Mention]] = {}
    done = 0
    for doc, number in nlp.pipe(paragraphs(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        while done < number:  # every body before this one is complete
            yield normalise(mentions.pop(done, []), texts.pop(done))
            done += 1
        mentions.setdefault(number, []).extend(doc_mentions(doc))
    while done in texts:
        yield normalise(mentions.pop(done, []), texts.pop(done))
        done += 1
