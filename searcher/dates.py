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
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

MONTHS = {name: number for number, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], 1) for name in names}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_FULL_DATES = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),                    # June 21, 2024
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),           # 21 June 2024
    re.compile(r"\b(?P<year>(?:19|20)\d{2})([-/])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\d)"),  # 2024-06-21
    # 21/06/2024 or 06/21/2024, only when the day is over 12 and so tells which is which
    re.compile(r"(?<![\d/])(?P<day>1[3-9]|2\d|3[01])/(?P<month>0?[1-9]|1[0-2])/(?P<year>(?:19|20)\d{2})(?![\d/])"),
    re.compile(r"(?<![\d/])(?P<month>0?[1-9]|1[0-2])/(?P<day>1[3-9]|2\d|3[01])/(?P<year>(?:19|20)\d{2})(?![\d/])"),
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})(?![\d.])"),  # 21.06.24
]
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
    found = [(m.start(), m) for pattern in _FULL_DATES for m in pattern.finditer(text)]
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


_MONTH_NAME = r"(?P<month>" + "|".join(m.title() for m in MONTHS if len(m) > 3 or m == "may") + r")"
_MENTIONS = re.compile(
    rf"\b(?:{_MONTH_NAME}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d{{2}})\b)?"
    rf"|(?P<day2>\d{{1,2}})\s+{_MONTH_NAME.replace('month', 'month2')}(?:\s+(?P<year2>(?:19|20)\d{{2}}))?\b"
    rf"|{_MONTH_NAME.replace('month', 'month3')}(?:\s+(?:and|to|through|-|–)\s+{_MONTH_NAME.replace('month', 'month4')})?"
    rf",?\s+(?P<year3>(?:19|20)\d{{2}})\b"
    rf"|(?P<cue>\b(?i:in|since|during|until|by|from|early|late|last|this|next)\s+|\b(?i:mid)-){_MONTH_NAME.replace('month', 'month5')}\b(?!,?\s+\d)"
    rf"|(?P<weekday>\b(?:(?i:last|next)\s+)?(?:{'|'.join(w.title() for w in WEEKDAYS)}))\b"
    r"|(?P<iso>(?:19|20)\d{2}-\d{2}-\d{2})(?!\d))")


def _mention_dates(match: re.Match, published: date | None) -> list[date]:
    if match["iso"]:
        return [d] if (d := make_date(*map(int, match["iso"].split("-")))) else []
    if match["month"] or match["month2"]:
        month = MONTHS[(match["month"] or match["month2"]).lower()]
        day, year = int(match["day"] or match["day2"]), match["year"] or match["year2"]
        if year:
            return [d] if (d := make_date(int(year), month, day)) else []
        return [d] if published and (d := _nearest_year(month, day, published)) else []
    if match["month3"]:  # "August 2022", "between August and September 2022"
        year = int(match["year3"])
        months = [match["month3"]] + ([match["month4"]] if match["month4"] else [])
        return [date(year, MONTHS[m.lower()], 1) for m in months]
    if not published:
        return []
    if match["month5"]:
        # "in April": the nearest April; "since/last April": the latest up to publication;
        # "next April": the coming one
        month, cue = MONTHS[match["month5"].lower()], match["cue"].strip().lower()
        if cue == "next":
            return [date(published.year + (month <= published.month), month, 1)]
        if cue in ("since", "last"):
            return [date(published.year - (month > published.month), month, 1)]
        return [_nearest_year(month, 1, published.replace(day=1))]
    words = match["weekday"].lower().split()
    offset = (published.weekday() - WEEKDAYS.index(words[-1])) % 7
    if words[0] == "next":
        return [published + timedelta(days=(7 - offset) or 7)]
    if words[0] == "last" and offset == 0:
        offset = 7
    return [published - timedelta(days=offset)]


def mentioned_dates(text: str, published: date | None = None) -> list[date]:
    """The dates a story mentions, resolved to full dates, sorted and without repeats.
    Dates with no year ("April 3") and weekdays ("on Friday") need the publication date."""
    found: set[date] = set()
    for match in _MENTIONS.finditer(text):
        found.update(_mention_dates(match, published))
    return sorted(found)
