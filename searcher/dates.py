"""Dates in article text: a page's own date line, and the dates a story mentions.

`date_line` reads a line that is nothing but a date (what sites print above or below a
story: "Friday, June 21, 2024", "Published 3 June 2024, 10:15", "10.06.23"); dotted
numeric dates are day.month.year. `mentioned_dates` finds the dates a story talks about
("April 3", "August 2022", "on Friday") and resolves them to full dates when the text or
the publication date allows; a month with no day stands for its first day."""

from __future__ import annotations

import re
from datetime import date, timedelta

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
