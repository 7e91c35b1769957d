"""The `searcher` command: a thin layer over searcher.pipeline and searcher.search.

Exit codes follow ripgrep: 0 when something matched (or the command succeeded), 1 when
a query matched nothing, 2 on error."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from .article import FACET_FIELDS, SORTS
from .reader import DEFAULT_MAX_MB

EXIT_NO_MATCH = 1
EXIT_ERROR = 2


class Fail(click.ClickException):
    """A one-line error and exit code 2, never a traceback."""

    exit_code = EXIT_ERROR

    def show(self, file=None) -> None:
        click.echo(f"searcher: error: {self.format_message()}", err=True)


def _warn(message: str) -> None:
    click.echo(f"searcher: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default="seeds", show_default=True,
              envvar="SEARCHER_CORPUS", help="Folder of articles to index (env SEARCHER_CORPUS).")
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), default="index",
              show_default=True, envvar="SEARCHER_INDEX", help="Folder the index lives in (env SEARCHER_INDEX).")
@click.pass_context
def main(ctx: click.Context, corpus: Path, index_dir: Path) -> None:
    """Full-text search for collections of news articles.

    Index a folder of saved articles (plain text or HTML), cleaned of site boilerplate,
    with their outlet, date, author and the people, organisations and places they name;
    then search it with ranked, highlighted, faceted results.
    """
    ctx.obj = {"corpus": corpus, "index": index_dir}


def _run_index(corpus: Path, index_dir: Path, rebuild: bool, max_size_mb: float = DEFAULT_MAX_MB, jobs: int | None = None) -> None:
    from .corpus import CorpusError
    from .build import update_index
    from .entities import ModelError
    from .store import IndexUnavailable, WriterBusy

    progress = _Progress()
    try:
        report = update_index(corpus, index_dir, rebuild=rebuild, max_bytes=int(max_size_mb * 1024 * 1024), jobs=jobs,
                              on_skip=lambda path, why: progress.echo(f"searcher: skipped {path}: {why}"),
                              on_progress=progress.update, on_wait=_warn)
    except (CorpusError, IndexUnavailable, WriterBusy, ModelError) as exc:
        raise Fail(str(exc)) from None
    except KeyboardInterrupt:
        _warn("interrupted; the index is as it was before")
        sys.exit(130)
    finally:
        progress.close()
    for note in report.notes:
        _warn(f"note: {note}")
    _warn(f"indexed {corpus} into {index_dir}: {report.summary()}")


class _Progress:
    """A progress bar with count, rate and time left, on stderr when it is a terminal; nothing otherwise."""

    def __init__(self) -> None:
        self.bar = None
        self.total = 0
        self.started = time.monotonic()

    def update(self, done: int, total: int) -> None:
        if not sys.stderr.isatty() or total < 2:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="indexing", file=sys.stderr, show_pos=True,
                                         show_eta=False, item_show_func=self._rate)
            self.bar.__enter__()
        self.total = total
        self.bar.update(done - self.bar.pos, done)

    def _rate(self, done: int | None) -> str:
        elapsed = time.monotonic() - self.started
        if not done or elapsed <= 0:
            return ""
        rate = done / elapsed
        left = int((self.total - done) / rate)
        return f"{rate:.1f} files/s, {left // 60}:{left % 60:02d} left"

    def echo(self, line: str) -> None:
        if self.bar is not None and sys.stderr.isatty():
            click.echo("\r\x1b[K", file=sys.stderr, nl=False)  # the warning on a line of its own
        click.echo(line, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@main.command("index")
@click.option("--rebuild", is_flag=True, help="Rebuild from scratch (into a new folder, swapped in when complete).")
@click.option("--max-size", "max_size", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_MAX_MB, show_default=True,
              metavar="MB", help="Skip files larger than this.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes extracting entities on large batches [default: one per CPU].")
@click.pass_obj
def index_command(obj: dict, rebuild: bool, max_size: float, jobs: int | None) -> None:
    """Build or update the index from the corpus folder.

    New files are added, changed files replaced and deleted files removed; files whose
    size and time are unchanged are not read again. Files that cannot be indexed are
    reported one line each and skipped. Queries keep working while it runs."""
    _run_index(obj["corpus"], obj["index"], rebuild, max_size, jobs)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document for programs.")
@click.pass_obj
def stats(obj: dict, as_json: bool) -> None:
    """What is in the index: documents, outlets, date range, size, last build, corpus."""
    import json

    from .store import index_stats
    from .store import IndexUnavailable

    try:
        info = index_stats(obj["index"])
    except IndexUnavailable as exc:
        raise Fail(str(exc)) from None
    if as_json:
        click.echo(json.dumps(info, indent=1))
        return
    dates = f"{info['published_from']} to {info['published_to']}" if info["published_from"] else "none known"
    top = ", ".join(f"{name} ({n})" for name, n in list(info["outlet_documents"].items())[:5])
    click.echo(f"index:      {info['index']}\n"
               f"corpus:     {info['corpus']}\n"
               f"documents:  {info['documents']} ({info['skipped']} files skipped)\n"
               f"outlets:    {info['outlets']}{f': {top}' if top else ''}{', ...' if info['outlets'] > 5 else ''}\n"
               f"published:  {dates}\n"
               f"size:       {_human_bytes(info['size_bytes'])}\n"
               f"last build: {info['built_at']}")


def _human_bytes(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    size, unit = n / 1024, "KB"
    for bigger in ("MB", "GB"):
        if size >= 1024:
            size, unit = size / 1024, bigger
    return f"{size:.1f} {unit}"


QUERY_HELP = """Search the index: ranked hits with their best passages, matched words marked
(in colour on a terminal, in [brackets] when piped), and facet counts under them.

