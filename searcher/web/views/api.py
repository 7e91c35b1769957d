"""The JSON API: the same documents the command line prints with --json, and their OpenAPI
description (built from the parameter table in params.py, so the two cannot differ).

    /api/search?q=...      searcher query ... --json
    /api/timeline?q=...    searcher timeline ... --json
    /api/article/ID        searcher show ID --json
    /api/stats             searcher stats --json
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from ... import __version__
from ...render import timeline
from ..params import API_PARAMS, SEARCH_PARAMS, SearchParams
from .common import render
from .search import searched

TIMELINE_PARAMS = tuple(p for p in SEARCH_PARAMS if p.name not in ("sort", "page", "limit"))


async def api_search(request: Request):
    params = SearchParams.read(request.query_params, API_PARAMS)
    results = searched(request, params, facets=tuple(dict.fromkeys(("outlet", *params.facet))),
                       facet_limit=params.facet_limit, passages=params.passages,
                       passage_chars=params.passage_length)
    return JSONResponse(results.to_json())


async def api_timeline(request: Request):
    params = SearchParams.read(request.query_params, TIMELINE_PARAMS).but(limit=1)
    return JSONResponse(timeline(searched(request, params, facets=("month",), passages=0, suggest=False)))


async def api_article(request: Request):
    collection = request.app.state.collection
    article = collection.article(request.path_params["key"])
    return JSONResponse(article.to_json() | collection.coverage(article.id).to_json())


async def api_stats(request: Request):
    return JSONResponse(request.app.state.collection.stats())


async def openapi(request: Request):
    return JSONResponse(openapi_document())


async def api_index(request: Request):
    return render(request, "api.html", {"paths": openapi_document()["paths"]})


# -- the OpenAPI description

def _object(properties: dict, **extra) -> dict:
    return {"type": "object", "properties": properties, **extra}


STRING, NUMBER, INTEGER = {"type": "string"}, {"type": "number"}, {"type": "integer"}
NULLABLE_STRING = {"type": ["string", "null"]}
SPANS = {"type": "array", "items": {"type": "array", "items": INTEGER, "minItems": 2, "maxItems": 2},
         "description": "[start, end) character offsets of matched words"}
COUNTS = {"type": "object", "additionalProperties": INTEGER}
SCHEMAS = {
    "Passage": _object({"text": STRING, "matches": SPANS}),
    "Hit": _object({
        "id": STRING, "path": STRING, "title": NULLABLE_STRING, "outlet": NULLABLE_STRING,
        "published": NULLABLE_STRING | {"format": "date"}, "author": NULLABLE_STRING, "url": NULLABLE_STRING,
        "score": {"type": ["number", "null"], "description": "null when sorted by date"},
        "highlights": {"type": "array", "items": {"$ref": "#/components/schemas/Passage"}},
        "title_matches": SPANS}, additionalProperties=True),
    "Results": _object({
        "query": STRING, "total": INTEGER, "page": INTEGER, "limit": INTEGER,
        "suggestion": NULLABLE_STRING | {"description": "the corrected query, when a word is unknown"},
        "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
        "facets": {"type": "object", "additionalProperties": COUNTS,
                   "description": "facet -> value -> matching articles"}}, additionalProperties=True),
    "Timeline": _object({
        "query": STRING, "total": INTEGER, "undated": INTEGER,
        "months": COUNTS | {"description": "YYYY-MM -> matching articles, every month from the first to the last"}}),
    "Article": _object({
        "id": STRING, "path": STRING, "title": NULLABLE_STRING, "body": STRING, "outlet": NULLABLE_STRING,
        "site": NULLABLE_STRING, "url": NULLABLE_STRING, "published": NULLABLE_STRING, "author": NULLABLE_STRING,
        "entities": {"type": "object", "additionalProperties": {"type": "array", "items": STRING}},
        "dates": {"type": "array", "items": STRING}}, additionalProperties=True),
    "Stats": _object({
        "index": STRING, "corpus": NULLABLE_STRING, "documents": INTEGER, "skipped": INTEGER, "outlets": INTEGER,
        "outlet_documents": COUNTS, "published_from": NULLABLE_STRING, "published_to": NULLABLE_STRING,
        "size_bytes": INTEGER, "built_at": NULLABLE_STRING, "generation": STRING}, additionalProperties=True),
    "Error": _object({"error": STRING | {"description": "what is wrong, in one line"}}),
}


def _operation(summary: str, schema: str, params, errors=(400, 503)) -> dict:
    responses = {"200": {"description": "OK", "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{schema}"}}}}}
    meaning = {400: "a parameter or query that cannot be used", 404: "no indexed article has that key",
               503: "the index is missing or damaged"}
    for code in errors:
        responses[str(code)] = {"description": meaning[code], "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}}}}
    return {"get": {"summary": summary, "parameters": list(params), "responses": responses}}


ARTICLE_KEY = {"name": "key", "in": "path", "required": True, "schema": STRING,
               "description": "the article's id (as in search results), its indexed path, or its file name"}


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "searcher", "version": __version__,
                 "description": "Search a collection of news articles; the documents are those the "
                                "command line prints with --json. Read-only."},
        "paths": {
            "/api/search": _operation("Ranked, highlighted, faceted hits (searcher query --json)", "Results",
                                      [p.openapi() for p in API_PARAMS]),
            "/api/timeline": _operation("Matching articles by publication month (searcher timeline --json)",
                                        "Timeline", [p.openapi() for p in TIMELINE_PARAMS]),
            "/api/article/{key}": _operation("One article: cleaned text, metadata, entities (searcher show --json)",
                                             "Article", [ARTICLE_KEY], errors=(400, 404, 503)),
            "/api/stats": _operation("What the index holds (searcher stats --json)", "Stats", [], errors=(503,)),
        },
        "components": {"schemas": SCHEMAS},
    }
