"""Title, outlet, site, publication date, author and mentioned dates of a cleaned article.

Each field comes from the most trusted source that has it:

- title: the sidecar; the cleaner's headline (unless it is really a date line or the
  site's name); the page's declared title with the site's name cut off; else null.
- published: the sidecar; the page's metadata, as the local date the page states (a page
  that prints "Nov. 19, 2019 5:53 PM" and declares 01:53 UTC on the 20th is dated the
  19th: a declared time in UTC or without a zone gives way to the date the page prints by
  its headline, a time declared with the local offset, or the URL's date, whichever can
  be that instant's local date); the date printed by the headline; the page's own date
  line or the story's dateline ("Place/10.06.23/Agency:"); a dated source URL. Never a
  date the story mentions.
- outlet: the sidecar; the page's site name; the source URL's domain when it is a known
  news site; the text's own attribution ("(CNN) —", "Place/dd.mm.yy/Agency:", "X's
  Washington correspondent", "..., CNN reported" in a story that keeps crediting CNN);
  else a readable name made from the source URL's domain. A known domain outranks the
  text, but the text outranks a guess from an unknown domain: a story that says "(CNN) —"
  and was saved from a blog is CNN's story. A photo credit or "additional reporting by"
  never names the outlet.
- author: the sidecar; the page's metadata, or the byline printed by its headline when
  that names more of the authors; the byline the cleaner found (never a bio line); else
  null. Names are kept as written, but a byline in capitals ("By JANE DOE") is
  title-cased; an acronym ("PTI") stays one.
- dateline: where (and when) the story says it was filed, from its first lines: a line of
  its own ("ROME 1996-12-06") or the start of the first paragraph ("LONDON (Reuters) -",
  "Washington D.C./10.06.23/Turan:"); a dated dateline also dates a story that has no
  other publication date.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlparse

from . import cleaning_evidence as ev
from ..article import Article, Dateline
from ..dates import (BACK, MONTHS, WEEKDAYS, could_be_local, date_line, day_in_direction, full_date, make_date,
                    mentioned_dates, shown_date, timestamp)
from .entity_rules import NAME_PARTICLES  # not .entities, whose patterns cost a cleaning-only run 30 ms to compile

# News domains whose readable name is not just the domain's main label, title-cased.
OUTLET_DOMAINS = {
    "cnn.com": "CNN", "bbc.co.uk": "BBC News", "bbc.com": "BBC News", "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post", "wsj.com": "The Wall Street Journal",
    "theguardian.com": "The Guardian", "reuters.com": "Reuters", "apnews.com": "Associated Press",
    "ibtimes.com": "International Business Times",
    "ibtimes.co.uk": "International Business Times", "aljazeera.com": "Al Jazeera",
    "ft.com": "Financial Times", "bloomberg.com": "Bloomberg", "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News", "cbsnews.com": "CBS News", "abcnews.go.com": "ABC News",
    "npr.org": "NPR", "politico.com": "Politico", "axios.com": "Axios", "dw.com": "Deutsche Welle",
    "france24.com": "France 24", "rferl.org": "Radio Free Europe/Radio Liberty",
    "timesofisrael.com": "The Times of Israel", "kyivindependent.com": "The Kyiv Independent",
    "themoscowtimes.com": "The Moscow Times", "newsweek.com": "Newsweek", "time.com": "Time",
    "economist.com": "The Economist", "independent.co.uk": "The Independent",
    "telegraph.co.uk": "The Telegraph", "usatoday.com": "USA Today", "latimes.com": "Los Angeles Times",
    "afp.com": "AFP", "cnbc.com": "CNBC", "theatlantic.com": "The Atlantic", "vox.com": "Vox",
    "scmp.com": "South China Morning Post", "japantimes.co.jp": "The Japan Times",
    "thehindu.com": "The Hindu", "straitstimes.com": "The Straits Times", "euronews.com": "Euronews",
    "haaretz.com": "Haaretz", "kyivpost.com": "Kyiv Post", "spiegel.de": "Der Spiegel",
    "lemonde.fr": "Le Monde", "tass.com": "TASS", "tass.ru": "TASS", "xinhuanet.com": "Xinhua",
    "globaltimes.cn": "Global Times", "arabnews.com": "Arab News", "thenationalnews.com": "The National",
    "ap.org": "Associated Press", "thehill.com": "The Hill", "nypost.com": "New York Post",
    "usnews.com": "U.S. News & World Report", "businessinsider.com": "Business Insider",
    "huffpost.com": "HuffPost", "sky.com": "Sky News", "abc.net.au": "ABC News (Australia)",
    "cbc.ca": "CBC News", "globalnews.ca": "Global News", "irishtimes.com": "The Irish Times",
}
# Other spellings of outlet names, as the text writes them.
OUTLET_ALIASES = {
    "ap": "Associated Press", "the associated press": "Associated Press",
    "agence france-presse": "AFP", "agence france presse": "AFP", "wsj": "The Wall Street Journal",
    "bbc": "BBC News", "nyt": "The New York Times", "ft": "Financial Times",
}
# Words a readable name is split into when a domain runs them together ("kyivpost" -> "Kyiv Post").
_NEWS_WORDS = ("times", "post", "news", "daily", "herald", "journal", "tribune", "gazette", "observer",
               "express", "mail", "telegraph", "guardian", "independent", "chronicle", "monitor", "review",
               "today", "star", "sun", "mirror", "press", "wire", "report", "insider", "world", "online")
# Names that are a role or a desk, not a person ("By Editor", "By Staff").
_NOT_AUTHORS = {"editor", "editors", "editorial", "admin", "administrator", "staff", "staff reports",
                "staff report", "newsroom", "desk", "web desk", "news desk", "team", "reporter", "correspondent",
                "guest", "contributor", "author", "anonymous"}

_CALENDAR_WORDS = set(MONTHS) | set(WEEKDAYS)
# Words of a job title printed after the name in a byline ("Jane Doe Senior Correspondent").
_BYLINE_ROLES = set("senior chief staff political foreign business deputy managing executive associate "
                    "contributing special correspondent reporter editor writer writers columnist contributor "
                    "producer analyst".split())
# Labels that sit where a dateline's outlet would: "(Updated) —", "(Video) -".
_NOT_OUTLETS = {"updated", "update", "live", "video", "photos", "watch", "opinion", "analysis",
                "editorial", "exclusive", "breaking", "listen", "audio", "sponsored"}
_DOTTED_DATELINE = re.compile(r"^[^/\n]{2,40}/(\d{1,2})\.(\d{1,2})\.(\d{2,4})/\s*([^:/\n]{2,40}):")
_PAREN_DATELINE = re.compile(r"^(?:[A-Z][\w .,'’-]{0,40}?\s)?\(([A-Z][\w.&'’ -]{0,30})\)\s*[—–-]{1,2}\s")
_CORRESPONDENT = re.compile(r"\b([A-Z][\w&]*(?: [A-Z][\w&]*){0,3})['’]s (?:[A-Z][\w.]* ){0,3}correspondents?\b")
_REPORTED = re.compile(r",\s+((?:the )?[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,4}) reported\b")
_SOURCE_LINE = re.compile(
    r"^(?:source|originally (?:published|posted) (?:on|by|in|at)|this (?:article|story) (?:was )?"
    r"(?:first |originally )?(?:appeared|published|posted) (?:on|in|at|by))\s*:?\s*"
    r"((?:the )?[A-Za-z0-9][\w&.'’/-]*(?: [A-Z][\w&.'’-]*){0,5})\.?$", re.I)
_BYLINE_OUTLET = re.compile(r",\s+((?:the )?[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,4})(?:\s+(?:updated|published)\b.*)?$",
                            re.I)
_CONTRIBUTED = re.compile(r"^((?:the )?[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,4})['’]s? [^.]{2,80} contributed to this")
# ".../2022/12/11/...", ".../2019/nov/18/...", "...-20191115/" (a slug ending in the date)
_URL_DATES = [
    re.compile(r"/(?P<year>(?:19|20)\d{2})[/-](?P<month>\d{1,2}|[a-z]{3,9})[/-](?P<day>\d{1,2})(?:/|$|-|\.)", re.I),
    re.compile(r"[-/](?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})(?:/|$|\.)"),
]
_BYLINE_LEAD = re.compile(r"^(?:(?:written|posted|words|story|reporting)\s+)?by:?(?:\s+|$)|^author:?\s+", re.I)
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_WORDS = "|".join(WEEKDAYS + ["mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun"])
# What follows the names in a byline: a separator, a handle, a domain, a date or time, a
# publication label ("By Jane Doe @janedoe Nov 18, 2019 at 9:24 pm ET • 2 min read",
# "by Jane Doe | November 18", "Jane Doe. Harbour Times", "By Jane Doe harbourtimes.com").
_BYLINE_TAIL = re.compile(
    r"\s*[|•·/]\s*|\s+[—–-]+\s+|\s*@\w|\s+\d|\s+\(|(?<=\w\w)\.\s+(?=[A-Z])|\s+\S+\.(?:com|org|net|co|news)\b|"
    rf"\s+(?i:on|at)\s+(?i:{_WEEKDAY_WORDS}|{_MONTH_WORDS}|\d)|\s+(?i:{_MONTH_WORDS})\.?\s+\d|"
    rf"\s+(?i:{_WEEKDAY_WORDS})\b|\s+(?i:updated|published|posted|last updated|modified)\b")
# A byline line kept in the story's text is short ("By Jane Doe, Harbour Times | Nov 18, 2019 9:24 pm ET").
_BYLINE_MAX_WORDS = 16
# Last words of a credit that names a desk, not a person ("Jerusalem Post Staff", "Detroit
# News wire services", "Science X staff").
_DESK_WORDS = {"staff", "desk", "team", "newsroom", "wire", "services", "bureau", "reports", "agencies"}


def parse_date(value: str) -> date | None:
    """The date of an ISO date or date-time string (as in meta tags and sidecars) as
    written, never moved to UTC; or of a written date."""
    stamp = timestamp(value)
    return stamp.day if stamp else None


def published_from_page(article: Article) -> date | None:
    """The publication date the page states: its declared date-time's own date, unless the
    time is in UTC (or has no zone) and the page shows its local date otherwise (in the
    date printed by the headline or in its byline, a time declared with its offset, its
    own date line or its URL) in a way that instant allows; a printed date when nothing
    is declared."""
    page = article.page_meta
    # the dates printed by the headline, then those printed in its bylines ("Written by
    # Jane Doe on November 14, 2019")
    printed = [line for key in ("shown_dates", "bylines") for line in page.get(key, "").split("\n") if line]
    declared = [stamp for key in ("published", "marked_published") if (stamp := timestamp(page.get(key, "")))]
    if not declared:
        return next((day for line in printed if (day := shown_date(line))), None)
    stamp = declared[0]
    if stamp.moment is None:
        return stamp.day
    shown = [day for line in printed if (day := shown_date(line, stamp.day))]
    # A declared local time can still be wrong where the page prints otherwise (a site
    # that labels its local clock "+00:00"); the page's print is what its reader sees.
    local = shown if stamp.has_local_offset else shown + [
        *(other.day for other in declared if other.has_local_offset), date_from_text(article),
        date_from_url(article.url)]
    return next((day for day in local if day and could_be_local(day, stamp.moment)), stamp.day)


def date_from_url(url: str | None) -> date | None:
    path = urlparse(url or "").path
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            month = m["month"].lower()
            number = int(month) if month.isdigit() else MONTHS.get(month) or MONTHS.get(month[:3])
            if number and (found := make_date(int(m["year"]), number, int(m["day"]))):
                return found
    return None


def date_from_text(article: Article) -> date | None:
    """The page's own date line (a line that is only a date, where the cleaner dropped it
    or among the first lines of a text file), or the dateline that opens the story."""
    bylines = {r.text for r in article.removed if "byline" in r.reason}
    lines = [r.text for r in article.removed if "date line" in r.reason or r.text in bylines]
    if found := _story_lines(article):
        # the page's date sits above the story or just under it; dates further down are
        # other stories' (related-story teasers)
        raw_lines, _, last = found
        far = set(raw_lines[last + 4:]) - set(raw_lines[:last + 4])
        lines = [line for line in lines if " ".join(line.split()) not in far]
    if article.format == "text":
        lines += [line.strip() for line in article.raw.split("\n") if line.strip()][:6]
    for line in lines:
        if value := date_line(line):
            return value
        if (line in bylines or _BYLINE_LEAD.match(line)) and (found := full_date(line)):
            return found[0]  # printed with the byline: "By Jane Doe, CNN  Updated 10:02 AM, June 3, 2024"
    for paragraph in article.paragraphs[:2] + lines:
        if m := _DOTTED_DATELINE.match(paragraph):  # "Place/dd.mm.yy/Agency:" is day.month.year
            return make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def site_of(url: str | None) -> str | None:
    host = (urlparse(url or "").hostname or "").removeprefix("www.")
    return host or None


def _known_domain(domain: str) -> str | None:
    parts = domain.split(".")
    return next((OUTLET_DOMAINS[".".join(parts[i:])] for i in range(len(parts) - 1)
                 if ".".join(parts[i:]) in OUTLET_DOMAINS), None)


def readable_domain(domain: str) -> str:
    """A name for an unknown news domain: its main label, split into words ("kyivpost.com"
    -> "Kyiv Post", "the-daily-star.net" -> "The Daily Star")."""
    parts = domain.split(".")
    label = parts[-3] if len(parts) >= 3 and parts[-2] in ("co", "com", "org", "net", "gov", "ac") else \
        parts[-2] if len(parts) >= 2 else parts[0]
    words = label.replace("_", "-").split("-")
    if len(words) == 1:
        for word in _NEWS_WORDS:
            if label.endswith(word) and len(label) > len(word) + 1:
                words = [label[:-len(word)], word]
                break
    return " ".join(w.upper() if len(w) <= 2 else w[0].upper() + w[1:] for w in words)


def outlet_from_domain(domain: str | None) -> str | None:
    return (_known_domain(domain) or readable_domain(domain)) if domain else None


_KNOWN_OUTLETS = set(OUTLET_DOMAINS.values())
_OUTLET_BY_LOWER = {name.lower(): name for name in _KNOWN_OUTLETS}


def canonical_outlet(name: str) -> str:
    """An outlet named in text, as the tables spell it ("TURAN" -> "Turan", "AP" ->
    "Associated Press", "The Wall Street Journal" as written)."""
    name = " ".join(name.split()).strip(" .,:;")
    key = name.lower()
    for candidate in (key, key.removeprefix("the "), "the " + key):
        if candidate in OUTLET_ALIASES:
            return OUTLET_ALIASES[candidate]
        if candidate in _OUTLET_BY_LOWER:
            return _OUTLET_BY_LOWER[candidate]
    if not name.isupper():
        return name
    words = name.split()
    if len(words) == 1:
        return name if _is_acronym(name) else name.title()
    return " ".join(w if _is_acronym(w, short=False) else w.title() for w in words)  # "BBC NEWS" -> "BBC News"


def outlet_from_site_name(name: str, domain: str | None) -> str:
    """The page's declared site name without its tagline ("LinkNaija | Nigeria's news
    platform" -> "LinkNaija"); a lower-case handle ("detroitnews") gives way to the domain."""
    name = re.split(r"\s+[|–—-]\s+", " ".join(name.split()))[0].lstrip("@")
    if not any(c.isupper() for c in name) and domain:
        return outlet_from_domain(domain)
    return canonical_outlet(name)


