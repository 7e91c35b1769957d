"""Dates in article text: a page's own date line, and the dates a story mentions.

`date_line` reads a line that is nothing but a date (what sites print above or below a
story: "Friday, June 21, 2024", "Published 3 June 2024, 10:15", "10.06.23"); dotted
numeric dates are day.month.year. `shown_date` reads the date a page prints by its
headline or byline, which may leave out the year ("Posted Nov 18, 8:19 PM").
`timestamp` reads a declared date-time (meta tags, JSON-LD) keeping the date as written
and the instant, and `could_be_local` says whether a shown date can be that instant's
local date somewhere. `mentioned_dates` finds the dates a story talks about ("April 3",
"August 2022", "on Friday") and resolves them to full dates when the text or the
publication date allows; a month with no day stands for its first day."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from itertools import accumulate
from operator import itemgetter

MONTHS = {name: number for number, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], 1) for name in names}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# 21.06.24 or 21.06.2024
_DOTTED_DATE = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})(?![\d.])")
# Full dates: each but the dotted one writes its year 19xx or 20xx (a text with neither
# "19" nor "20" in it is searched for dotted ones only).
_FULL_DATES = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),                    # June 21, 2024
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),           # 21 June 2024
    re.compile(r"\b(?P<year>(?:19|20)\d{2})([-/])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\d)"),  # 2024-06-21
    # 21/06/2024 or 06/21/2024, only when the day is over 12 and so tells which is which
    re.compile(r"(?<![\d/])(?P<day>1[3-9]|2\d|3[01])/(?P<month>0?[1-9]|1[0-2])/(?P<year>(?:19|20)\d{2})(?![\d/])"),
    re.compile(r"(?<![\d/])(?P<month>0?[1-9]|1[0-2])/(?P<day>1[3-9]|2\d|3[01])/(?P<year>(?:19|20)\d{2})(?![\d/])"),
    _DOTTED_DATE,
)
# What may surround the date on a date line: a weekday, "Published"/"Updated", a time, a zone.
_DATE_LINE_FILLER = re.compile(
    r"\b(?:published|updated|posted|last|modified|on|at|date|am|pm|a\.m\.|p\.m\.|gmt|utc|[a-z]?[ecmp][sd]t|"
    + "|".join(WEEKDAYS) + r"|mon|tue|tues|wed|thu|thurs|fri|sat|sun)\b|\d{1,2}[:.]\d{2}|[\W_]", re.I)


def make_date(year: int, month: int, day: int) -> date | None:
    """A valid date, two-digit years read as 20xx; None when there is no such day."""
    if year < 100:
        year += 2000
    try:
        return plausible(date(year, month, day))
    except ValueError:
        return None


def plausible(value: date | None) -> date | None:
    """The date if a news article could carry it; pages declare "0001-01-01" and worse."""
    return value if value and 1800 <= value.year <= 2200 else None


def _month_number(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower().rstrip(".")]


def _match_date(match: re.Match) -> date | None:
    return make_date(int(match["year"]), _month_number(match["month"]), int(match["day"]))


def full_date(text: str) -> tuple[date, re.Match] | None:
    """The first complete date written in `text`, with where it was found."""
    patterns = _FULL_DATES if "19" in text or "20" in text else (_DOTTED_DATE,)
    found = [(m.start(), m) for pattern in patterns for m in pattern.finditer(text)]
    for _, match in sorted(found, key=lambda pair: pair[0]):
        if (value := _match_date(match)) is not None:
            return value, match
    return None


def date_line(line: str) -> date | None:
    """The date of a line that says nothing but a date (with perhaps a weekday, a
    "Published"/"Updated" label and a time), else None."""
    if len(line) > 80 or not (found := full_date(line)):
        return None
    value, match = found
    rest = line[:match.start()] + " " + line[match.end():]
    # A time zone or similar short word may remain ("BST"); a sentence may not.
    return value if len(_DATE_LINE_FILLER.sub("", rest)) <= 4 else None


# A declared date-time: "2019-11-19T17:53:00-08:00", "2019-11-20T01:53:14.418Z",
# "2019-11-19 02:24:00", "2019-11-20T09:29:08+0000", "2019-11-13".
_TIMESTAMP = re.compile(
    r"^\s*(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[T ](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?|(?i:GMT|UTC)(?:[+-]\d{2}:?\d{2})?)?\s*$")
# The earliest and latest local times on Earth, against UTC.
_ZONE_WEST, _ZONE_EAST = timedelta(hours=-12), timedelta(hours=14)


@dataclass(frozen=True)
class Timestamp:
    """A date-time as a page declares it: the date as written (a page in Los Angeles
    that writes "2019-11-19T17:53:00-08:00" dates its story the 19th, whatever the
    date in UTC), and the instant when a time is given (naive when no zone is)."""

    day: date
    moment: datetime | None = None

    @property
    def has_local_offset(self) -> bool:
        """Whether the page gave a zone other than UTC, and so wrote its local time."""
        offset = self.moment.utcoffset() if self.moment else None
        return offset is not None and offset != timedelta(0)


def timestamp(value: str) -> Timestamp | None:
    """A declared date or date-time (ISO 8601, or a written date such as "19 Nov 2019
    07:09 GMT", whose time is then not read); None when it is no plausible date."""
    m = _TIMESTAMP.match(value or "")
    if not m:
        found = full_date(value or "")
        return Timestamp(found[0]) if found else None
    try:  # not make_date: "0001-01-01", which pages declare, is no year 2001
        day = plausible(date(int(m["year"]), int(m["month"]), int(m["day"])))
    except ValueError:
        return None
    if day is None or m["hour"] is None:
        return Timestamp(day) if day else None
    zone = None
    if m["zone"]:
        digits = re.sub(r"\D", "", m["zone"])
        sign = -1 if "-" in m["zone"] else 1
        hours, minutes = (int(digits[:2]), int(digits[2:4] or 0)) if digits else (0, 0)
        zone = timezone(sign * timedelta(hours=hours, minutes=minutes)) if hours < 24 and minutes < 60 else None
    try:
        moment = datetime(day.year, day.month, day.day, int(m["hour"]), int(m["minute"]),
                          int(m["second"] or 0), tzinfo=zone)
    except ValueError:
        return Timestamp(day)
    return Timestamp(day, moment)


def could_be_local(day: date, moment: datetime) -> bool:
    """Whether `day` is the local date of `moment` in some time zone (UTC-12 to UTC+14);
    a naive moment is taken as UTC, as pages that leave out the zone mostly mean."""
    utc = moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment
    return (utc + _ZONE_WEST).date() <= day <= (utc + _ZONE_EAST).date()


# Labels a page prints before its dates: the first kind names the publication date, the
# second a later revision ("Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM").
_PUBLISHED_LABEL = re.compile(r"\b(?:published|posted|created|first published|date)\b", re.I)
_REVISED_LABEL = re.compile(r"\b(?:updated|modified|revised|edited|last updated)\b", re.I)
_MONTH_DAYS = [re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![:.]\d)", re.I),         # Nov 18 (not "Nov 8:19")
               re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\w)", re.I)]


