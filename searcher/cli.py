"""The `searcher` command: a thin layer over searcher.extract.pipeline and searcher.search.searching.

Exit codes follow ripgrep: 0 when something matched (or the command succeeded), 1 when
a query matched nothing, 2 on error."""

from __future__ import annotations

import errno
import gc
import sys
import time
from collections import deque
from contextlib import contextmanager
from pathlib import Path

import click

from .article import FACET_FIELDS, SORTS, display_title
from .extract import DEFAULT_MAX_MB
from .render import quoted_name, terminal_text

EXIT_NO_MATCH = 1
EXIT_ERROR = 2


class Fail(click.ClickException):
    """A one-line error and exit code 2, never a traceback."""

    exit_code = EXIT_ERROR

    def show(self, file=None) -> None:
        click.echo(f"searcher: error: {terminal_text(self.format_message(), keep='')}", err=True)


def _warn(message: str) -> None:
    click.echo(f"searcher: {terminal_text(message, keep='')}", err=True)


# Commands that only read an index and print: they run with the cyclic garbage collector as
# the program started them (paused while a cold command imports), and end without the
# interpreter's teardown (see searcher.__main__).
READING_COMMANDS = frozenset({"query", "show", "stats", "quotes", "timeline", "related"})


# Errors of a full or failing disk, met writing the output (`> file` on a full disk) or a
# file no other handler names: a one-line error, not a traceback.
WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


class SearcherGroup(click.Group):
    """The commands, ending quietly with status 0 when the reader of their output goes
    away (`searcher query ... | head`), as Unix tools do (click would exit 1), and with a
    one-line error when the output cannot be written."""

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name, command, rest = super().resolve_command(ctx, args)
        if name not in READING_COMMANDS:
            gc.enable()
        return name, command, rest

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _discard_stdout()
            ctx.exit(0)

    def main(self, *args, **kwargs):
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:  # raised anywhere, --help's text included
            if exc.errno not in WRITE_ERRNOS:
                raise
            _discard_stdout()  # what is still buffered cannot be written either
            Fail(f"cannot write {quoted_name(str(exc.filename)) if exc.filename else 'the output'}: "
                 f"{exc.strerror}").show()
            sys.exit(EXIT_ERROR)


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so flushing what is still buffered at exit cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test runner's buffer)
        pass


DEFAULT_CORPUS = Path("seeds")
DEFAULT_INDEX = Path("index")


@click.group(cls=SearcherGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="searcher", prog_name="searcher")
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), envvar="SEARCHER_CORPUS",
              help="Folder of articles to index (env SEARCHER_CORPUS) [default: the folder the index was "
                   "built from, else seeds].")
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_INDEX,
              show_default=True, envvar="SEARCHER_INDEX", help="Folder the index lives in (env SEARCHER_INDEX).")
@click.pass_context
def main(ctx: click.Context, corpus: Path | None, index_dir: Path) -> None:
    """Full-text search for collections of news articles.

    Index a folder of saved articles (plain text or HTML), cleaned of site boilerplate,
    with their outlet, date, author and the people, organisations and places they name;
    then search it with ranked, highlighted, faceted results.
    """
    named_index = ctx.get_parameter_source("index_dir") is not click.core.ParameterSource.DEFAULT
    ctx.obj = {"corpus": corpus, "index": index_dir, "named_index": named_index}


def _corpus(obj: dict) -> Path:
    """The corpus folder: as named (--corpus, SEARCHER_CORPUS), else the one the index
    records it was built from (so commands work from any directory), else, for a new
    index, seeds. An index that does not say is never guessed at."""
    if obj["corpus"] is not None:
        return obj["corpus"]
    from .indexing.store import IndexFolder, IndexUnavailable

    folder = IndexFolder(obj["index"])
    if not folder.exists():
        return DEFAULT_CORPUS
    try:
        recorded = folder.current().meta().get("corpus")
    except IndexUnavailable:
        recorded = None
    if not recorded:
        raise Fail(f"the index in {obj['index']} does not say which folder it was built from; "
                   f"name it with --corpus FOLDER")
    return Path(recorded)