# How a story credits the outlet whose reporting it is: "X reported", "told X", "X reached
# out to", "seen by X", "according to X", "X has learned", "X obtained", "X analyzed".
_PRESS_VERBS = r"(?:reported|reports|reached out|has learned|learned|obtained|analy[sz]ed|tracked|confirmed)"
_PRESS_CONTEXT = r"(?:\b(?:told|to|seen by|according to|shared with)\s+(?:the\s+)?{name}\b|\b{name}\s+" + _PRESS_VERBS + r"\b)"


def is_press_credit(name: str, body: str) -> bool:
    """Whether `name` is credited as a news outlet twice or more, as a republished story
    credits the outlet it came from; a company that "reported" its profits once is not."""
    pattern = _PRESS_CONTEXT.format(name=re.escape(name))
    return len(re.findall(pattern, body)) >= 2


def outlet_from_text(article: Article) -> str | None:
    """The story's own attribution: a dateline naming the outlet, "X's Washington
    correspondent", or, for a republished story, "..., X reported" in the lead when the
    story goes on naming X (a story citing another outlet's report names it once)."""
    lead = article.paragraphs[:2]
    raw_lines = [line.strip() for line in article.raw.split("\n") if line.strip()] if article.format == "text" else []
    for line in [r.text for r in article.removed] + raw_lines[-4:]:
        if m := _SOURCE_LINE.match(line):  # "Source: CNN", "This article originally appeared on cnn.com"
            name = m.group(1)
            return outlet_from_domain(site_of("//" + name.split("/")[0])) if "." in name.strip(".") else \
                canonical_outlet(name)
    for line in lead + raw_lines[:6]:
        if (m := _PAREN_DATELINE.match(line)) and m.group(1).lower() not in _NOT_OUTLETS:
            return canonical_outlet(m.group(1))
        if m := _DOTTED_DATELINE.match(line):
            return canonical_outlet(m.group(4))
    credits = [r.text for r in article.removed if "byline" in r.reason or _BYLINE_LEAD.match(r.text)]
    for line in credits + [r.text for r in article.removed] + article.paragraphs[-2:]:
        # "By Jane Doe, CNN" names a known outlet; so does "CNN's Jane Doe contributed to this report"
        m = _BYLINE_OUTLET.search(line) if line in credits else _CONTRIBUTED.match(line)
        if m and (outlet := canonical_outlet(m.group(1))) in _KNOWN_OUTLETS:
            return outlet
    for paragraph in lead:
        if m := _CORRESPONDENT.search(paragraph):
            return canonical_outlet(m.group(1))
        for m in _REPORTED.finditer(paragraph):
            name = re.sub(r"^the ", "", m.group(1))
            if is_press_credit(name, article.body):
                return canonical_outlet(m.group(1))
    return None


