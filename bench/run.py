"""Benchmarks of searcher beside the tools users would pick instead, in one run on one machine.

    python bench/run.py            # full run (long: see docs/benchmarks.md)
    python bench/run.py --quick    # small samples, a few minutes

Prints one JSON document on stdout with the sections cleaning, entities, stages, indexing,
query, quotes, relevance (and scale for the full run), and writes it to bench/results/ as a timestamped
file and latest.json (full runs also write docs/benchmarks.md). Progress goes to stderr.
A section that fails is recorded with its error and the run goes on.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

# Run as a script: import the harness as the `bench` package from the repository root, and
# keep bench/ itself off the path so its module names never shadow the standard library's.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from bench import cleaning, entities, indexing, querying, quotes, relevance, report, scale, stages, web  # noqa: E402
from bench.common import NA, REPO, Context, cpu_yardstick, load_average, machine, resolve_shared  # noqa: E402
from bench.report import dig  # noqa: E402

RESULTS = REPO / "bench" / "results"


def log(message: str) -> None:
    print(f"bench: {time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def guarded(name: str, fn, *args):
    """Run one section; a failure becomes {"error": ...} so the other sections still run."""
    log(f"{name} ...")
    started = time.monotonic()
    try:
        value = fn(*args)
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)
        value = {"error": f"{exc.__class__.__name__}: {exc}"}
    log(f"{name} done in {time.monotonic() - started:.0f} s")
    return value


def git_commit() -> str:
    proc = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return (proc.stdout.strip() or NA) + ("+dirty" if dirty else "")


def run(ctx: Context, skip: set[str], checkpoint) -> dict:
    """Every wanted section in turn; `checkpoint(doc)` after each, so a run stopped part way
    leaves what it measured."""
    started = time.monotonic()
    doc: dict = {"harness": {"mode": "quick" if ctx.quick else "full", "complete": False, "commit": git_commit(),
                             "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                             "shared": str(ctx.shared)},
                 "machine": machine()}
    wanted = [s for s in ("cleaning", "entities", "stages", "indexing", "query", "quotes", "web", "relevance", "scale")
              if s not in skip]
    if ctx.quick and "scale" in wanted:
        wanted.remove("scale")

    def put(name: str, value) -> None:
        doc[name] = value
        checkpoint(doc)

    if "cleaning" in wanted:
        put("cleaning", guarded("cleaning", cleaning.section, ctx))
    if "entities" in wanted:
        put("entities", guarded("entities", entities.section, ctx))
    if "stages" in wanted:
        put("stages", guarded("stages", stages.section, ctx))
    built = None
    if any(s in wanted for s in ("indexing", "query", "quotes", "web", "scale")):
        result = guarded("indexing", indexing.section, ctx, dig(doc, "entities", "speed_bbc", default={}))
        result, built = result if isinstance(result, tuple) else (result, None)
        put("indexing", result)
    if "query" in wanted:
        put("query", guarded("query", querying.section, ctx, built) if built else {"error": "no index was built"})
    if "quotes" in wanted:
        put("quotes", guarded("quotes", quotes.section, ctx, built))
    if "web" in wanted:
        put("web", guarded("web", web.section, ctx, built) if built else {"error": "no index was built"})
    if "relevance" in wanted and ctx.quick:
        put("relevance", {"skipped": "full run only: indexing CISI and 76 cold queries take minutes"})
    elif "relevance" in wanted:
        put("relevance", guarded("relevance", relevance.section, ctx))
    if "scale" in wanted:
        put("scale", guarded("scale", scale.section, ctx, built.index if built else None))
    if built is not None and "command" in doc.get("indexing", {}) and not ctx.quick:
        doc["indexing"]["command"]["rebuild_after_build"] = guarded(
            "rebuild", indexing.rebuild, ctx, built, dig(doc, "indexing", "command", "full_build", "seconds"))
        checkpoint(doc)
    doc["machine"]["loadavg_at_end"] = load_average()
    doc["machine"]["yardstick_cpu_s_at_end"] = cpu_yardstick()
    doc["bars"] = report.bars(doc)
    doc["harness"]["seconds"] = round(time.monotonic() - started)
    return doc


def save(doc: dict, path: Path, *also: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    for target in (path, *also):
        target.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small samples; a few minutes")
    ap.add_argument("--shared", help="the shared folder (default: ../shared beside the repository root)")
    ap.add_argument("--out", default=str(RESULTS), help="where results are written (default bench/results)")
    ap.add_argument("--skip", action="append", default=[], metavar="SECTION",
                    help="leave out a section (repeatable): cleaning, entities, stages, indexing, query, quotes, web, "
                         "relevance, scale")
    ap.add_argument("--budget", type=float, metavar="MINUTES",
                    help="time for the whole run; scale sizes that would not fit are skipped and said so")
    ap.add_argument("--docs", default=str(REPO / "docs" / "benchmarks.md"),
                    help="the page a full run rewrites with its tables ('' for none)")
    args = ap.parse_args(argv)
    shared = resolve_shared(args.shared)
    out = Path(args.out)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = out / f"{stamp}-{'quick' if args.quick else 'full'}.json"
    with tempfile.TemporaryDirectory(prefix="searcher-bench-") as tmp:
        ctx = Context(shared=shared, quick=args.quick, tmp=Path(tmp),
                      deadline=time.monotonic() + args.budget * 60 if args.budget else None)
        doc = run(ctx, set(args.skip), lambda partial: save(partial | {"bars": report.bars(partial)}, path))
    doc["harness"]["complete"] = True
    save(doc, path, out / "latest.json")
    log(f"results written to {path} and {out / 'latest.json'}")
    if not args.quick and args.docs:
        Path(args.docs).write_text(report.markdown(doc), encoding="utf-8")
        log(f"tables written to {args.docs}")
    print(json.dumps(doc, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
