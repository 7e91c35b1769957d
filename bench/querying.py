"""Query latency: a fixed, seeded mix of queries derived from the indexed articles, run in
process through searcher's search API (with highlights on 10 hits) and on SQLite FTS5 with
bm25() and snippet(), in interleaved rounds (the machine is shared: a round of each, in
turn, so both see the same load); and the cold `searcher query` command beside `python -c
pass`, interleaved too."""

from __future__ import annotations

import random
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from searcher.article import ENTITY_TYPES

from .common import NA, Context, isolated_env, percentiles, run_measured
from .indexing import Built, fts5_build, stored_rows

SEED = 7
ROUNDS = 5  # interleaved rounds of the whole mix on each engine (2 in a quick run)
# Faceted queries count these on both sides: the same work (FTS5 counts them in Python).
FACETS = ("outlet", "person")
# How many of each kind a mix of 240 holds; smaller mixes keep the proportions.
MIX = {"term": 60, "two_word": 50, "phrase": 50, "field": 40, "faceted": 40}
WORD = re.compile(r"[a-z]{4,}")


@dataclass(frozen=True)
class Query:
    kind: str
    text: str  # searcher's query language
    fts: str  # the same query in FTS5's MATCH syntax


def _stop_words() -> frozenset[str]:
    from whoosh.analysis import STOP_WORDS

    # Whoosh's list is short; words that no one searches a news archive for are added.
    return frozenset(STOP_WORDS) | set(
        "said says also would could will should year years been were which into onto their there than then them "
        "they this that with from have more most some such only other others over after before about what when "
        "where while just very much many like last first made make being does each even every here those through "
        "under upon well whether whose across among around since still though".split())


def make_queries(rows: list[tuple], n: int = 240, seed: int = SEED) -> list[Query]:
    """A seeded mix of query kinds drawn from the articles' own words and entities:
    single terms, two words (either may match), two-word phrases, field queries
    (title: and the entity fields) and faceted term queries."""
    rng = random.Random(seed)
    stop = _stop_words()
    rows = [r for r in rows if r[2].strip()]

    def words_of(text: str) -> list[str]:
        return [w for w in WORD.findall(text.lower()) if w not in stop]

    def term() -> str:
        return rng.choice(words_of(rng.choice(rows)[2]) or ["government"])

    def field_query() -> Query:
        row = rng.choice(rows)
        names = {f: [x.strip() for x in v.split(",") if x.strip() and '"' not in x] for f, v in zip(ENTITY_TYPES, row[3:6])}
        choices = [f for f in ENTITY_TYPES if names[f]]
        title_words = words_of(row[1])
        if title_words and (not choices or rng.random() < 0.5):
            word = rng.choice(title_words)
            return Query("field", f"title:{word}", f'title : "{word}"')
        if not choices:
            word = term()
            return Query("field", f"title:{word}", f'title : "{word}"')
        field = rng.choice(choices)
        name = rng.choice(names[field])
        return Query("field", f'{field}:"{name}"', f'{field} : "{name}"')

    def phrase() -> Query:
        for _ in range(50):
            toks = re.findall(r"[A-Za-z]+", rng.choice(rows)[2])
            if len(toks) < 3:
                continue
            i = rng.randrange(len(toks) - 1)
            pair = [toks[i].lower(), toks[i + 1].lower()]
            if not any(w in stop or len(w) < 3 for w in pair):
                return Query("phrase", f'"{pair[0]} {pair[1]}"', f'"{pair[0]} {pair[1]}"')
        word = term()
        return Query("phrase", f'"{word}"', f'"{word}"')

    def two_word() -> Query:
        words = words_of(rng.choice(rows)[2]) or ["market", "growth"]
        a, b = rng.choice(words), rng.choice(words)
        return Query("two_word", f"{a} {b}", f'"{a}" OR "{b}"')

    def single(kind: str) -> Query:
        word = term()
        return Query(kind, word, f'"{word}"')

    makers = {"term": lambda: single("term"), "two_word": two_word, "phrase": phrase, "field": field_query,
              "faceted": lambda: single("faceted")}
    total = sum(MIX.values())
    queries = [makers[kind]() for kind, count in MIX.items() for _ in range(max(1, round(count * n / total)))]
    rng.shuffle(queries)
    return queries


