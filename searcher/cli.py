"""The `searcher` command: a thin layer over searcher.pipeline and searcher.search.

Exit codes follow ripgrep: 0 when something matched (or the command succeeded), 1 when
a query matched nothing, 2 on error."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .ranking import DEFAULT_RANKING, RANKINGS

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


def _run_index(corpus: Path, index_dir: Path, rebuild: bool) -> None:
    from .corpus import CorpusError
    from .index import IndexUnavailable
    from .pipeline import update_index

    try:
        report = update_index(corpus, index_dir, rebuild=rebuild,
                              on_skip=lambda path, why: _warn(f"skipped {path}: {why}"))
    except (CorpusError, IndexUnavailable) as exc:
        raise Fail(str(exc)) from None
    _warn(f"indexed {corpus} into {index_dir}: {report.summary()}")


@main.command("index")
@click.option("--rebuild", is_flag=True, help="Rebuild from scratch instead of updating.")
@click.pass_obj
def index_command(obj: dict, rebuild: bool) -> None:
    """Build or update the index from the corpus folder.

    New files are added, changed files replaced and deleted files removed; unchanged
    files are not read again. Files that cannot be indexed are reported and skipped."""
    _run_index(obj["corpus"], obj["index"], rebuild)


@main.command()
@click.argument("query")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True, help="Hits to show.")
@click.option("--outlet", help="Only articles from this outlet (exact name, as in the facet).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document for programs.")
@click.option("--ranking", type=click.Choice(list(RANKINGS)), default=DEFAULT_RANKING, show_default=True,
              envvar="SEARCHER_RANKING",
              help="How plain words are scored (env SEARCHER_RANKING): BM25F with RM3 feedback for queries of "
                   "5+ words, BM25F alone, or Whoosh's own BM25F; see the README.")
@click.pass_obj
def query(obj: dict, query: str, limit: int, outlet: str | None, as_json: bool, ranking: str) -> None:
    """Search the index: ranked hits with highlighted passages, and the outlet facet.

    Words are matched in stemmed form ("drone" finds "drones"); articles with more of
    the words rank higher. If no index exists yet, it is built first."""
    from .index import IndexUnavailable, exists
    from .render import results_json, results_text
    from .search import QueryError, search

    if not exists(obj["index"]):
        _warn(f"no index in {obj['index']} yet; building it from {obj['corpus']}")
        _run_index(obj["corpus"], obj["index"], rebuild=False)
    try:
        results = search(obj["index"], query, limit=limit, outlet=outlet, ranking=ranking)
    except (QueryError, IndexUnavailable) as exc:
        raise Fail(str(exc)) from None
    if as_json:
        click.echo(results_json(results))
    else:
        click.echo(results_text(results, color=sys.stdout.isatty()))
    if not results.total:
        sys.exit(EXIT_NO_MATCH)


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