def _ensure_index(obj: dict) -> None:
    """Build the index on first use: from the corpus the user named, or the default
    corpus into the default index. A named index that is missing, with no corpus named,
    is most likely a mistyped path: an error, not a new index of the seeds."""
    from .indexing.index import exists

    if exists(obj["index"]):
        return
    if obj["named_index"] and obj["corpus"] is None:
        raise Fail(f"no index in {obj['index']}; build one with "
                   f"`searcher --index {obj['index']} --corpus FOLDER index`")
    corpus = _corpus(obj)
    _warn(f"no index in {obj['index'].absolute()} yet; building it from {corpus.absolute()}")
    _run_index(corpus, obj["index"], rebuild=False)


def _build_errors() -> tuple[type[Exception], ...]:
    """What a build reports in one line. Imported when a build raises (an except clause is
    evaluated then), not before: an update that finds nothing changed imports no stage."""
    from .extract.corpus import CorpusError
    from .extract.entities import ModelError
    from .indexing.distributed import ClusterError
    from .indexing.store import IndexUnavailable, WriteFailed, WriterBusy

    return CorpusError, IndexUnavailable, WriterBusy, WriteFailed, ModelError, ClusterError


def _run_index(corpus: Path, index_dir: Path, rebuild: bool, max_size_mb: float = DEFAULT_MAX_MB, jobs: int | None = None,
               follow_links: bool | None = None, dask: str | None = None) -> None:
    from .indexing.build import update_index

    gc.enable()  # a reading command that builds its missing index first (see READING_COMMANDS)
    progress = _Progress()
    try:
        report = update_index(corpus, index_dir, rebuild=rebuild, max_bytes=int(max_size_mb * 1024 * 1024), jobs=jobs,
                              follow_links=follow_links,
                              on_skip=lambda path, why: progress.echo(f"searcher: skipped {quoted_name(path)}: {why}"),
                              on_progress=progress.update, on_wait=_warn, dask=dask)
    except _build_errors() as exc:
        raise Fail(str(exc)) from None
    except KeyboardInterrupt:
        _warn("interrupted; the index is as it was before")
        sys.exit(130)
    finally:
        progress.close()
    for note in report.notes:
        _warn(f"note: {note}")
    from .render import display_path

    _warn(f"indexed {display_path(str(corpus))} into {display_path(str(index_dir))}: {report.summary()}")


class RateWindow:
    """Files per second over the last WINDOW_SECONDS of a build, and the time left at that
    rate; nothing until MIN_DONE files are done. Measured from the start, the first
    estimate counted loading the model and was far off ("2:43 left" for a 6 s job)."""

    WINDOW_SECONDS = 10.0
    MIN_DONE = 5

    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self.samples: deque[tuple[float, int]] = deque()

    def add(self, done: int) -> None:
        now = self.clock()
        self.samples.append((now, done))
        while len(self.samples) > 2 and now - self.samples[0][0] > self.WINDOW_SECONDS:
            self.samples.popleft()

    def describe(self, total: int) -> str:
        if len(self.samples) < 2:
            return ""
        (start, first), (now, done) = self.samples[0], self.samples[-1]
        if done < self.MIN_DONE or now <= start or done <= first:
            return ""
        rate = (done - first) / (now - start)
        left = round((total - done) / rate)
        return f"{rate:.1f} files/s, {left // 60}:{left % 60:02d} left"


class _Progress:
    """A progress bar with count, rate and time left, on stderr when it is a terminal; nothing otherwise."""

    def __init__(self) -> None:
        self.bar = None
        self.total = 0
        self.rate = RateWindow()

    def update(self, done: int, total: int) -> None:
        if not sys.stderr.isatty() or total < 2:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="indexing", file=sys.stderr, show_pos=True,
                                         show_eta=False, item_show_func=lambda _: self.rate.describe(self.total))
            self.bar.__enter__()
        self.total = total
        self.rate.add(done)
        self.bar.update(done - self.bar.pos, done)

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
@click.option("--follow/--no-follow", "follow_links", default=None,
              help="Follow symbolic links that lead out of the corpus folder too (links inside it are always "
                   "followed) [default: as the last build did, else not].")
