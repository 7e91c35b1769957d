"""What one article costs at each stage of a build, and what it leaves on disk: the numbers
docs/scaling.md projects from. Each stage runs over the same BBC articles in this process,
in the order a build runs them, timed by CPU seconds (which waiting for a core on a shared
machine does not inflate): read, site evidence, clean, metadata, entities (spaCy),
quotes, the Whoosh write and finding copies; then the index's and the extraction
cache's bytes per article.

    python -m bench.stages [--docs N]    # one JSON document on stdout
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from .common import Context, dir_size, resolve_shared
from .entities import sample_files, warm_up

QUICK_SAMPLE, FULL_SAMPLE = 100, 500


def _cpu_per_1000(fn, count: int):
    start = time.process_time()
    value = fn()
    return value, round((time.process_time() - start) * 1000 / count, 2)


def bare_whoosh_write(articles: list, folder: Path) -> None:
    """The same documents in the same schema through Whoosh's own writer and codec at its
    default settings, with nothing of searcher's around it: the like-for-like floor for
    searcher's Whoosh write (which also replaces by path, posts the did-you-mean words
    and writes its own segment layout)."""
    from whoosh import index as whoosh_index

    from searcher.indexing.schema import article_document, make_schema

    folder.mkdir()
    writer = whoosh_index.create_in(str(folder), make_schema()).writer()
    for article in articles:
        writer.add_document(**article_document(article))
    writer.commit()


def stage_costs(files: list[Path], workdir: Path) -> dict:
    from searcher.indexing import index
    from searcher.indexing.cache import ExtractionCache
    from searcher.indexing.copies import update_copies
    from searcher.extract.entities import add_place, extract_entities
    from searcher.extract.metadata import extract_metadata
    from searcher.extract.pipeline import ENTITY_TEXT_LIMIT, SiteSurvey, clean_article, read_files
    from searcher.extract.quotes import extract_quotes
    from searcher.extract.sitewide import weigh
    from searcher.indexing.store import IndexFolder

    n = len(files)
    cpu: dict[str, float] = {}
    read, cpu["read"] = _cpu_per_1000(lambda: list(read_files(files)), n)
    articles, cpu["site_evidence"] = _cpu_per_1000(lambda: list(weigh(iter(read), SiteSurvey(files))), n)
    _, cpu["clean"] = _cpu_per_1000(lambda: [clean_article(a) for a in articles], n)
    _, cpu["metadata"] = _cpu_per_1000(lambda: [extract_metadata(a) for a in articles], n)
    load_start = time.process_time()
    warm_up()
    model_load = round(time.process_time() - load_start, 2)
    bodies = [a.body[:ENTITY_TEXT_LIMIT] for a in articles]
    found, cpu["entities"] = _cpu_per_1000(lambda: list(extract_entities(bodies)), n)

    def quotes() -> None:
        for article, ents in zip(articles, found):
            article.entities = add_place(ents, article.dateline.place) if article.dateline else ents
            article.quotes = extract_quotes(article.body[:ENTITY_TEXT_LIMIT], article.entities)

    _, cpu["quotes"] = _cpu_per_1000(quotes, n)
    folder = IndexFolder(workdir / "index")
    folder.path.mkdir()
    folder.prepare()
    generation = folder.new_generation()
    ix = index.create_in(generation)
    _, cpu["whoosh_write"] = _cpu_per_1000(lambda: index.write_articles(ix, articles, [], optimize=True), n)
    _, bare_write = _cpu_per_1000(lambda: bare_whoosh_write(articles, workdir / "bare-whoosh"), n)
    present = {a.id for a in articles}
    _, cpu["copies"] = _cpu_per_1000(lambda: update_copies(ix, generation.path, None, present, None), n)
    cache = ExtractionCache(workdir / "cache.sqlite", "bench")
    cache.put(articles)
    cache.close()
    extraction = sum(cpu[k] for k in ("clean", "metadata", "entities", "quotes"))
    local = sum(cpu[k] for k in ("read", "site_evidence", "whoosh_write", "copies"))
    return {"docs": n, "corpus_bytes_per_doc": round(sum(f.stat().st_size for f in files) / n),
            "cpu_s_per_1000_docs": cpu, "model_load_cpu_s": model_load,
            "extraction_cpu_s_per_1000_docs": round(extraction, 2),
            "local_cpu_s_per_1000_docs": round(local, 2),
            "bare_whoosh_write_cpu_s_per_1000_docs": bare_write,
            "whoosh_write_over_bare": round(cpu["whoosh_write"] / bare_write, 2) if bare_write else None,
            "index_bytes_per_doc": round(dir_size(generation.path) / n),
            "cache_bytes_per_doc": round((workdir / "cache.sqlite").stat().st_size / n),
            "note": "CPU seconds of one process per 1,000 articles; extraction (clean, metadata, entities, quotes) "
                    "is what --dask sends to a cluster, the rest (read, site evidence, Whoosh write, copies) stays on "
                    "the machine that holds the index"}


def section(ctx: Context) -> dict:
    files = sample_files(ctx.bbc, QUICK_SAMPLE if ctx.quick else FULL_SAMPLE)
    with tempfile.TemporaryDirectory(dir=ctx.tmp) as work:
        return {"corpus": f"{ctx.bbc} (every k-th file, {len(files)} of them)", **stage_costs(files, Path(work))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", help="the shared folder (default: ../shared beside the repository root)")
    ap.add_argument("--quick", action="store_true", help=f"{QUICK_SAMPLE} articles instead of {FULL_SAMPLE}")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="searcher-stages-") as tmp:
        ctx = Context(shared=resolve_shared(args.shared), quick=args.quick, tmp=Path(tmp))
        print(json.dumps(section(ctx), indent=2))


if __name__ == "__main__":
    main()
