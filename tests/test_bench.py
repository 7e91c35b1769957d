"""Smoke test of the benchmark harness on a handful of files (never the benchmarks
themselves): the corpus generator, the query mix, FTS5 and in-process query timing, the
measured subprocess, the scorers' output parsers and the report."""

from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path

import pytest

from bench import cleaning, indexing, querying, relevance, report, scale
from bench.common import Context, REPO, percentiles, resolve_shared, run_measured, summary_fields

ARTICLES = {
    "economy/001.txt": ("Factory output climbs in spring",
                        ["Factory output rose for a third month as carmakers hired more workers in the north.",
                         "The central bank said it would keep interest rates on hold until the summer.",
                         "Economists at the Bank of England expect growth of two per cent this year."]),
    "economy/002.txt": ("Retail sales slip as shoppers wait",
                        ["Shoppers held back in March, and retail sales fell by half a per cent in London.",
                         "Clothing chains reported the weakest trading since the start of the decade.",
                         "Analysts said warm weather kept people away from the high street for weeks."]),
    "sport/001.txt": ("Rovers win the cup final at Hampden",
                      ["Rovers won the cup final with a late goal from their captain, Sam Ellis.",
                       "The manager praised a young defence that kept a clean sheet for the fifth game.",
                       "Supporters celebrated in Glasgow long into the night after the final whistle."]),
    "sport/002.txt": ("Injury rules striker out of the derby",
                      ["The striker will miss the derby with a hamstring injury picked up in training.",
                       "His club said the scan showed a tear that needs at least three weeks of rest.",
                       "The coach will pick between two young forwards for the match on Sunday."]),
}


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A tiny corpus laid out like the BBC one: section folders, headline on the first line."""
    root = tmp_path / "bbc"
    for name, (title, paragraphs) in ARTICLES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return root


def test_generated_corpus_recombines_real_paragraphs_with_a_sidecar(corpus, tmp_path):
    sources = scale.load_sources(corpus)
    assert {s.section for s in sources} == {"economy", "sport"}
    out = scale.generate(sources, 12, tmp_path / "gen", seed=3)
    files = sorted(out.rglob("*.txt"))
    assert len(files) == 12
    every_paragraph = {p for _, ps in ARTICLES.values() for p in ps}
    title_words = {w for t, _ in ARTICLES.values() for w in t.split()}
    sidecar = {}
    for folder in {f.parent for f in files}:
        with (folder / "sources.csv").open(encoding="utf-8") as fh:
            sidecar |= {(folder / row["file"]): row for row in csv.DictReader(fh)}
    for path in files:
        title, *paragraphs = [l for l in path.read_text(encoding="utf-8").splitlines() if l]
        assert title and set(title.split()) <= title_words
        assert 4 <= len(paragraphs) <= 12 and set(paragraphs) <= every_paragraph
        assert sidecar[path]["outlet"] in scale.OUTLETS and len(sidecar[path]["published"]) == 10
    again = scale.generate(sources, 12, tmp_path / "again", seed=3)
    assert [f.read_text() for f in sorted(again.rglob("*.txt"))] == [f.read_text() for f in files]


def test_generated_articles_are_indexed_as_extracted_from_their_sources(corpus, tmp_path):
    from searcher.indexing.build import index_articles
    from searcher.search.searching import search

    sources = scale.load_sources(corpus)
    entities = {"sport/001.txt": {"person": ["Sam Ellis", "Alex Ferguson"], "org": [], "place": ["Glasgow"]},
                "economy/001.txt": {"person": [], "org": ["Bank of England"], "place": []}}
    articles = list(scale.extracted_articles(sources, 12, tmp_path / "gen", entities, seed=3))
    assert len(articles) == 12 and len({a.path for a in articles}) == 12
    for a in articles:
        assert a.outlet in scale.OUTLETS and a.published is not None
        assert all(name in a.body for names in a.entities.values() for name in names)  # only what its text names
    assert not any("Alex Ferguson" in a.entities["person"] for a in articles)
    assert any("Sam Ellis" in a.entities["person"] for a in articles)
    index_articles(tmp_path / "index", articles)
    found = search(tmp_path / "index", "*", limit=1, facets=("outlet", "person"))
    assert found.total + found.copies == 12 and found.facets["person"]["Sam Ellis"] >= 1


def test_query_mix_runs_on_searcher_and_fts5_in_interleaved_rounds(seeds_index, tmp_path):
    rows = indexing.stored_rows(seeds_index)
    queries = querying.make_queries(rows, 24)
    con, _ = indexing.fts5_build(rows, tmp_path / "fts.db")
    timed = querying.interleaved(queries, {"searcher": querying.searcher_runner(seeds_index),
                                           "fts5": querying.fts5_runner(con)}, rounds=2, warm_up=2)
    for result in timed.values():
        assert result["rounds"] == 2
        assert result["all"]["n"] + sum(result["errors"].values()) == 2 * len(queries) - sum(result["errors"].values())
        assert result["by_kind"]["term"]["matched"] == result["by_kind"]["term"]["n"] // 2


def test_query_mix_runs_on_searcher_and_fts5(seeds_index, tmp_path):
    rows = indexing.stored_rows(seeds_index)
    queries = querying.make_queries(rows, 24)
    assert queries == querying.make_queries(rows, 24)  # seeded: the same mix every run
    assert {q.kind for q in queries} == set(querying.MIX) and len(queries) >= 22
    ours = querying.searcher_latency(seeds_index, queries)
    con, built = indexing.fts5_build(rows, tmp_path / "fts.db")
    assert built["index_bytes"] > 0
    theirs = querying.fts5_latency(con, queries)
    for result in (ours, theirs):
        assert result["all"]["n"] + sum(result["errors"].values()) == len(queries)
        assert result["by_kind"]["term"]["matched"] == result["by_kind"]["term"]["n"]  # words taken from the articles


def test_measured_subprocess_reports_time_memory_and_output():
    run = run_measured([sys.executable, "-c", "import sys; b = bytearray(60 * 2**20); print('ok'); sys.exit(3)"])
    assert (run.returncode, run.stdout.strip()) == (3, "ok")
    assert run.maxrss_mb >= 60 and run.seconds > 0


def test_index_command_is_measured_on_a_copy_of_the_seeds_index(seeds_index, tmp_path):
    import shutil

    built = indexing.Built(REPO / "seeds", tmp_path / "index", tmp_path)
    shutil.copytree(seeds_index, built.index)
    noop = indexing.measured_index(built)
    assert noop["unchanged"] == 5 and noop["added"] == 0 and noop["peak_rss_mb"] > 0


def test_one_file_is_changed(corpus):
    before = {p: p.read_text() for p in corpus.rglob("*.txt")}
    changed = indexing.change_one_file(corpus)
    assert [p for p in before if p.read_text() != before[p]] == [changed]


def test_parsers_of_scorer_output():
    assert summary_fields("SUMMARY keep=1.000 leak=0.250 forbidden=0") == {"keep": 1.0, "leak": 0.25, "forbidden": 0}
    out = "whoosh BM25F, OR: nDCG@10 0.2940  P@10 0.2500  MAP 0.1800\nsearcher: nDCG@10 0.4100  P@10 0.3  MAP 0.2  (76 queries, 9 s)\n"
    assert relevance.parse(out) == {"whoosh BM25F, OR": {"ndcg10": 0.294, "p10": 0.25, "map": 0.18},
                                    "searcher": {"ndcg10": 0.41, "p10": 0.3, "map": 0.2}}
    assert indexing.summary_counts("searcher: indexed a into b: 3 added, 0 updated, 1 removed, 2 skipped, 0 unchanged") \
        == {"added": 3, "updated": 0, "removed": 1, "skipped": 2, "unchanged": 0}
    assert percentiles([0.001 * i for i in range(1, 101)]) == {"n": 100, "p50_ms": 50.5, "p95_ms": 95.0, "max_ms": 100.0}


def test_cleaning_scores_two_pages_with_the_shared_scorer(tmp_path):
    try:
        shared = resolve_shared(None)
    except SystemExit:
        pytest.skip("the shared eval folder is not beside this checkout")
    dev = tmp_path / "dev"
    (dev / "html").mkdir(parents=True)
    story = ("The council approved a new cycle lane on the main road after a long public consultation. "
             "Work starts in May and should take six weeks, the council's transport officer said.")
    page = f"<html><body><nav>Home | News | Sport</nav><article><h1>Cycle lane approved</h1><p>{story}</p></article></body></html>"
    for key in ("a", "b"):
        (dev / "html" / f"{key}.html.gz").write_bytes(gzip.compress(page.encode()))
    (dev / "ground-truth.json").write_text(json.dumps({k: {"articleBody": story} for k in "ab"}))
    ctx = Context(shared=shared, quick=True, tmp=tmp_path)
    result = cleaning.article_bench(ctx, dev)
    assert result["pages"] == 2
    assert result["html"]["searcher"]["f1"] > 0.9 and result["text"]["keep everything"]["recall"] == 1.0


def test_report_renders_a_partial_run_with_na():
    doc = {"harness": {"mode": "quick"}, "machine": {"nproc": 2}, "cleaning": {"error": "boom"},
           "query": {"cold_command": {"searcher_query": {"median_s": 0.4}}}}
    doc["bars"] = report.bars(doc)
    cold = next(b for b in doc["bars"] if b["what"].startswith("cold"))
    assert cold["ok"] is True and all(b["ok"] == "n/a" for b in doc["bars"] if b is not cold)
    text = report.markdown(doc)
    assert "Not measured: `boom`" in text and "| 6 | cold `searcher query` s | 0.400 | <= 0.5 | yes |" in text
    assert "## Entities\n\nNot run: not part of this run." in text
    later = report.later_run(doc)
    assert later.startswith("## Later run: cleaning, query") and "| 6 | cold `searcher query` s |" in later


@pytest.mark.parametrize("load, said", [([1.4, 1.2, 1.0], "wall times may be pessimistic"),
                                        ([0.1, 0.3, 0.6], "otherwise quiet")])
def test_report_says_how_busy_the_machine_was(load, said):
    doc = {"harness": {"mode": "full"}, "machine": {"nproc": 2, "loadavg_at_start": load, "loadavg_at_end": [2.0, 1.9, 1.5]}}
    doc["bars"] = report.bars(doc)
    machine_line = next(l for l in report.markdown(doc).splitlines() if l.startswith("**Machine:**"))
    assert said in machine_line and f"at start {load}" in machine_line and "at the end [2.0, 1.9, 1.5]" in machine_line


def test_report_gives_the_cpu_yardstick_of_the_run():
    from bench.common import machine

    start = machine()["yardstick_cpu_s_at_start"]
    assert 0 < start < 60
    doc = {"harness": {"mode": "full"}, "machine": {"nproc": 2, "yardstick_cpu_s_at_start": start,
                                                     "yardstick_cpu_s_at_end": 0.5}}
    doc["bars"] = report.bars(doc)
    assert f"{start} CPU s at the start, 0.5 at the end" in report.markdown(doc)


def test_quotes_section_measures_rules_parser_indexing_and_the_speaker_facet(seeds_index, tmp_path):
    from bench import quotes

    articles = quotes.extracted(sorted((REPO / "seeds").glob("*.txt"))[:3])
    costs = quotes.extraction_costs(articles)
    assert costs["docs"] == 3 and costs["quotes_named"] > 10
    assert costs["parser"]["quoted_paragraphs"]["paragraphs"] < costs["parser"]["all_paragraphs"]["paragraphs"]
    ctx = Context(shared=tmp_path / "no-shared", quick=True, tmp=tmp_path)  # indexing_cost reads no shared data
    indexing_cost = quotes.indexing_cost(ctx, articles)
    costs["extraction_cpu_s_per_1000_docs"] = 1000.0  # what extracted() took, timed by section()
    share = quotes.build_share(costs, indexing_cost)
    assert 0 <= share["share"] < share["parser_alternative_share"]
    timed = quotes.query_costs(seeds_index, ["drones", "Caspian"], ["John Kirby", "Kremlin"])
    assert timed["speaker_facet_warm"]["n"] == 2 and timed["quotes_by_speaker"]["speakers"] == 2
    doc = {"harness": {"mode": "quick"}, "machine": {"nproc": 2},
           "quotes": {"extraction": costs, "indexing": indexing_cost, "build_share": share, "query": timed}}
    doc["bars"] = report.bars(doc)
    text = report.markdown(doc)
    assert "## Quotations" in text and "speaker facet alone" in text
    assert any(b["issue"] == 17 and b["ok"] in (True, False) for b in doc["bars"])


def test_stage_costs_time_every_stage_and_the_report_shows_them(corpus, tmp_path):
    from bench import stages

    costs = stages.stage_costs(sorted(corpus.rglob("*.txt")), tmp_path)
    assert costs["docs"] == 4 and set(costs["cpu_s_per_1000_docs"]) == {key for _, key in report.STAGES}
    assert costs["cpu_s_per_1000_docs"]["entities"] > 0 and costs["index_bytes_per_doc"] > 0
    doc = {"harness": {"mode": "quick"}, "machine": {"nproc": 2}, "stages": costs,
           "indexing": {"dask": {"files": 4, "order": "A B B A", "j2_seconds": [10.0, 12.0],
                                 "dask_local_2_seconds": [11.0, 11.4], "dask_over_j2": 1.018,
                                 "j2_cpu_seconds": [18.0, 18.2], "dask_local_2_cpu_seconds": [19.0, 19.4],
                                 "dask_local_2_loadavg": [[3.25, 2, 1], [4.0, 2, 1]], "dask_over_j2_cpu": 1.061}}}
    doc["bars"] = report.bars(doc)
    text = report.markdown(doc)
    assert "## Cost per article, stage by stage" in text and "| entities (spaCy) |" in text
    assert "| `--dask local:2` | 11.0, 11.4 | 11.2 | 19.0, 19.4 | 19.2 | 3.2, 4.0 |" in text
    assert "**x1.018** wall, **x1.061** CPU" in text
    assert next(b for b in doc["bars"] if b["issue"] == 20)["ok"] is True
    assert costs["bare_whoosh_write_cpu_s_per_1000_docs"] > 0 and costs["whoosh_write_over_bare"] > 0
    assert f"searcher's write / that: x{costs['whoosh_write_over_bare']}." in text
    assert any(b["issue"] == 19 and "same documents" in b["what"] and b["ok"] in (True, False) for b in doc["bars"])
