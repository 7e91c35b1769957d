"""Title, outlet, publication date and author of a cleaned article.

Each field is taken from the most trusted source that has it: the corpus sidecar, then
the page's own metadata (HTML meta tags, JSON-LD), then the source URL, then the text."""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlparse

from .article import Article

# News domains whose readable name is not just the domain's main label, title-cased.
OUTLET_DOMAINS = {
    "cnn.com": "CNN", "bbc.co.uk": "BBC News", "bbc.com": "BBC News", "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post", "wsj.com": "The Wall Street Journal",
    "theguardian.com": "The Guardian", "reuters.com": "Reuters", "apnews.com": "Associated Press",
    "taipeitimes.com": "Taipei Times", "ibtimes.com": "International Business Times",
    "ibtimes.co.uk": "International Business Times", "aljazeera.com": "Al Jazeera",
    "ft.com": "Financial Times", "bloomberg.com": "Bloomberg", "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News", "cbsnews.com": "CBS News", "abcnews.go.com": "ABC News",
    "npr.org": "NPR", "politico.com": "Politico", "axios.com": "Axios", "dw.com": "Deutsche Welle",
    "france24.com": "France 24", "rferl.org": "Radio Free Europe/Radio Liberty", "turan.az": "Turan",
    "timesofisrael.com": "The Times of Israel", "kyivindependent.com": "The Kyiv Independent",
    "themoscowtimes.com": "The Moscow Times", "newsweek.com": "Newsweek", "time.com": "Time",
    "economist.com": "The Economist", "independent.co.uk": "The Independent",
    "telegraph.co.uk": "The Telegraph", "usatoday.com": "USA Today", "latimes.com": "Los Angeles Times",
}

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
_MONTH_NAMES = "|".join(_MONTHS)
# "Friday, June 21, 2024" or "June 21, 2024" on a line of its own: a page date line.
_DATE_LINE = re.compile(rf"^(?:\w+day,?\s+)?({_MONTH_NAMES})\s+(\d{{1,2}}),?\s+(\d{{4}})$", re.I)
# "Washington D.C./10.06.23/Turan:" -- place/day.month.year/agency: a dateline.
_DOTTED_DATELINE = re.compile(r"^[^/\n]{2,40}/(\d{1,2})\.(\d{1,2})\.(\d{2,4})/\s*([^:/\n]{2,40}):")
_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|-)")
_CNN_STYLE = re.compile(r"^\(([A-Z][A-Za-z.&]{1,20})\)\s*[—–-]")


def parse_date(value: str) -> date | None:
    """An ISO date or date-time string (as in meta tags and sidecars)."""
    value = (value or "").strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
        return _safe_date(*map(int, match.groups())) if match else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_from_text(raw: str) -> date | None:
    """A page date line or a dateline among the first lines, never a date the story mentions."""
    for line in [l.strip() for l in raw.split("\n") if l.strip()][:5]:
        if m := _DATE_LINE.match(line):
            return _safe_date(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
        if m := _DOTTED_DATELINE.match(line):
            return _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def date_from_url(url: str | None) -> date | None:
    m = _URL_DATE.search(urlparse(url or "").path)
    return _safe_date(*map(int, m.groups())) if m else None


def site_of(url: str | None) -> str | None:
    host = urlparse(url or "").hostname or ""
    host = host.removeprefix("www.")
    return host or None


def outlet_from_domain(domain: str | None) -> str | None:
    if not domain:
        return None
    parts = domain.split(".")
    for i in range(len(parts) - 1):
        if ".".join(parts[i:]) in OUTLET_DOMAINS:
            return OUTLET_DOMAINS[".".join(parts[i:])]
    label = parts[-3] if len(parts) >= 3 and parts[-2] in ("co", "com") else parts[-2] if len(parts) >= 2 else parts[0]
    return label.replace("-", " ").title()


def outlet_from_text(raw: str) -> str | None:
    """The text's own attribution: "(CNN) —", "Place/dd.mm.yy/Agency:"."""
    for line in [l.strip() for l in raw.split("\n") if l.strip()][:8]:
        if m := _CNN_STYLE.match(line):
            return m.group(1)
        if m := _DOTTED_DATELINE.match(line):
            return m.group(4).strip().title() if m.group(4).isupper() else m.group(4).strip()
    return None


def author_from_text(article: Article) -> str | None:
    """A "By Name" byline among the dropped blocks."""
    for removed in article.removed:
        if m := re.match(r"^By ([A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3})$", removed.text):
            return m.group(1)
    return None


def extract_metadata(article: Article) -> Article:
    source, page = article.source, article.page_meta
    article.url = source.get("url") or page.get("url")
    article.site = site_of(article.url)
    article.title = source.get("title") or article.title or page.get("title")
    article.published = (parse_date(source.get("published", "")) or parse_date(page.get("published", ""))
                         or date_from_text(article.raw) or date_from_url(article.url))
    article.outlet = (source.get("outlet") or page.get("site_name") or outlet_from_domain(article.site)
                      or outlet_from_text(article.raw))
    article.author = source.get("author") or page.get("author") or author_from_text(article)
    return article