@click.option("--dask", metavar="ADDRESS", envvar="SEARCHER_DASK",
              help="Extract on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786), or on one of N "
                   "local worker processes with local:N (env SEARCHER_DASK; needs searcher[dask]).")
@click.pass_obj
def index_command(obj: dict, rebuild: bool, max_size: float, jobs: int | None, follow_links: bool | None,
                  dask: str | None) -> None:
    """Build or update the index from the corpus folder.

    New files are added, changed files replaced and deleted files removed; files whose
    size and time are unchanged are not read again. Files that cannot be indexed are
    reported one line each and skipped. Queries keep working while it runs. Without
    --corpus, an existing index is updated from the folder it was built from. Only regular
    files are read; a symbolic link is followed when it leads to a file or folder inside
    the corpus folder, and one leading out of it only with --follow."""
    _run_index(_corpus(obj), obj["index"], rebuild, max_size, jobs, follow_links, dask)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document for programs.")
@click.pass_obj
def stats(obj: dict, as_json: bool) -> None:
    """What is in the index: documents, distinct stories, outlets, date range, size, last
    build, corpus."""
    import json

    from .indexing.store import index_stats
    from .indexing.store import IndexUnavailable

    try:
        info = index_stats(obj["index"])
    except IndexUnavailable as exc:
        raise Fail(str(exc)) from None
    if as_json:
        click.echo(json.dumps(info, indent=1))
        return
    dates = f"{info['published_from']} to {info['published_to']}" if info["published_from"] else "none known"
    top = ", ".join(f"{name} ({n})" for name, n in list(info["outlet_documents"].items())[:5])
    click.echo(terminal_text(f"index:      {info['index']}\n"
                             f"corpus:     {info['corpus']}\n"
                             f"documents:  {info['documents']} ({info['skipped']} files skipped)\n"
                             f"{_stories_lines(info)}"
                             f"outlets:    {info['outlets']}{f': {top}' if top else ''}"
                             f"{', ...' if info['outlets'] > 5 else ''}\n"
                             f"published:  {dates}\n"
                             f"size:       {_human_bytes(info['size_bytes'])}\n"
                             f"last build: {info['built_at']}"))


def _stories_lines(info: dict) -> str:
    """The stories and largest groups of copies lines of `stats` (none for an index made
    before copies were found: its next update finds them)."""
    if info.get("stories") is None:
        return ""
    largest = info["largest_stories"]
    lines = f"stories:    {info['stories']} distinct ({info['stories_with_copies']} with copies)\n"
    for entry in largest:
        outlets = ", ".join(entry["outlets"])
        lines += f"  {entry['articles']} articles: {display_title(entry['title'], entry.get('lead') or '')} ({outlets})\n"
    return lines