def names_a_date(text: str) -> bool:
    """Whether the text writes a date, with or without its year."""
    return full_date(text) is not None or any(p.search(text) for p in _MONTH_DAYS)


def shown_date(text: str, near: date | None = None) -> date | None:
    """The publication date a page prints by its headline or byline ("By Jane Doe |
    November 18, 2019", "Posted: Fri 6:45 PM, Feb 16, 2018 | Updated: Sat 8:31 PM, Feb
    17, 2018"): a date labelled as the publication's before an unlabelled one before a
    revision's. A month and day without a year ("Posted Nov 18, 8:19 PM") take the year
    that puts them nearest `near` (the declared publication time), and without it count
    for nothing."""
    labels = sorted([(m.start(), 0) for m in _PUBLISHED_LABEL.finditer(text)]
                    + [(m.start(), 2) for m in _REVISED_LABEL.finditer(text)])
    cuts = [0] + [start for start, _ in labels] + [len(text)]
    kinds = [1] + [kind for _, kind in labels]  # text before any label is unlabelled
    found: list[tuple[int, date]] = []
    for kind, start, end in zip(kinds, cuts, cuts[1:]):
        piece = text[start:end]
        if value := full_date(piece):
            found.append((kind, value[0]))
        elif near and (m := next((m for p in _MONTH_DAYS if (m := p.search(piece))), None)) and \
                (value := _nearest_year(_month_number(m["month"]), int(m["day"]), near)):
            found.append((kind, value))
    return min(found, key=lambda pair: pair[0])[1] if found else None


