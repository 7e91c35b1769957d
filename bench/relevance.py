"""Ranking quality: score_relevance.py --peers on CISI (nDCG@10, P@10, MAP) for searcher,
beside the bare Whoosh and SQLite FTS5 baselines the scorer builds on the same files."""

from __future__ import annotations

import re
import subprocess
import sys

from .common import Context, isolated_env, last_line, searcher_argv, summary_fields

LINE = re.compile(r"^(?P<name>.+?): nDCG@10 (?P<ndcg10>[\d.]+)\s+P@10 (?P<p10>[\d.]+)\s+MAP (?P<map>[\d.]+)")


def parse(stdout: str) -> dict:
    """Each system's line of the scorer's output as numbers."""
    systems = {}
    for line in stdout.splitlines():
        if m := LINE.match(line):
            systems[m["name"]] = {k: float(m[k]) for k in ("ndcg10", "p10", "map")}
    return systems


def section(ctx: Context) -> dict:
    argv = [sys.executable, str(ctx.eval_dir / "score_relevance.py"), "--peers", "--cmd", " ".join(searcher_argv())]
    proc = subprocess.run(argv, capture_output=True, text=True, env=isolated_env(ctx.subdir("relevance")))
    if proc.returncode != 0 or last_line(proc.stdout, "SUMMARY") is None:
        tail = (proc.stderr or proc.stdout).strip().splitlines()
        return {"error": tail[-1] if tail else f"exit {proc.returncode}"}
    return {"collection": "CISI (1,460 abstracts, 76 judged queries)", "command": "score_relevance.py --peers",
            "systems": parse(proc.stdout), "output": proc.stdout.strip().splitlines(),
            **summary_fields(last_line(proc.stdout, "SUMMARY"))}
