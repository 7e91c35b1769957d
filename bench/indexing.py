"""Indexing cost on the BBC corpus through the real command (full build, no-op update, one
changed file, warm rebuild), and where the time goes: the pipeline's stages timed apart, and
the same cleaned bodies indexed by a bare Whoosh schema and by SQLite FTS5."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import statistics
from dataclasses import dataclass
from pathlib import Path

from .common import NA, Context, dir_size, isolated_env, load_average, rate, run_measured, searcher_argv, timed
from .entities import sample_files

QUICK_SAMPLE = 100


@dataclass
class Built:
    """A corpus copy and the searcher index built from it, for the query section to reuse."""

    corpus: Path
    index: Path
    home: Path

    def argv(self, *args: str) -> list[str]:
        return [*searcher_argv(), "--corpus", str(self.corpus), "--index", str(self.index), *args]


def copy_corpus(files: list[Path], root: Path, dest: Path) -> Path:
    """Copy `files` (under `root`) to `dest`, keeping sub-folders: a private corpus to change."""
    for path in files:
        target = dest / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return dest


def summary_counts(stderr: str) -> dict:
    """The counts of the index command's summary line (`N added, N updated, ...`)."""
    counts = {k: int(v) for v, k in re.findall(r"(\d+) (added|updated|removed|skipped|unchanged)", stderr)}
    return counts or {"summary": NA}


def measured_index(built: Built, *args: str) -> dict:
    run = run_measured(built.argv("index", *args), env=isolated_env(built.home))
    if not run.ok():
        tail = run.stderr.strip().splitlines()
        raise RuntimeError(f"searcher index {' '.join(args)} failed: {tail[-1] if tail else run.returncode}")
    return {"seconds": round(run.seconds, 2), "cpu_seconds": run.cpu_seconds, "peak_rss_mb": run.maxrss_mb,
            "peak_tree_rss_mb": run.tree_peak_mb, **summary_counts(run.stderr)}


def index_sizes(index_dir: Path) -> dict:
    """Bytes of the index folder, and of the extraction cache kept in it (if there is one)."""
    cache = sum(p.stat().st_size for p in index_dir.rglob("cache*") if p.is_file())
    return {"index_bytes": dir_size(index_dir), "cache_bytes": cache}


def stats(built: Built) -> dict | str:
    """`searcher stats --json`, or n/a while the command does not exist."""
    run = run_measured(built.argv("stats", "--json"), env=isolated_env(built.home))
    if not run.ok():
        return NA
    try:
        return json.loads(run.stdout)
    except json.JSONDecodeError:
        return NA


