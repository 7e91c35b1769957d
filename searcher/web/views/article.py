"""One article: its page (/article/ID), with its quotations, its copies and its related
coverage, and its original file (/raw/ID).

Both look the article up in the index (searcher.search.searching.find_article: its id, indexed path
or file name); a key that names no indexed article is a 404, whatever file it might name
on disk, so /raw/ can serve nothing but the originals of indexed articles."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse

from ...article import ENTITY_TYPES, Quote
from ...extract.reader import ReadError, read_article
from ..params import QuoteParams, SearchParams
from .common import render

ENTITY_LABELS = {"person": "People", "org": "Organisations", "place": "Places"}


def paragraphs(body: str, spans: list[tuple[int, int]]) -> list[tuple[str, list[tuple[int, int]]]]:
    """The body's paragraphs (its lines), each with the spans that fall in it, counted
    from the paragraph's start."""
    out, pos = [], 0
    for line in body.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if line.strip():
            out.append((line, [(s - start, e - start) for s, e in spans if start <= s and e <= end]))
    return out


def name_search(field: str, value: str) -> str:
    return SearchParams(names={field: (value,)}).href()


def day_search(day: str) -> str:
    return SearchParams(since=day, until=day).href()


@dataclass
class QuoteView:
    quote: Quote
    speaker_href: str | None  # the articles that quote this speaker


def quote_views(quotes: list[Quote]) -> list[QuoteView]:
    """Only a named speaker (one of the article's entities) is a link: "an expert" is no
    one the speaker filter knows."""
    return [QuoteView(q, name_search("speaker", q.speaker) if q.named else None) for q in quotes]


def speakers(quotes: list[Quote]) -> list[tuple[str, int, str]]:
    """The article's named speakers, most quoted first, each with how often it quotes them
    and a link to everything they are quoted saying."""
    counts = Counter(q.speaker for q in quotes if q.named)
    return [(name, n, QuoteParams(names={"speaker": (name,)}).href("/quotes"))
            for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


async def article_page(request: Request):
    # the search the reader came from: its words are marked, and "back" returns to it
    came_from = SearchParams.read(request.query_params)
    collection = request.app.state.collection
    article = collection.article(request.path_params["key"])
    query = came_from.q.strip()
    seen = collection.coverage(article.id)
    return render(request, "article.html", {
        "article": article,
        "quotes": quote_views(article.quotes),
        "speakers": speakers(article.quotes),
        "coverage": seen,
        "params": came_from,  # links to the story's other articles keep it: its words are marked there too
        "title_spans": collection.matches(query, article.title or ""),
        "paragraphs": paragraphs(article.body, collection.matches(query, article.body)),
        "back_href": came_from.href() if came_from.q or came_from.filtered else None,
        "outlet_href": name_search("outlet", article.outlet) if article.outlet else None,
        "published_href": day_search(article.published.isoformat()) if article.published else None,
        "entities": [(ENTITY_LABELS.get(t, t.title()), [(name, name_search(t, name)) for name in article.entities.get(t, [])])
                     for t in ENTITY_TYPES],
        "dates": [(d.isoformat(), day_search(d.isoformat())) for d in article.dates],
    })


async def raw_file(request: Request):
    """The file as it was saved, as plain text whatever it holds (an HTML page is shown as
    its source, never run), sandboxed should a browser try to read it as anything else."""
    article = request.app.state.collection.article(request.path_params["key"])
    try:
        raw = read_article(Path(article.path)).raw
    except ReadError as exc:
        raise HTTPException(404, f"cannot read the original of {article.path}: {exc}") from None
    return PlainTextResponse(raw, headers={"content-security-policy": "sandbox; default-src 'none'",
                                           "content-disposition": "inline"})