def _human_bytes(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    size, unit = n / 1024, "KB"
    for bigger in ("MB", "GB"):
        if size >= 1024:
            size, unit = size / 1024, bigger
    return f"{size:.1f} {unit}"


QUERY_HELP = """Search the index for WORDS (no quotes needed): ranked hits with their id,
URL and best passages, matched words in colour on a terminal (plain when piped or
with NO_COLOR set), and facet counts under them.

\b
The query language:
  drone factory          plain words: articles with more of them rank higher;
                         articles with only some still come after
  "drone factory"        an exact phrase, every word as written
                         ("to be or not to be")
  "drone plant"~3        the words within 3 words of each other
  drones -Iran           - excludes a word (also NOT Iran); +Iran requires it
                         (a query that starts with - goes after --:
                         searcher query -- "-Iran drones")
  drones OR missiles     either word
  title:drone            a field: title, body, author, outlet, person, org,
                         place, published; names match however they are typed:
                         person:"John Kirby", person:kirby, outlet:cnn
  drone*                 words beginning with "drone"
  Caspain~  Caspain~2    words within 1 (or 2) letters of "Caspain" (a letter
                         added, dropped or changed, or two neighbours swapped)
  published:2023         a year, month (2023-06) or day (2023-06-10)
  published:[2023-01-01 TO 2023-06-30]   a date range; either end may be open
  (drones OR missiles) Russia            brackets group
  *                      every article (with filters and --sort -date: the newest)

\b
Words are matched stemmed ("drone" finds "drones"), whatever their case or
accents; straight and curly apostrophes and quotes are alike ("Lloyd's" finds
"Lloyd’s"). Common words (the, of, on) among other words do not count. Field
queries and the filter options must match; the plain words rank what they
leave. A word before a colon that is not a field (Update:, https:) is searched
as a word. An unknown word gets a "Did you mean" from the index's own words.
Exit status: 0 something matched, 1 nothing did, 2 error (a query that cannot
be read is reported with the column where it goes wrong). If the default index
does not exist yet, or --corpus names the folder to build it from, it is built
first."""


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
        click.option("--speaker", multiple=True, help="Only articles quoting this person or organisation (repeatable)."),
        click.option("--since", callback=_date_option, metavar="DATE", help="Only articles published on or after DATE."),
        click.option("--until", callback=_date_option, metavar="DATE", help="Only articles published on or before DATE."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


COLOR_WHEN = ("auto", "always", "never")


def color_option(command):
    return click.option("--color", "color", type=click.Choice(COLOR_WHEN), default="auto", show_default=True,
                        help="Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.")(command)


def use_color(when: str) -> bool:
    """ripgrep's rule: colour on a terminal unless NO_COLOR is set (https://no-color.org);
    an explicit --color always or never overrides both."""
    import os

    if when != "auto":
        return when == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@contextmanager
def _searching():
    """A query that cannot be read, a ranking that does not exist or an index that cannot
    be used: one line and status 2, whichever command searched."""
    from .indexing.index import IndexUnavailable
    from .search.ranking import UnknownRanking
    from .search.searching import QueryError

    try:
        yield
    except QueryError as exc:
        raise Fail(f"bad query: {exc}") from None
    except (UnknownRanking, IndexUnavailable) as exc:
        raise Fail(str(exc)) from None


def _echo_coloured(text_for, color: str) -> None:
    """Text output made by `text_for(coloured)`, coloured as --color and NO_COLOR say
    (click strips colour it was not told of)."""
    colored = use_color(color)
    click.echo(text_for(colored), color=colored)


OUTPUTS = {"as_json": "--json", "as_csv": "--csv", "files_only": "--files", "count_only": "--count",
           "facets_csv": "--facets-csv"}


@main.command(help=QUERY_HELP)
@click.argument("words", nargs=-1, required=True)
@_filter_options
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True,
              help="Order of hits: by relevance, oldest first (date) or newest first (-date).")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=None,
              help="Hits per page [default: 10; every match with --csv and --files].")
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
@click.option("--csv", "as_csv", is_flag=True,
              help="Print CSV, one row per hit: rank, score, title, outlet, published, author, url, path, id, passage.")
@click.option("--files", "-l", "files_only", is_flag=True, help="Print only the paths of the matching articles.")
@click.option("--count", "count_only", is_flag=True, help="Print only how many articles match.")
@click.option("--facets-csv", "facets_csv", is_flag=True, help="Print only the facet counts, as CSV: facet, value, count.")
@color_option
@click.option("--ranking", metavar="NAME", envvar="SEARCHER_RANKING",
              help="How plain words are scored (env SEARCHER_RANKING): bm25f+rm3 (default: BM25F, and "
                   "feedback from the top hits for queries of 5+ words), bm25f, or whoosh (Whoosh's own "
                   "BM25F); measured in the README.")
@click.option("--all-copies", is_flag=True,
              help="List every copy of a story as its own hit (by default a story is shown once, its copies under it).")
