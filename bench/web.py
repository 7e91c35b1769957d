"""The search page's server-side cost, in process: `GET /search?q=...` through the whole
web app (routing, the security headers, the search with every side facet and the timeline's
month counts, the templates), timed from the request to the response's last byte, beside
`searcher.search.searching` alone with the same options (what rendering a page adds). The heaviest
page, every article of the collection with its facets (`/`), is timed apart. Issue 18's bar:
a search page in at most 50 ms at p95 on BBC.

    python -m bench.web --index DIR     # on an index built already (prints JSON)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from .common import percentiles
from .indexing import stored_rows
from .querying import make_queries

QUERIES = 240
QUICK_QUERIES = 60
WHOLE_COLLECTION_RUNS = 20


def asgi_get(app, loop: asyncio.AbstractEventLoop, target: str) -> tuple[int, bytes]:
    """One GET straight into the ASGI app (no socket, no HTTP client): what the server does."""
    path, _, query = target.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"127.0.0.1:8000")], "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000)}
    status, body = 0, []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body.append(message.get("body", b""))

    loop.run_until_complete(app(scope, receive, send))
    return status, b"".join(body)


def _timed_side_by_side(runs: dict, targets: list, kind_of=lambda target: None, warm_up: int = 10) -> dict:
    """p50/p95/max of each of `runs` (name -> run(target)) over the targets, and by kind for
    the first. Each target goes through every run in turn, the order alternating, so load
    from other work on the machine falls on them alike; `warm_up` targets go untimed first,
    as a server that has answered a few searches is warm."""
    for target in targets[:warm_up]:
        for run in runs.values():
            run(target)
    times: dict = {name: {} for name in runs}
    failed = dict.fromkeys(runs, 0)
    for i, target in enumerate(targets):
        for name in (list(runs) if i % 2 == 0 else list(runs)[::-1]):
            started = time.perf_counter()
            ok = runs[name](target)
            times[name].setdefault(kind_of(target), []).append(time.perf_counter() - started)
            failed[name] += not ok
    out = {}
    for name, by_kind in times.items():
        out[name] = percentiles([t for ts in by_kind.values() for t in ts]) | {"failed": failed[name]}
        if len(by_kind) > 1 and name == next(iter(runs)):
            out[name]["by_kind"] = {kind: percentiles(ts) for kind, ts in sorted(by_kind.items())}
    return out


def measure(index_dir: Path, queries: int = QUERIES) -> dict:
    from searcher.search.searching import search
    from searcher.web import create_app
    from searcher.web.views.search import PASSAGES, SIDE_FACETS, TIMELINE_FACET

    mix = make_queries(stored_rows(index_dir), queries)
    app = create_app(index_dir, local_only=True)
    loop = asyncio.new_event_loop()
    try:
        def page(q) -> bool:
            return asgi_get(app, loop, "/search?" + urlencode({"q": q.text}))[0] == 200

        def search_alone(q) -> bool:
            search(index_dir, q.text, facets=(*SIDE_FACETS, TIMELINE_FACET), passages=PASSAGES)
            return True

        result = {"queries": len(mix)}
        result |= _timed_side_by_side({"page": page, "search_alone": search_alone}, mix, kind_of=lambda q: q.kind)
        result["whole_collection_page"] = _timed_side_by_side(
            {"page": lambda _: asgi_get(app, loop, "/")[0] == 200}, [None] * WHOLE_COLLECTION_RUNS, warm_up=2)["page"]
        result["notes"] = [
            "page: GET /search?q=QUERY through the ASGI app, 10 hits with 2 passages each, facets "
            f"{', '.join(SIDE_FACETS)} and the timeline's months; search_alone: searcher.search.searching with the same "
            "options, run right after or before each page; whole_collection_page: GET / (every article, newest "
            "first, every facet)"]
    finally:
        loop.close()
    page_p95, alone_p95 = result["page"]["p95_ms"], result["search_alone"]["p95_ms"]
    if isinstance(page_p95, float) and isinstance(alone_p95, float) and alone_p95:
        result["page_over_search_p95"] = round(page_p95 / alone_p95, 2)
    return result


def section(ctx, built) -> dict:
    return measure(built.index, QUICK_QUERIES if ctx.quick else QUERIES)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", required=True, type=Path, help="an index built by `searcher index`")
    ap.add_argument("--queries", type=int, default=QUERIES)
    args = ap.parse_args(argv)
    print(json.dumps(measure(args.index, args.queries), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
