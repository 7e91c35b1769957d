"""Who said what (/quotes): the quotations that hold the query's words, by the speakers
asked for, each with its article; `searcher quotes` as a page, over the same API
(searcher.search.quote_search.search_quotes). Its speaker facet, chips and pager are the search
page's, pointed at this view."""

from __future__ import annotations

from urllib.parse import quote as url_quote

from starlette.requests import Request

from ..params import NAME_FILTERS, QUOTE_PARAMS, QuoteParams, SearchParams
from .common import plural, render
from .search import chips, facets, pager


def quotes_searched(request: Request, params: QuoteParams):
    """search_quotes over the server's index with these parameters; the sort left to it
    when none is asked for (relevance when the query has words to find, else newest first)."""
    return request.app.state.collection.quotes(params.query_text, speakers=params.speakers, filters=params.filters(),
                                               sort=params.sort, limit=params.limit, page=params.page)


def speaker_href(params: QuoteParams, name: str) -> str | None:
    """The same quotations by this speaker alone; None when they are the only one asked for."""
    if [n.casefold() for n in params.speakers] == [name.casefold()]:
        return None
    return params.but(names={**params.names, "speaker": (name,)}).href()


def article_href(params: QuoteParams, hit) -> str:
    """The quotation in its article, the query's words marked there."""
    return f"{SearchParams(q=params.q).href('/article/' + url_quote(hit.id, safe=''))}#quote-{hit.quote.start}"


async def quotes_page(request: Request):
    params = QuoteParams.read(request.query_params, QUOTE_PARAMS)
    results = quotes_searched(request, params)
    first = (results.page - 1) * results.limit + 1
    return render(request, "quotes.html", {
        "params": params,
        "results": results,
        "count": plural(results.total, "matching quotation"),
        "nothing": "No matching quotations",
        "first": first,
        "last": first + len(results.hits) - 1,
        "facets": facets(params, {"speaker": results.speakers}, names=("speaker",)),
        "chips": chips(params),
        "clear_href": params.but(names={}, since=None, until=None).href(),
        "pages": pager(params, results.total),
        "speaker_href": lambda name: speaker_href(params, name),
        "article_href": lambda hit: article_href(params, hit),
        # the articles of this search: those quoting the speakers, holding the words anywhere
        "articles_href": SearchParams(q=params.q, names=params.names, since=params.since, until=params.until).href(),
        "hidden": [(name, value) for name, value in params.items() if name in NAME_FILTERS or name == "limit"],
        "sort": params.effective_sort,
    })