def clean_author(text: str | None) -> str | None:
    """The people a byline names ("By Jane Doe and Li Wei | Reuters" -> "Jane Doe and
    Li Wei"), or None when it names no person (a role, a desk, a bio line, a sentence).
    An agency credited alone by its acronym ("PTI") counts as named."""
    # "(Reporting by Ana Ruiz; Editing by Tom Fox)": the reporter is the author
    text = " ".join((text or "").split()).strip("()|•·:—–- ").split(";")[0].strip()
    if not text or re.match(r"^(?:additional|further) reporting", text, re.I) or "://" in text:
        return None
    text = _BYLINE_LEAD.sub("", text)
    if tail := _BYLINE_TAIL.search(text):
        # "Jane Doe. Harbour Times" ends at the full stop; "Creator. Gamer." is a bio line
        if tail.group().startswith(".") and len(text[:tail.start()].split()) < 2:
            return None
        text = text[:tail.start()].strip(" ,")
    parts = [p.strip() for p in re.split(r"\s*,\s+", text) if p.strip()]
    if parts and re.fullmatch(r"[A-Z]{2,10}", parts[0]):  # "PTI", "PTI, Washington"
        return None if parts[0].lower() in _NOT_AUTHORS else parts[0] if _is_acronym(parts[0]) \
            else parts[0].title()
    # "Jane Doe, CNN", "Jane Doe, MS, RD": a part after the names that is no name ends them
    names_end = next((i for i, part in enumerate(parts) if i and _is_affiliation(part)), len(parts))
    names: list[str] = []
    for part in parts[:names_end]:
        for name in re.split(r"\s+and\s+|\s*&\s*", part):
            if not (name := _person_part(name)):
                return None
            names.append(name)
    if not names:
        return None
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _is_acronym(word: str, short: bool = True) -> bool:
    """"PTI", "CNN", "KWCHCIK": capitals that are not read as a word (no vowel, a run of
    consonants no word has, or, alone, four letters or fewer); "TURAN" and "KRISHER" are
    words in capitals, and so, beside other words, is "NEWS"."""
    letters = word.upper()
    return ((short and len(letters) <= 4) or not re.search(r"[AEIOUY]", letters)
            or re.search(r"[^AEIOUY\W\d]{5}", letters) is not None)


