"""The issues' bars read from a results document, and the Markdown page of tables
(docs/benchmarks.md) rendered from it.

    python bench/report.py [FULL.json [LATER.json...]] > docs/benchmarks.md
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

NA = "n/a"


def dig(doc: dict, *keys, default=NA):
    for key in keys:
        if not isinstance(doc, dict) or key not in doc:
            return default
        doc = doc[key]
    return doc


def _bar(issue: int, what: str, value, target: str, ok) -> dict:
    return {"issue": issue, "what": what, "value": value, "target": target,
            "ok": NA if value == NA or ok is None else bool(ok)}


def _num(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _at_most(limit):
    return lambda v: v <= limit if _num(v) else None


def _at_least(limit):
    return lambda v: v >= limit if _num(v) else None


def _each(seconds) -> str:
    return ", ".join(f"{s:.1f}" for s in seconds or [])


def _mean(seconds):
    return round(statistics.mean(seconds), 1) if seconds else NA


def bars(doc: dict) -> list[dict]:
    """Every bar of issues 3-6, 8, 16 and 20 that this run measured, with its value and verdict."""
    out = []

    def add(issue, what, value, target, test):
        out.append(_bar(issue, what, value, target, test(value)))

    seeds = dig(doc, "cleaning", "seeds", default={})
    bench = dig(doc, "cleaning", "article_bench", default={})
    script = dig(doc, "cleaning", "scorer_script", default={})
    html_f1 = dig(script, "html", "f1") if dig(script, "html", "f1") != NA else dig(bench, "html", "searcher", "f1")
    text_f1 = dig(script, "text", "f1") if dig(script, "text", "f1") != NA else dig(bench, "text", "searcher", "f1")
    add(3, "seeds keep", seeds.get("keep", NA), "= 1.000", _at_least(1.0))
    add(3, "seeds leak", seeds.get("leak", NA), "= 0.000", _at_most(0.0))
    add(3, "dev HTML F1", html_f1, ">= 0.975", _at_least(0.975))
    add(3, "dev plain-text F1", text_f1, ">= 0.88", _at_least(0.88))
    # "On one core": pages per CPU second, which waiting for a core on a shared machine does not lower.
    for mode, label in (("html", "HTML"), ("text", "plain text")):
        add(3, f"cleaning pages per CPU second ({label})", dig(bench, mode, "searcher", "pages_per_cpu_s"), ">= 50",
            _at_least(50))
    ents = dig(doc, "entities", "seeds", default={})
    add(4, "seeds fields", ents.get("fields", NA), "= 1.000", _at_least(1.0))
    add(4, "seeds entity recall", ents.get("ent_recall", NA), ">= 0.95", _at_least(0.95))
    add(4, "seeds entity precision", ents.get("ent_precision", NA), ">= 0.90", _at_least(0.90))
    add(4, "seeds boilerplate entities", ents.get("forbidden", NA), "= 0", _at_most(0))
    command = dig(doc, "indexing", "command", default={})
    sample = " (sample, not the bar)" if dig(doc, "harness", "mode") == "quick" else ""
    peak = dig(command, "full_build", "peak_tree_rss_mb")
    peak = peak if _num(peak) else dig(command, "full_build", "peak_rss_mb")
    add(5, "BBC full build s" + sample, dig(command, "full_build", "seconds"), "<= 90", _at_most(90))
    add(5, "BBC full build peak MB" + sample, peak, "<= 1536", _at_most(1536))
    add(5, "no-op update s" + sample, dig(command, "noop_update", "seconds_median"), "<= 1", _at_most(1))
    add(5, "one changed file s" + sample, dig(command, "one_changed_file", "seconds"), "<= 5", _at_most(5))
    kinds = dig(doc, "query", "searcher_in_process", "by_kind", default={})
    for kind in ("term", "phrase", "faceted"):
        add(6, f"{kind} query p95 ms, in process" + sample, dig(kinds, kind, "p95_ms"), "<= 30", _at_most(30))
    add(6, "cold `searcher query` s", dig(doc, "query", "cold_command", "searcher_query", "median_s"), "<= 0.5",
        _at_most(0.5))
    add(17, "quotations' share of the BBC build" + sample, dig(doc, "quotes", "build_share", "share"), "<= 0.15",
        _at_most(0.15))
    add(17, "speaker facet p95 ms (warm)" + sample, dig(doc, "quotes", "query", "speaker_facet_warm", "p95_ms"),
        "<= 2", _at_most(2))
    add(18, "search page p95 ms, in process" + sample, dig(doc, "web", "page", "p95_ms"), "<= 50", _at_most(50))
    systems = dig(doc, "relevance", "systems", default={})
    ours, fts = systems.get("searcher", {}), next((v for k, v in systems.items() if "FTS5" in k), {})
    add(8, "CISI nDCG@10", ours.get("ndcg10", NA), ">= 0.40", _at_least(0.40))
    for key, label in (("p10", "P@10"), ("map", "MAP")):
        base = fts.get(key)
        add(8, f"CISI {label}", ours.get(key, NA), f">= FTS5's {base}" if base is not None else ">= FTS5's",
            _at_least(base) if base is not None else (lambda v: None))
    add(20, "BBC build, `--dask local:2` / `-j 2`" + sample, dig(doc, "indexing", "dask", "dask_over_j2"), "<= 1.15",
        _at_most(1.15))
    add(16, "copies: share of the BBC build" + sample, dig(doc, "indexing", "copies", "from_nothing", "share_of_full_build"),
        "<= 0.10", _at_most(0.10))
    add(16, "copies: cost per query p95 ms" + sample, dig(doc, "query", "copies", "cost_per_query", "p95_ms"), "<= 2",
        _at_most(2))
    q = doc.get("query", {})
    ratios = dig(q, "ratio_searcher_over_fts5", default={})
    add(19, "BBC query p95, searcher / FTS5 (interleaved)" + sample, ratios.get("p95", NA), "<= 1", _at_most(1))
    add(19, "BBC faceted (outlet+person) p95, searcher / FTS5" + sample, dig(ratios, "by_kind_p95", "faceted"), "<= 2",
        _at_most(2))
    add(19, "cold `searcher query` / `python -c pass`" + sample, dig(q, "cold_command", "ratio_query_over_startup"),
        "<= 4", _at_most(4))
    add(19, "BBC full build s" + sample, dig(command, "full_build", "seconds"), "<= 55", _at_most(55))
    add(19, "no-op update s" + sample, dig(command, "noop_update", "seconds_median"), "<= 0.3", _at_most(0.3))
    add(19, "Whoosh write / bare Whoosh, same documents and schema" + sample,
        dig(doc, "stages", "whoosh_write_over_bare"), "<= 1.2", _at_most(1.2))
    for row in dig(doc, "scale", "table", default=[]):
        if "skipped" in row:
            continue
        n = row["articles"]
        if n == 10_000:
            add(19, "10k query p95, searcher / FTS5", _ratio(row.get("query_p95_ms"), row.get("fts5_p95_ms")), "<= 1",
                _at_most(1))
            add(19, "10k query process peak MB", row.get("query_process_peak_mb", NA), "< 80", _at_most(79.99))
        if n == 50_000:
            add(19, "50k query p95 ms", row.get("query_p95_ms", NA), "<= 40", _at_most(40))
    return out


def _ratio(a, b):
    return round(a / b, 2) if _num(a) and _num(b) and b else NA


def table(header: list[str], rows: list[list]) -> str:
    def cell(v):
        if v is None:
            return ""
        if isinstance(v, float):
            return f"{v:.3f}" if abs(v) < 10 else f"{v:,.1f}"
        if isinstance(v, int) and not isinstance(v, bool):
            return f"{v:,}"
        return str(v)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def mb(value):
    return round(value / 2**20, 1) if _num(value) else value


def markdown(doc: dict) -> str:
    h, m = doc.get("harness", {}), doc.get("machine", {})
    parts = [
        "# Benchmarks",
        "",
        "Produced by `python bench/run.py` (full run; `--quick` runs small samples in a few minutes) and "
        "rendered from its JSON by `bench/report.py`. Each run writes `bench/results/<time>-<mode>.json` and "
        "`bench/results/latest.json`; these tables are from "
        f"the {h.get('mode', '?')} run started {h.get('started', '?')} at commit `{h.get('commit', '?')}` "
        f"({h.get('seconds', '?')} s in all).",
        "",
        f"**Machine:** {m.get('nproc')} CPUs ({m.get('cpu')}), {m.get('memory')} memory, Python {m.get('python')}, "
        f"load average (1, 5, 15 min) at start {m.get('loadavg_at_start')}"
        + (f" and at the end {m['loadavg_at_end']}" if "loadavg_at_end" in m else "")
        + f"; the run itself keeps up to {m.get('nproc')} cores busy while it builds. " + _quiet_or_not(m),
        "",
        _yardstick(m),
        "",
        "- *Wall* seconds include waiting for a core; *CPU* seconds (the harness's process and the workers it "
        "waited for) show the work itself. Commands (`searcher index`, `searcher query`) run in subprocesses "
        "with a fresh cache folder, timed by a small launcher.",
        "- Peak memory: the largest single process (`ru_maxrss`), and the whole process tree (worker processes "
        "included) sampled from /proc every 0.1 s.",
        "- Index sizes are the whole index folder; the extraction cache's share, if the index keeps one, is in brackets.",
        "- Bars marked *sample, not the bar* come from a quick run's small sample; only a full run measures them.",
        "",
    ]
    parts += ["## The bars", "", _bars_table(doc.get("bars", [])), ""]
    absent = {"skipped": "not part of this run"}
    parts += _cleaning(doc.get("cleaning", absent)) + _entities(doc.get("entities", absent))
    parts += _stages(doc.get("stages", absent))
    parts += _indexing(doc.get("indexing", absent)) + _query(doc.get("query", absent)) + _web(doc.get("web", absent))
    parts += _quotes(doc.get("quotes", absent))
    parts += _relevance(doc.get("relevance", absent)) + _scale(doc.get("scale"))
    if not h.get("complete", True):
        parts += ["**This run did not finish: the sections above are those it completed.**", ""]
    return "\n".join(parts)


def _bars_table(rows: list[dict]) -> str:
    return table(["issue", "what", "measured", "target", "met"],
                 [[b["issue"], b["what"], b["value"], b["target"], {True: "yes", False: "**no**"}.get(b["ok"], NA)]
                  for b in rows])


def _yardstick(m: dict) -> str:
    start, end = m.get("yardstick_cpu_s_at_start"), m.get("yardstick_cpu_s_at_end")
    if start is None:
        return "(No CPU yardstick in this run.)"
    return (f"**CPU yardstick** (a fixed pure-Python loop, best of 3; bench/common.py `cpu_yardstick`): {start} CPU s "
            "at the start" + (f", {end} at the end" if end is not None else "") + ". The cores of a shared host run "
            "faster in some hours than others: compare CPU figures across runs in proportion to it; ratios to a peer "
            "measured in the same run need no such care.")


def _quiet_or_not(m: dict) -> str:
    """What the load at the start says of the timings: other work then may have shared the cores."""
    load = m.get("loadavg_at_start")
    if isinstance(load, list) and load[0] >= 0.5:
        return ("**Other work had been running in the minute before it started, so wall times may be "
                "pessimistic**; CPU seconds show the work itself.")
    return "The machine was otherwise quiet when it started."


def later_run(doc: dict) -> str:
    """A later run of some sections (e.g. after more work merged), shown after the full run:
    the bars it measured and its entities, indexing, query and scale tables."""
    h = doc.get("harness", {})
    parts = [f"## Later run: {', '.join(k for k in ('cleaning', 'entities', 'stages', 'indexing', 'query', 'quotes', 'web', 'relevance', 'scale') if k in doc)}",
             "", f"Started {h.get('started')} at commit `{h.get('commit')}` ({h.get('seconds')} s), same machine "
             f"(load average at start {dig(doc, 'machine', 'loadavg_at_start')}); its numbers supersede the ones above "
             "for these sections.", "", _bars_table([b for b in doc.get("bars", []) if b["value"] != NA]), ""]
    for key, render in (("entities", _entities), ("stages", _stages), ("indexing", _indexing), ("query", _query), ("quotes", _quotes), ("web", _web),
                        ("scale", _scale)):
        if key in doc:
            parts += ["#" + line if line.startswith("## ") else line for line in render(doc[key])]
    return "\n".join(parts)


def _error(section: dict) -> list[str]:
    if "error" in section:
        return [f"Not measured: `{section['error']}`", ""]
    return [f"Not run: {section['skipped']}.", ""] if "skipped" in section else []


def _cleaning(c: dict) -> list[str]:
    out = ["## Cleaning", ""] + _error(c)
    bench = c.get("article_bench", {})
    if "html" in bench:
        out += [f"Article-extraction benchmark, development half ({bench.get('pages')} real pages), scored with "
                "`score_article_bench.py`'s own functions (4-token shingles, per-page precision and recall). "
                "All tools run in the harness's process on one core; searcher's time is its read + clean + "
                f"metadata pipeline without entities. Versions: "
                + ", ".join(f"{k} {v}" for k, v in bench.get("versions", {}).items()) + ".", ""]
        for mode in ("html", "text"):
            rows = [[tool, r.get("f1", NA), r.get("precision", NA), r.get("recall", NA), r.get("pages_per_s", ""),
                     r.get("pages_per_cpu_s", "")]
                    if "error" not in r else [tool, r["error"], "", "", "", ""] for tool, r in bench[mode].items()]
            out += [f"**{'HTML pages' if mode == 'html' else 'The same pages as plain text'}**", "",
                    table(["tool", "F1", "precision", "recall", "pages/s (wall)", "pages/s (CPU)"], rows), ""]
    for mode, r in c.get("scorer_script", {}).items():
        out += [f"`{r.get('command', mode)}` (through `searcher extract --json`, entities included):", "", "```"]
        out += r.get("output", [r.get("error", "")]) + ["```", ""]
    seeds = c.get("seeds", {})
    if seeds:
        out += [f"Seeds (`score_seeds.py`): `{seeds.get('summary', seeds.get('error', NA))}`", ""]
    return out


def _entities(e: dict) -> list[str]:
    out = ["## Entities", ""] + _error(e)
    seeds, speed = e.get("seeds", {}), e.get("speed_bbc", {})
    if seeds:
        out += [table(["fields", "entity recall", "entity precision", "boilerplate entities"],
                      [[seeds.get("fields"), seeds.get("ent_recall"), seeds.get("ent_precision"), seeds.get("forbidden")]]), ""]
    if speed:
        out += [f"Extraction speed on {speed.get('docs')} cleaned BBC articles through `searcher.extract.entities.extract_entities`: "
                f"**{speed.get('docs_per_s')} docs/s** by the wall clock, {speed.get('docs_per_cpu_s')} per CPU second "
                f"({speed.get('words_per_s')} words/s, "
                f"{speed.get('entities_per_doc')} entities per article); loading the model took {speed.get('model_load_s')} s.", ""]
    return out


STAGES = (("read the file", "read"), ("site evidence", "site_evidence"), ("clean", "clean"), ("metadata", "metadata"),
          ("entities (spaCy)", "entities"), ("quotes", "quotes"), ("Whoosh write", "whoosh_write"), ("copies", "copies"))


def _stages(st: dict) -> list[str]:
    out = ["## Cost per article, stage by stage", ""] + _error(st)
    cpu = st.get("cpu_s_per_1000_docs")
    if not cpu:
        return out
    total = sum(cpu.values())
    out += [f"{st.get('corpus')}, {st.get('corpus_bytes_per_doc')} bytes each: every stage over the same articles in "
            "one process, CPU seconds (model load apart: "
            f"{st.get('model_load_cpu_s')} s). Projections from these are in docs/scaling.md.", "",
            table(["stage", "CPU s per 1,000 articles", "share"],
                  [[label, cpu.get(key), f"{cpu.get(key, 0) / total:.1%}" if total else NA] for label, key in STAGES]
                  + [["**all**", round(total, 2), ""]]), "",
            f"Index {st.get('index_bytes_per_doc')} bytes per article, extraction cache {st.get('cache_bytes_per_doc')}.", "",
            "The same documents in the same schema written by Whoosh's own writer at its default settings, with "
            f"nothing of searcher's around it: {st.get('bare_whoosh_write_cpu_s_per_1000_docs', NA)} CPU s per 1,000 "
            f"articles; searcher's write / that: x{st.get('whoosh_write_over_bare', NA)}.", ""]
    return out


def _indexing(i: dict) -> list[str]:
    out = ["## Indexing", ""] + _error(i)
    c = i.get("command", {})
    if c:
        full, noop, one, rb = c.get("full_build", {}), c.get("noop_update", {}), c.get("one_changed_file", {}), c.get("rebuild_after_build", {"skipped": "full run only"})
        out += [f"`searcher index` on a copy of {i.get('corpus')}, {c.get('corpus_files')} files, in a subprocess; "
                "peak memory is the largest single process (ru_maxrss) and the whole process tree sampled every 0.1 s.", "",
                table(["step", "wall s", "CPU s", "docs/s", "peak MB (process)", "peak MB (tree)", "index MB (of it cache)",
                       "summary"], [
                    ["full build", full.get("seconds"), full.get("cpu_seconds"), full.get("docs_per_s"), full.get("peak_rss_mb"),
                     full.get("peak_tree_rss_mb"), f"{mb(full.get('index_bytes'))} ({mb(full.get('cache_bytes', 0))})",
                     _counts(full)],
                    ["no-op update (median of 3)", noop.get("seconds_median"), noop.get("cpu_seconds"), "",
                     noop.get("peak_rss_mb"), noop.get("peak_tree_rss_mb"), "", _counts(noop)],
                    ["one changed file", one.get("seconds"), one.get("cpu_seconds"), "", one.get("peak_rss_mb"),
                     one.get("peak_tree_rss_mb"), "", _counts(one)],
                    ["`--rebuild` after the build", rb.get("seconds"), rb.get("cpu_seconds"), "", rb.get("peak_rss_mb"),
                     rb.get("peak_tree_rss_mb"), "", _counts(rb)]]), "",
                "`searcher stats --json` after the updates: " + _stats(c.get("stats", NA)), ""]
    d = i.get("dask", {})
    if d.get("skipped"):
        out += [f"Extraction on Dask: not run ({d['skipped']}).", ""]
    elif "dask_over_j2" in d:
        out += [f"Extraction spread over 2 processes, by searcher (`-j 2`) and by a Dask LocalCluster "
                f"(`--dask local:2`): full builds of the same {d.get('files')} files into fresh indexes, in the order "
                f"{d.get('order')}.", "",
                table(["extraction", "wall s, each run", "mean", "CPU s, each run", "mean", "load before each run"], [
                    [label, _each(d.get(f"{key}_seconds")), _mean(d.get(f"{key}_seconds")),
                     _each(d.get(f"{key}_cpu_seconds")), _mean(d.get(f"{key}_cpu_seconds")),
                     ", ".join(f"{load[0]:.1f}" for load in d.get(f"{key}_loadavg", []) if isinstance(load, list))]
                    for label, key in (("`-j 2`", "j2"), ("`--dask local:2`", "dask_local_2"))]), "",
                f"Dask / `-j 2`: **x{d['dask_over_j2']}** wall, **x{d.get('dask_over_j2_cpu', NA)}** CPU.", ""]
    w = i.get("where_the_time_goes", {})
    if w:
        out += [f"Where the time goes, on the same {w.get('docs')} files in one process: "
                "the pipeline's stages, then the same cleaned titles and bodies in a bare Whoosh schema and in SQLite FTS5.", "",
                table(["step", "wall s", "CPU s", "docs/s (wall)", "docs/s (CPU)", "index MB"], [
                    [label, dig(w, key, "seconds"), dig(w, key, "cpu_seconds"), dig(w, key, "docs_per_s"),
                     dig(w, key, "docs_per_cpu_s"), mb(dig(w, key, "index_bytes", default=""))]
                    for label, key in (("read + clean + metadata", "read_clean_metadata"), ("entities (spaCy; estimated at the entities section's one-process rate)", "entities"),
                                       ("bare Whoosh index of the bodies", "bare_whoosh_index"),
                                       ("SQLite FTS5 index of the bodies", "sqlite_fts5_index"))]), ""]
    return out


def _stats(stats) -> str:
    if not isinstance(stats, dict):
        return str(stats)
    keys = ("documents", "skipped", "outlets", "size_bytes", "published_from", "published_to")
    return ", ".join(f"`{k}` {json.dumps(stats[k])}" for k in keys if k in stats) + "."


def _counts(r: dict) -> str:
    if isinstance(r.get("skipped"), str):
        return f"not run: {r['skipped']}"
    return ", ".join(f"{r[k]} {k}" for k in ("added", "updated", "removed", "skipped", "unchanged") if k in r)


def _query(q: dict) -> list[str]:
    out = ["## Queries", ""] + _error(q)
    if "searcher_in_process" not in q:
        return out
    ours, fts = q["searcher_in_process"], q["sqlite_fts5"]
    out += [f"{q.get('queries')} queries derived from the indexed BBC articles (seed {q.get('seed')}; mix {q.get('mix')}; "
            f"e.g. {', '.join(f'`{v}`' for v in q.get('examples', {}).values())}). searcher: `searcher.search.searching.search` in "
            "process, 10 hits with highlighted passages, the index opened per query as the command does. FTS5: the same "
            "queries as MATCH expressions (two words as OR, as searcher groups them), count + top 10 by `bm25()` with a "
            "`snippet()` each, facet counts in Python for faceted queries.", ""]
    rows = []
    for kind in sorted(set(ours.get("by_kind", {})) | set(fts.get("by_kind", {}))):
        a, b = dig(ours, "by_kind", kind, default={}), dig(fts, "by_kind", kind, default={})
        rows.append([kind, a.get("n", NA), a.get("matched", NA), a.get("p50_ms", NA), a.get("p95_ms", NA), a.get("max_ms", NA),
                     b.get("matched", NA), b.get("p50_ms", NA), b.get("p95_ms", NA), b.get("max_ms", NA)])
    a, b = ours["all"], fts["all"]
    rows.append(["**all**", a["n"], "", a["p50_ms"], a["p95_ms"], a["max_ms"], "", b["p50_ms"], b["p95_ms"], b["max_ms"]])
    out += [table(["kind", "queries", "searcher matched", "searcher p50 ms", "p95 ms", "max ms",
                   "FTS5 matched", "FTS5 p50 ms", "p95 ms", "max ms"], rows), "",
            f"searcher / FTS5 over {q.get('rounds', 1)} interleaved rounds: p50 x{dig(q, 'ratio_searcher_over_fts5', 'p50')}, "
            f"p95 x{dig(q, 'ratio_searcher_over_fts5', 'p95')}; p95 by kind: "
            + ", ".join(f"{k} x{v}" for k, v in dig(q, 'ratio_searcher_over_fts5', 'by_kind_p95', default={}).items()) + "."]
    for note in ours.get("notes", []):
        out.append(f"Note: {note}.")
    for name, result in (("searcher", ours), ("FTS5", fts)):
        for key, n in result.get("errors", {}).items():
            example = result.get("first_errors", {}).get(key, "")
            out.append(f"**{name} failed on {n} queries ({key})**, e.g. `{example}`; they are left out of its times.")
    cold = q.get("cold_command", {})
    out += ["", table(["whole command, cold process (run in turn)", "median s", "max s", "runs", "peak MB"], [
        [f"`searcher query {cold.get('query')} --json`", dig(cold, "searcher_query", "median_s"),
         dig(cold, "searcher_query", "max_s"), dig(cold, "searcher_query", "runs"), dig(cold, "searcher_query", "peak_rss_mb")],
        ["`python -c \"import whoosh\"`", dig(cold, "python_import_whoosh", "median_s"),
         dig(cold, "python_import_whoosh", "max_s"), dig(cold, "python_import_whoosh", "runs"),
         dig(cold, "python_import_whoosh", "peak_rss_mb")],
        ["`python -c pass`", dig(cold, "python_startup", "median_s"), dig(cold, "python_startup", "max_s"),
         dig(cold, "python_startup", "runs"), dig(cold, "python_startup", "peak_rss_mb")]]), "",
        f"`searcher query` / `python -c pass`: x{cold.get('ratio_query_over_startup', NA)}.", ""]
    return out


def _quotes(q: dict) -> list[str]:
    out = ["## Quotations", ""] + _error(q)
    if "extraction" not in q:
        return out
    e, i, s = q["extraction"], q["indexing"], q.get("build_share", {})
    out += [f"{e['docs']} BBC articles ({e['quotes']} quotations, {e['quotes_named']} with a named speaker): CPU "
            "seconds per 1,000 articles of the quote rules searcher runs, of the spaCy NER a build runs already, "
            "and of spaCy's parser (tok2vec + parser, the pipeline a parser-based attribution needs; loading it "
            f"took {e['parser_load_s']} s) over the paragraphs holding a quotation mark and over all of them.", "",
            table(["step", "CPU s / 1,000 articles", "over NER"], [
                ["quote rules (searcher)", e["rules_cpu_s_per_1000_docs"], e["rules_over_ner"]],
                ["spaCy NER (already in the build)", e["ner_cpu_s_per_1000_docs"], 1],
                *[[f"spaCy parser, {k.replace('_', ' ')} ({v['paragraphs']})", v["cpu_s_per_1000_docs"], v["over_ner"]]
                  for k, v in e["parser"].items()]]), "",
            f"Indexing the same articles with their quotations (quote, speaker and stored quotes fields) took "
            f"{i['with_quotes_s']} s against {i['without_s']} s without (medians of 3): "
            f"{i['extra_s_per_1000_docs']} s per 1,000 articles.", ""]
    if "share" in s:
        out += [f"CPU seconds per 1,000 articles of a build without quotations (extraction and indexing): "
                f"{s['build_cpu_s_per_1000_docs_without']}; the rules add {s['rules_s']} and indexing "
                f"{s['indexing_s']}: **{s['share']:.1%}**. With the parser instead of the rules: "
                f"{s['parser_alternative_share']:.1%}.", ""]
    if "query" in q:
        r = q["query"]
        out += [table(["query, in process", "p50 ms", "p95 ms", "max ms"], [
            [f"speaker facet alone over each of {r['queries']} queries' matches, cold column",
             *(dig(r, "speaker_facet_cold", k) for k in ("p50_ms", "p95_ms", "max_ms"))],
            ["the same, warm (as a server has it)", *(dig(r, "speaker_facet_warm", k) for k in ("p50_ms", "p95_ms", "max_ms"))],
            ["whole query, outlet facet", *(dig(r, "without_speaker_facet", k) for k in ("p50_ms", "p95_ms", "max_ms"))],
            ["whole query, outlet and speaker facets", *(dig(r, "with_speaker_facet", k) for k in ("p50_ms", "p95_ms", "max_ms"))],
            [f"`search_quotes` by speaker ({dig(r, 'quotes_by_speaker', 'speakers')} speakers)",
             *(dig(r, "quotes_by_speaker", k) for k in ("p50_ms", "p95_ms", "max_ms"))]]), ""]
    return out


def _web(w: dict) -> list[str]:
    out = ["## The search page (`searcher serve`)", ""] + _error(w)
    if "page" not in w:
        return out
    rows = [[f"`/search?q=...` ({kind})", v["n"], v["p50_ms"], v["p95_ms"], v["max_ms"]]
            for kind, v in w["page"].get("by_kind", {}).items()]
    rows += [["**`/search?q=...`, all**", w["page"]["n"], w["page"]["p50_ms"], w["page"]["p95_ms"], w["page"]["max_ms"]],
             ["`searcher.search.searching` alone, same queries and options", w["search_alone"]["n"], w["search_alone"]["p50_ms"],
              w["search_alone"]["p95_ms"], w["search_alone"]["max_ms"]],
             ["`/`: every article, every facet", w["whole_collection_page"]["n"], w["whole_collection_page"]["p50_ms"],
              w["whole_collection_page"]["p95_ms"], w["whole_collection_page"]["max_ms"]]]
    out += [f"{w.get('queries')} queries of the query section's mix, each page rendered in process through the "
            "whole app (no socket), from request to last byte.", "",
            table(["request", "runs", "p50 ms", "p95 ms", "max ms"], rows), "",
            f"page / search alone at p95: x{w.get('page_over_search_p95', NA)}."]
    return out + [f"Note: {note}." for note in w.get("notes", [])] + [""]


def _relevance(r: dict) -> list[str]:
    out = ["## Ranking quality", ""] + _error(r)
    if r.get("systems"):
        out += [f"`{r.get('command')}` on {r.get('collection')}: plain-word queries through `searcher query`, "
                "beside the scorer's own baselines on the same files.", "",
                table(["system", "nDCG@10", "P@10", "MAP"],
                      [[name, s["ndcg10"], s["p10"], s["map"]] for name, s in r["systems"].items()]), ""]
    return out


def _scale(s) -> list[str]:
    if s is None:
        return []
    out = ["## Scale", ""] + _error(s)
    if "table" in s:
        out += [f"Corpora made by {s.get('generator')} (from {s.get('source_articles')} BBC articles), indexed by "
                "searcher's writer (`index s`: indexing only, extraction reused), then 120 mixed queries in process on "
                "searcher and FTS5 in interleaved rounds, and `searcher query` in a fresh process (its peak memory).", ""]
        rows = [[r["articles"], r.get("skipped", "")] + [""] * 8 if "skipped" in r else
                [r["articles"], r.get("index_s"), mb(r["corpus_bytes"]), f"{mb(r['index_bytes'])} ({mb(r.get('cache_bytes', 0))})",
                 r["query_p50_ms"], r["query_p95_ms"], r.get("fts5_p50_ms"), r.get("fts5_p95_ms"),
                 f"{r.get('faceted_p95_ms')} / {r.get('fts5_faceted_p95_ms')}", r.get("query_process_peak_mb")]
                for r in s["table"]]
        out += [table(["articles", "index s", "text MB", "index MB (of it cache)", "searcher p50 ms", "searcher p95 ms",
                       "FTS5 p50 ms", "FTS5 p95 ms", "faceted p95 ms (searcher / FTS5)", "query process peak MB"],
                      rows), ""]
    return out


def main(argv: list[str]) -> int:
    """FULL.json [LATER.json...]: the full run's page, then each later partial run."""
    paths = [Path(a) for a in argv] or [Path(__file__).resolve().parent / "results" / "latest.json"]
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    sys.stdout.write("\n".join([markdown(docs[0]), *map(later_run, docs[1:])]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