def _nearest_year(month: int, day: int, anchor: date) -> date | None:
    """The date with this month and day closest to `anchor` (a story published in
    January that mentions "December 20" means last December)."""
    candidates = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := make_date(y, month, day))]
    return min(candidates, key=lambda d: abs((d - anchor).days), default=None)


# Month names as a story writes them beside a day: in full, or abbreviated with a full stop
# (AP style: "Dec. 6", "Sept. 12").
_MONTH_NAME = (r"(?P<month>" + "|".join(m.title() for m in MONTHS if len(m) > 3 or m == "may") + "|"
               + "|".join(m.title() + r"\." for m in MONTHS if 3 <= len(m) <= 4 and m != "may") + r")")
_MONTH_FULL = r"(?P<month>" + "|".join(m.title() for m in MONTHS if len(m) > 3 or m == "may") + r")"
# The characters a mention can start with: a digit, the capitals of the months and
# weekdays (written capitalised), and the first letters of the cue words before a month or
# weekday ("in", "since", "mid-", "last", "next"), in either case. Told them, the engine
# tries the pattern only there, where it would try it at every character of the story (two
# to three times quicker); told them in their case, not at the many words that start with
# a small "a", "o" or "w". (Ignoring case, the engine also takes "İ" and "ı" for "i", "ſ"
# for "s".) tests/test_metadata.py checks that every start is told.
_MENTION_STARTS = r"\dbdefilmnstuABDEFIJLMNOSTUWİıſ"
_MENTIONS = re.compile(
    rf"(?=[{_MENTION_STARTS}])"
    rf"\b(?:{_MONTH_NAME}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d{{2}})\b)?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_NAME.replace('month', 'month2')}"
    rf"(?:,?\s+(?P<year2>(?:19|20)\d{{2}})\b)?"
    rf"|{_MONTH_FULL.replace('month', 'month3')}(?:\s+(?:and|to|through|-|–)\s+{_MONTH_FULL.replace('month', 'month4')})?"
    rf",?\s+(?:of\s+)?(?P<year3>(?:19|20)\d{{2}})\b"
    rf"|(?P<cue>\b(?i:in|since|during|until|by|from|early|late|last|this|next)\s+|\b(?i:mid)-)"
    rf"{_MONTH_FULL.replace('month', 'month5')}\b(?!,?\s+(?:of\s+)?\d)"
    rf"|(?P<weekday>\b(?:(?i:last|next)\s+)?(?:{'|'.join(w.title() for w in WEEKDAYS)}))\b"
    r"|(?P<iso>(?:19|20)\d{2}-\d{2}-\d{2})(?!\d))")


# -- Which way a date without a year points --------------------------------------------------
#
# "June 9" in a story published in November is last June or next June; "on Friday" is last
# Friday or this coming one. News tells them apart by tense: "the band will tour from June
# 9", "tickets go on sale Friday", "the show is scheduled for June 9" look ahead; "was
# arrested on June 9", "said on Friday" look back. The verb nearest before the date (with
# its auxiliaries) decides, else the first one after it in the sentence ("On June 9, the
# board met"); a sentence with neither takes the direction of the sentence before it in
# its paragraph, and a line that is only a date and a place (an item in a list of tour
# dates) that of the last one before it. The words are families, kept here as data.

