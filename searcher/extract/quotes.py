"""Who said what: the direct quotations in an article's cleaned body, each with its speaker.

Rules on the text and the article's entities, no parser (docs/quotes.md has the
measurements that decided it). Four steps:

1. `quote_spans` pairs the quotation marks (curly, and straight ones told open from close
   by what is beside them), joining a quote that runs on into the next paragraph.
2. `_sentences` splits each paragraph into sentences with the quotes masked, so a full stop
   inside a quote does not end the writer's sentence.
3. `_cues` finds the reporting cues of a sentence ("said", "told reporters", "according
   to", the inverted "said Kirby") and the noun phrase that is their subject.
4. `_Resolver` turns that phrase into a speaker: an entity of the article (a person, an
   organisation, or a country speaking for its government), a pronoun or a role noun
   ("he", "the spokesman") resolved to the nearest fitting person already named, or an
   unnamed source ("an expert"). A sentence quoted whole with no cue is the speaker of the
   paragraph's last cue or quote, or of the paragraph before; a few quoted words in the
   writer's own sentence with no cue there are nobody's.

The word lists below are the rules' evidence, kept apart from the logic as data."""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from ..article import Quote
from . import entity_rules

# -- the rules' words

# Verbs that report speech or writing, as base forms; `_verb_forms` inflects them.
SPEECH_VERBS = (
    "say tell add warn explain insist note claim argue state announce confirm deny admit acknowledge "
    "describe write reply respond ask urge suggest predict comment declare remark recall conclude "
    "stress emphasise emphasize maintain concede complain promise vow pledge testify reveal tweet "
    "express accuse caution allege assert boast concur joke quip reiterate repeat report "
    "observe point continue agree disagree estimate forecast counter retort advise question remind").split()
# Verbs that frame a few quoted words as someone's view ('branded it "deeply flawed"'): a cue
# for the words in their own sentence, but no turn of speech the next quote continues ("Sir
# Edward called the Liberal leader back. ... "The PM said ..."" is not his).
FRAMING_VERBS = ("condemn criticise criticize praise brand dub label hail slam blast welcome dismiss reject call "
                 "mock ridicule deride scorn deem").split()
# Verbs of opinion: 'Mr Bradshaw felt that Mike Leigh's "masterpiece" ...' gives his word.
OPINION_VERBS = "believe think feel".split()
REPORTING_VERBS = SPEECH_VERBS + FRAMING_VERBS + OPINION_VERBS
# Inflections the regular rules get wrong.
IRREGULAR_FORMS = {"say": ("said", "says", "saying"), "tell": ("told", "tells", "telling"),
                   "write": ("wrote", "writes", "writing", "written"), "quip": ("quipped", "quips", "quipping"),
                   "admit": ("admitted", "admits", "admitting"), "point": ("pointed out", "points out", "pointing out", "point out"),
                   "think": ("thought", "thinks"), "feel": ("felt", "feels")}
# Verbs that double their last letter before "-ed" and "-ing".
DOUBLED_FINAL = set("dub slam concur label".split())
# Forms that are far more often nouns ("reports that ...", "a state-owned airline").
NOUN_FORMS = set("report reports reporting comment comments claim claims promise promises pledge pledges vow vows "
                 "estimate estimates forecast forecasts joke jokes tweet tweets state states point points note "
                 "notes repeat counter concern request warning statement continue continues continuing call calls "
                 "brand brands label labels praise blast blasts welcome hail question questions".split())
# Multi-word cues whose subject follows them.
ACCORDING_TO = re.compile(r"\baccording to\b", re.I)
# Words that may stand between a subject and its verb ("Kirby also said", "he has warned").
BETWEEN_SUBJECT_AND_VERB = set(
    "also has had have would will could later previously earlier reportedly then once repeatedly "
    "again further separately publicly privately recently simply just only yesterday today meanwhile "
    "however though too himself herself themselves itself now still already first did does do should might "
    "may must can".split())
# Words before "to" and a reporting verb whose subject is the speaker's: "the EU was keen to
# point out", "Mr Smith went on to say", "she is expected to announce", "he has tried to explain".
CATENATIVE = ("keen quick eager careful anxious happy willing ready expected set due going likely able "
              "try tried tries trying seek sought seeks want wanted wants wanting went go goes continued "
              "moved rushed hastened decided used").split()
# Trailing time words in a subject chunk ("The US on Friday expressed ...").
TIME_PHRASE = re.compile(
    r"(?:,?\s+(?:on|in|at|during|last|this|late|early|earlier|later)?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"morning|afternoon|evening|night|week|weekend|month|year|the day)s?)+$|\s+(?:yesterday|today|tonight)$",
    re.I)

# How much who is named where counts when "he", "she" or "the spokesman" is read (see
# _Resolver._most_salient): grammatical role as in Lappin and Leass's salience factors.
SALIENCE = {"spoke": 100, "subject": 80, "named": 35, "sex_unknown": 0.6}

PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
# Pronouns that stand for an organisation or country ("it said").
ORG_PRONOUNS = {"it"}
# Pronouns after which no one in particular can be named.
VAGUE_PRONOUNS = {"they", "them", "we", "i", "you", "one", "who", "which", "that", "this", "many", "some", "others",
                   "few", "most", "all", "both", "several", "everyone", "nobody", "none"}
HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "lord": "m", "lady": "f", "dame": "f"}

# Nouns naming a person by role. "the spokesman" refers back to someone named; "a
# spokesman" is a source left unnamed. Gender where the word has one.
ROLE_NOUNS = {
    **{w: None for w in (
        "spokesperson spokespeople official officials analyst analysts expert experts source sources "
        "minister ministers secretary chancellor president chair chief director "
        "executive executives manager managers coach boss leader leaders head officer officers "
        "ambassador envoy diplomat diplomats commander general senator governor mayor lawmaker "
        "lawmakers mp mps adviser advisor advisers advisors economist economists researcher researchers "
        "scientist scientists professor lawyer lawyers attorney judge prosecutor prosecutors police "
        "detective inspector witness witnesses resident residents player players captain striker "
        "midfielder defender goalkeeper star singer artist producer founder owner "
        "campaigner campaigners activist activists critic critics observer observers insider insiders "
        "aide aides negotiator negotiators representative representatives member members veteran "
        "teacher doctor doctors nurse worker workers user users customer customers fan fans "
        "author writer editor reporter correspondent journalist organiser organizer organisers "
        "organizers regulator regulators trader traders investor investors dealer dealers strategist "
        "consultant chiefs bosses premier candidate rival rivals opponent opponents cardinal bishop "
        "archbishop pope peer peers constable backbencher backbenchers winger forward "
        "skipper keeper full-back fly-half scrum-half prop flanker hooker batsman bowler rider driver "
        "chairperson headteacher principal youngster teenager athlete sprinter runner boxer golfer cyclist "
        "swimmer jockey trainer referee umpire dj assistant fellow"
    ).split()},
    **{w: "m" for w in "spokesman spokesmen chairman businessman father son husband brother king prince actor man boy "
                      "lad".split()},
    **{w: "f" for w in "spokeswoman spokeswomen chairwoman businesswoman mother daughter wife sister queen "
                      "princess actress woman girl".split()},
}
# Words a subject does not end in: before them the verb form is an adjective or a passive.
NOT_SUBJECT_ENDS = ("the", "a", "an", "of", "to", "in", "on", "for", "with", "by", "at", "is", "was", "are", "were",
                    "be", "been", "being", "and", "or", "not", "its", "their", "his", "her", "our", "my", "your")
# Roles a story seldom names: "the council's spokesperson" it gave no one is someone unnamed,
# not the last person it named (but "the Tory spokesman" is often the frontbencher named).
ANONYMOUS_ROLES = set("spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople source sources insider "
                      "insiders aide aides".split())
# Words that make a role another one: a deputy prime minister is no prime minister.
LESSER_ROLES = set("deputy shadow vice former acting junior assistant ex".split())
# Prepositions after a role noun that begin what the role is of: "the head of the charity".
ROLE_COMPLEMENT = ("for", "of", "at", "from", "with")
# "the spokesman" was named before; "a spokesman", and "his lawyer" (someone's), were not.
DEFINITE = {"the", "this", "that"}
INDEFINITE = {"a", "an", "one", "another", "some", "two", "three", "several", "many", "his", "her", "its", "their",
              "our", "my", "your"}
# Nationality nouns that are shaped like no demonym ("said the Briton").
NATIONALITY_NOUNS = {"Briton", "Scot", "Swiss", "Dane", "Swede", "Finn", "Pole", "Czech", "Turk", "Kiwi", "Aussie",
                     "Argentine", "Thai", "Greek", "Belgian", "Croat", "Serb", "Slovak", "Slovene", "Basque"}
# What may follow a surname and is no surname itself: the entity stage's suffixes and the
# letters of honours and offices ("Michael Mansfield QC", "Jo Swinson MP").
NAME_SUFFIXES = entity_rules.NAME_SUFFIXES | entity_rules.POST_NOMINALS
# Parties named by their members, shaped like a people's name: "say the Conservatives" is the party.
PARTY_NAMES = set("Conservatives Democrats Republicans Liberals Socialists Communists Nationalists Unionists "
                  "Greens".split())
CALENDAR_WORDS = set("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                     "june july august september october november december christmas easter".split())
# "the 20-year-old said": an age stands for a person as a role noun does.
AGE_NOUN = re.compile(r"\d+-year-old")
# Things that speak for whoever's they are: "the Bank's minutes said", "a BBC story claiming".
DOCUMENT_NOUNS = set("statement report study survey story letter memo minutes filing website paper figures data "
                     "document documents analysis release submission motion lawsuit ruling judgment newsletter "
                     "manifesto blog headline editorial article column poster advert advertisement leaflet".split())
# Nouns that, after "the", refer back to an organisation named before ("the company said").
ORG_NOUNS = set("company firm group bank club ministry department agency party union council "
                "organisation organization association commission board authority regulator "
                "network channel broadcaster airline carrier retailer maker manufacturer "
                "team side court institute university charity newspaper paper magazine corporation band station".split())
# Last words of a speaking organisation's name: "the Law Society", "the Select Committee".
# Narrower than the entity stage's ORG_HEADS on purpose: a speaker is a person far more
# often than a company or paper is: with that list "Jim Press said" (a man) became a
# paper's words.
SPEAKER_ORG_HEADS = set("Society Association Council Commission Committee Union Party Institute Foundation Agency "
                        "Authority Board Federation Trust Office Department Ministry Bank Corporation Group "
                        "Organisation Organization Service Court Alliance League Network Centre Center Campaign "
                        "Coalition Forum Confederation Chamber Chambers Company Club Bureau Tribunal Inquiry".split())
# Short words that may be lower case inside a title of a work ("Lord of the Rings"). Fewer
# than the entity stage's TITLE_SMALL_WORDS on purpose: here a capitalised run is a
# speaker's name unless shown otherwise, and with "but", "so" or "yet" among these "But
# Tony Banks, Labour MP, said" lost its speaker.
WORK_TITLE_SMALL_WORDS = set("a an the of and or in on at to for with by from vs".split())

# Quotation marks. Single quotes are not read: in English text an apostrophe and a closing
# single quote are the same character, and news bodies quote in double marks.
OPEN_MARK, CLOSE_MARK, STRAIGHT_MARK = "“", "”", '"'
MARKS = OPEN_MARK + CLOSE_MARK + STRAIGHT_MARK
# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = set("mr mrs ms dr prof st sen rep gov gen lt col capt sgt jr sr no vs inc ltd co corp "
                    "u.s u.k u.n e.u jan feb mar apr jun jul aug sep sept oct nov dec "
                    "maj adm brig cpl pvt spc cmdr cdr sgts".split())  # military ranks ("Maj. Gen. Gary Volesky")


