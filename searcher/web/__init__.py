"""`searcher serve`: the collection as a local web page and JSON API, over the same
search API the command line uses (searcher.search.searching, searcher.indexing.store).

Laid out as datasette is: one app (app.py) whose views (views/) render Jinja templates
(templates/) on the server, with plain CSS and a little script (static/); server.py runs
it on uvicorn."""

from .app import create_app
from .server import ServeError, serve

__all__ = ["create_app", "serve", "ServeError"]
