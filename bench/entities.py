"""Entity quality on the seeds (score_seeds.py) and entity extraction speed on BBC articles."""

from __future__ import annotations

from pathlib import Path

from .cleaning import seed_scores
from .common import NA, Context, rate, timed

SEED_FIELDS = ("fields", "ent_recall", "ent_precision", "forbidden")


def corpus_files(corpus: Path) -> list[Path]:
    """The article files of a corpus folder, sorted, as searcher finds them."""
    from searcher.extract.corpus import scan_corpus

    return [f.path for f in scan_corpus(corpus)]


def sample_files(corpus: Path, n: int | None) -> list[Path]:
    """Every k-th article file of the corpus, so a sample spans all its sections."""
    files = corpus_files(corpus)
    if n is None or n >= len(files):
        return files
    step = len(files) / n
    return [files[int(i * step)] for i in range(n)]


def cleaned_bodies(files: list[Path]) -> list[str]:
    from searcher.extract.pipeline import extract_files

    return [a.body for a in extract_files(files, entities=False)]


def extraction_speed(bodies: list[str]) -> dict:
    """docs/s of the public entity API after the model is loaded; the load is timed apart."""
    from searcher.extract.entities import extract_entities

    _, load, _ = timed(warm_up)
    found, wall, cpu = timed(lambda: list(extract_entities(bodies)))
    words = sum(len(b.split()) for b in bodies)
    return {"docs": len(bodies), **rate(len(bodies), wall, cpu), "words_per_s": round(words / wall),
            "model_load_s": round(load, 2),
            "entities_per_doc": round(sum(sum(map(len, e.values())) for e in found) / max(len(found), 1), 1)}


def warm_up() -> None:
    """Load the entity model (timed apart from the extraction it serves)."""
    from searcher.extract.entities import extract_entities

    list(extract_entities(["Warm-up sentence about Tony Blair in London."]))


def section(ctx: Context) -> dict:
    seeds = seed_scores(ctx)
    bodies = cleaned_bodies(sample_files(ctx.bbc, 100 if ctx.quick else 300))
    return {"seeds": {k: seeds.get(k, NA) for k in SEED_FIELDS} | ({"error": seeds["error"]} if "error" in seeds else {}),
            "speed_bbc": extraction_speed(bodies)}