\b
The query language:
  drone factory          plain words: articles with more of them rank higher;
                         articles with only some still come after
  "drone factory"        an exact phrase
  "drone plant"~3        the words within 3 words of each other
  drones -Iran           - excludes a word (also NOT Iran); +Iran requires it
                         (a query that starts with - goes after --:
                         searcher query -- "-Iran drones")
  drones OR missiles     either word
  title:drone            a field: title, body, author, outlet, person, org,
                         place, published; names match however they are typed:
                         person:"John Kirby", person:kirby, outlet:cnn
  drone*                 words beginning with "drone"
  Caspain~  Caspain~2    words within 1 (or 2) letters of "Caspain"
  published:2023         a year, month (2023-06) or day (2023-06-10)
  published:[2023-01-01 TO 2023-06-30]   a date range; either end may be open
  (drones OR missiles) Russia            brackets group
  *                      every article (with filters and --sort -date: the newest)

\b
Words are matched stemmed ("drone" finds "drones"), whatever their case or
accents; straight and curly apostrophes and quotes are alike ("Lloyd's" finds
"Lloyd’s"). Field queries and the filter options must match; the plain words
rank what they leave. An unknown word gets a "Did you mean" from the index's own
words. Exit status: 0 something matched, 1 nothing did, 2 error (a query that
cannot be read is reported with the column where it goes wrong). If no index
exists yet, it is built first."""


def _date_option(ctx, param, value: str | None):
    """YYYY, YYYY-MM or YYYY-MM-DD; a partial --since starts its period, --until ends it."""
    if value is None:
        return None
    from .dates import period

    try:
        first, last = period(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return first if param.name == "since" else last


def _filter_options(command):
    """The filters `query` and `timeline` take."""
    options = [
        click.option("--outlet", multiple=True, help="Only articles from this outlet (repeatable: any of them)."),
        click.option("--person", multiple=True, help="Only articles naming this person (repeatable: any of them)."),
        click.option("--org", multiple=True, help="Only articles naming this organisation (repeatable)."),
        click.option("--place", multiple=True, help="Only articles naming this place (repeatable)."),
        click.option("--since", callback=_date_option, metavar="DATE", help="Only articles published on or after DATE."),
        click.option("--until", callback=_date_option, metavar="DATE", help="Only articles published on or before DATE."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _ensure_index(obj: dict) -> None:
    """Build the index first if there is none yet, saying so."""
    from .index import exists

    if not exists(obj["index"]):
        _warn(f"no index in {obj['index']} yet; building it from {obj['corpus']}")
        _run_index(obj["corpus"], obj["index"], rebuild=False)


@main.command(help=QUERY_HELP)
@click.argument("query")
@_filter_options
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True,
              help="Order of hits: by relevance, oldest first (date) or newest first (-date).")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True, help="Hits per page.")
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True, help="Page of hits to show.")
@click.option("--facet", "facets", multiple=True,
              type=click.Choice(FACET_FIELDS),
              help="Count matches by this field too (repeatable); outlet is always counted.")
@click.option("--facet-limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="Values shown per facet.")
@click.option("--passages", type=click.IntRange(min=0), default=3, show_default=True,
              help="Passages shown per hit (0 for none).")
@click.option("--passage-length", type=click.IntRange(min=40), default=240, show_default=True,
              help="Length of a passage, in characters.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document for programs.")
@click.option("--ranking", metavar="NAME", envvar="SEARCHER_RANKING",
              help="How plain words are scored (env SEARCHER_RANKING): bm25f+rm3 (default: BM25F, and "
                   "feedback from the top hits for queries of 5+ words), bm25f, or whoosh (Whoosh's own "
                   "BM25F); measured in the README.")
@click.pass_obj
def query(obj: dict, query: str, outlet, person, org, place, since, until, sort: str, limit: int, page: int,
          facets: tuple[str, ...], facet_limit: int, passages: int, passage_length: int, as_json: bool,
          ranking: str | None) -> None:
    from .index import IndexUnavailable
    from .render import results_json, results_text
    from .ranking import UnknownRanking
    from .search import Filters, QueryError, search

    _ensure_index(obj)
    filters = Filters(outlet=outlet, person=person, org=org, place=place, since=since, until=until)
    try:
        results = search(obj["index"], query, limit=limit, page=page, filters=filters, sort=sort,
                         facets=tuple(dict.fromkeys(("outlet", *facets))), facet_limit=facet_limit,
                         passages=passages, passage_chars=passage_length, ranking=ranking)
    except UnknownRanking as exc:
        raise Fail(str(exc)) from None
    except QueryError as exc:
        raise Fail(f"bad query: {exc}") from None
    except IndexUnavailable as exc:
        raise Fail(str(exc)) from None
    if as_json:
        click.echo(results_json(results))
    else:
        click.echo(results_text(results, color=sys.stdout.isatty()))
    if not results.total:
        sys.exit(EXIT_NO_MATCH)


@main.command()
@click.argument("query", default="*")
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document for programs.")
@click.pass_obj
def timeline(obj: dict, query: str, outlet, person, org, place, since, until, as_json: bool) -> None:
    """How many articles matching QUERY (every article if none is given) were published
    each month, as a bar chart: every month from the first to the last, empty ones
    included. The same counts as `query --facet month`. `--json` gives `query`, `total`,
    `undated` and `months` (YYYY-MM: count). Exit status 1 if nothing matched."""
    import json

    from .index import IndexUnavailable
    from .render import timeline as timeline_counts, timeline_text
    from .search import Filters, QueryError, search

    _ensure_index(obj)
    filters = Filters(outlet=outlet, person=person, org=org, place=place, since=since, until=until)
    try:
        results = search(obj["index"], query, limit=1, filters=filters, facets=("month",), passages=0, suggest=False)
    except QueryError as exc:
        raise Fail(f"bad query: {exc}") from None
    except IndexUnavailable as exc:
        raise Fail(str(exc)) from None
    if as_json:
        click.echo(json.dumps(timeline_counts(results), ensure_ascii=False))
    else:
        click.echo(timeline_text(results, color=sys.stdout.isatty()))
    if not results.total:
        sys.exit(EXIT_NO_MATCH)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any other than this machine's own (127.0.0.1, localhost, ::1) "
                   "lets others on the network read the collection.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.pass_obj
def serve(obj: dict, host: str, port: int, open_browser: bool) -> None:
    """Search the index from a web page, served on http://HOST:PORT/ until Ctrl-C.

    The page reads the index (never changes it) and follows it: after `searcher index`
    has run, the next search sees the new articles. Its JSON API is described at
    /api/openapi.json. If no index exists yet, it is built first."""
    from .web import ServeError, serve as serve_web

    _ensure_index(obj)
    try:
        serve_web(obj["index"], host=host, port=port, open_browser=open_browser, say=_warn)
    except ServeError as exc:
        raise Fail(str(exc)) from None


@main.command()
@click.argument("article")
@click.option("--raw", is_flag=True, help="Print the original file as it was saved.")
@click.option("--json", "as_json", is_flag=True, help="Print the article as one JSON object.")
@click.pass_obj
def show(obj: dict, article: str, raw: bool, as_json: bool) -> None:
    """Show one indexed article: its cleaned text with metadata and entities.

    ARTICLE is its id (as in query results), its path, or its file name (with or
    without the extension). Exit status 1 if no indexed article matches, 2 if several
    have that file name (give the path then)."""
    from .index import IndexUnavailable
    from .render import article_json, article_text
    from .search import AmbiguousArticle, ArticleNotFound, find_article

    try:
        found = find_article(obj["index"], article)
    except (IndexUnavailable, AmbiguousArticle) as exc:
        raise Fail(str(exc)) from None
    except ArticleNotFound as exc:
        _warn(str(exc))
        sys.exit(EXIT_NO_MATCH)
    if raw:
        from .reader import ReadError, read_article

        try:
            click.echo(read_article(Path(found.path)).raw, nl=False)
        except ReadError as exc:
            raise Fail(f"cannot read the original of {found.path}: {exc}") from None
        return
    click.echo(article_json(found) if as_json else article_text(found))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file per line.")
@click.option("--explain", is_flag=True, help="Also list every removed block and why it was removed.")
@click.pass_obj
def extract(obj: dict, files: tuple[Path, ...], as_json: bool, explain: bool) -> None:
    """Clean and extract FILES without touching the index.

    A file gets the metadata that a sources.csv sidecar beside it gives it."""
    from .corpus import CorpusError
    from .entities import ModelError
    from .pipeline import extract_files
    from .render import article_json, article_text

    failed = []

    def skip(path: str, why: str) -> None:
        failed.append(path)
        _warn(f"skipped {path}: {why}")

    try:
        for article in extract_files(files, on_skip=skip):
            click.echo(article_json(article) if as_json else article_text(article, explain=explain))
    except (CorpusError, ModelError) as exc:
        raise Fail(str(exc)) from None
    if failed:
        sys.exit(EXIT_ERROR)