def _verb_forms() -> dict[str, str]:
    """Every inflected form of the reporting verbs -> its base form."""
    forms = {}
    for verb in REPORTING_VERBS:
        if verb in IRREGULAR_FORMS:
            inflected = IRREGULAR_FORMS[verb]
        elif verb in DOUBLED_FINAL:  # "dubbed", "labelled" (and the American "labeled")
            inflected = (verb + verb[-1] + "ed", verb + "ed", verb + "s", verb + verb[-1] + "ing")
        elif verb.endswith("ee"):
            inflected = (verb + "d", verb + "s", verb + "ing")
        elif verb.endswith("e"):
            inflected = (verb + "d", verb + "s", verb[:-1] + "ing")
        elif verb.endswith("y") and verb[-2] not in "aeiou":
            inflected = (verb[:-1] + "ied", verb[:-1] + "ies", verb + "ing")
        elif re.search(r"(?:ss|sh|ch|x)$", verb):
            inflected = (verb + "ed", verb + "es", verb + "ing")
        else:
            inflected = (verb + "ed", verb + "s", verb + "ing")
        for form in (verb, *inflected):
            if form not in NOUN_FORMS:
                forms[form] = verb
    return forms


VERB_FORMS = _verb_forms()
VERB_FORMS.update({form.capitalize(): verb for form, verb in list(VERB_FORMS.items())})  # "Said Williams:"
# The forms NOUN_FORMS leaves out are verbs after a subject pronoun or an adverb that only a
# verb follows: "he claims", "she also notes", "the midfielder still claims".
VERB_AFTER = ("he", "she", "also", "still", "now", "later", "repeatedly", "then")
_NOUN_FORMS_AS_VERBS = {form: base for base in SPEECH_VERBS for form in (base, base + "s")
                        if form in NOUN_FORMS and base not in ("continue", "point")}
VERB_FORMS.update(_NOUN_FORMS_AS_VERBS)
_CUE_WORDS = re.compile(
    r"(?<![\w-])(" + "|".join(sorted((re.escape(f) for f in VERB_FORMS if f not in _NOUN_FORMS_AS_VERBS), key=len,
                                      reverse=True))
    + r"|(?:" + "|".join(rf"(?<=\b{w} )" for w in VERB_AFTER) + r")(?:"
    + "|".join(sorted(_NOUN_FORMS_AS_VERBS, key=len, reverse=True)) + r"))(?![\w-])")


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """first name (lower case) -> "f" or "m", from the table shipped in searcher/data."""
    text = resources.files(__package__).joinpath("data/first_names.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))


# -- 1. quotation marks

@dataclass
class _Span:
    pieces: list[tuple[int, int]]  # (start, end) of the text between the marks, per paragraph
    open_at: int  # the opening mark


def _opens(body: str, i: int) -> bool:
    """A straight mark that opens: after a space, a line start or an opening bracket or dash."""
    before = body[i - 1] if i else "\n"
    after = body[i + 1] if i + 1 < len(body) else "\n"
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


def _single_marks(body: str) -> str:
    """The body with each doubled straight mark (text exported from CSV: '""unconscionable,
    unfair""') made one mark and a space, where the space stands outside the quote: the
    offsets of everything else are unchanged."""
    if '""' not in body:
        return body
    return re.sub(r'(?<=\S)""|""(?=\S)', lambda m: '" ' if m.start() and not body[m.start() - 1].isspace()
                  and not body[m.end():m.end() + 1].isalnum() else ' "', body)


def quote_spans(body: str) -> list[_Span]:
    """Paired quotation marks in the body. A quote left open at the end of a paragraph
    goes on into the next when that one opens with a quotation mark (the newspaper
    convention), and so it does when an opening mark follows the end of a sentence inside
    it (paragraphs run into one line); otherwise it ends with its paragraph. A closing mark
    with no opening one (a garbled text) is ignored; another opening mark while a quote is
    open starts afresh. A doubled straight mark is one mark (see `_single_marks`)."""
    body = _single_marks(body)
    spans: list[_Span] = []
    current: _Span | None = None
    start, resuming = 0, False
    for i, char in enumerate(body):
        if char == "\n":
            if current is not None and not resuming:
                current.pieces.append((start, i))
                resuming = body[i + 1:].lstrip(" \t")[:1] in (OPEN_MARK, STRAIGHT_MARK)
                if not resuming:
                    spans.append(current)
                    current = None
            continue
        if char not in MARKS:
            continue
        if resuming:  # the mark that opens the quote's next paragraph
            start, resuming = i + 1, False
        elif current is None:
            if char == OPEN_MARK or (char == STRAIGHT_MARK and _opens(body, i)):
                current, start = _Span([], i), i + 1
        elif char == OPEN_MARK or (char == STRAIGHT_MARK and body[i - 1].isspace() and _opens(body, i)):
            if re.search(r"[.!?…]['’]?\s+$", body[start:i]):
                # a quoted paragraph run into the next one's line: '... to happen. "Being here ...'
                # (also after a quote inside it: '... and say 'wow.' "My view ...')
                current.pieces.append((start, i))
                start = i + 1
                continue
            if current.pieces:
                spans.append(current)
            current, start = _Span([], i), i + 1
        else:
            current.pieces.append((start, i))
            spans.append(current)
            current = None
    if current is not None:
        if not resuming:
            current.pieces.append((start, len(body)))
        spans.append(current)
    return spans


def _mask(body: str, spans: list[_Span]) -> str:
    """The body with every quote's words blanked out (its last stop kept, so a quote that
    ends a sentence still ends it): the writer's own words are what cues are looked for in."""
    chars = list(body)
    for span in spans:
        for start, end in span.pieces:
            keep = end - 1 if end > start and body[end - 1] in ".!?" else end
            chars[start:keep] = "#" * (keep - start)
    return "".join(chars)


# A short cue after a quote that ends in a full stop, question or exclamation mark (not a
# sentence of its own that reports more words: '"..." He said the question sounded "neutral"',
# '"...?" Mr Milburn replied that ...', '"..." The ONS said a sharp fall ...', '"..." Bob Bryan
# added: "..."').
_AFTER_QUOTE_VERBS = r"(?:said|says|asked|asks|added|adds|told|tells|wrote|writes|explained|insisted|replied|continued|warned)\b"
_REPORTS_MORE = r"that|a|an|it|he|she|they|we|there|this|his|her|their"
_CUE_AFTER_QUOTE = re.compile(
    r"\s+(?:" + _AFTER_QUOTE_VERBS + rf"(?!\s+(?:{_REPORTS_MORE})\b)"  # '"..." said the spokesman.'
    # with its subject first, a verb followed by "the" reports more: '"..." Mark Hendrix said the settlement ...'
    + r"|(?:[\w’'.-]+\s+){1,5}?" + _AFTER_QUOTE_VERBS + rf"(?!\s+(?:{_REPORTS_MORE}|the)\b)"
    + r")[^.!?#“”\":]{0,40}[.!?,]")
_SENTENCE_END = re.compile(r"[.!?]['’]?[”\"]?(?=\s+[“\"(\[A-Z0-9])")


def _sentences(masked: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of each paragraph, in the masked body."""
    found = []
    offset = 0
    for paragraph in masked.split("\n"):
        start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            word = re.search(r"(?<![’'])([\w.]+)\.$", paragraph[:match.start() + 1])
            if match.group()[0] == "." and word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1):
                continue  # "Mr. Smith", "U.S. officials", "John F. Kennedy" (not "Standard & Poor's.")
            if match.group()[-1] in MARKS and _CUE_AFTER_QUOTE.match(paragraph, match.end()):
                continue  # '"How can you be happy?" Dechy said.': the cue ends the sentence
            found.append((offset + start, offset + match.end()))
            start = match.end()
        if paragraph[start:].strip():
            found.append((offset + start, offset + len(paragraph)))
        offset += len(paragraph) + 1
    return found


# -- 2. the article's entities as they are written in the text

@dataclass
class _Mention:
    start: int
    end: int
    name: str  # the article's canonical name
    type: str  # person, org, place
    subject: bool = False  # it opens its clause ("McLeish admitted ...", not "... to Roux's side")


@lru_cache(maxsize=1)
def _aliases_of() -> dict[tuple[str, str], list[str]]:
    """(canonical name, type) -> the other spellings the entity stage knows for it."""
    from .entities import ALIASES

    found: dict[tuple[str, str], list[str]] = {}
    for spelling, key in ALIASES.items():
        found.setdefault(key, []).append(spelling)
    return found


def _spellings(name: str, typ: str) -> set[str]:
    """How the story may write an entity of this canonical name."""
    words = name.split()
    spellings = {name}
    while len(words) > 2 and words[-1].rstrip(".") in NAME_SUFFIXES:
        words = words[:-1]  # "Walter M Phillips Jr" is "Phillips", not "Jr"
    if typ == "person" and len(words) >= 2 and words[-1][:1].isupper():
        spellings.add(words[-1])  # "Kirby" for "John Kirby"
    if typ == "org":
        national = re.match(r"(?:U\.S\.|US|UK|the) (.+)", name)
        if national:
            spellings.add(national.group(1))  # "State Department" for "U.S. State Department"
        capitals = [w for w in words if w[:1].isupper()]
        if len(capitals) >= 2:
            spellings.add("".join(w[0] for w in capitals))  # "RUSI", "ISW"
    spellings.update(_aliases_of().get((name, typ), ()))
    return {s for s in spellings if len(s) >= 2}


def _name_shaped(name: str) -> bool:
    """Two or three capitalised words, none the head of an organisation's name."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words) \
        and not any(w in SPEAKER_ORG_HEADS for w in words)


def _person_shaped(name: str) -> bool:
    """Two or three capitalised words, the first a known first name and not a rank, none the
    head of an organisation's name: a person whatever the entity stage typed it ("Sven-Goran
    Eriksson", not "General Motors")."""
    first = name.split()[0]
    return _name_shaped(name) and first.split("-")[0].lower() in first_name_genders() and first.lower() not in ROLE_NOUNS


def _mentions(body: str, entities: dict[str, list[str]]) -> list[_Mention]:
    """Every place the body names one of the article's entities, leftmost longest first.
    A spelling that is also a common word ("US" and "us") counts only when capitalised. A
    surname several people share ("Blair") is the one whose full name came last, of the
    sex an honorific says ("Mr Blair")."""
    names: dict[str, list[tuple[str, str]]] = {}
    fuller = {typ: _fuller_names(entities.get(typ, [])) for typ in ("person", "org")}
    titled = [m.end() for m in _TITLED.finditer(body)] if entities.get("org") else []
    # one-word places and organisations: a person's first name among them is the story calling them by it
    other_types = {n for typ in ("place", "org") for n in entities.get(typ, []) if " " not in n}
    first_names = [n.split()[0] for n in entities.get("person", []) if " " in n
                   and n.split()[0].lower() in first_name_genders()]
    other_types = {n for n in other_types if first_names.count(n) == 1}
    people = [n for n in entities.get("person", []) if " " in n]
    for typ in ("place", "org", "person"):
        for name in entities.get(typ, []):
            titled_name = re.fullmatch(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lady|Dame|Prof)\.?\s+(.+)", name)
            ending = [p for p in people if titled_name and p.endswith(" " + titled_name.group(1))]
            if typ != "person" and len(ending) == 1:  # "Mr de Vabres", however typed, is Renaud Donnedieu de Vabres
                names.setdefault(name.casefold(), []).insert(0, (ending[0], "person"))
                continue
            if typ == "person" and " " not in name and _is_role_word(name):
                continue  # "Judges should think ...": a role noun opening a sentence, no one's name
            if name in fuller.get(typ, {}):  # "Sir Ian" beside "Ian Blair", "the Bank" beside "Bank of England"
                names.setdefault(name.casefold(), []).append((fuller[typ][name], typ))
                continue
            # "Graeme Souness" tagged as an organisation, "Cardinal Cormac Murphy-O'Connor",
            # "the party's leader, Nicola Sturgeon": as a speaker, a person
            kind = "person" if typ == "org" and (
                _person_shaped(name) or any(body.startswith(name, at) for at in titled)
                or _name_shaped(name) and _after_role(body, name)) else typ
            spellings = _spellings(name, kind)
            if kind == "person" and name.count(" ") and name.split()[0] in other_types:
                spellings.add(name.split()[0])  # "Karim replied" of "Karim Wasifi", "Karim" typed a place
            for spelling in spellings:
                known = names.setdefault(spelling.casefold(), [])
                if kind == "person" and known and known[0][1] != "person":
                    known.clear()  # a name that is two types is a person
                if (name, kind) not in known and (kind == "person" or not known):
                    known.append((name, kind))
    heads = [(name.split()[0], name) for name in entities.get("org", [])
             if re.fullmatch(r"\S+ (?:of|for) .+", name) and name.split()[0] in SPEAKER_ORG_HEADS]
    for head, name in heads:  # "the Bank" for "Bank of England", when no other organisation is a Bank
        if [h for h, _ in heads].count(head) == 1 and head.casefold() not in names:
            names[head.casefold()] = [(name, "org")]
    if not names:
        return []
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(s) for s in sorted(names, key=len, reverse=True))
                         + r")(?![\w])", re.I)
    table = first_name_genders()
    last_full: dict[str, int] = {}
    found = []
    for match in pattern.finditer(body):
        choices = names[match.group().casefold()]
        if not (match.group()[:1].isupper() or match.group()[:1].isdigit()
                or match.group() in (name for name, _ in choices)):  # "al-Zarqawi", as the entities spell it
            continue
        if len(choices) > 1:
            honorific = re.search(r"(\w+)\.?\s+$", body[max(0, match.start() - 6):match.start()])
            sex = HONORIFIC_GENDER.get(honorific.group(1).lower()) if honorific else None
            fitting = [c for c in choices if sex is None or table.get(c[0].split()[0].lower()) in (sex, None)]
            choices = sorted(fitting or choices, key=lambda c: -last_full.get(c[0], -1))
        name, typ = choices[0]
        if " " in match.group():
            last_full[name] = match.start()
        if body[match.end():match.end() + 1] == "-":
            continue  # "the Newport-based athlete", "a London-born actor": a word of a description
        found.append(_Mention(match.start(), match.end(), name, typ, _opens_clause(body, match.start())))
    return found


