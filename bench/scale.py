"""How cost grows with the corpus: larger realistic corpora made by recombining real
paragraphs of the BBC articles under fresh titles, dates and outlets (given by a
sources.csv sidecar in each folder), indexed with the real command and queried."""

from __future__ import annotations

import csv
import random
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .common import Context, dir_size
from .indexing import Built, index_sizes, measured_index, stored_rows

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


def load_sources(corpus: Path) -> list[Source]:
    """Every article of a corpus laid out like BBC's: section folders, headline on the first
    line (files at the top, such as its README, are not articles)."""
    from searcher.reader import ReadError, read_article

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
            sources.append(Source(path.parent.name, lines[0], lines[1:]))
    return sources


def fresh_title(rng: random.Random, a: str, b: str) -> str:
    """The start of one real headline joined to the end of another."""
    wa, wb = a.split(), b.split()
    head = wa[: max(1, len(wa) // 2)]
    tail = wb[len(wb) // 2:] or wb
    return " ".join(head + tail)


def generate(sources: list[Source], n: int, dest: Path, seed: int = 11) -> Path:
    """Write `n` articles under `dest` (folders of FILES_PER_FOLDER, each with its sources.csv).
    Each article takes a lead and 3 to 11 more paragraphs from articles of one section, so
    it reads as one topic while its exact text is new."""
    rng = random.Random(seed)
    by_section: dict[str, list[Source]] = {}
    for s in sources:
        by_section.setdefault(s.section, []).append(s)
    sections = sorted(by_section)
    outlets, weights = list(OUTLETS), list(OUTLETS.values())
    rows: dict[Path, list[dict]] = {}
    for i in range(n):
        pool = by_section[rng.choice(sections)]
        lead, other = rng.sample(pool, 2) if len(pool) > 1 else (pool[0], pool[0])
        paragraphs = [lead.paragraphs[0]]
        for _ in range(rng.randint(3, 11)):
            paragraphs.append(rng.choice(rng.choice(pool).paragraphs))
        folder = dest / f"part-{i // FILES_PER_FOLDER:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{i:06d}.txt"
        (folder / name).write_text(fresh_title(rng, lead.title, other.title) + "\n\n" + "\n\n".join(paragraphs) + "\n",
                                   encoding="utf-8")
        published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        rows.setdefault(folder, []).append({"file": name, "outlet": rng.choices(outlets, weights)[0],
                                            "published": published.isoformat()})
    for folder, entries in rows.items():
        with (folder / "sources.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=["file", "outlet", "published"])
            writer.writeheader()
            writer.writerows(entries)
    return dest


def measure_size(ctx: Context, sources: list[Source], n: int) -> dict:
    from .querying import make_queries, searcher_latency

    home = ctx.subdir(f"scale-{n}")
    built = Built(generate(sources, n, home / "corpus"), home / "index", home)
    corpus_bytes = dir_size(built.corpus)
    build = measured_index(built)
    rows = stored_rows(built.index)
    latency = searcher_latency(built.index, make_queries(rows, 120))
    out = {"articles": n, "indexed": len(rows), "corpus_bytes": corpus_bytes, "build_s": build["seconds"],
           "docs_per_s": round(n / build["seconds"], 1), "peak_rss_mb": build["peak_rss_mb"],
           "peak_tree_rss_mb": build["peak_tree_rss_mb"], **index_sizes(built.index),
           "query_p50_ms": latency["all"]["p50_ms"], "query_p95_ms": latency["all"]["p95_ms"],
           "query_max_ms": latency["all"]["max_ms"], "queries": latency["all"]["n"]}
    shutil.rmtree(home, ignore_errors=True)
    return out


def section(ctx: Context, docs_per_s: float | None) -> dict:
    """Each size in turn while the time left allows it, judged from the last build's rate."""
    sources = load_sources(ctx.bbc)
    table, rate = [], docs_per_s
    for n in SIZES:
        if rate and not ctx.fits(n / rate):
            table.append({"articles": n, "skipped": f"would take about {n / rate:.0f} s at {rate:.1f} docs/s; "
                                                    f"{max(ctx.seconds_left(), 0):.0f} s of the time budget were left"})
            continue
        row = measure_size(ctx, sources, n)
        rate = row["docs_per_s"]
        table.append(row)
    return {"source_articles": len(sources), "generator": "bench/scale.py: real BBC paragraphs recombined within a "
            "section, fresh titles (halves of two headlines), random dates 2004-2023 and weighted outlets via sources.csv",
            "table": table}