# Words that put the clause ahead of publication: modals of the future and of what may come,
# words of arrangement and schedule ("due", "slated", "earmarked"), "until", a tour.
LOOKING_AHEAD = frozenset(
    "will 'll shall wo won't can cannot can't may might must should going due slated scheduled "
    "rescheduled earmarked tipped billed poised planned planning intended expected expecting upcoming "
    "forthcoming coming until till tour tours trek deadline tomorrow aiming aims hoping soon starting "
    "beginning effective".split())
# Present-tense verbs that news uses for scheduled events ("the show opens Friday", "the
# Paris Club meets on 12 January", "the ban comes into force on 18 February"); forms that
# are as often nouns ("votes", "the launch", "a return") are left out.
SCHEDULE_VERBS = frozenset(
    "opens begin begins starts runs ends closes meet meets take takes come comes go goes kick kicks play plays face faces "
    "host hosts hold holds arrive arrives resume resumes expire expires continue continues conclude concludes "
    "perform performs headline headlines compete competes".split())
# Words that put the clause before publication: past auxiliaries and markers, and the
# irregular past forms a rule for "-ed" misses.
LOOKING_BACK = frozenset(
    "was were had did ago yesterday earlier previously since already once "
    "said told took taken met began begun came went gone left won lost made saw seen got gave given held found "
    "fell fallen rose risen led ran sent spent struck kept brought bought thought knew known wrote written "
    "spoke spoken broke broken chose chosen became drove driven ate eaten flew flown grew grown threw thrown "
    "paid sold stood heard felt built fought caught taught sought shot hid hidden shown drew drawn swore "
    "forgot forgotten froze frozen beaten bit bitten blew blown hung laid lit meant rode rang "
    "sang sank shook slid slept spun stole stuck stung swam swept swung tore torn woke wore worn "
    # the same in present and past, and in news mostly past: "Russia beat Croatia on Monday"
    "beat hit cut put quit shut bid cast split set".split())
# Words that end in -ed and are no past verb.
_NOT_PAST = frozenset("need speed red bed seed feed shed bleed breed embed hundred indeed sacred naked wicked "
                      "kindred ahead instead".split())
# The auxiliaries of a verb group, and words that sit inside one ("will now be held", "had
# already been", "is to open").
_PRESENT_AUXILIARIES = frozenset("is are am".split())
_PAST_AUXILIARIES = frozenset("was were had did".split())
_PERFECT = frozenset("has have having".split())
_VERB_COMPANIONS = frozenset("be being been to not n't also now then still just never reportedly do does".split()
                             ) | _PRESENT_AUXILIARIES | _PAST_AUXILIARIES | _PERFECT
# Named days that are no weekday of this week ("Black Friday", "Super Tuesday").
_NAMED_DAYS = re.compile(r"\b(?:Black|Cyber|Good|Ash|Super|Easter|Palm|Maundy|Holy|Bloody|Giving|Small Business)\s+$")
# A weekday printed as part of a full date ("Friday, Dec. 6"): the date says which one.
_DATE_AFTER_WEEKDAY = re.compile(
    rf",?\s+(?:{_MONTH_NAME}\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_FULL.replace('month', 'm2')})")
# A weekday as the owner of an event: "Monday night's loss", "Thursday's fight" (past, in news).
_POSSESSIVE_DAY = re.compile(r"(?:\s+(?:night|morning|afternoon|evening))?['’]s\b")
# A word or a mark that ends a clause; captured, so that splitting a text at its tokens keeps them.
_TOKENS = re.compile(r"([A-Za-z][A-Za-z'’-]*|[.!?;:]|\n)")
# Words a full stop follows inside a sentence ("Dec. 6", "Mr. Smith", "U.S. officials").
_ABBREVIATIONS = frozenset("mr mrs ms dr st jr sr gov sen rep lt col gen sgt capt cmdr adm prof inc co corp ltd "
                           "no vs etc jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs "
                           "fri sat sun ft mt".split())