def _is_affiliation(part: str) -> bool:
    """A comma-separated part of a byline that names no person: an outlet or desk ("CNN
    Business", "Harbour Times", "Reuters", "cleveland.com"), a degree or title ("MS")."""
    if len(pieces := re.split(r"\s+and\s+|\s*&\s*", part)) > 1:
        return any(_is_affiliation(piece) for piece in pieces)
    words = part.split()
    return (len(words) < 2 or any(w.isupper() and len(w) > 1 for w in words)
            or words[-1].lower() in _NEWS_WORDS or canonical_outlet(part) in _KNOWN_OUTLETS
            or any(w.lower() in _BYLINE_ROLES | _DESK_WORDS for w in words)
            or not all(_is_name_word(w) for w in words))


def _person_part(name: str) -> str | None:
    """One person's name as a byline prints it, without the job title or outlet printed
    after it ("Jane Doe Senior Correspondent", "Jane Doe Associated Press"), title-cased
    when printed in capitals; None when it is no person's name."""
    words = name.split()
    if not words or words[-1].lower() in _DESK_WORDS:
        return None
    if sum(w.isupper() and len(w) > 1 for w in words) >= 2:  # "JANE DOE", "JANE DOE Harbour Times"
        words = [w.title() if w.isupper() else w for w in words]
    words = words[:next((i for i, w in enumerate(words) if w.lower() in _BYLINE_ROLES), len(words))]
    for size in (3, 2, 1):  # an outlet printed after the name: "Jane Doe Associated Press"
        tail = " ".join(words[-size:])
        if len(words) - size >= 2 and (canonical_outlet(tail) in _KNOWN_OUTLETS
                                       or (size >= 2 and words[-1].lower() in _NEWS_WORDS)):
            words = words[:-size]
            break
    name = " ".join(words)
    return name if words and _is_person_name(name) else None