def change_one_file(corpus: Path) -> Path:
    """Append a paragraph to one article, as a user's edit would."""
    files = sorted(corpus.rglob("*.txt"))
    path = files[len(files) // 2]
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\nThe benchmark added this closing paragraph to change the article by one sentence.\n")
    return path


def command_costs(built: Built, n_docs: int) -> dict:
    """Full build, three no-op updates, one changed file, and `searcher stats`."""
    full = measured_index(built)
    full["docs_per_s"] = round(n_docs / full["seconds"], 1)
    full |= index_sizes(built.index)
    noop = [measured_index(built) for _ in range(3)]
    changed = change_one_file(built.corpus)
    one = measured_index(built)
    return {"corpus_files": n_docs, "full_build": full,
            "noop_update": {"seconds_median": statistics.median(r["seconds"] for r in noop),
                            "seconds_max": max(r["seconds"] for r in noop),
                            **{k: v for k, v in noop[-1].items() if k != "seconds"}},
            "one_changed_file": one | {"file": changed.name},
            "stats": stats(built)}


def dask_beside_processes(ctx: Context, built: Built, build_seconds) -> dict:
    """Full builds of the same corpus with extraction in 2 local worker processes (`-j 2`)
    and on a Dask LocalCluster of 2 worker processes (`--dask local:2`), each into a fresh
    index (nothing cached), in the order A B B A so that a change in the machine's load
    during the run weighs on both alike: the overhead of the engine is the ratio."""
    from importlib.util import find_spec

    if find_spec("distributed") is None:
        return {"skipped": "dask.distributed is not installed (pip install 'searcher[dask]')"}
    if isinstance(build_seconds, (int, float)) and not ctx.fits(4 * build_seconds):
        return {"skipped": "would not fit the time budget"}
    options = {"j2": ["-j", "2"], "dask_local_2": ["--dask", "local:2"]}
    out: dict = {"files": sum(1 for _ in built.corpus.rglob("*.txt")), "order": "A B B A"}
    for name in options:
        out |= {f"{name}_seconds": [], f"{name}_cpu_seconds": [], f"{name}_loadavg": []}
    for n, name in enumerate(("j2", "dask_local_2", "dask_local_2", "j2")):
        home = ctx.subdir(f"dask-{n}")
        fresh = Built(built.corpus, home / "index", home)
        out[f"{name}_loadavg"].append(load_average())  # the 1-minute figure: other work on the machine
        run = measured_index(fresh, *options[name])
        out[f"{name}_seconds"].append(run["seconds"])
        out[f"{name}_cpu_seconds"].append(run["cpu_seconds"])
    for unit in ("seconds", "cpu_seconds"):
        ratio = statistics.mean(out[f"dask_local_2_{unit}"]) / statistics.mean(out[f"j2_{unit}"])
        out["dask_over_j2" + ("" if unit == "seconds" else "_cpu")] = round(ratio, 3)
    return out


def rebuild(ctx: Context, built: Built, build_seconds) -> dict:
    """`index --rebuild` over the built index (full runs). It re-extracts nothing when extraction
    results are cached by content hash (issue 5); without a cache it costs a full build, so it
    runs last, when the time left allows."""
    if not isinstance(build_seconds, (int, float)) or not ctx.fits(build_seconds):
        return {"skipped": "would not fit the time budget"}
    return measured_index(built, "--rebuild")


def whoosh_bare(docs: list[tuple[str, str, str]], folder: Path) -> dict:
    """The same bodies in a bare Whoosh schema: stemmed title and body, stored, nothing else."""
    from whoosh import fields, index
    from whoosh.analysis import StemmingAnalyzer

    stem = StemmingAnalyzer()
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), title=fields.TEXT(analyzer=stem, stored=True),
                           body=fields.TEXT(analyzer=stem, stored=True))

    def build() -> None:
        writer = index.create_in(str(folder), schema).writer()
        for doc_id, title, body in docs:
            writer.add_document(id=doc_id, title=title, body=body)
        writer.commit()

    _, wall, cpu = timed(build)
    return rate(len(docs), wall, cpu) | {"index_bytes": dir_size(folder)}


FTS5_TABLE = ("create virtual table articles using fts5(id unindexed, title, body, person, org, place, "
              "outlet unindexed, tokenize='porter unicode61')")


def fts5_build(rows: list[tuple], path: Path) -> tuple[sqlite3.Connection, dict]:
    """SQLite FTS5 (Python's sqlite3) over the same rows: (id, title, body, person, org, place, outlet)."""
    con = sqlite3.connect(path)

    def build() -> None:
        con.execute(FTS5_TABLE)
        with con:
            con.executemany("insert into articles values (?, ?, ?, ?, ?, ?, ?)", rows)

    _, wall, cpu = timed(build)
    return con, rate(len(rows), wall, cpu) | {"index_bytes": path.stat().st_size, "sqlite": sqlite3.sqlite_version}