# How far from a date its verb is looked for, in words: a sentence's worth (and a text
# with no full stops is not read to its start for every date in it).
_CLAUSE_WORDS = 60
AHEAD, BACK = "ahead", "back"


def _is_past_form(word: str) -> bool:
    return word in LOOKING_BACK or (word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST)


def _group_direction(words: list[str]) -> str | None:
    """Which way a verb with its auxiliaries points, or None when it does not say (a
    bare "is"): a word looking ahead wins ("will be held", "were due to begin"); then a
    past auxiliary or the perfect ("was arrested", "has risen"); then a present one with
    a verb or "to" ("is released", "is holding", "is to open": an arrangement); then the
    verb itself, past ("arrested") or of a schedule ("opens")."""
    if any(w in LOOKING_AHEAD for w in words):
        return AHEAD
    if any(w in _PAST_AUXILIARIES or w in _PERFECT for w in words):
        return BACK
    verbs = [w for w in words if w not in _VERB_COMPANIONS or w == "been"]
    if any(w in _PRESENT_AUXILIARIES for w in words) and (verbs or "to" in words):
        return AHEAD
    if "to" in words and "be" in words:  # "to be held", "to be thrown out"
        return AHEAD
    if any(_is_past_form(w) for w in verbs):
        return BACK
    return AHEAD if any(w in SCHEDULE_VERBS for w in verbs) else None


class _Clauses:
    """A text's words with their places, for reading the tense around a date in it.
    Capitalised words inside a sentence are names ("Veterans United", "the Tour"), not
    verbs."""

    def __init__(self, text: str):
        # One scan: the text cut at its tokens, kept ([gap, token, gap, ..., gap]), each
        # token's place the length of all before it (no match object made per word).
        pieces = _TOKENS.split(text)
        written = pieces[1::2]
        self.starts = list(accumulate(map(len, pieces)))[:-1:2]
        # Lower-cased all at once: a token holds ASCII letters, apostrophes, hyphens or one
        # mark, none of which lower() lengthens, and never a NUL.
        self.words = "\0".join(written).lower().replace("’", "'").split("\0") if written else []
        self.capitalised = list(map(str.isupper, map(itemgetter(0), written)))

    def _ends_sentence(self, i: int) -> bool:
        token = self.words[i]
        if token in ("\n", ";", ":", "!", "?"):
            return True
        if token != ".":
            return False
        before = self.words[i - 1] if i else ""
        return not (len(before) == 1 or before in _ABBREVIATIONS)  # "a.m.", "U.S.", "Dec."

    def _verbal(self, i: int) -> bool:
        """Whether token i can belong to a verb group: a known verb word, auxiliary or
        companion, or an -ing or -ed form; and not a name inside a sentence."""
        word = self.words[i]
        if self.capitalised[i] and i and not self._ends_sentence(i - 1):
            return False
        return (word in LOOKING_AHEAD or word in _VERB_COMPANIONS or word in SCHEDULE_VERBS or _is_past_form(word)
                or word.endswith(("ing", "ly")))

    def _group_at(self, i: int) -> tuple[list[str], int, int]:
        """The verb group around token i: the verbal words next to it either side, in
        the same sentence; and where it starts and ends."""
        first = last = i
        while first > 0 and not self._ends_sentence(first - 1) and self._verbal(first - 1) and i - first < 5:
            first -= 1
        while last + 1 < len(self.words) and not self._ends_sentence(last + 1) and self._verbal(last + 1) \
                and last - i < 3:
            last += 1
        return [self.words[k] for k in range(first, last + 1)], first, last

    def _says(self, i: int) -> bool:
        """Whether a verb group may be read at token i going back: a verb word that is
        no -ing form (a participle says nothing of time alone), or a word looking ahead."""
        word = self.words[i]
        return self._verbal(i) and (not word.endswith(("ing", "ly")) or word in LOOKING_AHEAD)

    def _back(self, i: int, stop: Callable[[int], bool]) -> str | None:
        """The direction of the first verb group that says one, going back from token i
        until stop(i)."""
        limit = i - _CLAUSE_WORDS
        while i >= 0 and i > limit and not stop(i):
            if self._says(i):
                words, first, _ = self._group_at(i)
                if direction := _group_direction(words):
                    return direction
                i = first
            i -= 1
        return None

    def direction(self, start: int, end: int) -> str | None:
        """Which way the clause around text[start:end] points: the first verb group
        before it in its sentence that says, else the first after it; None when neither."""
        if direction := self._back(bisect_left(self.starts, start) - 1, self._ends_sentence):
            return direction
        i = bisect_left(self.starts, end)
        limit = i + _CLAUSE_WORDS
        while i < min(len(self.words), limit) and not self._ends_sentence(i):
            if self._verbal(i):
                words, _, last = self._group_at(i)
                if direction := _group_direction(words):
                    return direction
                i = last
            i += 1
        return None

    def line_start(self, start: int) -> bool:
        """Whether only space stands between the start of a line and `start`."""
        i = bisect_left(self.starts, start) - 1
        return i < 0 or self.words[i] == "\n"

    def line_before(self, start: int) -> str | None:
        """Which way the line before the one at `start` points (the sentence that
        introduces a list: "The band will tour next summer. Dates:"): its last verb
        group that says."""
        return self._back(bisect_left(self.starts, start) - 2, lambda i: self.words[i] == "\n")

    def same_sentence(self, a: int, b: int) -> bool:
        return not any(token in ".!?\n" and self._ends_sentence(k)
                       for k in range(bisect_left(self.starts, a), bisect_left(self.starts, b))
                       for token in (self.words[k],))