def searcher_runner(index_dir: Path):
    """The function that runs one query through searcher's API: 10 hits with passages,
    the outlet facet, and person too for faceted queries."""
    from searcher.search.searching import search

    def run(q: Query):
        return search(index_dir, q.text, limit=10, facets=FACETS if q.kind == "faceted" else ("outlet",))

    return run


def searcher_latency(index_dir: Path, queries: list[Query]) -> dict:
    return _timed_queries(queries, searcher_runner(index_dir), warm_up=10) | {"notes": [_FACET_NOTE]}


_FACET_NOTE = f"faceted queries count facets {', '.join(FACETS)} on both sides"


def copies_cost(index_dir: Path, queries: list[Query], repeat: int = 5) -> dict:
    """What showing each story once costs a query (searcher.indexing.copies): each query run with the
    index's copies and as if it had none, alternately, `repeat` times each. Times are this
    process's CPU time (a query runs on one thread; on a shared machine wall time mostly
    measures waiting for a core, which made the per-query difference pure noise: a
    two-match phrase "cost" 2 ms). A query's time in each way is its fastest run, and its
    cost the difference."""
    from searcher.indexing.stories import Stories
    from searcher.search.searching import open_searcher, search

    index = open_searcher(index_dir)
    stories = index.stories
    with_copies, without, cost = [], [], []
    try:
        for q in queries[:10]:  # warm up
            search(index_dir, q.text, limit=10)
        for q in queries:
            best = [float("inf"), float("inf")]
            for _ in range(repeat):
                for way, known in enumerate((stories, Stories())):
                    index.stories = known
                    started = time.process_time()
                    search(index_dir, q.text, limit=10)
                    best[way] = min(best[way], time.process_time() - started)
            with_copies.append(best[0])
            without.append(best[1])
            cost.append(best[0] - best[1])
    finally:
        index.stories = stories
    return {"queries": len(queries), "repeat": repeat, "clock": "process CPU time", "groups_in_index": len(stories.groups),
            "with_copies": percentiles(with_copies), "without_copies": percentiles(without),
            "cost_per_query": percentiles(cost)}


def _timed_queries(queries: list[Query], run, warm_up: int = 0) -> dict:
    """Time `run(query)` for each query (after `warm_up` untimed ones, as a session would
    have warmed the OS cache and Python's imports)."""
    for q in queries[:warm_up]:
        try:
            run(q)
        except Exception:
            pass
    return _summary(_one_round(queries, run))


def _one_round(queries: list[Query], run) -> list[tuple[Query, float | None, object]]:
    """(query, seconds or None if it raised, its result or the exception) for each query."""
    out = []
    for q in queries:
        started = time.perf_counter()
        try:
            result = run(q)
        except Exception as exc:
            out.append((q, None, exc))
            continue
        out.append((q, time.perf_counter() - started, result))
    return out


def _summary(timed: list[tuple[Query, float | None, object]]) -> dict:
    """Percentiles over every timed run, by kind and in all. A query that raised is
    counted by kind and error, with the first message of each."""
    times: dict[str, list[float]] = {}
    matched, errors, messages = Counter(), Counter(), {}
    for q, seconds, result in timed:
        if seconds is None:
            key = f"{q.kind}: {result.__class__.__name__}"
            errors[key] += 1
            messages.setdefault(key, f"{q.text!r}: {result}"[:200])
            continue
        times.setdefault(q.kind, []).append(seconds)
        matched[q.kind] += (result if isinstance(result, int) else result.total) > 0
    every = [t for ts in times.values() for t in ts]
    return {"all": percentiles(every),
            "by_kind": {k: percentiles(ts) | {"matched": matched[k]} for k, ts in sorted(times.items())},
            "errors": dict(errors), "first_errors": messages}


def interleaved(queries: list[Query], runners: dict[str, object], rounds: int, warm_up: int = 10) -> dict:
    """Each engine's percentiles over `rounds` rounds of the whole mix, the engines taking
    turns round by round; `matched` counts the first round's. Each engine is warmed up
    with `warm_up` queries first."""
    for run in runners.values():
        for q in queries[:warm_up]:
            try:
                run(q)
            except Exception:
                pass
    timed: dict[str, list] = {name: [] for name in runners}
    for r in range(rounds):
        for name, run in runners.items():
            done = _one_round(queries, run)
            timed[name] += done if r == 0 else [(q, s, res) for q, s, res in done if s is not None]
    out = {}
    for name, runs in timed.items():
        summary = _summary(runs)
        first = _summary(runs[:len(queries)])
        for kind, stats in summary["by_kind"].items():
            stats["matched"] = first["by_kind"].get(kind, {}).get("matched", 0)
        out[name] = summary | {"rounds": rounds}
    return out


