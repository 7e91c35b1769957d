"""The search page (/ and /search), its CSV download and the query-language help.

The page is a view model built here from searcher.search.searching's Results (facet lists with the
link that adds or removes each value, chips, the timeline's bars, the pager) and drawn by
templates/search.html; a field the API gains (a hit's copies, a speaker facet) is a
template block and, for a facet, nothing more than its name in FACET_FIELDS."""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from ...article import FACET_FIELDS
from ...dates import month_series
from ...render import matching_count, results_csv
from ..params import MAX_PAGE, NAME_FILTERS, QuoteParams, SearchParams
from .common import period_label, render

TIMELINE_FACET = "month"
PERIOD_FACETS = ("year", "month")  # filter by date range rather than by name
SIDE_FACETS = tuple(f for f in FACET_FIELDS if f != TIMELINE_FACET)
FACET_LABELS = {"outlet": "Outlets", "person": "People", "org": "Organisations", "place": "Places",
                "speaker": "Speakers", "year": "Years"}
FILTER_LABELS = {"outlet": "outlet", "person": "person", "org": "organisation", "place": "place",
                 "speaker": "speaker"}
PASSAGES = 2  # per hit on the page (the command line shows 3): a page of ten stays readable
MAX_CSV_ROWS = 10_000


def searched(request: Request, params: SearchParams, **options):
    """searcher.search.searching over the server's index with these parameters."""
    return request.app.state.collection.search(
        params.query_text, limit=params.limit, page=params.page, filters=params.filters(),
        sort=params.effective_sort, all_copies=params.all_copies, **options)


# -- facets and chips

@dataclass
class FacetValue:
    label: str
    count: int
    href: str | None  # None for a facet the search cannot filter by
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


def facets(params: SearchParams, counts: dict[str, dict[str, int]], names=SIDE_FACETS) -> list[Facet]:
    """The side facets with a link on each value that filters by it, or, when it already
    does, stops filtering by it."""
    out = []
    for name in names:
        values = []
        for value, n in counts.get(name, {}).items():
            if name in PERIOD_FACETS:
                selected, href = params.in_period(value), params.toggle_period(value).href()
            elif name in NAME_FILTERS:
                selected, href = params.has_name(name, value), params.toggle_name(name, value).href()
            else:
                selected, href = False, None
            values.append(FacetValue(value, n, href, selected))
        if values:
            out.append(Facet(name, FACET_LABELS.get(name, name.title()), values))
    return out


@dataclass
class Chip:
    label: str
    href: str  # the same search without this filter


def chips(params: SearchParams) -> list[Chip]:
    out = [Chip(f"{FILTER_LABELS.get(name, name)}: {value}", params.toggle_name(name, value).href())
           for name in NAME_FILTERS for value in params.names.get(name, ())]
    if params.since and params.since == params.until:
        out.append(Chip(f"published: {period_label(params.since)}", params.but(since=None, until=None).href()))
    else:
        if params.since:
            out.append(Chip(f"since {params.since}", params.but(since=None).href()))
        if params.until:
            out.append(Chip(f"until {params.until}", params.but(until=None).href()))
    return out


# -- the timeline

CHART_WIDTH = 800  # SVG user units; the chart scales to the page's width
BARS_TOP, BARS_HEIGHT = 14, 100  # room above for the counts
MAX_SLOT = 40  # a few months do not make bars a fifth of the page wide


@dataclass
class Bar:
    month: str
    count: int
    x: float
    y: float
    width: float
    height: float
    href: str
    selected: bool

    @property
    def title(self) -> str:
        return f"{period_label(self.month)}: {self.count:,} article{'s' if self.count != 1 else ''}"


@dataclass
class Timeline:
    bars: list[Bar]
    month_labels: list[tuple[float, str]]  # (x of the middle, text)
    year_labels: list[tuple[float, str]]
    show_counts: bool
    undated: int
    width: int = CHART_WIDTH
    height: int = BARS_TOP + BARS_HEIGHT + 30