# A title that only a person bears, before a name.
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame|Cardinal|Bishop|Archbishop|Rev|Father)\.?\s+"
                     r"(?:[A-Z][\w’'-]+\s+)?")


def _after_role(body: str, name: str) -> bool:
    """The body writes the name right after a role noun: "leader, Nicola Sturgeon", "director Ridley Scott"."""
    at = body.find(name)
    while at > 0:
        before = body[max(0, at - 30):at].rstrip(" ,").rsplit(None, 1)
        if before and before[-1].lower() in ROLE_NOUNS:
            return True
        at = body.find(name, at + 1)
    return False


def _fuller_names(names: list[str]) -> dict[str, str]:
    """One-word names that begin exactly one longer name of the same type -> that name
    (not an acronym: "BBC" is a name of its own beside "BBC Radio")."""
    return {name: longer[0] for name in names if " " not in name and not name.isupper()
            and len(longer := [f for f in names if f.startswith(name + " ")]) == 1}


def _opens_clause(body: str, start: int) -> bool:
    """Only capitalised words, role nouns and articles between the clause's start and here."""
    # a closing mark ends a clause only after the quote's own stop ('"...," Moore said', not
    # 'were not "snubbing" Moore's film')
    before = body[max(0, start - 120):start]
    boundaries = list(re.finditer(r"(?:[.!?;:,\n]|[.!?,]['’]?[”\"])\s", before))
    lead = before[boundaries[-1].end():] if boundaries else before
    if not lead.strip() and boundaries and boundaries[-1].group()[0] == "," \
            and re.search(r"[A-Z][\w’'-]*$", before[:boundaries[-1].start()]) \
            and re.match(r"(?:[A-Z][\w’'.-]*\s?)+(?:,|\s*and\s)", body[start:start + 80]):
        return False  # an item of a list of names ("beating Annette Bening, Kate Winslet and ...")
    return all(w[:1].isupper() or w.lower() in ROLE_NOUNS or w.lower() in DEFINITE | INDEFINITE
               for w in lead.split())


# -- 3. reporting cues and their subjects

@dataclass
class _Cue:
    start: int  # where the cue and its subject begin (the subject comes first unless inverted)
    end: int  # where they end
    text: str  # "said", "told reporters", "according to"
    subject: tuple[int, int, str] | None  # (start, end, how to read it: "end", "start" or "clause")
    sentence: int = 0  # where its sentence starts
    resolved: tuple | None = None
    embedded: bool = False  # inside the words an earlier cue of its sentence reports ("X said Y had announced")
    verb: str = ""  # the reporting verb's base form ("" for "according to")


# A name right after a verb: the subject of an inverted cue ("Not least, said Paul King, ...").
_NAME_AFTER = re.compile(r"\s+(?!(?i:" + "|".join(CALENDAR_WORDS) + r")\b)(?:"
                         r"(?:the\s+)?(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Prof)\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}[,.]"
                         # "said David Anders at Merrill Lynch": a full name, then where they are from
                         r"|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}\s+(?:at|of|from|for|with)\s)")
# A sentence that opens with a conjunction and a reporting verb: "And continued: ...".
_ELIDED_SUBJECT = re.compile(r"(?:^|[.!?:][”\"]?\s+)\s*(And|But|Then)\s+$")
# "Reuters quoted one trader as saying": the one quoted speaks.
_QUOTED_AS = re.compile(r"\b(?:quoted|quotes|quoting|cited|cites|citing)\s+((?:[^\s,.;:#]+\s+){1,6}?)as\s+$")
# "Mr Dixon (was) quoted as saying": who is quoted speaks.
_QUOTED_PASSIVE = re.compile(r"(?:\s+(?:was|is|were|being|been))?\s+(?:quoted|cited)\s+as\s+$")
# "he is seen asking", "Smith was heard saying": who is seen or heard speaks.
_SEEN_DOING = re.compile(r"\s*(.*?)\s*(?:is|was|are|were|has been|had been|can be)\s+(?:seen|heard|filmed|recorded|shown)\s+$")
# "Mr Houston is alleged to have said": who is said to have spoken.
_RAISED = re.compile(r"\s+(?:is|was|are|were)\s+(?:alleged|said|reported|understood|thought|believed|known|claimed|"
                     r"reputed)\s+to\s+have\s+$")
# "was keen to point out", "went on to say": the phrase before is the subject (see CATENATIVE).
_CATENATIVE = re.compile(r"(?:\s+(?:is|was|are|were|be|been|has|have|had))*\s+(?:" + "|".join(CATENATIVE)
                         + r")(?:\s+on)?\s+to\s+$")
# A sentence that opens "For <someone named>," gives that person's view: "For Jupiter analyst
# Jane Smith, the decision was an error", "But for Mr Weiner, ..."; not "For the first time,".
_FOR_SOMEONE = re.compile(r"\s*(?:(?:But|And|Yet)\s+)?[Ff]or\s+((?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Prof)\.?\s+)?"
                          r"(?:[A-Z][\w’'-]+\s+|[a-z]+\s+){0,4}?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)(?=,)")
# A sentence that opens with an "-ing" clause: "While saying ...,", "After telling ...,".
_OPENING_ADVERBIAL = re.compile(r"\s*(?:while|when|after|before|by|on|in|without|despite|since)?\s*", re.I)
# "leading him to quip", "forced Smith to admit": who is to speak comes before "to".
_TO_SPEAK = re.compile(r"\b(him|her|them|[A-Z][\w’'-]+)\s+to\s+$")
# Where the phrase before a verb that is its subject begins.
_CHUNK_BREAK = re.compile(r"[,;:()“”\"#]|\s[—–-]\s|\b(?:and|but|that|while|as|when|because|after|before|if|so)\s", re.I)
_WORD = re.compile(r"[\w’'.-]+")
# A passive cue ("was branded", "were described as") and its agent ("by the Conservatives").
_PASSIVE = re.compile(r"\b(?:is|was|were|are|been|being|be)\s*$", re.I)
_PASSIVE_AGENT = re.compile(r"\bby\s+(?!(?:the\s+)?(?:way|time|end|far|then|now)\b|[a-z]\w*ing\b)")
# "he" or "she" opening a clause: the subject of an "-ing" cue's clause.
_CLAUSE_PRONOUN = re.compile(r"(?:^\s*|(?<=[.,;:])\s+|\b(?:and|but|then|so|And|But|Then|So)\s+)(he|she|He|She)\b")