def fts5_runner(con):
    """One query on FTS5: total count, top 10 by bm25() (title weighted 2, as searcher
    ranks it) with a snippet() each; faceted ones count FACETS too."""
    top = ("select id, title, snippet(articles, 2, '[', ']', '...', 24), bm25(articles, 0, 2.0, 1.0, 1.0, 1.0, 1.0) "
           "from articles where articles match ? order by bm25(articles, 0, 2.0, 1.0, 1.0, 1.0, 1.0) limit 10")
    outlet_only = "select outlet from articles where articles match ?"
    faceted = f"select {', '.join(FACETS)} from articles where articles match ?"

    def run(q: Query) -> int:
        total = con.execute("select count(*) from articles where articles match ?", (q.fts,)).fetchone()[0]
        con.execute(top, (q.fts,)).fetchall()
        counts = Counter()
        for row in con.execute(faceted if q.kind == "faceted" else outlet_only, (q.fts,)):
            counts.update(x for cell in row for x in cell.split(",") if x)
        return total

    return run


def fts5_latency(con, queries: list[Query]) -> dict:
    return _timed_queries(queries, fts5_runner(con))


def ratio(a: dict, b: dict, key: str):
    x, y = a.get(key), b.get(key)
    return round(x / y, 2) if isinstance(x, (int, float)) and isinstance(y, (int, float)) and y else NA


def cold_command(ctx: Context, built: Built, word: str) -> dict:
    """`searcher query WORD --json` in a fresh process beside `python -c pass` and `python -c
    "import whoosh"`, each run `repeat` times in turn; the package compiled to bytecode
    first, as an install leaves it (this environment may set PYTHONDONTWRITEBYTECODE)."""
    import compileall

    import searcher

    compileall.compile_dir(str(Path(searcher.__file__).parent), quiet=1)
    repeat = 3 if ctx.quick else 7
    env = isolated_env(built.home)
    commands = {"searcher_query": built.argv("query", word, "--json"),
                "python_import_whoosh": [sys.executable, "-c", "import whoosh"],
                "python_startup": [sys.executable, "-c", "pass"]}
    runs: dict[str, list] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            runs[name].append(run_measured(argv, env=env, sample_every=1.0))
    out = {name: {"median_s": round(statistics.median(r.seconds for r in rs), 3),
                  "max_s": round(max(r.seconds for r in rs), 3), "runs": repeat, "exit": rs[-1].returncode,
                  "peak_rss_mb": statistics.median(r.maxrss_mb for r in rs)} for name, rs in runs.items()}
    out["query"] = word
    out["ratio_query_over_startup"] = ratio(out["searcher_query"], out["python_startup"], "median_s")
    return out


def section(ctx: Context, built: Built) -> dict:
    rows = stored_rows(built.index)
    queries = make_queries(rows, 240)
    con, _ = fts5_build(rows, ctx.subdir("fts5-query") / "fts5.db")
    rounds = 2 if ctx.quick else ROUNDS
    timed = interleaved(queries, {"searcher": searcher_runner(built.index), "fts5": fts5_runner(con)}, rounds)
    con.close()
    ours, fts = timed["searcher"] | {"notes": [_FACET_NOTE]}, timed["fts5"]
    return {"queries": len(queries), "rounds": rounds, "mix": dict(Counter(q.kind for q in queries)), "seed": SEED,
            "examples": {kind: next(q.text for q in queries if q.kind == kind) for kind in MIX},
            "searcher_in_process": ours, "sqlite_fts5": fts,
            "ratio_searcher_over_fts5": {"p50": ratio(ours["all"], fts["all"], "p50_ms"),
                                         "p95": ratio(ours["all"], fts["all"], "p95_ms"),
                                         "by_kind_p95": {k: ratio(v, fts["by_kind"].get(k, {}), "p95_ms")
                                                         for k, v in ours["by_kind"].items()}},
            "cold_command": cold_command(ctx, built, next(q.text for q in queries if q.kind == "term")),
            "copies": copies_cost(built.index, queries)}
