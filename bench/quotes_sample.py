"""The hand-checked samples of BBC quotations in docs/quotes.md: drawn, and scored.

    python bench/quotes_sample.py draw SEED > sample.jsonl   # 50 quotations, with context
    python bench/quotes_sample.py score                      # figures from the judged samples
    python bench/quotes_sample.py table                      # the judged samples as markdown

The rules were worked out looking at the even-numbered BBC articles of each section; the
samples are drawn from the odd-numbered ones (seeded, uniformly over every quotation found
there, none drawn twice), so they are text the rules were not tuned on -- until a sample has
been judged and its mistakes fixed, which is why each sample is scored as it was drawn
(the commit named in bench/quotes_sample.json) and again with the rules of today. `draw`
also gives each quote the speaker the parser-based alternative (bench.quotes.parser_speakers)
finds. bench/quotes_sample.json holds each sample's quotations with a judgment each, written
by reading the article (`speaker`: who said it, as the article's entity name, or null when no
one is named; `boundaries_ok`; `note`)."""

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

SIZE = 50
JUDGED = _HERE / "quotes_sample.json"


def held_out_files(bbc: Path) -> list[Path]:
    """The odd-numbered articles of every section."""
    return sorted(p for p in bbc.glob("*/*.txt") if re.fullmatch(r"\d+", p.stem) and int(p.stem) % 2)


def judged() -> dict:
    return json.loads(JUDGED.read_text(encoding="utf-8")) if JUDGED.exists() else {}


def draw(bbc: Path, seed: int) -> list[dict]:
    from bench.quotes import extracted, load_parser, parser_speakers

    articles = extracted(held_out_files(bbc))
    drawn = {(r["article"], r["start"]) for sample in judged().values() for r in sample["rows"]}
    found = [(a, i) for a in articles for i, q in enumerate(a.quotes)
             if (str(Path(a.path).relative_to(bbc)), q.start) not in drawn]
    chosen = sorted(random.Random(seed).sample(range(len(found)), SIZE))
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


def rules_today(bbc: Path, rows: list[dict]) -> list[list]:
    """(speaker, type) the rules of today give each sampled quotation (found by its start)."""
    from bench.quotes import extracted

    paths = sorted({r["article"] for r in rows})
    quotes = {(str(Path(a.path).relative_to(bbc)), q.start): [q.speaker, q.speaker_type]
              for a in extracted([bbc / p for p in paths]) for q in a.quotes}
    return [quotes.get((r["article"], r["start"]), [None, "missing"]) for r in rows]


def score(bbc: Path) -> dict:
    out = {}
    for name, sample in judged().items():
        rows = sample["rows"]
        n = len(rows)
        counts = {"rules_as_drawn": sum(right_speaker(r["rules"], r["speaker"]) for r in rows),
                  "rules_today": sum(right_speaker(f, r["speaker"]) for f, r in zip(rules_today(bbc, rows), rows)),
                  "parser_as_drawn": sum(right_speaker(r["parser"], r["speaker"]) for r in rows),
                  "boundaries": sum(bool(r["boundaries_ok"]) for r in rows)}
        out[name] = {"seed": sample["seed"], "drawn_at": sample["commit"], "quotes": n,
                     **{k: f"{v}/{n} = {v / n:.2f}" for k, v in counts.items()}}
    return out


def table() -> str:
    """Each judged sample as a markdown table: the quote, who the rules said (when drawn),
    who said it, and the judgment."""
    def cell(text) -> str:
        return str(text if text is not None else "—").replace("|", "\\|").replace("\n", " ")

    out = []
    for name, sample in judged().items():
        out += [f"#### Sample {name} (seed {sample['seed']}, drawn at `{sample['commit']}`)", "",
                "| # | article | quotation | speaker found | who said it | speaker | bounds | note |",
                "|---|---|---|---|---|---|---|---|"]
        for i, r in enumerate(sample["rows"]):
            text = r["text"] if len(r["text"]) <= 70 else r["text"][:67] + "..."
            found = r["rules"][0] if r["rules"][1] else None
            out.append(f"| {i} | {r['article']} | “{cell(text)}” | {cell(found)} | {cell(r['speaker'])} | "
                       f"{'ok' if right_speaker(r['rules'], r['speaker']) else '**wrong**'} | "
                       f"{'ok' if r['boundaries_ok'] else '**wrong**'} | {cell(r['note'])} |")
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    bbc = resolve_shared(None) / "corpora" / "bbc"
    if argv[:1] == ["draw"] and len(argv) == 2:
        for row in draw(bbc, int(argv[1])):
            print(json.dumps(row, ensure_ascii=False))
        return 0
    if argv[:1] == ["table"]:
        print(table())
        return 0
    if argv[:1] == ["score"]:
        print(json.dumps(score(bbc), indent=1))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