def _is_name_word(word: str) -> bool:
    """"Lucía", "O'Neil", "McDonald", "Amir-Abdulhian", "E." or a particle ("van", "del")."""
    if word in NAME_PARTICLES or re.fullmatch(r"[^\W\d_]\.", word) and word[0].isupper():
        return True
    return (word[0].isupper() and any(c.islower() for c in word)
            and all(c.isalpha() or c in "'’-" for c in word) and word[-1].isalpha())


def _is_person_name(name: str) -> bool:
    words = name.split()
    return (name.lower() not in _NOT_AUTHORS and 1 <= len(words) <= 5 and words[0][0].isupper()
            and not any(w.lower() in _CALENDAR_WORDS for w in words) and all(_is_name_word(w) for w in words))


def author_from_text(article: Article) -> str | None:
    """The byline: what the cleaner labelled as one, else a "By Name" line it dropped or
    kept at the top of the story, else a name alone on a line just before or after the
    story (a signature). Text that is not a name (a bio line such as "Creator. Problem
    solver.") never counts."""
    removed = article.removed
    labelled = [r.text for r in removed if "byline" in r.reason]
    by_lines = [r.text for r in removed if _BYLINE_LEAD.match(r.text.lstrip("("))]
    by_lines += [p for p in article.paragraphs[:3] if _BYLINE_LEAD.match(p) and len(p.split()) <= _BYLINE_MAX_WORDS]
    for text in labelled + by_lines:
        if name := clean_author(text):
            return name
    if labelled or by_lines:
        return None  # there is a byline, but it names no person ("By Editor")
    return _signature(article)