def timeline(params: SearchParams, total: int, month_counts: dict[str, int]) -> Timeline | None:
    """Bars of matching articles by publication month (drawn as SVG rectangles: their size
    is an attribute, so no inline style is needed); each links to the search filtered to
    its month."""
    series = month_series(month_counts)
    if not series:
        return None
    slot = min(MAX_SLOT, CHART_WIDTH / len(series))
    most = max(n for _, n in series)
    bars, months, years = [], [], []
    for i, (month, n) in enumerate(series):
        height = max(2.0, n / most * BARS_HEIGHT) if n else 0.0
        x = i * slot
        bars.append(Bar(month, n, round(x + slot * 0.1, 2), round(BARS_TOP + BARS_HEIGHT - height, 2),
                        round(max(slot * 0.8, 1.0), 2), round(height, 2), params.toggle_period(month).href(),
                        params.in_period(month)))
        middle = round(x + slot / 2, 2)
        if slot >= 28:
            months.append((middle, calendar.month_abbr[int(month[5:])]))
        if i == 0 or month.endswith("-01"):
            years.append((middle if slot >= 28 else round(x, 2), month[:4]))
    return Timeline(bars, months, years, show_counts=slot >= 24,
                    undated=total - sum(n for _, n in series))


# -- paging

@dataclass
class PageLink:
    label: str
    href: str | None  # None: the current page, or a gap
    current: bool = False


def pager(params: SearchParams, total: int) -> list[PageLink]:
    """Previous, the first and last pages and those around this one, next."""
    pages = min(MAX_PAGE, math.ceil(total / params.limit))
    if pages <= 1:
        return []
    page = params.page
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    links = [PageLink("previous", params.href(page=page - 1) if page > 1 else None)]
    for i, n in enumerate(shown):
        if i and n - shown[i - 1] > 1:
            links.append(PageLink("…", None))
        links.append(PageLink(str(n), None if n == page else params.href(page=n), current=n == page))
    links.append(PageLink("next", params.href(page=page + 1) if page < pages else None))
    return links


# -- views

async def search_page(request: Request):
    params = SearchParams.read(request.query_params)
    results = searched(request, params, facets=(*SIDE_FACETS, TIMELINE_FACET), passages=PASSAGES)
    first = (results.page - 1) * results.limit + 1
    return render(request, "search.html", {
        "params": params,
        "results": results,
        "count": matching_count(results, "{:,}".format),
        "nothing": "No matching articles",
        "sort": params.effective_sort,
        # the other way to show copies: every copy its own hit, or each story once
        "copies_href": params.but(all_copies=not params.all_copies).href()
        if results.copies or params.all_copies else None,
        "quotes_href": quotes_link(params),
        "first": first,
        "last": first + len(results.hits) - 1,
        "facets": facets(params, results.facets),
        "chips": chips(params),
        "clear_href": params.but(names={}, since=None, until=None).href(),
        "timeline": timeline(params, results.total, results.facets.get(TIMELINE_FACET, {})),
        "pages": pager(params, results.total),
        "suggestion_href": params.but(q=results.suggestion).href() if results.suggestion else None,
        "stats": request.app.state.collection.stats(),
        # the search form's fields that are not on show, so a new query keeps the filters
        "hidden": [(name, value) for name, value in params.items()
                   if name in NAME_FILTERS or name in ("limit", "all_copies")],
    })


def quotes_link(params: SearchParams) -> str:
    """The quotations view with this search's words and filters."""
    return QuoteParams(q=params.q, names=params.names, since=params.since, until=params.until).href()


async def search_csv(request: Request):
    """Every hit of the search (up to MAX_CSV_ROWS) as CSV, not only the page shown."""
    params = SearchParams.read(request.query_params).but(page=1, limit=MAX_CSV_ROWS)
    results = searched(request, params, facets=(), passages=1, suggest=False)
    name = re.sub(r"[^A-Za-z0-9]+", "-", params.q)[:40].strip("-") or "all"
    return Response(results_csv(results, spreadsheet_safe=True), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="searcher-{name}.csv"'})


async def help_page(request: Request):
    from ...cli import QUERY_HELP  # the command line's own help: one text for both

    return render(request, "help.html", {"help": QUERY_HELP.replace("\b\n", "")})
