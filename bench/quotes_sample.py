"""The hand-checked sample of BBC quotations in docs/quotes.md: drawn, and scored.

    python bench/quotes_sample.py draw > sample.jsonl    # the 50 quotations, with context
    python bench/quotes_sample.py score                  # figures from the judged sample

The rules were worked out looking at the even-numbered BBC articles of each section; the
sample is drawn from the odd-numbered ones (seeded, uniformly over every quotation found
there), so it is text the rules were not tuned on. `draw` also gives each sampled quote
the speaker the parser-based alternative (bench.quotes.parser_speakers) finds, for the
comparison. `score` reads bench/quotes_sample.json: the drawn quotations with a judgment
each, written by reading the article (`speaker`: who said it, as the article's entity name,
or null when no one named; `boundaries_ok`; `note`)."""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from bench.common import resolve_shared  # noqa: E402

SEED = 17
SIZE = 50
JUDGED = _HERE / "quotes_sample.json"


def held_out_files(bbc: Path) -> list[Path]:
    """The odd-numbered articles of every section."""
    return sorted(p for p in bbc.glob("*/*.txt") if re.fullmatch(r"\d+", p.stem) and int(p.stem) % 2)


def draw(bbc: Path) -> list[dict]:
    from bench.quotes import extracted, load_parser, parser_speakers

    articles = extracted(held_out_files(bbc))
    found = [(a, i) for a in articles for i in range(len(a.quotes))]
    chosen = sorted(random.Random(SEED).sample(range(len(found)), SIZE))
    nlp = load_parser()
    parsed: dict[str, list] = {}
    rows = []
    for n in chosen:
        article, i = found[n]
        quote = article.quotes[i]
        if article.path not in parsed:
            parsed[article.path] = parser_speakers(article, nlp)
        body = article.body
        para_start = body.rfind("\n", 0, quote.start) + 1
        para_end = body.find("\n", quote.end)
        rows.append({"article": str(Path(article.path).relative_to(bbc)), "start": quote.start, "end": quote.end,
                     "text": quote.text, "rules": [quote.speaker, quote.speaker_type], "cue": quote.cue,
                     "partial": quote.partial, "parser": list(parsed[article.path][i]),
                     "context": body[max(para_start, quote.start - 400):para_end if para_end >= 0 else len(body)]})
    print(f"{len(found)} quotations in {len(articles)} held-out articles; {SIZE} drawn", file=sys.stderr)
    return rows


def right_speaker(found: list, truth: str | None) -> bool:
    """Named as the judge named it; or, when no one is named, no entity given."""
    name, kind = found
    if truth is None:
        return kind not in ("person", "org", "place")
    return kind in ("person", "org", "place") and name is not None and name.casefold() == truth.casefold()


def score(rows: list[dict]) -> dict:
    n = len(rows)
    rules = sum(right_speaker(r["rules"], r["speaker"]) for r in rows)
    parser = sum(right_speaker(r["parser"], r["speaker"]) for r in rows)
    bounds = sum(bool(r["boundaries_ok"]) for r in rows)
    return {"quotes": n, "speaker_right_rules": round(rules / n, 3), "speaker_right_parser": round(parser / n, 3),
            "boundaries_right": round(bounds / n, 3), "counts": {"rules": rules, "parser": parser, "boundaries": bounds}}


def main(argv: list[str]) -> int:
    if argv[:1] == ["draw"]:
        for row in draw(resolve_shared(None) / "corpora" / "bbc"):
            print(json.dumps(row, ensure_ascii=False))
        return 0
    if argv[:1] == ["score"]:
        print(json.dumps(score(json.loads(JUDGED.read_text(encoding="utf-8"))), indent=1))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