@dataclass(frozen=True)
class Mention:
    """A date a story mentions: where, as written, the dates it stands for (none when
    they cannot be known), and, for one without a year, which way from publication it
    was read (AHEAD, BACK or None when the text did not say)."""

    start: int
    end: int
    text: str
    dates: tuple[date, ...]
    looking: str | None = None


def day_in_direction(month: int, day: int, published: date, looking: str | None) -> date | None:
    """A month and day without a year: the next one on or after publication when the
    sentence looks ahead, else the last one on or before it."""
    for year in ((published.year, published.year + 1) if looking == AHEAD else (published.year, published.year - 1)):
        if (found := make_date(year, month, day)) and (found >= published if looking == AHEAD else found <= published):
            return found
    return None


def _resolve(match: re.Match, published: date | None, looking: str | None) -> list[date]:
    if match["iso"]:
        return [d] if (d := make_date(*map(int, match["iso"].split("-")))) else []
    if match["month"] or match["month2"]:
        month = _month_number(match["month"] or match["month2"])
        day, year = int(match["day"] or match["day2"]), match["year"] or match["year2"]
        if year:
            return [d] if (d := make_date(int(year), month, day)) else []
        return [d] if published and (d := day_in_direction(month, day, published, looking)) else []
    if match["month3"]:  # "August 2022", "between August and September 2022"
        year = int(match["year3"])
        months = [match["month3"]] + ([match["month4"]] if match["month4"] else [])
        return [date(year, MONTHS[m.lower()], 1) for m in months]
    if not published:
        return []
    if match["month5"]:
        # "next April": the coming one; "since/last April": the latest up to publication;
        # "in April": as the sentence looks, else the nearest
        month, cue = MONTHS[match["month5"].lower()], match["cue"].strip().lower()
        if cue == "next":
            return [date(published.year + (month <= published.month), month, 1)]
        if looking == AHEAD and cue not in ("since", "last"):  # "will open in June": this one or the next
            return [date(published.year + (month < published.month), month, 1)]
        if cue == "last":  # "last November", said in November, is a year ago
            return [date(published.year - (month >= published.month), month, 1)]
        if cue == "since" or looking == BACK:
            return [date(published.year - (month > published.month), month, 1)]
        return [_nearest_year(month, 1, published.replace(day=1))]
    words = match["weekday"].lower().split()
    offset = (published.weekday() - WEEKDAYS.index(words[-1])) % 7
    if words[0] == "next" or (looking == AHEAD and words[0] != "last"):
        return [published + timedelta(days=(7 - offset) % 7 or (7 if words[0] == "next" else 0))]
    if words[0] == "last" and offset == 0:
        offset = 7
    return [published - timedelta(days=offset)]


