"""The JSON API: the same documents the command line prints with --json, and their OpenAPI
description (built from the parameter table in params.py, so the two cannot differ).

    /api/search?q=...      searcher query ... --json
    /api/timeline?q=...    searcher timeline ... --json
    /api/quotes?q=...      searcher quotes ... --json
    /api/article/ID        searcher show ID --json
    /api/stats             searcher stats --json
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from ... import __version__
from ...render import timeline
from ..params import API_PARAMS, QUOTE_PARAMS, SEARCH_PARAMS, QuoteParams, SearchParams
from .common import render
from .quotes import quotes_searched
from .search import searched

TIMELINE_PARAMS = tuple(p for p in SEARCH_PARAMS if p.name not in ("sort", "page", "limit", "all_copies"))


async def api_search(request: Request):
    params = SearchParams.read(request.query_params, API_PARAMS)
    results = searched(request, params, facets=tuple(dict.fromkeys(("outlet", *params.facet))),
                       facet_limit=params.facet_limit, passages=params.passages,
                       passage_chars=params.passage_length)
    return JSONResponse(results.to_json())


async def api_timeline(request: Request):
    params = SearchParams.read(request.query_params, TIMELINE_PARAMS).but(limit=1)
    return JSONResponse(timeline(searched(request, params, facets=("month",), passages=0, suggest=False)))


async def api_quotes(request: Request):
    return JSONResponse(quotes_searched(request, QuoteParams.read(request.query_params, QUOTE_PARAMS)).to_json())


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
DATE = NULLABLE_STRING | {"format": "date"}


def _list(schema: str, description: str | None = None) -> dict:
    return {"type": "array", "items": {"$ref": f"#/components/schemas/{schema}"},
            **({"description": description} if description else {})}


STORY = STRING | {"description": "the id of the article's story: the same for every copy of it"}
SCHEMAS = {
    "Passage": _object({"text": STRING, "matches": SPANS}),
    "Copy": _object({"id": STRING, "path": STRING, "outlet": NULLABLE_STRING, "published": DATE,
                     "url": NULLABLE_STRING}, additionalProperties=True,
                    description="another article of the same story (a copy: the same text, republished or saved "
                                "again)"),
    "Hit": _object({
        "id": STRING, "path": STRING, "title": NULLABLE_STRING, "outlet": NULLABLE_STRING,
        "published": DATE, "author": NULLABLE_STRING, "url": NULLABLE_STRING,
        "dateline": {"type": ["object", "null"], "properties": {"place": STRING, "date": DATE}},
        "score": {"type": ["number", "null"], "description": "null when sorted by date"},
        "highlights": _list("Passage"),
        "title_matches": SPANS, "story": STORY,
        "copies": _list("Copy", "the story's other articles (listed here, not as hits of their own, unless "
                                "all_copies)")}, additionalProperties=True),
    "Results": _object({
        "query": STRING, "total": INTEGER | {"description": "matching stories (articles with all_copies)"},
        "copies": INTEGER | {"description": "matching articles beyond the first of each story"},
        "page": INTEGER, "limit": INTEGER, "notes": {"type": "array", "items": STRING},
        "suggestion": NULLABLE_STRING | {"description": "the corrected query, when a word is unknown"},
        "hits": _list("Hit"),
        "facets": {"type": "object", "additionalProperties": COUNTS,
                   "description": "facet -> value -> matching articles"}}, additionalProperties=True),
    "Timeline": _object({
        "query": STRING, "total": INTEGER, "undated": INTEGER,
        "months": COUNTS | {"description": "YYYY-MM -> matching articles, every month from the first to the last"}}),
    "Quote": _object({
        "text": STRING, "speaker": NULLABLE_STRING,
        "speaker_type": {"type": ["string", "null"], "enum": ["person", "org", "place", "unnamed", None],
                         "description": "person, org or place: speaker is one of the article's entities; unnamed: "
                                        "the source's own words (\"an expert\"); null: nobody is named"},
        "cue": NULLABLE_STRING | {"description": "the reporting words: said, told reporters, according to"},
        "start": INTEGER, "end": INTEGER, "partial": {"type": "boolean", "description":
                                                       "a few words worked into the writer's own sentence"}},
        description="a quotation; start and end are offsets in the article's body"),
    "QuoteHit": {"allOf": [{"$ref": "#/components/schemas/Quote"}, _object({
        "matches": SPANS | {"description": "the query's words in text"},
        "article": _object({"id": STRING, "path": STRING, "title": NULLABLE_STRING, "outlet": NULLABLE_STRING,
                            "published": DATE})})]},
    "Quotes": _object({
        "query": STRING, "total": INTEGER, "page": INTEGER, "limit": INTEGER, "hits": _list("QuoteHit"),
        "facets": _object({"speaker": COUNTS | {"description": "named speaker -> matching quotations"}})}),
    "Related": _object({
        "id": STRING, "path": STRING, "title": NULLABLE_STRING, "outlet": NULLABLE_STRING, "published": DATE,
        "url": NULLABLE_STRING, "score": NUMBER,
        "reason": STRING | {"description": "why: \"6 shared names, published 2 days apart\""},
        "shared_names": {"type": "array", "items": STRING}, "shared_words": {"type": "array", "items": STRING},
        "days_apart": {"type": ["integer", "null"]}}, additionalProperties=True,
        description="an article on the same event that is not a copy"),
    "Article": _object({
        "id": STRING, "path": STRING, "title": NULLABLE_STRING, "body": STRING, "outlet": NULLABLE_STRING,
        "site": NULLABLE_STRING, "url": NULLABLE_STRING, "published": NULLABLE_STRING, "author": NULLABLE_STRING,
        "entities": {"type": "object", "additionalProperties": {"type": "array", "items": STRING}},
        "dates": {"type": "array", "items": STRING}, "quotes": _list("Quote"), "story": STORY,
        "copies": _list("Copy", "the story's other articles"),
        "related": _list("Related", "related coverage, best first")}, additionalProperties=True),
    "Stats": _object({
        "index": STRING, "corpus": NULLABLE_STRING, "documents": INTEGER, "skipped": INTEGER, "outlets": INTEGER,
        "outlet_documents": COUNTS, "published_from": NULLABLE_STRING, "published_to": NULLABLE_STRING,
        "size_bytes": INTEGER, "built_at": NULLABLE_STRING, "generation": STRING,
        "stories": {"type": ["integer", "null"], "description": "distinct stories (an article and its copies are one)"},
        "stories_with_copies": {"type": ["integer", "null"]},
        "largest_stories": {"type": "array", "items": _object({
            "story": STRING, "articles": INTEGER, "representative": STRING, "title": NULLABLE_STRING,
            "lead": STRING | {"description": "the first sentence, shown when there is no title"},
            "outlets": {"type": "array", "items": STRING}})}}, additionalProperties=True),
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
            "/api/quotes": _operation("Who said what: quotations holding the query's words (searcher quotes --json)",
                                      "Quotes", [p.openapi() for p in QUOTE_PARAMS]),
            "/api/article/{key}": _operation("One article: cleaned text, metadata, entities, quotations, copies and "
                                             "related coverage (searcher show --json)",
                                             "Article", [ARTICLE_KEY], errors=(400, 404, 503)),
            "/api/stats": _operation("What the index holds (searcher stats --json)", "Stats", [], errors=(503,)),
        },
        "components": {"schemas": SCHEMAS},
    }