def stage_times(files: list[Path], entity_speed: dict) -> tuple[dict, list[tuple[str, str, str]]]:
    """Read+clean+metadata timed in this process; entity extraction estimated for the same
    files from the rate the entities section measured on BBC articles (timing it again here
    would cost as much as the build)."""
    from searcher.extract.pipeline import extract_files

    articles, wall, cpu = timed(lambda: list(extract_files(files, entities=False)))
    docs = [(a.id, a.title or "", a.body) for a in articles]
    per_s, per_cpu_s = entity_speed.get("docs_per_s"), entity_speed.get("docs_per_cpu_s")
    entities = (rate(len(docs), len(docs) / per_s, len(docs) / per_cpu_s)
                | {"estimated_from": f"{entity_speed.get('docs')} articles of the entities section"}
                if isinstance(per_s, float) and isinstance(per_cpu_s, float) else {"seconds": NA})
    return {"read_clean_metadata": rate(len(docs), wall, cpu), "entities": entities}, docs


def stored_rows(index_dir: Path) -> list[tuple]:
    """(id, title, body, person, org, place, outlet) of every article in a searcher index,
    read back from its stored fields: exactly the text searcher indexed."""
    from searcher.indexing.index import open_index

    with open_index(index_dir).searcher() as s:
        return [(f.get("id"), f.get("title") or "", f.get("body") or "", f.get("person") or "", f.get("org") or "",
                 f.get("place") or "", f.get("outlet") or "") for f in s.all_stored_fields()]


def copies_cost(built: Built, build_seconds) -> dict:
    """Finding the copies of one story (searcher.indexing.copies) in the built index, timed in this
    process: from nothing (as a first build does), and as an update of one article does
    (every other row carried over), beside the full build of the command."""
    import tempfile

    from searcher.indexing.copies import update_copies
    from searcher.indexing.index import open_generation
    from searcher.indexing.store import IndexFolder

    generation = IndexFolder(built.index).current()
    ix = open_generation(generation)
    present = {rec["id"] for rec in generation.files().values() if "id" in rec and "skipped" not in rec}
    with tempfile.TemporaryDirectory() as out:
        full, wall, cpu = timed(lambda: update_copies(ix, Path(out), None, present, None))
        one, one_wall, one_cpu = timed(lambda: update_copies(ix, Path(out), generation.path, present, {min(present)}))
    share = round(wall / build_seconds, 3) if isinstance(build_seconds, (int, float)) and build_seconds else NA
    return {"articles": full.articles, "stories": full.stories, "groups": full.groups,
            "from_nothing": {"seconds": round(wall, 2), "cpu_seconds": round(cpu, 2), "share_of_full_build": share},
            "one_article_changed": {"seconds": round(one_wall, 3), "cpu_seconds": round(one_cpu, 3),
                                    "bodies_sketched": one.sketched}}


def section(ctx: Context, entity_speed: dict) -> tuple[dict, Built]:
    home = ctx.subdir("indexing")
    files = sample_files(ctx.bbc, QUICK_SAMPLE if ctx.quick else None)
    built = Built(copy_corpus(files, ctx.bbc, home / "corpus"), home / "index", home)
    out = {"corpus": str(ctx.bbc) + (f" (every k-th file, {len(files)} of them)" if ctx.quick else ""),
           "command": command_costs(built, len(files))}
    out["copies"] = copies_cost(built, out["command"]["full_build"]["seconds"])
    out["dask"] = dask_beside_processes(ctx, built, out["command"]["full_build"]["seconds"])
    stages, docs = stage_times(files, entity_speed)
    bare = whoosh_bare(docs, ctx.subdir("whoosh-bare"))
    _, fts = fts5_build([(i, t, b, "", "", "", "") for i, t, b in docs], ctx.subdir("fts5") / "fts5.db")
    out["where_the_time_goes"] = {"docs": len(docs), **stages, "bare_whoosh_index": bare, "sqlite_fts5_index": fts,
                                  "note": "stages timed in one process over the same files (entities estimated from the "
                                          "entities section's rate); the two bare indexes get the same cleaned titles "
                                          "and bodies, no entities or metadata"}
    return out, built
