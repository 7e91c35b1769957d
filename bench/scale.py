"""How cost grows with the corpus: larger realistic corpora made by recombining real
paragraphs of the BBC articles under fresh titles, dates and outlets, indexed and queried.

Extracting 50,000 articles with spaCy takes most of an hour on two cores, and says nothing
new about queries: a generated article is indexed as extracted from its sources instead
(its people, organisations and places are those the BBC index found in the articles its
paragraphs come from, where its text names them), through the same writer a build uses
(searcher.indexing.build.index_articles). The build's own speed is the indexing section's."""

from __future__ import annotations

import csv
import random
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .common import Context, searcher_argv
from .indexing import index_sizes, stored_rows
from .report import dig

SIZES = (2_000, 10_000, 50_000)
FILES_PER_FOLDER = 1_000
# Outlets with rough weights: a few large ones and a long tail, as a saved collection has.
OUTLETS = {"BBC News": 30, "Reuters": 20, "The Guardian": 14, "Associated Press": 10, "Financial Times": 8,
           "The Independent": 6, "Sky News": 4, "Irish Times": 3, "Deutsche Welle": 2, "Al Jazeera English": 2,
           "The Scotsman": 1}
FIRST_DAY, DAYS = date(2004, 1, 1), 7_300


@dataclass
class Source:
    """One real article cut into the parts the generator recombines."""

    section: str
    title: str
    paragraphs: list[str]
    key: str = ""  # section/file, as source_entities names it


def load_sources(corpus: Path) -> list[Source]:
    """Every article of a corpus laid out like BBC's: section folders, headline on the first
    line (files at the top, such as its README, are not articles)."""
    from searcher.extract.reader import ReadError, read_article

    from .entities import corpus_files

    sources = []
    for path in corpus_files(corpus):
        if path.parent == corpus:
            continue
        try:
            lines = [l.strip() for l in read_article(path).raw.splitlines() if l.strip()]
        except ReadError:
            continue
        if len(lines) >= 3:
            sources.append(Source(path.parent.name, lines[0], lines[1:], f"{path.parent.name}/{path.name}"))
    return sources


