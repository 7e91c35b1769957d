"""The web app: one Starlette application over one index, its routes, the headers that make
it safe to open in a browser, and errors as a page of one line.

Safe by construction: templates escape everything (autoescape, and marked passages are
built from escaped pieces, see views.common.marked); the Content-Security-Policy allows
scripts and styles only from our own static files, so even a tag that slipped through
could not run; every route is GET, so nothing can change the index; links leave for
http(s) URLs only; /raw/ serves only files of indexed articles, as text/plain."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from http import HTTPStatus
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..search.quote_search import search_quotes
from ..search.related import coverage
from ..search.searching import AmbiguousArticle, ArticleNotFound, QueryError, find_article, search, text_matches
from ..indexing.store import IndexFolder, IndexUnavailable, index_stats
from .params import BadRequest
from .views import api, article, common, quotes, search as search_views

log = logging.getLogger("searcher.web")
HERE = Path(str(resources.files(__package__)))

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",  # no inline script, no eval
    "style-src 'self'",  # no inline style either: the timeline is drawn with SVG attributes
    "img-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    # A click through to an article's source URL does not tell that site what was searched.
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
# Host names a server listening on this machine's loopback answers to. Any other Host
# header is a web page elsewhere that has pointed its own name at 127.0.0.1 (DNS
# rebinding) to read the collection through the visitor's browser.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


class Collection:
    """The index the server answers from, read through searcher's own API. One request
    reads it at a time: the open Whoosh searcher that search() keeps between queries, and
    swaps when a build publishes a new generation, is not made for several threads. The
    views run on the server's event loop (they are async, so no thread is handed each
    request: on two busy cores the hand-over cost more than rendering the page), and the
    lock keeps it so for any caller from another thread."""

    COVERAGE_KEPT = 256  # articles whose coverage is kept, the most recently shown

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._stats: tuple[str | None, dict] | None = None
        self._coverage: OrderedDict[tuple[str | None, str], object] = OrderedDict()

    def search(self, text: str, **options):
        with self._lock:
            return search(self.index_dir, text, **options)

    def quotes(self, text: str, **options):
        """searcher.search.quote_search.search_quotes: who said what."""
        with self._lock:
            return search_quotes(self.index_dir, text, **options)

    def article(self, key: str):
        with self._lock:
            return find_article(self.index_dir, key)

    def coverage(self, article_id: str):
        """The article's copies and related coverage (searcher.search.related.coverage), kept for
        the live generation: finding related coverage reads dozens of articles (a tenth of
        a second or more on BBC), and a reader goes back and forth between articles."""
        key = (IndexFolder(self.index_dir).live_name(), article_id)
        with self._lock:
            if key in self._coverage:
                self._coverage.move_to_end(key)
                return self._coverage[key]
            found = self._coverage[key] = coverage(self.index_dir, article_id)
            if len(self._coverage) > self.COVERAGE_KEPT:
                self._coverage.popitem(last=False)
            return found

    def matches(self, query_text: str, text: str) -> list[tuple[int, int]]:
        """What the query marks in `text`; nothing if the query cannot be read."""
        if not query_text.strip() or not text:
            return []
        with self._lock:
            try:
                return text_matches(self.index_dir, query_text, text)
            except QueryError:
                return []

    def stats(self) -> dict:
        """searcher.indexing.store.index_stats, read again only when another generation is live."""
        live = IndexFolder(self.index_dir).live_name()
        if self._stats is None or self._stats[0] != live:
            self._stats = (live, index_stats(self.index_dir))
        return self._stats[1]


def templates() -> Environment:
    # auto_reload off: the templates ship with the package, so no file is checked per page
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.filters |= common.FILTERS
    return env


ERRORS = {  # what searcher's API raises -> HTTP status
    BadRequest: 400,
    QueryError: 400,
    AmbiguousArticle: 400,
    ArticleNotFound: 404,
    IndexUnavailable: 503,
}


def error_message(exc: Exception) -> str:
    if isinstance(exc, QueryError):
        return f"bad query: {exc}"
    if isinstance(exc, HTTPException) and exc.detail == HTTPStatus(exc.status_code).phrase:
        # Starlette's own, for a route or method that does not exist: said plainly
        return {404: "no such page", 405: "this server only reads: that method is not allowed"}.get(
            exc.status_code, exc.detail)
    return str(exc.detail if isinstance(exc, HTTPException) else exc)


def error_response(request: Request, exc: Exception) -> Response:
    """One line, as a page or, under /api/, as {"error": ...}; never a traceback."""
    if isinstance(exc, HTTPException):
        status = exc.status_code
    else:
        status = next((code for kind, code in ERRORS.items() if isinstance(exc, kind)), 500)
    if status == 500:
        log.error("error serving %s", request.url.path, exc_info=exc)
        message = f"internal error ({exc.__class__.__name__}); the server's log has the details"
    else:
        message = error_message(exc)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    return common.render(request, "error.html", {"message": message}, status=status)


class SecurityHeaders:
    """Adds the headers above to every response (a view's own CSP, as /raw/ sets, wins)
    and, when `hosts` is given, refuses requests addressed to any other host."""

    def __init__(self, app, hosts: tuple[str, ...] | None = None) -> None:
        self.app, self.hosts = app, hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if self.hosts is not None:
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            name = host if host.endswith("]") else host.rsplit(":", 1)[0]
            if name.lower() not in self.hosts:
                response = PlainTextResponse(f"searcher: this server answers only to {', '.join(self.hosts)}\n",
                                             status_code=400, headers=SECURITY_HEADERS)
                return await response(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(index_dir: Path, *, local_only: bool = False) -> Starlette:
    """The app over the index in `index_dir`. `local_only`: answer only requests addressed
    to this machine's loopback names (as `searcher serve` does on 127.0.0.1)."""
    routes = [
        Route("/", search_views.search_page),
        Route("/search", search_views.search_page),
        Route("/search.csv", search_views.search_csv),
        Route("/quotes", quotes.quotes_page),
        Route("/help", search_views.help_page),
        Route("/article/{key:path}", article.article_page),
        Route("/raw/{key:path}", article.raw_file),
        Route("/api", api.api_index),
        Route("/api/search", api.api_search),
        Route("/api/timeline", api.api_timeline),
        Route("/api/quotes", api.api_quotes),
        Route("/api/article/{key:path}", api.api_article),
        Route("/api/stats", api.api_stats),
        Route("/api/openapi.json", api.openapi),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    handlers = {HTTPException: error_response, Exception: error_response}
    handlers |= {kind: error_response for kind in ERRORS}
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.collection = Collection(index_dir)
    app.state.templates = templates()
    app.add_middleware(SecurityHeaders, hosts=LOOPBACK_NAMES if local_only else None)
    return app
