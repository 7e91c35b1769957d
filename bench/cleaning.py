"""Cleaning quality and speed: the article-extraction benchmark's development half, as
HTML and as plain text, for searcher, trafilatura and jusText side by side, scored with
the shared scorer's own functions; and the seed scorer's line-level results."""

from __future__ import annotations

import gzip
import importlib
import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from .common import NA, Context, isolated_env, last_line, rate, searcher_argv, summary_fields, timed


def load_scorer(eval_dir: Path, name: str):
    """One of the shared eval scripts as a module, so its metric is used, not copied."""
    if str(eval_dir) not in sys.path:
        sys.path.insert(0, str(eval_dir))
    return importlib.import_module(name)


def load_pages(dev: Path) -> tuple[dict[str, str], dict[str, str]]:
    """key -> page HTML, key -> true article text."""
    gold = json.loads((dev / "ground-truth.json").read_text(encoding="utf-8"))
    html = {key: gzip.decompress((dev / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
            for key in gold}
    return html, {key: gold[key].get("articleBody", "") for key in gold}


def as_paragraph_html(text: str) -> str:
    """Plain text as the HTML the other tools need: one <p> a line (as the scorer gives it to trafilatura)."""
    return "<html><body>" + "".join(f"<p>{line}</p>" for line in text.splitlines()) + "</body></html>"


def saved_pages(inputs: dict[str, str], suffix: str, folder: Path) -> dict[Path, str]:
    """The inputs saved as files, as a user's pages are (path -> key): saving them is not
    cleaning, so it is done before the clock starts, as the other tools get theirs in memory."""
    paths = {}
    for key, text in inputs.items():
        path = folder / f"{key}{suffix}"
        path.write_text(text, encoding="utf-8")
        paths[path] = key
    return paths


def searcher_bodies(pages: dict[Path, str]) -> dict[str, str]:
    """Bodies from searcher's pipeline without entities (read, clean, metadata), the same
    way `searcher extract` reads a saved page."""
    from searcher.extract.pipeline import extract_files

    keys = {str(path): key for path, key in pages.items()}
    return {keys[a.path]: a.body for a in extract_files(list(pages), entities=False)}


def trafilatura_bodies(inputs: dict[str, str], is_text: bool) -> dict[str, str]:
    import trafilatura

    return {key: trafilatura.extract(as_paragraph_html(src) if is_text else src) or "" for key, src in inputs.items()}


def justext_bodies(inputs: dict[str, str], is_text: bool) -> dict[str, str]:
    import justext

    stoplist = justext.get_stoplist("English")
    out = {}
    for key, src in inputs.items():
        paragraphs = justext.justext(as_paragraph_html(src) if is_text else src, stoplist)
        out[key] = "\n".join(p.text for p in paragraphs if not p.is_boilerplate)
    return out


def score(scorer, gold: dict[str, str], bodies: dict[str, str]) -> dict:
    f1, precision, recall = scorer.prf([scorer.tp_fp_fn(gold[k], bodies.get(k, "")) for k in gold])
    return {"f1": round(f1, 3), "precision": round(precision, 3), "recall": round(recall, 3),
            "pages": len(gold), "missing": sum(1 for k in gold if k not in bodies)}


def tool_versions() -> dict:
    versions = {}
    for name in ("trafilatura", "justext"):
        try:
            versions[name] = importlib.import_module(name).__version__
        except (ImportError, AttributeError):
            versions[name] = NA
    return versions


def run_tool(name: str, extract, scorer, gold: dict[str, str]) -> dict:
    try:
        bodies, wall, cpu = timed(extract)
        return score(scorer, gold, bodies) | rate(len(gold), wall, cpu, "pages")
    except ImportError as exc:
        return {"error": f"{name} is not installed ({exc.name}); pip install -e '.[bench]'"}


def article_bench(ctx: Context, dev: Path | None = None) -> dict:
    """F1/precision/recall/pages-per-second per tool and mode, on one core in this process,
    on the development half (or the benchmark-shaped folder `dev`)."""
    scorer = load_scorer(ctx.eval_dir, "score_article_bench")
    dev = dev or ctx.article_dev
    html, gold = load_pages(dev)
    out = {"pages": len(gold), "source": str(dev), "versions": tool_versions()}
    for mode in ("html", "text"):
        is_text = mode == "text"
        inputs = {k: scorer.page_text(h) for k, h in html.items()} if is_text else html
        pages = saved_pages(inputs, ".txt" if is_text else ".html", ctx.subdir(f"pages-{mode}"))
        rows = {
            "searcher": run_tool("searcher", lambda: searcher_bodies(pages), scorer, gold),
            "trafilatura": run_tool("trafilatura", lambda: trafilatura_bodies(inputs, is_text), scorer, gold),
            "justext": run_tool("justext", lambda: justext_bodies(inputs, is_text), scorer, gold),
        }
        if is_text:  # what keeping every line scores: the floor a text cleaner must beat
            rows["keep everything"] = score(scorer, gold, inputs)
        out[mode] = rows
    return out


def scorer_script(ctx: Context, *flags: str) -> dict:
    """The shared scorer run as it is in the issues' bars, through `searcher extract --json`
    (with entities), for the record; its first lines are kept verbatim."""
    argv = [sys.executable, str(ctx.eval_dir / "score_article_bench.py"), "--cmd", " ".join(searcher_argv()), *flags]
    proc = subprocess.run(argv, capture_output=True, text=True, env=isolated_env(ctx.subdir("scorer")))
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["exit %d" % proc.returncode])[-1]}
    return {"command": "score_article_bench.py " + " ".join(flags), "output": proc.stdout.strip().splitlines(),
            **summary_fields(last_line(proc.stdout, "SUMMARY"))}


@lru_cache(maxsize=1)
def _seed_scores(eval_dir: Path, seeds: Path, tmp: Path) -> dict:
    argv = [sys.executable, str(eval_dir / "score_seeds.py"), "--cmd", " ".join(searcher_argv()), "--seeds", str(seeds)]
    proc = subprocess.run(argv, capture_output=True, text=True, env=isolated_env(tmp))
    summary = last_line(proc.stdout, "SUMMARY")
    if summary is None:
        return {"error": (proc.stderr.strip().splitlines() or ["no SUMMARY line"])[-1]}
    lines = proc.stdout.strip().splitlines()
    return {"summary": summary, "problems": [l.strip() for l in lines if l.startswith("  ")],
            **summary_fields(summary)}


def seed_scores(ctx: Context) -> dict:
    """score_seeds.py on the repository's seeds (run once, shared by cleaning and entities)."""
    from .common import REPO

    return _seed_scores(ctx.eval_dir, REPO / "seeds", ctx.tmp)


def section(ctx: Context) -> dict:
    seeds = seed_scores(ctx)
    out = {"article_bench": article_bench(ctx),
           "seeds": {k: seeds.get(k, NA) for k in ("keep", "leak", "summary", "error") if k in seeds}}
    if not ctx.quick:
        out["scorer_script"] = {"html": scorer_script(ctx, "--trafilatura"), "text": scorer_script(ctx, "--as-text")}
    return out