def fresh_title(rng: random.Random, a: str, b: str) -> str:
    """The start of one real headline joined to the end of another."""
    wa, wb = a.split(), b.split()
    head = wa[: max(1, len(wa) // 2)]
    tail = wb[len(wb) // 2:] or wb
    return " ".join(head + tail)


@dataclass
class Composed:
    """One generated article: its text, metadata and the sources its paragraphs came from."""

    title: str
    paragraphs: list[str]
    outlet: str
    published: date
    sources: list[Source]


def compose(sources: list[Source], n: int, seed: int = 11):
    """`n` generated articles. Each takes a lead and 3 to 11 more paragraphs from articles
    of one section, so it reads as one topic while its exact text is new."""
    rng = random.Random(seed)
    by_section: dict[str, list[Source]] = {}
    for s in sources:
        by_section.setdefault(s.section, []).append(s)
    sections = sorted(by_section)
    outlets, weights = list(OUTLETS), list(OUTLETS.values())
    for _ in range(n):
        pool = by_section[rng.choice(sections)]
        lead, other = rng.sample(pool, 2) if len(pool) > 1 else (pool[0], pool[0])
        paragraphs, used = [lead.paragraphs[0]], [lead]
        for _ in range(rng.randint(3, 11)):
            source = rng.choice(pool)
            paragraphs.append(rng.choice(source.paragraphs))
            used.append(source)
        title = fresh_title(rng, lead.title, other.title)
        published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        yield Composed(title, paragraphs, rng.choices(outlets, weights)[0], published, used)


def generate(sources: list[Source], n: int, dest: Path, seed: int = 11) -> Path:
    """Write `n` articles under `dest` (folders of FILES_PER_FOLDER, each with its sources.csv)."""
    rows: dict[Path, list[dict]] = {}
    for i, article in enumerate(compose(sources, n, seed)):
        folder = dest / f"part-{i // FILES_PER_FOLDER:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{i:06d}.txt"
        (folder / name).write_text(article.title + "\n\n" + "\n\n".join(article.paragraphs) + "\n", encoding="utf-8")
        rows.setdefault(folder, []).append({"file": name, "outlet": article.outlet,
                                            "published": article.published.isoformat()})
    for folder, entries in rows.items():
        with (folder / "sources.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=["file", "outlet", "published"])
            writer.writeheader()
            writer.writerows(entries)
    return dest


def source_entities(index_dir: Path) -> dict[str, dict[str, list[str]]]:
    """section/file -> the entities a searcher index of the BBC corpus found in it."""
    from searcher.article import ENTITY_TYPES
    from searcher.indexing.index import open_index

    with open_index(index_dir).searcher() as s:
        return {"/".join(Path(f["path"]).parts[-2:]): {t: [n for n in (f.get(t) or "").split(",") if n]
                                                      for t in ENTITY_TYPES} for f in s.all_stored_fields()}


def extracted_articles(sources: list[Source], n: int, dest: Path, entities: dict[str, dict[str, list[str]]],
                       seed: int = 11):
    """The generated articles as extraction would leave them, named as files under `dest`."""
    from searcher.article import ENTITY_TYPES, Article

    for i, composed in enumerate(compose(sources, n, seed)):
        body = "\n".join(composed.paragraphs)
        found = {t: [] for t in ENTITY_TYPES}
        for source in composed.sources:
            for typ, names in entities.get(source.key, {}).items():
                found[typ] += [name for name in names if name in body and name not in found[typ]]
        yield Article(path=str(dest / f"part-{i // FILES_PER_FOLDER:03d}" / f"{i:06d}.txt"), title=composed.title,
                      body=body, outlet=composed.outlet, published=composed.published, entities=found)


def measure_size(ctx: Context, sources: list[Source], n: int, entities: dict) -> dict:
    from searcher.indexing.build import index_articles

    from .common import run_measured, timed
    from .querying import FACETS, fts5_runner, interleaved, make_queries, searcher_runner
    from .indexing import fts5_build

    home = ctx.subdir(f"scale-{n}")
    index_dir = home / "index"
    articles = list(extracted_articles(sources, n, home / "corpus", entities))
    corpus_bytes = sum(len(a.title.encode()) + len(a.body.encode()) for a in articles)
    _, wall, cpu = timed(index_articles, index_dir, articles)
    del articles
    rows = stored_rows(index_dir)
    queries = make_queries(rows, 120)
    con, _ = fts5_build(rows, home / "fts5.db")
    rounds = 2 if ctx.quick else 3
    timed_queries = interleaved(queries, {"searcher": searcher_runner(index_dir), "fts5": fts5_runner(con)}, rounds)
    con.close()
    ours, fts = timed_queries["searcher"], timed_queries["fts5"]
    word = next(q.text for q in queries if q.kind == "term")
    process = [run_measured([*searcher_argv(), "--index", str(index_dir), "query", word, "--json"],
                            sample_every=1.0) for _ in range(3)]
    out = {"articles": n, "indexed": len(rows), "corpus_bytes": corpus_bytes, "index_s": round(wall, 1),
           "index_cpu_s": round(cpu, 1), **index_sizes(index_dir),
           "query_p50_ms": ours["all"]["p50_ms"], "query_p95_ms": ours["all"]["p95_ms"],
           "query_max_ms": ours["all"]["max_ms"], "queries": ours["all"]["n"], "rounds": rounds,
           "fts5_p50_ms": fts["all"]["p50_ms"], "fts5_p95_ms": fts["all"]["p95_ms"],
           "faceted_p95_ms": dig(ours, "by_kind", "faceted", "p95_ms"),
           "fts5_faceted_p95_ms": dig(fts, "by_kind", "faceted", "p95_ms"),
           "query_process_peak_mb": sorted(p.maxrss_mb for p in process)[1], "query_process_word": word,
           "query_process_exit": process[-1].returncode,
           "facets_on_faceted_queries": list(FACETS)}
    shutil.rmtree(home, ignore_errors=True)
    return out


def section(ctx: Context, bbc_index: Path | None) -> dict:
    """Each size in turn while the time left allows it (judged from the last size's rate)."""
    if bbc_index is None:
        return {"error": "needs the BBC index the indexing section builds (for the sources' entities)"}
    sources = load_sources(ctx.bbc)
    entities = source_entities(bbc_index)
    table, rate = [], None
    for n in SIZES:
        if rate and not ctx.fits(n / rate):
            table.append({"articles": n, "skipped": f"would take about {n / rate:.0f} s at {rate:.1f} articles/s; "
                                                    f"{max(ctx.seconds_left(), 0):.0f} s of the time budget were left"})
            continue
        row = measure_size(ctx, sources, n, entities)
        rate = n / (row["index_s"] + 60)
        table.append(row)
    return {"source_articles": len(sources), "generator": "bench/scale.py: real BBC paragraphs recombined within a "
            "section, fresh titles (halves of two headlines), random dates 2004-2023 and weighted outlets; indexed as "
            "extracted (entities those the BBC index found in the source articles, where the new text names them)",
            "table": table}