@click.pass_obj
def query(obj: dict, words: tuple[str, ...], outlet, person, org, place, speaker, since, until, sort: str, limit: int | None,
          page: int, facets: tuple[str, ...], facet_limit: int, passages: int, passage_length: int, color: str,
          ranking: str | None, all_copies: bool, **outputs: bool) -> None:
    from .render import facets_csv, results_csv, results_json, results_paths, results_text
    from .search.searching import Filters, search

    chosen = [OUTPUTS[name] for name, on in outputs.items() if on]
    if len(chosen) > 1:
        raise Fail(f"choose one output: {' or '.join(chosen)}")
    output = chosen[0] if chosen else "text"
    if limit is None:
        limit = None if output in ("--csv", "--files") else 10
    if output in ("--files", "--count", "--facets-csv"):
        passages = 0
    elif output == "--csv":
        passages = min(passages, 1)  # the best one
    _ensure_index(obj)
    filters = Filters(outlet=outlet, person=person, org=org, place=place, speaker=speaker, since=since, until=until)
    with _searching():
        results = search(obj["index"], " ".join(words), limit=limit, page=page, filters=filters, sort=sort,
                         facets=tuple(dict.fromkeys(("outlet", *facets))), facet_limit=facet_limit,
                         passages=passages, passage_chars=passage_length, ranking=ranking, all_copies=all_copies)
    for note in results.notes:
        _warn(f"note: {note}")
    if output == "--json":
        click.echo(results_json(results))
    elif output == "--csv":
        click.echo(results_csv(results), nl=False)
    elif output == "--files":
        click.echo(results_paths(results), nl=False)
    elif output == "--count":
        click.echo(results.total)
    elif output == "--facets-csv":
        click.echo(facets_csv(results.facets), nl=False)
    else:
        _echo_coloured(lambda colored: results_text(results, color=colored), color)
    if not results.total:
        sys.exit(EXIT_NO_MATCH)


def _find_article(obj: dict, key: str):
    """The indexed article `key` names (id, path or file name); exit 1 if none, 2 if several."""
    from .indexing.index import IndexUnavailable
    from .search.searching import AmbiguousArticle, ArticleNotFound, find_article

    try:
        return find_article(obj["index"], key)
    except (IndexUnavailable, AmbiguousArticle) as exc:
        raise Fail(str(exc)) from None
    except ArticleNotFound as exc:
        _warn(str(exc))
        sys.exit(EXIT_NO_MATCH)


@main.command()
@click.argument("words", nargs=-1)
@click.option("--speaker", multiple=True, help="Only quotations by this person or organisation, any case, whole "
                                               "name or one of its words (repeatable: any of them).")
@click.option("--sort", type=click.Choice(("relevance", "-date", "date")), default=None,
              help="relevance (default with words to find), -date (newest first; default otherwise) or date.")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True, help="Quotations per page.")
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True, help="Page to show.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document for programs.")
@color_option
@click.pass_obj
def quotes(obj: dict, words: tuple[str, ...], speaker: tuple[str, ...], sort: str | None, limit: int, page: int,
           as_json: bool, color: str) -> None:
    """Who said what: the quotations that hold WORDS, each with its speaker, article
    title, outlet and date, the words highlighted.

    WORDS are in the query language of `searcher query`; its words must be in the quotation,
    its field queries (outlet:cnn, published:2023) choose the articles. Without WORDS,
    every quotation (of --speaker). Exit status 0 when some quotation matched, 1 when none
    did, 2 on error."""
    from .search.quote_search import search_quotes
    from .render import quotes_json, quotes_text

    _ensure_index(obj)
    with _searching():
        results = search_quotes(obj["index"], " ".join(words) or "*", speakers=speaker, sort=sort, limit=limit,
                                page=page)
    if as_json:
        click.echo(quotes_json(results))
    else:
        _echo_coloured(lambda colored: quotes_text(results, color=colored), color)
    if not results.total:
        sys.exit(EXIT_NO_MATCH)