def _chunk_before(masked: str, lo: int, hi: int) -> int:
    """Start of the phrase that ends at `hi` (no further back than `lo`)."""
    last = lo
    for match in _CHUNK_BREAK.finditer(masked, lo, hi):
        last = match.end()
    return last


_PHRASE_END = re.compile(r"[,;:()“”\"#.]|\s[—–-]\s")


def _chunk_after(masked: str, lo: int, hi: int) -> int:
    """End of the phrase that starts at `lo` (no further than `hi`)."""
    for match in _PHRASE_END.finditer(masked, lo, hi):
        word = re.search(r"([\w.]+)\.$", masked[lo:match.start() + 1]) if match.group() == "." else None
        if not (word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1)):
            return match.start()  # not the stop of "Maj. Gen. Gary J. Volesky"
    return hi


def _strip_tail(text: str, start: int, end: int) -> int:
    """`end` moved back over words between a subject and its verb and over time phrases."""
    while True:
        chunk = text[start:end].rstrip()
        stripped = TIME_PHRASE.sub("", chunk)
        last = re.search(r"(\S+)$", stripped)
        if last and last.group(1).lower() in BETWEEN_SUBJECT_AND_VERB:
            stripped = stripped[:last.start()].rstrip()
        if len(stripped) == len(chunk):
            return start + len(chunk)
        end = start + len(stripped)


def _cues(masked: str, start: int, end: int) -> list[_Cue]:
    """The reporting cues in one sentence, with where their subjects are."""
    cues = []
    for match in ACCORDING_TO.finditer(masked, start, end):
        stop = _chunk_after(masked, match.end(), end)
        cues.append(_Cue(match.start(), stop, "according to", (match.end(), stop, "start")))
    for match in _CUE_WORDS.finditer(masked, start, end):
        verb = VERB_FORMS[match.group()]
        # a subject does not reach back over an earlier cue: "X said talks revealed" ("talks")
        phrase_start = _chunk_before(masked, start, match.start())
        chunk_start = max([phrase_start] + [c.end for c in cues if c.text != "according to" and c.end <= match.start()])
        subject_end = _strip_tail(masked, chunk_start, match.start())
        text, cue_end = match.group(), match.end()
        if verb == "tell":  # "told reporters", "told the BBC"
            object_end = _chunk_after(masked, match.end(), end)
            words = masked[match.end():object_end].split()
            taken = []
            for word in words[:5]:
                if taken and word.lower() in ("in", "on", "at", "that", "during", "after", "before", "last", "this",
                                              "earlier", "later", "separately", "yesterday", "today", "by", "of", "to"):
                    break
                taken.append(word)
            if taken:
                text = f"{text} {' '.join(taken)}"
                cue_end = masked.index(taken[-1], match.end()) + len(taken[-1])
        seen = _SEEN_DOING.search(masked, chunk_start, match.start()) if match.group().endswith("ing") and \
            masked[max(start, match.start() - 12):match.start()].rstrip().endswith(
                ("seen", "heard", "filmed", "recorded", "shown")) else None
        if seen:  # "he is seen asking": who is seen ("Mr Livingstone, who ..., is heard asking": the one before the aside)
            subject = (seen.start(1), seen.end(1), "end") if seen.group(1).strip() else (start, chunk_start, "appositive")
            cues.append(_Cue(subject[0] if seen.group(1).strip() else match.start(), cue_end, text, subject))
            continue
        lead = masked[max(start, match.start() - 12):match.start()].rstrip()
        raised = _RAISED.search(masked, chunk_start, match.start()) if lead.endswith("have") else None
        if raised:  # "Mr Houston is alleged to have said": who is alleged to
            subject = (chunk_start, raised.start(), "end") if masked[chunk_start:raised.start()].strip() \
                else (start, chunk_start, "appositive")
            cues.append(_Cue(subject[0] if subject[2] == "end" else match.start(), cue_end, text, subject))
            continue
        quoted_as = _QUOTED_AS.search(masked, start, match.start()) if lead.endswith("as") else None
        if quoted_as:
            cues.append(_Cue(quoted_as.start(1), cue_end, text, (quoted_as.start(1), quoted_as.end(1), "end")))
            continue
        quoted_passive = _QUOTED_PASSIVE.search(masked, start, match.start()) if lead.endswith("as") else None
        if quoted_passive:  # "with Mr Dixon quoted as saying": who is quoted
            chunk = _chunk_before(masked, start, quoted_passive.start())
            cues.append(_Cue(chunk, cue_end, text, (chunk, quoted_passive.start(), "end")))
            continue
        to_speak = _TO_SPEAK.search(masked, start, match.start()) if lead.endswith("to") else None
        if to_speak:
            cues.append(_Cue(to_speak.start(1), cue_end, text, (to_speak.start(1), to_speak.end(1), "end")))
            continue
        catenative = _CATENATIVE.search(masked, chunk_start, match.start()) if lead.endswith("to") else None
        if catenative and masked[chunk_start:catenative.start()].strip():
            cues.append(_Cue(chunk_start, cue_end, text, (chunk_start, catenative.start(), "end")))
            continue
        comma = masked.find(",", match.end(), end)
        if match.group().endswith("ing") and comma > 0 and _OPENING_ADVERBIAL.fullmatch(masked, start, match.start()):
            # "While saying he admired ..., he criticised": the subject of the clause after it
            cues.append(_Cue(match.start(), match.end(), text, (comma + 1, end, "clause")))
            continue
        in_chunk = [c for c in cues if phrase_start <= c.start and c.end <= match.start() and c.subject
                    and c.subject[2] != "start"] if match.group().endswith("ing") else []
        if in_chunk:  # "Taylor wrote to the watchdog saying": the subject of "wrote", not "the watchdog"
            cues.append(_Cue(match.start(), cue_end, text, in_chunk[-1].subject))
            continue
        elided = _ELIDED_SUBJECT.search(masked[start:match.start()])
        if elided:  # "And continued: ...": the subject left out is the previous sentence's
            conjunction = start + elided.start(1)
            cues.append(_Cue(conjunction, cue_end, text, (conjunction, match.start(), "end")))
            continue
        if match.group().endswith("ing") and re.search(r"\b(?:for|after|before|by|while|when|without|on)\s*$",
                                                       masked[chunk_start:subject_end], re.I):
            # "fined for calling a referee 'a disgrace'": the clause's subject speaks
            cues.append(_Cue(match.start(), match.end(), text, (start, match.start(), "clause")))
            continue
        if re.search(r"\b(?:" + "|".join(NOT_SUBJECT_ENDS) + r")\s*$", masked[chunk_start:subject_end], re.I):
            agent = _PASSIVE_AGENT.search(masked, match.end(), end) if _PASSIVE.search(
                masked, chunk_start, subject_end) else None
            if agent:  # 'were labelled a "big misjudgement" by the Conservatives': the agent speaks
                stop = _chunk_after(masked, agent.end(), end)
                cues.append(_Cue(match.start(), cue_end, text, (agent.end(), stop, "start")))
            continue  # "the reported income", "is expressed": the verb form is no cue here
        if masked[chunk_start:subject_end].strip():
            cues.append(_Cue(chunk_start + len(masked[chunk_start:subject_end]) - len(masked[chunk_start:subject_end].lstrip()),
                             cue_end, text, (chunk_start, subject_end, "end")))
            continue
        # Nothing before the verb in its phrase: the subject follows it ("," said Kirby"),
        # or it is further back ("Kirby, a spokesman, said"; "Kirby spoke, adding that").
        before = masked[start:match.start()].rstrip(" ,")
        if re.search(r"\b(?:and|but)(?:\s+(?:has|had|have|also|later|then))*$", before):
            # "Fox accused Labour of ... and said": the clause's subject; "he said ... and
            # labelled awards ceremonies 'idiotic'": the subject of the cue it is joined to
            joined = [c for c in cues if c.end <= match.start() and c.subject and c.subject[2] != "start"]
            subject = joined[-1].subject if joined else (start, match.start(), "clause")
            cues.append(_Cue(match.start(), cue_end, text, subject))
            continue
        if verb not in ("tell", "ask", "urge", "accuse") and not match.group().endswith("ing") and (
                before.endswith(("”", '"', "#")) or not before or _NAME_AFTER.match(masked, match.end())):
            stop = _chunk_after(masked, match.end(), end)
            cues.append(_Cue(match.start(), stop, text, (match.end(), stop, "start")))
        elif match.group().endswith("ing"):
            # "Sir John said ..., adding that": the subject of the cue it follows; else its clause's
            joined = [c for c in cues if c.end <= match.start() and c.subject and c.subject[2] != "start"]
            cues.append(_Cue(match.start(), cue_end, text, joined[-1].subject if joined else (start, chunk_start, "clause")))
        else:
            cues.append(_Cue(match.start(), cue_end, text, (start, chunk_start, "appositive")))
    fronted = _FOR_SOMEONE.match(masked, start, end)
    if fronted:  # "For analyst Jane Smith, the plan is "a mistake"": her view
        cues.append(_Cue(fronted.start(1), fronted.end(1), "for", (fronted.start(1), fronted.end(1), "start")))
    for colon in re.finditer(r":\s*(?=[“\"#])", masked[start:end]):
        at = start + colon.start()
        if not any(c.start < at for c in cues) and len(masked[start:at].split()) <= 8:
            # 'BBC Two controller Roly Keating: "It's an exciting new era ..."': a name, a colon, the words
            cues.append(_Cue(start + len(masked[start:at]) - len(masked[start:at].lstrip()), at + 1, "",
                             (start, at, "end")))
    cues.sort(key=lambda c: c.start)
    for cue in cues:
        cue.sentence = start
        cue.verb = VERB_FORMS.get(cue.text) or VERB_FORMS.get(cue.text.split(" ")[0], "")
        # not ", telling ...", ", adding ...": a participle goes on with its sentence's subject
        cue.embedded = not cue.text.split(" ")[0].endswith("ing") and any(
            earlier.end <= cue.start and earlier.text != "according to" and "#" not in masked[earlier.end:cue.start]
            and not _NEW_CLAUSE.search(masked, earlier.end, cue.start)
            for earlier in cues)
    return cues


# -- 4. from a subject to a speaker

class _Candidate(NamedTuple):
    """Someone "he", "she" or "the spokesman" may refer back to."""

    at: int
    name: str
    type: str  # person or unnamed
    gender: str | None
    spoke: bool  # the subject of a cue, or a quote's speaker
    subject: bool  # named where a clause opens
    end: int


class _RoleGiven(NamedTuple):
    """A place the story uses a role noun ("Home Secretary Charles Clarke", "a spokesman")."""

    at: int
    modifier: str | None  # the word before the role noun, lower case ("home" of "home secretary")
    person: str | None  # whom it is given to, when named beside it
    phrase: str  # from its determiner to the role noun
    introduces: bool  # "a spokesman", "the PM's spokesman": someone the story leaves unnamed
    lesser: bool  # "Deputy Prime Minister John Prescott", "the shadow chancellor": not the role itself