def author_from_page(article: Article) -> tuple[str | None, bool]:
    """The author the page declares, or the first byline printed by its headline that
    names someone: the printed one when it names the declared author and others too
    (metadata often lists only the first of several). And whether the page printed a
    byline that names no person ("By Harbour Times Staff"), which later bylines on the
    page (other stories') do not overrule."""
    page = article.page_meta
    declared = clean_author(page.get("author"))
    printed, nobody = None, False
    for line in page.get("bylines", "").split("\n"):
        if printed := clean_author(line):
            break
        if _BYLINE_LEAD.match(line) and _BYLINE_LEAD.sub("", line).strip():
            nobody = True
            break
    if declared and printed and printed.startswith((declared + ", ", declared + " and ")):
        return printed, False
    return declared or printed, nobody and not declared


def _story_lines(article: Article) -> tuple[list[str], int, int] | None:
    """A text file's non-empty lines, and where the story's first and last paragraphs are
    among them; None when that cannot be told (HTML, story not found)."""
    if article.format != "text" or not article.paragraphs:
        return None
    lines = [" ".join(line.split()) for line in article.raw.split("\n") if line.strip()]
    story = {" ".join(p.split()) for p in article.paragraphs}
    at = [i for i, line in enumerate(lines) if line in story]
    return (lines, at[0], at[-1]) if at else None


def _signature(article: Article) -> str | None:
    """A two-to-four-word name on its own line within two lines of the story's start or end."""
    found = _story_lines(article)
    if not found:
        return None
    lines, first, last = found
    near = lines[max(first - 2, 0):first] + lines[last + 1:last + 3]
    headline = " ".join((article.title or "").split())  # a name-shaped headline ("Abu Ghadiya") is no byline
    return next((line for line in near if 2 <= len(line.split()) <= 4 and line != headline
                 and not re.search(r"['’]s\b", line) and _is_person_name(line)), None)  # not "Today's Birthdays"