@main.command()
@click.argument("words", nargs=-1)
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document for programs.")
@color_option
@click.pass_obj
def timeline(obj: dict, words: tuple[str, ...], outlet, person, org, place, speaker, since, until, as_json: bool,
             color: str) -> None:
    """How many articles matching WORDS (every article if none are given) were published
    each month, as a bar chart: every month from the first to the last, empty ones
    included. The same counts as `query --facet month`. `--json` gives `query`, `total`,
    `undated` and `months` (YYYY-MM: count). Exit status 1 if nothing matched."""
    from .render import json_text, timeline as timeline_counts, timeline_text
    from .search.searching import Filters, search

    _ensure_index(obj)
    filters = Filters(outlet=outlet, person=person, org=org, place=place, speaker=speaker, since=since, until=until)
    with _searching():
        results = search(obj["index"], " ".join(words) or "*", limit=1, filters=filters, facets=("month",),
                         passages=0, suggest=False)
    if as_json:
        click.echo(json_text(timeline_counts(results)))
    else:
        _echo_coloured(lambda colored: timeline_text(results, color=colored), color)
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
    """Show one indexed article: its cleaned text with metadata and entities, then its
    copies (the same story elsewhere) and related coverage (the same event, other text).

    ARTICLE is its id (as in query results), its path, or its file name (with or
    without the extension). Exit status 1 if no indexed article matches, 2 if several
    have that file name (give the path then)."""
    from .render import article_text, json_text

    found = _find_article(obj, article)
    if raw:
        from .extract.reader import ReadError, read_article

        try:
            click.echo(terminal_text(read_article(Path(found.path)).raw), nl=False)
        except ReadError as exc:
            raise Fail(f"cannot read the original of {found.path}: {exc}") from None
        return
    from .search.related import coverage
    from .render import story_text

    seen = coverage(obj["index"], found.id)
    if as_json:
        click.echo(json_text(found.to_json() | seen.to_json()))
    else:
        click.echo(article_text(found) + "\n" + story_text(seen.story, seen.copies, seen.related))


@main.command()
@click.argument("article")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True, help="Articles listed at most.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document for programs.")
@click.pass_obj
def related(obj: dict, article: str, limit: int, as_json: bool) -> None:
    """Related coverage of an article: other articles on the same event that are not
    copies of it, best first, each with why (shared names and key words, days apart).

    ARTICLE is as for `show`. Exit status 1 if none is found (or no article matches)."""
    import json

    from .search.related import related_articles
    from .render import related_text

    found = _find_article(obj, article)
    listed = related_articles(obj["index"], found.id, limit)
    if as_json:
        click.echo(json.dumps({"id": found.id, "related": [r.to_json() for r in listed]}, ensure_ascii=False))
    else:
        click.echo(related_text(listed))
    if not listed:
        sys.exit(EXIT_NO_MATCH)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file per line.")
@click.option("--explain", is_flag=True, help="Also list every removed block and why it was removed.")
@click.pass_obj
def extract(obj: dict, files: tuple[Path, ...], as_json: bool, explain: bool) -> None:
    """Clean and extract FILES without touching the index.

    A file gets the metadata that a sources.csv sidecar beside it gives it."""
    from .extract.corpus import CorpusError
    from .extract.entities import ModelError
    from .extract.pipeline import extract_files
    from .render import article_json, article_text

    failed = []

    def skip(path: str, why: str) -> None:
        failed.append(path)
        _warn(f"skipped {quoted_name(path)}: {why}")

    def sidecar_skipped(path: str, why: str) -> None:
        _warn(f"skipped {quoted_name(path)}: {why}")

    try:
        for article in extract_files(files, on_skip=skip, on_bad_sidecar=sidecar_skipped):
            click.echo(article_json(article) if as_json else article_text(article, explain=explain))
    except (CorpusError, ModelError) as exc:
        raise Fail(str(exc)) from None
    if failed:
        sys.exit(EXIT_ERROR)