def _needs_direction(match: re.Match) -> bool:
    return bool(((match["month"] or match["month2"]) and not (match["year"] or match["year2"]))
                or match["month5"] or (match["weekday"] and " " not in match["weekday"]))


def date_mentions(text: str, published: date | None = None) -> list[Mention]:
    """The dates a story mentions, in order, each resolved to full dates when the text or
    the publication date allows. Dates with no year ("April 3") and weekdays ("on
    Friday") need the publication date, and go the way their sentence looks; a weekday
    named as a holiday ("Black Friday") or printed with its date ("Friday, Dec. 6") is no
    mention of its own."""
    clauses: _Clauses | None = None  # read when a date first needs its sentence's direction
    mentions: list[Mention] = []
    last: tuple[int, str] | None = None  # where the last date whose sentence said its direction was
    for match in _MENTIONS.finditer(text):
        if match["weekday"] and (_NAMED_DAYS.search(text, max(0, match.start() - 16), match.start())
                                 or _DATE_AFTER_WEEKDAY.match(text, match.end())):
            continue
        looking = None
        if published and _needs_direction(match):
            clauses = clauses or _Clauses(text)
            looking = BACK if match["weekday"] and _POSSESSIVE_DAY.match(text, match.end()) else \
                clauses.direction(match.start(), match.end())
            if looking:
                last = (match.start(), looking)
            elif clauses.line_start(match.start()):  # an item of a list of dates: as the list's
                looking = clauses.line_before(match.start()) or (last[1] if last else None)  # heading or last item
                last = (match.start(), looking) if looking else last
            elif last and clauses.same_sentence(last[0], match.start()):  # "continues Nov. 19; then Feb. 7"
                looking = last[1]
        mentions.append(Mention(match.start(), match.end(), match.group(), tuple(_resolve(match, published, looking)),
                                looking))
    return mentions


def mentioned_dates(text: str, published: date | None = None) -> list[date]:
    """The dates a story mentions, resolved to full dates, sorted and without repeats."""
    return sorted({d for mention in date_mentions(text, published) for d in mention.dates})


def period(text: str) -> tuple[date, date]:
    """The first and last day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (as --since, --until and
    the web page's date range take them); ValueError for anything else."""
    parts = text.strip().split("-")
    if not 1 <= len(parts) <= 3 or len(parts[0]) != 4 or not all(p.isdigit() for p in parts):
        raise ValueError(f"{text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, *rest = (int(p) for p in parts)
    try:
        if len(rest) == 2:
            day = date(year, rest[0], rest[1])
            return day, day
        first_month, last_month = (rest[0], rest[0]) if rest else (1, 12)
        first = date(year, first_month, 1)
        following = date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)
        return first, following - timedelta(days=1)
    except ValueError:
        raise ValueError(f"{text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)") from None


def month_series(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Counts by month (YYYY-MM) as a series for a chart: every month from the first to the
    last that has a count, in order, months without one as 0."""
    if not counts:
        return []
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:7])
    series = []
    while (key := f"{year}-{month:02d}") <= last:
        series.append((key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return series