def _is_title(text: str | None, article: Article) -> bool:
    """A real headline: not a date line, not the outlet's or site's name."""
    if not text or not text.strip() or date_line(text):
        return False
    names = {n.lower() for n in (article.outlet, article.site, article.page_meta.get("site_name")) if n}
    return text.strip().lower() not in names


def title_from_page(article: Article) -> str | None:
    """The page's declared title without the site's name ("Story | Site" -> "Story")."""
    title = " ".join((article.page_meta.get("title") or "").split())
    names = {n.lower() for n in (article.outlet, article.site, article.page_meta.get("site_name")) if n}
    parts = re.split(r"\s+[|–—:-]\s+|\s+::\s+", title)
    if len(parts) > 1:
        parts = [p for p in parts if p.lower() not in names and not (article.site and p.lower() in article.site)]
        title = max(parts, key=len, default="")
    return title if _is_title(title, article) else None


def _squeeze(name: str) -> str:
    return re.sub(r"[\W_]|^the", "", name.casefold())


# How many of the story's first paragraphs may hold its dateline (a wire story's may stand
# under a standfirst or a key-points line).
_DATELINE_PARAGRAPHS = 2


def _dateline_place(text: str) -> str:
    """A dateline's place as a name: capitals in title case ("NOVYE ATAGI , Russia" ->
    "Novye Atagi, Russia"), spacing as written prose has it."""
    parts = [" ".join(part.split()) for part in text.split(",")]
    return ", ".join(part.title() if part.isupper() else part for part in parts if part)


def _day_of_month(text: str, published: date | None) -> date | None:
    """"Dec 6" as a date: the last such day on or before publication; None without one."""
    month, _, day = text.replace(".", "").partition(" ")
    number = MONTHS.get(month.lower())
    if not number or not published or not day.isdigit():
        return None
    return day_in_direction(number, int(day), published, BACK)


def dateline_of(article: Article) -> Dateline | None:
    """The story's dateline from its first paragraphs, or None. A capital word before a
    dash that labels the story ("UPDATE -", "EXCLUSIVE -") or a headline in capitals
    ("SOCCER - JAPAN WIN") is no dateline: the story's sentence must follow it."""
    for paragraph in article.paragraphs[:_DATELINE_PARAGRAPHS]:
        if m := ev.DATELINE_LINE.match(paragraph):
            found = full_date(m["date"])
            when = found[0] if found else _day_of_month(m["date"], article.published)
            return Dateline(_dateline_place(m["place"]), when)
        if m := ev.DATELINE_DOTTED.match(paragraph):
            return Dateline(_dateline_place(m["place"]),
                            make_date(int(m["year"]), int(m["month"]), int(m["day"])))
        m = ev.DATELINE_LEAD.match(paragraph)
        if m and m["place"].lower() not in ev.NOT_PLACES and re.match(r"[“\"‘']?[A-Z0-9][a-z0-9]", paragraph[m.end():]):
            when = _day_of_month(m["date"], article.published) if m["date"] else None
            return Dateline(_dateline_place(m["place"]), when)
    return None


def extract_metadata(article: Article) -> Article:
    source, page = article.source, article.page_meta
    article.url = source.get("url") or page.get("url")
    article.site = site_of(article.url)
    article.published = (parse_date(source.get("published", "")) or published_from_page(article)
                         or date_from_text(article) or date_from_url(article.url))
    article.outlet = ((canonical_outlet(source["outlet"]) if source.get("outlet") else None)
                      or (outlet_from_site_name(page["site_name"], article.site) if page.get("site_name") else None)
                      or (_known_domain(article.site) if article.site else None)
                      or outlet_from_text(article) or outlet_from_domain(article.site))
    cleaner_title = article.title if _is_title(article.title, article) else None
    article.title = source.get("title") or cleaner_title or title_from_page(article)
    author, nobody = (source["author"], False) if source.get("author") else author_from_page(article)
    if author is None and not nobody:
        author = author_from_text(article)
    # a page that credits its own outlet as the author ("By Al Jazeera") names no person
    outlets = {_squeeze(n) for n in (article.outlet, page.get("site_name")) if n}
    article.author = author if author and _squeeze(author) not in outlets else None
    article.dateline = dateline_of(article)
    if article.published is None and article.dateline is not None:
        article.published = article.dateline.date
    article.dates = mentioned_dates(article.body, article.published)
    return article