Speaker = tuple  # (speaker, speaker_type) -- (None, None) when nobody is named


class _Resolver:
    """Reads subjects as speakers, remembering who has been named and who has spoken so far
    (what "he", "she" and "the spokesman" refer back to)."""

    def __init__(self, body: str, masked: str, mentions: list[_Mention],
                 sentence_starts: list[int] | None = None) -> None:
        self.body, self.masked = body, masked
        # mentions in the writer's own words (a name inside a quote does not speak)
        self.mentions = [m for m in mentions if "#" not in masked[m.start:m.end]]
        self.speakers: list[tuple[int, str, str, str | None]] = []  # (position, speaker, type, gender)
        self.genders = self._genders()
        self.cues: list[_Cue] = []  # every cue of the body, in order (set by extract_quotes)
        self.sentence_starts = sentence_starts or [0]
        self.sentence_spans = list(zip(self.sentence_starts, self.sentence_starts[1:] + [len(masked)]))
        self.sentence_starts_set = {s + len(masked[s:s + 20]) - len(masked[s:s + 20].lstrip()) for s in self.sentence_starts}
        self._resolved_upto = 0  # cues before this index have been resolved, in order
        self._roles: dict[str, list[_RoleGiven]] = {}  # role noun -> where the story gives it

    def _genders(self) -> dict[str, str]:
        """person name -> "f" or "m": from an honorific before it ("Mr Kirby"), else its first name."""
        table = first_name_genders()
        genders = {}
        for mention in self.mentions:
            if mention.type != "person" or mention.name in genders:
                continue
            honorific = re.search(r"(\w+)\.?\s+$", self.body[max(0, mention.start - 6):mention.start])
            if honorific and honorific.group(1).lower() in HONORIFIC_GENDER:
                genders[mention.name] = HONORIFIC_GENDER[honorific.group(1).lower()]
            elif len(mention.name.split()) >= 2 and mention.name.split()[0].split("-")[0].lower() in table:
                genders[mention.name] = table[mention.name.split()[0].split("-")[0].lower()]
        return genders

    def spoke(self, position: int, speaker: Speaker) -> None:
        if speaker[0] and speaker[1] in ("person", "unnamed"):
            self.speakers.append((position, *speaker, self._gender(*speaker)))

    def _gender(self, name: str, typ: str) -> str | None:
        if typ == "person":
            return self.genders.get(name)
        return next((ROLE_NOUNS[w] for w in name.lower().split() if ROLE_NOUNS.get(w)), None)

    def resolve(self, cue: _Cue) -> Speaker:
        if cue.resolved is None:
            cue.resolved = self._resolve(cue)
        return cue.resolved

    def _resolve(self, cue: _Cue) -> Speaker:
        if cue.subject is None:
            return None, None
        start, end, how = cue.subject
        if how == "end":
            # a pronoun after the quote or the reported words ("..., he added") is not anyone
            # named inside them: "But Mr Blair had been 'hurt', he added" is not Blair
            reported = cue.sentence if self.masked[:start].rstrip().endswith((",", "”", '"')) else None
            return self._ending_at(start, end, cue.start, reported, self._object_of(cue))
        if how == "start":
            return self._starting_at(start, end, cue.start)
        if how == "clause":
            return self._first_named(start, end, cue.start)
        return self._appositive(start, end, cue.start)

    def _in(self, start: int, end: int) -> list[_Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def _object_of(self, cue: _Cue) -> frozenset[str]:
        """Whom the cue's verb is said to ("he asked Mr Myers", "she told Smith"): the one
        person a pronoun subject of that verb cannot be."""
        verb_end = cue.end - len(cue.text) + len(cue.text.split(" ")[0]) if cue.text else cue.end
        return frozenset(m.name for m in self.mentions if m.type == "person" and verb_end < m.start and re.fullmatch(
            r"\s+(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame|Prof)\.?\s+)?", self.masked[verb_end:m.start]))

    def _ending_at(self, start: int, end: int, at: int, sentence: int | None = None,
                   not_them: frozenset[str] = frozenset()) -> Speaker:
        """The subject phrase right before its verb: its last word is its head."""
        end = _strip_tail(self.masked, start, end)
        words = list(_WORD.finditer(self.masked, start, end))
        if not words:
            return None, None
        last = words[-1].group().lower()
        if last in ("who", "which") and len(words) > 1:  # "by the Conservatives who said": the one before
            first = len(words) - 1
            while first > 0 and (words[first - 1].group()[:1].isupper()
                                 or words[first - 1].group().lower() in ROLE_NOUNS.keys() | DEFINITE | INDEFINITE):
                first -= 1
            if first < len(words) - 1:
                return self._ending_at(words[first].start(), words[-2].end(), at, sentence)
        if last in ("who", "which") and len(words) == 1:  # "Pullman, who had told him": the one named before
            named = [m for m in self.mentions if m.end <= start and re.fullmatch(r",\s*", self.masked[m.end:start])]
            if named:
                return named[-1].name, named[-1].type
        if last in PRONOUN_GENDER or last in ORG_PRONOUNS or last in VAGUE_PRONOUNS:
            return self._pronoun(last, words[-1].start(), sentence, not_them)
        if len(words) == 1 and last in ("and", "but", "then"):
            return self._person_before(at, None)  # "And continued: ...": the subject left out
        if len(words) == 2 and words[0].group().lower() == "the" and _nationality(words[1].group()):
            return self._common_noun_phrase(words, start, at)  # "the Dutchman said", whatever NER made of it
        mentions = self._in(start, end)
        people = [m for m in mentions if m.type == "person"]
        first = words[0].group()
        if not people and (first[:1].islower() and first.lower() not in DEFINITE | INDEFINITE
                           or any(w.group().lower() in ROLE_NOUNS for w in words)):
            named = [m for m in self.mentions if m.type == "person" and m.end <= start
                     and re.fullmatch(r",\s*", self.masked[m.end:start])]
            if named:  # "John Houlihan, editor of Computerandvideogames.com told BBC News"
                return named[-1].name, "person"
            written = re.search(r"\b([A-Z][a-z]+(?:\s+[A-Z][\w’'-]+){1,2}),\s*$", self.masked[max(0, start - 60):start])
            if written and written.group(1).split()[0].lower() in first_name_genders():
                return written.group(1), "person"  # "Will Davies, senior fellow at the IPPR, told": a name the entities missed
        if mentions and words[-1].group().lower() in DOCUMENT_NOUNS and mentions[-1].type != "place" \
                and not any(w.group().lower() in ROLE_NOUNS for w in words) \
                and re.fullmatch(r"(?:['’]s)?(?:\s+[a-z][\w-]*)*\s+", self.masked[mentions[-1].end:words[-1].start()]):
            return mentions[-1].name, mentions[-1].type  # "the Bank's minutes said", "a BBC story claiming"
        if (owned := _owned_name([w.group() for w in words])) and not any(p.name.endswith(owned) for p in people):
            return self._person_named(owned.split())  # "Deutsche Bank's Simon Champion said"
        if mentions and mentions[-1].end >= words[-1].end() - 3:  # the phrase ends in a name ("'s" aside)
            named = people[-1] if people and people[-1].end >= words[-1].start() else mentions[-1]
            before = [w for w in words if w.end() <= named.start]
            headed = [i for i, (role, following) in enumerate(zip(before, before[1:]))
                      if role.group().lower() in ROLE_NOUNS and following.group().lower() in ROLE_COMPLEMENT]
            if headed and (named.type != "person" or re.fullmatch(
                    r"\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+and\s+)?", self.masked[before[headed[-1] + 1].end():named.start])):
                # "a spokeswoman for the National Security Council", "the MP for Sittingbourne
                # and Sheppey", "the wife of John Smith": the role speaks, not whom it is of
                return self._role_phrase(words[:headed[-1] + 1], at, end, {m.name for m in mentions})
            return named.name, named.type
        if people and all(w.group()[:1].isupper() for w in words if w.start() >= people[-1].end):
            return people[-1].name, "person"  # "District Attorney Bruce L Castor Jr", of whom the entities have "Bruce L"
        return self._common_noun_phrase(words, start, at)

    def _starting_at(self, start: int, end: int, at: int) -> Speaker:
        """The subject phrase after the verb (", said Kirby", "according to the Kremlin")."""
        words = list(_WORD.finditer(self.masked, start, end))
        if not words:
            return None, None
        first = words[0].group().lower()
        if first in PRONOUN_GENDER or first in ORG_PRONOUNS or first in VAGUE_PRONOUNS:
            return self._pronoun(first, words[0].start())
        # the phrase's head comes before "of", "at", "from", ...: "Kelly of the EOS Risk Group"
        head_end = end
        for word in words[1:]:
            if word.group() in ("of", "at", "from", "for", "with", "who", "in", "on", "to", "which", "and"):
                head_end = word.start()
                break
        mentions = self._in(start, head_end)
        people = [m for m in mentions if m.type == "person"]
        head = [w for w in words if w.start() < head_end]
        if (owned := _owned_name([w.group() for w in head])) and not any(p.name.endswith(owned) for p in people):
            return self._person_named(owned.split())  # "says Deutsche Bank's Simon Champion"
        joined = [m for m in self._in(head_end, end) if m.type == "person"
                  and re.fullmatch(r"\s*and\s+(?:[\w-]+\s+){0,4}", self.masked[head_end:m.start])]
        if not people and head[-1].group().lower() in ROLE_NOUNS and joined:
            return joined[0].name, "person"  # "said Nortel president and chief executive Bill Owens"
        if not people and head[-1].group().lower() in ROLE_NOUNS:
            mentions = []  # "said a Home Office spokesman": someone speaking for it, unnamed
        for group in (people, [m for m in mentions if m.type == "org"], mentions):
            if group:
                return group[-1].name, group[-1].type
        named_after = [m for m in self.mentions if m.type == "person" and end <= m.start
                       and re.fullmatch(r",\s*(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame|Prof)\.?\s+)?", self.masked[end:m.start])]
        if named_after:  # "said the festival's executive director, Craig Prater"
            return named_after[0].name, "person"
        return self._common_noun_phrase(head, start, at, description_end=end)

    def _first_named(self, start: int, end: int, at: int) -> Speaker:
        """The subject of the clause an "-ing" cue hangs on ("Nebenzia pushed back, telling
        ...", "He ruled out free care in England, saying ..."): the first person or pronoun
        that opens a clause, else the first person named, else the first name. A clause that
        opens with a phrase of no name whose head is a role, a document or a people ("Church
        ministers are trying to stop Nelly ..., saying", "The poster shows Mr Howard ...,
        saying", "The Argentine had ... by saying") has that phrase for its subject."""
        mentions = self._in(start, end)
        opening = _opening_phrase(list(_WORD.finditer(self.masked, start, end)))
        if opening and not self._in(opening[0].start(), opening[-1].end()):
            return self._common_noun_phrase(opening, opening[0].start(), at)
        pronoun = _CLAUSE_PRONOUN.search(self.masked[start:end])
        opening = [m for m in mentions if m.subject and m.type == "person"] or \
            [m for m in mentions if m.subject and m.type == "org"]
        if pronoun and not (opening and opening[0].start < start + pronoun.start(1)):
            return self._pronoun(pronoun.group(1).lower(), start + pronoun.start(1))
        for group in (opening, [m for m in mentions if m.type == "person"], mentions):
            if group:
                return group[0].name, group[0].type
        words = list(_WORD.finditer(self.masked, start, end))[:6]
        if words and words[0].group() in ("The", "the"):  # "The prime minister has defended ..., saying"
            role = next((i for i, w in enumerate(words) if w.group().lower() in ROLE_NOUNS), None)
            if role is not None:
                return self._role_phrase(words[:role + 1], start, words[role].end())
        return None, None

    def _appositive(self, start: int, end: int, at: int) -> Speaker:
        """"Kirby, a spokesman for the council, said": the subject is the phrase before the
        asides between commas."""
        chunks, position = [], start
        for chunk in re.split(r"(?<=,)", self.masked[start:end]):
            chunks.append((position, chunk))
            position += len(chunk)
        asides: list[bool] = []
        named: list[bool] = []
        for i, (position, chunk) in enumerate(chunks):
            text = chunk.strip(" ,")
            people = [m for m in self._in(position, position + len(chunk)) if m.type == "person"]
            first = text.split()[0] if text else ""
            aside = first[:1].islower() or (first.lower() in ("a", "an", "the") and len(text.split()) > 1
                                            and text.split()[1][:1].islower()) or (
                # "EA's managing director for European publishing"
                any(w.lower() in ROLE_NOUNS for w in text.split()) and not any(" " in m.name for m in people))
            # "the leader of the rebels, al-Zarqawi, said": a name is no aside, whatever its case
            aside = aside and not (people and self.masked[people[0].start:people[-1].end] == text)
            # "Albert Connelly, a crew chief in Abel Battery, 3rd Battalion, said": the aside's list goes on
            aside = aside or bool(not people and asides and asides[-1] and any(named))
            asides.append(aside)
            named.append(bool(people))
        for i in reversed(range(len(chunks))):
            position, chunk = chunks[i]
            if not chunk.strip(" ,") or asides[i] and i:
                continue
            chunk_start = position + len(chunk) - len(chunk.lstrip(" ,"))
            return self._ending_at(chunk_start, position + len(chunk.rstrip(" ,")), at)
        return None, None

    def _common_noun_phrase(self, words, start: int, at: int, description_end: int | None = None) -> Speaker:
        """A phrase with no name in it: a role noun ("the spokesman", "an expert"), an
        organisation noun ("the company"), a capitalised name the entities missed, or a
        thing that does not speak for anyone ("the report")."""
        texts = [w.group() for w in words]
        lowered = [t.lower() for t in texts]
        roles = [i for i, t in enumerate(lowered) if t in ROLE_NOUNS or AGE_NOUN.fullmatch(t)]
        own = _own_determiner(texts)
        determiner = lowered[own] if own is not None else None
        definite = determiner in DEFINITE  # "the airline", not "an airline" nor "a rival of the airline"
        headed = [i for i in roles if i + 1 < len(lowered) and lowered[i + 1] in ROLE_COMPLEMENT]
        if headed and not any(t[:1].isupper() for t in texts[:headed[0]] if t.lower() not in WORK_TITLE_SMALL_WORDS):
            # "a spokeswoman for the SEC's Boston office", "the head of the charity"
            return self._role_phrase(words[:headed[0] + 1], at, description_end or words[-1].end())
        role = roles[-1] if roles else None
        owner = next((t[:-2].lower() for t in texts[:role] if t.endswith(("'s", "’s"))), None) if role is not None else None
        if role is not None and role >= len(texts) - 2 and owner is not None and not (definite and owner in ORG_NOUNS):
            # "the rapper's spokesperson": someone else's, unnamed (but "the charity's
            # director" is whom the story gave that role, or the charity's last speaker)
            first = _own_determiner(texts[:role]) or 0
            return " ".join(self.masked[words[first].start():words[role].end()].split()[:10]), "unnamed"
        if role is not None and role >= len(texts) - 2:
            if definite and lowered[role] not in ROLE_NOUNS:
                return self._person_before(at, None)  # "the 20-year-old"
            # "the spokesman", "the Liverpool player": someone the story has named or introduced;
            # "In his New Year message the Liberal Democrat leader": from the phrase's own determiner
            return self._role_phrase(words[:role + 1], at, description_end or words[-1].end())
        if lowered[-2:-1] == ["the"] and _nationality(texts[-1]):
            # "said the American": whom the story called that ("American Andy Roddick", "Brazilian
            # winger Paulo Mendes"), else the most salient person
            called = [m for m in self.mentions if m.type == "person" and m.start < at and re.search(
                rf"\b{re.escape(texts[-1])}\s+(?:[a-z][\w-]*\s+){{0,2}}$", self.masked[max(0, m.start - 50):m.start])]
            return (called[-1].name, "person") if called else \
                self._person_before(at, "m" if texts[-1].endswith("man") else None)
        if lowered[-1] in ORG_NOUNS and definite and lowered[-2:-1] == ["the"]:
            return self._organisation_before(at, lowered[-1])  # "the company said"
        if lowered[-1] in DOCUMENT_NOUNS and definite and lowered[-2:-1] == ["the"]:
            return self._document_owner(lowered[-1], at)  # "said the statement"
        run = []
        for text in reversed(texts):
            if text[:1].isupper() and text.lower() not in WORK_TITLE_SMALL_WORDS:
                run.insert(0, text)
            else:
                break
        honorific = run and run[0].rstrip(".").lower() in HONORIFIC_GENDER
        if len(run) == 1 and re.fullmatch(r"[A-Z]{2,6}", run[0]) and len(texts) - (lowered[0] == "the") == 1:
            return run[0], "org"  # "the IAAF described", "said UEFA": an organisation's initials the entities missed
        if run and run[-1] in SPEAKER_ORG_HEADS and len(run) >= 2 and (
                len(texts) == len(run) or (len(texts) == len(run) + 1 and lowered[0] == "the")):
            return " ".join(run), "org"  # "The Law Society dubbed": an organisation the entities missed
        if (honorific and len(run) >= 2) or (2 <= len(run) <= 4 and len(texts) == len(run)):
            return self._person_named(run[1:] if honorific else run)
        if run and len(texts) == len(run) + 1 and lowered[0] == "the" and run[-1].endswith("s") \
                and not _nationality(run[-1]):
            return " ".join(run), "org"  # "say the Tories", "the Liberal Democrats have argued": a party the entities missed
        if len(texts) == 1 == len(run) and not run[0].isupper() and not _nationality(run[0]) \
                and run[0].lower() not in CALENDAR_WORDS and not _is_role_word(run[0]) \
                and not (run[0].endswith("ly") and start in self.sentence_starts_set):  # "Originally dubbed"
            return self._person_named(run)  # '"...," said Connors': a surname the entities missed
        return None, None

    def _document_owner(self, noun: str, at: int) -> Speaker:
        """Whose "the statement" or "the report" is: the one the story last gave a document of
        that name ("In a statement the RSPCA said", "Oxfam says in a report", "a report by
        the NAO", "the IFS's report"), else no one."""
        for match in reversed(list(re.finditer(rf"\b{re.escape(noun)}\b", self.masked[:at]))):
            if not re.search(r"(?:\b(?:a|an|the|its|his|her|their|this|that)|['’]s)\s+(?:[\w-]+\s+){0,2}$",
                             self.masked[max(0, match.start() - 40):match.start()], re.I):
                continue  # "failing to report fraud": the verb, not a document
            start, end = _sentence_at(self.sentence_spans, match.start())
            by = re.match(r"\s+(?:\w+\s+){0,3}?by\s+", self.masked[match.end():end])
            owners = (self._in(match.end() + by.end(), end)[:1] if by else []) or [
                m for m in self._in(start, end) if m.type in ("org", "person")
                and (m.subject or re.fullmatch(r"['’]s\s+(?:\w+\s+){0,2}", self.masked[m.end:match.start()]))]
            if owners:
                return owners[0].name, owners[0].type
        return None, None

    def _person_named(self, words: list[str]) -> Speaker:
        """A name the entities missed, as the story names the person in full: "Sir Ian" is
        Ian Blair, the one person of the story of that first or last name; "Mr German" is
        the "Mike German" the story wrote before; else the one name of two capitalised words
        the entities typed an organisation that ends in it ("said Dent" of "Taylor Dent", not
        of "American Dent"), as they typed it. Else the name as written, a person."""
        if len(words) != 1:
            return " ".join(words), "person"
        word = words[0]
        people = {m.name for m in self.mentions if m.type == "person" and " " in m.name}
        fitting = [p for p in people if word in (p.split()[0], p.split()[-1])]
        if len(fitting) == 1:
            return fitting[0], "person"
        written = {m.group() for m in re.finditer(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)? " + re.escape(word) + r"\b", self.masked)
                   if m.group().split()[0].split("-")[0].lower() in first_name_genders()}
        if len(written) == 1:
            return written.pop(), "person"
        ending = {m.name for m in self.mentions if m.type == "org" and _name_shaped(m.name)
                  and m.name.split()[-1] == word and not _nationality(m.name.split()[0])}
        return (ending.pop(), "org") if not fitting and len(ending) == 1 else (word, "person")

    def _pronoun(self, pronoun: str, at: int, reported_from: int | None = None,
                 not_them: frozenset[str] = frozenset()) -> Speaker:
        if pronoun in ORG_PRONOUNS:
            return self._organisation_before(at)
        if pronoun == "they":  # "The Conservatives say ... They say ...": the group that spoke just before
            nearby = [c for c in self.cues if at - 400 < c.start < at and not self._says_they(c)]
            groups = [self.resolve(c) for c in nearby if self.resolve(c)[1] == "org"]
            return groups[-1] if groups else (None, None)
        if pronoun not in PRONOUN_GENDER:
            return None, None
        return self._person_before(at, PRONOUN_GENDER[pronoun], reported_from=reported_from, leave_out=not_them)

    def _says_they(self, cue: _Cue) -> bool:
        """The cue's subject is "they" (resolving it would ask the same question again)."""
        return bool(cue.subject) and bool(re.search(r"\bthey\b", self.masked[cue.subject[0]:cue.subject[1]], re.I))

    def _organisation_before(self, at: int, noun: str | None = None) -> Speaker:
        """What "it said" and "the company said" refer back to: the last organisation the
        story called by that noun ("US magazine Rolling Stone", "Acme, the company"); else
        the most salient organisation, weighed as people are ('In January the IFS said ...
        It also said', not the "Budget" named after it)."""
        if noun is not None:
            word = rf"\b{re.escape(noun)}\s+(?:[A-Z][\w.]*\s+)?$"
            called = [m for m in self.mentions if m.type == "org" and m.start < at and (
                re.search(word, self.masked[max(0, m.start - 40):m.start], re.I)
                or re.match(rf",\s+(?:the|a|an)\s+(?:[\w’'-]+\s+){{0,3}}{re.escape(noun)}\b", self.masked[m.end:m.end + 60]))]
            if called:
                return called[-1].name, "org"
        self._resolve_before(at)
        named = [_Candidate(m.start, m.name, "org", None, False, m.subject, m.end)
                 for m in self.mentions if m.type == "org" and m.start < at]
        spoken = [_Candidate(c.start, *c.resolved, None, True, True, c.start) for c in self.cues
                  if c.start < at and c.resolved and c.resolved[1] == "org" and not c.embedded]
        return self._most_salient(sorted(named + spoken), at, None)

    def _resolve_before(self, at: int) -> None:
        """Resolve every cue before `at`, in the order of the text, so that each is read
        knowing who spoke before it (and none is read while another waits on it)."""
        while self._resolved_upto < len(self.cues) and self.cues[self._resolved_upto].start < at:
            self._resolved_upto += 1
            self.resolve(self.cues[self._resolved_upto - 1])

    def _candidates(self, at: int) -> list[_Candidate]:
        """People named or speaking before `at`, oldest first."""
        self._resolve_before(at)
        named = [_Candidate(m.start, m.name, "person", self.genders.get(m.name), False, m.subject, m.end)
                 for m in self.mentions if m.type == "person" and m.start < at]
        spoken = [_Candidate(p, name, typ, gender, True, True, p) for p, name, typ, gender in self.speakers if p < at]
        # the subjects of earlier cues, with or without a quote ("a UKIP spokesman said the
        # parties had spent £10m. "...," he added"), except a cue inside the words another
        # reports ("Kirkwood said that when Mr Johnson had announced ...": Kirkwood spoke)
        for cue in self.cues:
            if cue.start >= at:
                break
            if cue.resolved is None or cue.embedded:
                continue
            name, typ = cue.resolved
            if name and typ in ("person", "unnamed"):
                spoken.append(_Candidate(cue.start, name, typ, self._gender(name, typ), True, True, cue.start))
        return sorted(named + spoken)

    def _sentences_between(self, start: int, end: int) -> int:
        return bisect.bisect_right(self.sentence_starts, end) - bisect.bisect_right(self.sentence_starts, start)

    def _person_before(self, at: int, gender: str | None, reported_from: int | None = None,
                       leave_out: frozenset[str] = frozenset()) -> Speaker:
        """The most salient fitting person before `at`. People named (not speaking) after
        `reported_from` are left out: they are inside the words the pronoun's cue reports."""
        candidates = [c for c in self._candidates(at) if (reported_from is None or c.spoke or c.at < reported_from)
                      and c.name not in leave_out]
        if not candidates:  # no one named yet: "The attorney general has denied ... he insisted. Lord Goldsmith said"
            return self._first_person_after(at, gender)
        return self._most_salient(candidates, at, gender)

    def _first_person_after(self, at: int, gender: str | None) -> Speaker:
        """The first person of fitting sex who opens a clause in the three sentences after `at`."""
        sentence = bisect.bisect_right(self.sentence_starts, at)
        until = self.sentence_starts[sentence + 2] if sentence + 2 < len(self.sentence_starts) else len(self.masked)
        after = [m for m in self.mentions if m.type == "person" and m.subject and at <= m.start < until
                 and (gender is None or self.genders.get(m.name) in (gender, None))]
        return (after[0].name, "person") if after else (None, None)

    def _most_salient(self, candidates: list[_Candidate], at: int, gender: str | None) -> Speaker:
        """Salience as news prose gives it: who spoke weighs most, then who opened a clause,
        then anyone named; each halves with every sentence back; a person of unknown sex
        weighs less for "he" or "she", one of the other sex nothing; of equals, the latest."""
        best: dict[tuple[str, str], float] = {}
        for c in candidates:
            weight = SALIENCE["spoke"] if c.spoke else SALIENCE["subject"] if c.subject else SALIENCE["named"]
            if gender is not None and c.gender != gender:
                if c.gender is not None:
                    continue
                weight *= SALIENCE["sex_unknown"]
            weight *= 0.5 ** self._sentences_between(c.at, at)
            if weight >= best.get((c.name, c.type), 0.0):
                best.pop((c.name, c.type), None)  # re-inserted as the latest
                best[c.name, c.type] = weight
        return max(reversed(best), key=best.get) if best else (None, None)

    def _role_phrase(self, words, at: int, end: int, named_in_it: set[str] = frozenset()) -> Speaker:
        """A phrase that ends in a role noun ("the spokesman", "a Home Office spokesman",
        "the MP" of "the MP for Sittingbourne"): with "the", whom the story gave that role
        (see `_role`); else, or when it gave it to no one, someone unnamed. A news story's
        first sentence names its source by role and the next by name ("A PR expert has told the
        trial ... \nAnn Kite told the court ..."): there "a" is the one who opens the second
        sentence reporting."""
        lowered = [w.group().lower() for w in words]
        first = _own_determiner([w.group() for w in words]) or 0
        if lowered[first] in DEFINITE:
            found = self._role(lowered[-1], lowered[first + 1:-1], at, frozenset(named_in_it))
            if found[0] is not None:
                return found
        if lowered[first] in ("a", "an") and len(self.sentence_starts) > 1 and at < self.sentence_starts[1]:
            second = self.sentence_starts[1]
            opener = next((m for m in self.mentions if m.type == "person" and m.start >= second), None)
            if opener and not self.masked[second:opener.start].strip() and _CUE_WORDS.match(
                    self.masked, _SPACES.match(self.masked, opener.end).end()):
                return opener.name, "person"
        phrase = self.masked[words[first].start():end].strip(" ,")
        return " ".join(phrase.split()[:10]), "unnamed"

    def _role(self, role: str, modifiers: list[str], at: int, leave_out: frozenset[str]) -> Speaker:
        """ "the home secretary": the last one the story gave that role before `at` (with the
        same word before it, if any: not "Foreign Secretary Jack Straw"), named ("Home
        Secretary Charles Clarke", "Clarke, the home secretary") or introduced unnamed ("a
        Home Office spokesman", "the prime minister's spokesman"); else the first named in
        it later; else the most salient person ("Tony Blair says ... The prime minister said")."""
        # "the band's spokesman" is any spokesman of the story; "the prime minister" is no "deputy prime minister"
        modifier = modifiers[-1] if modifiers and not modifiers[-1].endswith(("'s", "’s")) else None
        given = [g for g in self._roles_given(role) if g.person not in leave_out and not g.lesser]
        before = [g for g in given if g.at < at and (g.person or g.introduces)]
        fitting = [g for g in before if modifier is None or g.modifier == modifier] or \
            [g for g in before if g.modifier is None]
        if fitting:
            return (fitting[-1].person, "person") if fitting[-1].person else (fitting[-1].phrase, "unnamed")
        later = [g for g in given if g.at >= at and g.person and (modifier is None or g.modifier == modifier)]
        if later:
            return later[0].person, "person"
        if role in ANONYMOUS_ROLES and any(m.endswith(("'s", "’s")) for m in modifiers):
            return None, None  # "the council's spokesperson": someone the story never named
        return self._person_before(at, ROLE_NOUNS.get(role), leave_out=leave_out)

    def _roles_given(self, role: str) -> list[_RoleGiven]:
        """Every place the writer's words use this role noun, with whom it is given to
        (a scan of the whole story, made once per role)."""
        if role not in self._roles:
            self._roles[role] = self._find_roles_given(role)
        return self._roles[role]

    def _find_roles_given(self, role: str) -> list[_RoleGiven]:
        people = [m for m in self.mentions if m.type == "person"]
        found = []
        for match in re.finditer(rf"(?<![\w-]){re.escape(role)}(?![\w-])", self.masked, re.I):
            lead = re.search(r"((?:[\w’'.-]+\s+){0,4})$", self.masked[max(0, match.start() - 60):match.start()]).group(1)
            words = lead.split()
            determiner = max((i for i, w in enumerate(words) if w.lower() in DEFINITE | INDEFINITE), default=None)
            if determiner is not None:
                words = words[determiner:]
            modifier = words[-1].lower() if words and (determiner is None or len(words) > 1) else None
            lesser = any(w.lower() in LESSER_ROLES for w in words[-3:])
            after = next((m for m in people if re.fullmatch(r"\s+(?:[A-Z][\w.]*\s+)?", self.masked[match.end():m.start])), None)
            before = next((m for m in reversed(people) if m.end <= match.start() and re.fullmatch(
                r",\s*(?:[\w’'-]+\s+){0,4}", self.masked[m.end:match.start()])), None)
            person = (after or before).name if (after or before) else None
            introduces = bool(words) and (words[0].lower() in INDEFINITE or words[-1].endswith(("'s", "’s")))
            phrase = " ".join([*words, match.group()] if determiner is not None else [match.group()])
            found.append(_RoleGiven(match.start(), modifier, person, phrase, introduces, lesser))
        return found


# -- putting it together

_BETWEEN_QUOTE_AND_CUE = re.compile(r"[\s,.;:!?—–-]*")
_SPACES = re.compile(r"\s*")
# What may stand between a cue before a quote and the quote: "said:", "said that", "told CNN in a statement:".
_BETWEEN_CUE_AND_QUOTE = re.compile(r"[^.!?;#“”\"]{0,40}(?:[:,]|\bthat)\s*|\s*")


# Words between a cue and a quote that make the quote someone else's: "dismissed claims that ...".
_OTHERS_WORDS = re.compile(r"\b(?:dismiss|den(?:y|ie)|reject|refut|rebuff)\w*\s+(?:the\s+)?(?:claims?|suggestions?|reports?|"
                           r"allegations?|accusations?|charges?|speculation)\s+that\b")
# Where the writer's sentence starts a new clause: a cue after it speaks of another thing.
_NEW_CLAUSE = re.compile(r";|,\s+(?:but|and|while|whereas|although|though)\s")


def _owned_name(texts: list[str]) -> str | None:
    """The two or three capitalised words after an owner's "'s" that end a phrase: a person of
    theirs ("Deutsche Bank's Simon Champion"), whatever the entities made of the name."""
    owner = max((i for i, t in enumerate(texts) if t.endswith(("'s", "’s"))), default=None)
    name = texts[owner + 1:] if owner is not None else []
    return " ".join(name) if 2 <= len(name) <= 3 and all(t[:1].isupper() and t.replace("-", "").isalpha()
                                                         for t in name) else None


def _is_role_word(word: str) -> bool:
    """A role noun, or its plural: "Judges should ..." opening a sentence names no one."""
    lowered = word.lower()
    return lowered in ROLE_NOUNS or lowered.endswith("s") and lowered[:-1] in ROLE_NOUNS


def _opening_phrase(words: list) -> list:
    """The words that open a clause when they are a noun phrase headed by a role ("Church
    ministers"), a document ("The poster"), an organisation noun or a people ("The
    Argentine"); else []. The phrase runs from the start over capitalised words, determiners
    and those nouns; its last word must be such a head, and what follows it no complement
    ("Russian Ambassador to the UN Vassily Nebenzia" is headed by the name)."""
    phrase = []
    for word in words[:7]:
        text = word.group()
        lowered = text.lower()
        if not (text[:1].isupper() or lowered in DEFINITE | INDEFINITE or lowered in ROLE_NOUNS
                or lowered in DOCUMENT_NOUNS or lowered in ORG_NOUNS or AGE_NOUN.fullmatch(lowered)):
            if lowered in (*ROLE_COMPLEMENT, "to", "in", "on", "and", "or", "'s", "’s"):
                return []
            break
        phrase.append(word)
    if not phrase:
        return []
    head = phrase[-1].group()
    return phrase if head.lower() in ROLE_NOUNS or AGE_NOUN.fullmatch(head) \
        or (head[:1].islower() and head in DOCUMENT_NOUNS | ORG_NOUNS) \
        or (len(phrase) == 2 and phrase[0].group().lower() == "the" and _nationality(head)) else []


def _own_determiner(texts: list[str]) -> int | None:
    """Where the phrase's own determiner is: the last one, but not one inside a name ("A Top
    of the Pops spokesperson" is indefinite)."""
    found = [i for i, t in enumerate(texts) if t.lower() in DEFINITE | INDEFINITE
             and not (2 <= i < len(texts) - 1 and texts[i - 1].lower() in WORK_TITLE_SMALL_WORDS
                      and texts[i - 2][:1].isupper() and texts[i + 1][:1].isupper())]
    return found[-1] if found else None


def _nationality(word: str) -> bool:
    """"American", "Frenchman", "Spaniard", "Briton": a person named by where they are from."""
    from .entities import is_demonym

    return word[:1].isupper() and word not in PARTY_NAMES and (
        is_demonym(word) or word.endswith(("man", "ard")) or word in NATIONALITY_NOUNS)


def _last_said(resolver: _Resolver, start: int, end: int) -> tuple[Speaker, str, int] | None:
    """The speaker, words and place of the last cue of speech between `start` and `end` that
    names someone."""
    for cue in reversed([c for c in resolver.cues if start <= c.start < end and c.verb not in FRAMING_VERBS
                         and not c.embedded]):
        speaker = resolver.resolve(cue)
        if speaker[0] is not None:
            return speaker, cue.text, cue.start
    return None


def _topic_before(resolver: _Resolver, sentences: list[tuple[int, int]], cues_of: dict,
                  sentence: tuple[int, int], quote: str) -> Speaker | None:
    """The person who opens the sentence before this one, when that sentence neither quotes
    nor reports anyone (a quote after it is theirs) and the quote does not name them (people
    do not speak of themselves by name: "Taylor looks certain to go. "... Simon Taylor is an
    outstanding player"" is someone else's); else None."""
    if sentence[0] == 0:
        return None
    previous = _sentence_at(sentences, sentence[0] - 1)
    if cues_of.get(previous) or "#" in resolver.masked[previous[0]:previous[1]]:
        return None
    opening = [m for m in resolver.mentions if previous[0] <= m.start < min(previous[1], previous[0] + 60)
               and m.subject and m.type == "person"]
    if not opening or any(re.search(rf"\b{re.escape(spelling)}\b", quote)
                          for spelling in _spellings(opening[0].name, "person")):
        return None
    return opening[0].name, "person"


def _continued(resolver: _Resolver, cues_of: dict, sentences: list[tuple[int, int]],
                sentence: tuple[int, int]) -> tuple[Speaker, str] | None:
    """A sentence that opens "And that" or "But that" goes on with what the sentence before
    reports: the speaker and cue of that sentence's last cue of speech, when it names someone."""
    if not re.match(r"\s*(?:And|But|Or)\s+that\b", resolver.masked[sentence[0]:sentence[1]]) or not sentence[0]:
        return None
    previous = cues_of.get(_sentence_at(sentences, sentence[0] - 1), [])
    for cue in reversed([c for c in previous if c.verb not in FRAMING_VERBS and not c.embedded]):
        if (speaker := resolver.resolve(cue))[0] is not None:
            return speaker, cue.text
    return None


def _sentence_at(sentences: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """The sentence holding `position` (sentences in order, none overlapping), else an
    empty one there."""
    i = bisect.bisect_right(sentences, (position, math.inf)) - 1
    if i >= 0 and sentences[i][0] <= position < sentences[i][1]:
        return sentences[i]
    return position, position


def _looks_like_a_title(text: str) -> bool:
    """"Million Dollar Baby", "The Lord of the Rings": a name or title in quotation marks, not words spoken."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    return 0 < len(words) <= 10 and all(w[:1].isupper() or w.lower() in WORK_TITLE_SMALL_WORDS for w in words) \
        and not re.search(r"[.!?,;:]\s", text)


def extract_quotes(body: str, entities: dict[str, list[str]]) -> list[Quote]:
    """The quotations in an article's body, in order, each with its speaker, found from the
    body and the article's entities (names as `searcher.extract.entities` gives them)."""
    body = _single_marks(body)
    spans = quote_spans(body)
    if not spans:
        return []
    masked = _mask(body, spans)
    sentences = _sentences(masked)
    resolver = _Resolver(body, masked, _mentions(body, entities), [start for start, _ in sentences])
    cues_of = {sentence: _cues(masked, *sentence) for sentence in sentences}
    resolver.cues = [cue for sentence in sentences for cue in cues_of[sentence]]
    quotes: list[Quote] = []
    # paragraph start -> its last quote's speaker, cue and place
    paragraph_speaker: dict[int, tuple[Speaker, str | None, int]] = {}
    for span in spans:
        pieces = [(s + len(body[s:e]) - len(body[s:e].lstrip()), e - len(body[s:e]) + len(body[s:e].rstrip()))
                  for s, e in span.pieces]
        last_start, last_end = pieces[-1]
        pieces[-1] = (last_start, last_start + len(body[last_start:last_end].rstrip(" ,")))  # "...,” he said
        pieces = [(s, e) for s, e in pieces if e > s]
        if not pieces:
            continue
        text = " ".join(body[s:e] for s, e in pieces)
        if not re.search(r"[^\W\d_]", text):
            continue
        close_at = span.pieces[-1][1]
        first_sentence = _sentence_at(sentences, span.open_at)
        last_sentence = _sentence_at(sentences, close_at)
        after = [c for c in cues_of.get(last_sentence, []) if c.start > close_at]
        before = [c for c in cues_of.get(first_sentence, []) if c.end <= span.open_at]
        adjacent_after = [c for c in after if _BETWEEN_QUOTE_AND_CUE.fullmatch(masked, close_at + 1, c.start)]
        # "dismissed claims that his policy was 'moving onto the turf'": the quote is the claim's
        before = [c for c in before if not _OTHERS_WORDS.search(masked, c.start, span.open_at)]
        adjacent_before = [c for c in before if _BETWEEN_CUE_AND_QUOTE.fullmatch(masked, c.end, span.open_at)]
        # a cue beside the quote; else the nearest cue of the sentence, within its clause first
        cue = (adjacent_after[:1] or adjacent_before[-1:]
               or sorted(after + before, key=lambda c: (  # after the quote, how far its verb is
                   c.end - len(c.text) - close_at + 1000 * bool(_NEW_CLAUSE.search(masked, close_at, c.start))
                   if c.start > close_at else span.open_at - c.end))[:1])
        if not (adjacent_after or adjacent_before) and _looks_like_a_title(text):
            continue
        lead = masked[first_sentence[0]:span.open_at].strip(" " + MARKS)  # (a stray mark: a CSV field's own)
        partial = (text[:1].islower() or bool(lead) and not lead.endswith(":")
                   and not (lead.endswith(",") and adjacent_before))
        paragraph = body.rfind("\n", 0, span.open_at) + 1
        if cue:
            speaker, cue_text = resolver.resolve(cue[0]), cue[0].text
            if speaker[0] is None and cue[0].embedded:
                # 'Williams said talks with the producers revealed there was "..."': what no one
                # in particular revealed is reported by whoever the sentence says spoke
                outer = [c for c in cues_of.get(first_sentence, []) if c.start < cue[0].start and not c.embedded]
                if outer and (said := resolver.resolve(outer[-1]))[0] is not None:
                    speaker, cue_text = said, outer[-1].text
        elif partial and (said := _continued(resolver, cues_of, sentences, first_sentence)) is not None:
            speaker, cue_text = said  # "He will say ... And that he wants a "better Britain"": still his words
        elif partial:  # words worked into the writer's sentence, which names no one
            speaker, cue_text = (None, None), None
        elif (topic := _topic_before(resolver, sentences, cues_of, first_sentence, text)) is not None:
            # 'US coach Patrick McEnroe wants Roddick to play more on clay. "I think it will
            # help ..."': the one the sentence before was about, who says so
            speaker, cue_text = topic, None
        elif (said := _last_said(resolver, paragraph, span.open_at)) is not None:
            # a sentence quoted whole after someone said something in the paragraph
            # ("Her spokesman insisted she had simply delayed. "The doctors ...")
            speaker, cue_text, _ = said
        elif paragraph in paragraph_speaker:  # a further quote of the paragraph's speaker
            speaker, cue_text, _ = paragraph_speaker[paragraph]
        else:  # a sentence quoted whole with no cue: the speaker of the paragraph before goes on,
            # or whoever spoke in its last sentence after it ('Committee chairman John Denham
            # said drugs were an excuse.\n"The committee believes ..."')
            previous = body.rfind("\n", 0, max(paragraph - 1, 0)) + 1
            speaker, cue_text, quoted_at = paragraph_speaker.get(previous, ((None, None), None, -1))
            said = _last_said(resolver, _sentence_at(sentences, paragraph - 2)[0], paragraph) if paragraph else None
            if said is not None and said[2] > quoted_at:
                speaker, cue_text, _ = said
        if speaker[0] is not None:
            paragraph_speaker[body.rfind("\n", 0, close_at) + 1] = (speaker, cue_text, close_at)
            if not (cue and cue[0].embedded):  # "Howard denied Mr Yeo said the plans "stink"": Howard spoke
                resolver.spoke(cue[0].start if cue else span.open_at, speaker)
        quotes.append(Quote(text=text, speaker=speaker[0], speaker_type=speaker[1], cue=cue_text or None,
                            start=pieces[0][0], end=pieces[-1][1], partial=partial))
    return quotes
