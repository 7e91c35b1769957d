"""The hand-checked samples of quotations in docs/quotes.md: drawn, and scored.

    python bench/quotes_sample.py draw SEED > sample.jsonl          # 50 BBC quotations, with context
    python bench/quotes_sample.py draw SEED re3d 40 > sample.jsonl  # 40 from the re3d documents
    python bench/quotes_sample.py score                             # figures from the judged samples
    python bench/quotes_sample.py table                             # the judged samples as markdown

The rules were worked out looking at the even-numbered BBC articles of each section. Samples
A-D were drawn from the odd-numbered ones, and their mistakes fixed after each was judged, so
their articles were used for development too; the later BBC samples are drawn from the
odd-numbered articles that none of the development samples comes from (seeded, uniformly
over every quotation found there, none drawn twice), and the re3d sample from a different
source altogether, all after the rules stopped changing. E-G and R were held out when drawn,
then their mistakes were studied and fixed, so they joined the development samples; H and I
were drawn after that from articles none of A-G comes from, judged, studied and fixed in
turn; J and K were drawn last, from articles none of A-I comes from. Each sample is scored as it was drawn (the commit named in
bench/quotes_sample.json) and again with the rules of today. `draw` also gives each quote the
speaker the parser-based alternative (bench.quotes.parser_speakers) finds.
bench/quotes_sample.json holds each sample's quotations with a judgment each, written by
reading the article (`speaker`: who said it, as the article's entity name, or null when no
one is named; `also`: another name the entity stage gives the same speaker; `boundaries_ok`;
`note`)."""

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


# The samples whose articles were used to develop the rules (their mistakes were fixed): A-D
# one after another, then E-G with the re3d sample R, then H-I (each round held out when
# drawn, studied after).
DEVELOPMENT_SAMPLES = ("A", "B", "C", "D", "E", "F", "G", "R", "H", "I")


def held_out_files(bbc: Path) -> list[Path]:
    """The odd-numbered articles of every section that no development sample comes from."""
    used = {r["article"] for name, sample in judged().items() if name in DEVELOPMENT_SAMPLES for r in sample["rows"]}
    return sorted(p for p in bbc.glob("*/*.txt") if re.fullmatch(r"\d+", p.stem) and int(p.stem) % 2
                  and str(p.relative_to(bbc)) not in used)


def re3d_files(re3d: Path) -> list[Path]:
    """Every re3d document (not the folders' licence and notice files)."""
    return sorted(p for p in re3d.glob("*/*.txt") if re.fullmatch(r"[0-9a-f]{8}", p.stem))


def corpus_dir(shared: Path, corpus: str) -> Path:
    return shared / "corpora" / corpus


def judged() -> dict:
    return json.loads(JUDGED.read_text(encoding="utf-8")) if JUDGED.exists() else {}


def draw(root: Path, seed: int, corpus: str = "bbc", size: int = SIZE) -> list[dict]:
    from bench.quotes import extracted, load_parser, parser_speakers

    articles = extracted(held_out_files(root) if corpus == "bbc" else re3d_files(root))
    drawn = {(r["article"], r["start"]) for sample in judged().values() if sample.get("corpus", "bbc") == corpus
             for r in sample["rows"]}
    found = [(a, i) for a in articles for i, q in enumerate(a.quotes)
             if (str(Path(a.path).relative_to(root)), q.start) not in drawn]
    chosen = sorted(random.Random(seed).sample(range(len(found)), min(size, len(found))))
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
        rows.append({"article": str(Path(article.path).relative_to(root)), "start": quote.start, "end": quote.end,
                     "text": quote.text, "rules": [quote.speaker, quote.speaker_type], "cue": quote.cue,
                     "partial": quote.partial, "parser": list(parsed[article.path][i]),
                     "context": body[max(para_start, quote.start - 400):para_end if para_end >= 0 else len(body)]})
    print(f"{len(found)} quotations in {len(articles)} held-out articles; {len(rows)} drawn", file=sys.stderr)
    return rows


def right_speaker(found: list, truth: str | None, also: tuple = ()) -> bool:
    """Named as the judge named it (or by the other name the entity stage gives the same
    speaker); or, when no one is named, no entity given."""
    name, kind = found
    if truth is None:
        return kind not in ("person", "org", "place")
    return kind in ("person", "org", "place") and name is not None and \
        name.casefold() in {t.casefold() for t in (truth, *also)}


def rules_today(root: Path, rows: list[dict]) -> list[list]:
    """(speaker, type) the rules of today give each sampled quotation: found by its start, or
    else the quotation that now holds it (one the rules of today join to the quote before)."""
    from bench.quotes import extracted

    paths = sorted({r["article"] for r in rows})
    quotes = {str(Path(a.path).relative_to(root)): a.quotes for a in extracted([root / p for p in paths])}

    def found(row: dict) -> list:
        candidates = quotes.get(row["article"], [])
        same = [q for q in candidates if q.start == row["start"]] or \
            [q for q in candidates if q.start <= row["start"] < q.end]
        return [same[0].speaker, same[0].speaker_type] if same else [None, "missing"]

    return [found(r) for r in rows]


def score(shared: Path) -> dict:
    """Each sample's figures, and those of the held-out samples together (by corpus)."""
    out, held_out = {}, {}
    for name, sample in judged().items():
        rows = sample["rows"]
        n = len(rows)
        today = rules_today(corpus_dir(shared, sample.get("corpus", "bbc")), rows)
        counts = {"rules_as_drawn": sum(right_speaker(r["rules"], r["speaker"], r.get("also", ())) for r in rows),
                  "rules_today": sum(right_speaker(f, r["speaker"], r.get("also", ())) for f, r in zip(today, rows)),
                  "parser_as_drawn": sum(right_speaker(r["parser"], r["speaker"], r.get("also", ())) for r in rows),
                  "boundaries": sum(bool(r["boundaries_ok"]) for r in rows)}
        out[name] = {"corpus": sample.get("corpus", "bbc"), "seed": sample["seed"], "drawn_at": sample["commit"],
                     "quotes": n, **{k: f"{v}/{n} = {v / n:.2f}" for k, v in counts.items()}}
        if name not in DEVELOPMENT_SAMPLES:
            total = held_out.setdefault(sample.get("corpus", "bbc"), {"quotes": 0, **dict.fromkeys(counts, 0)})
            total["quotes"] += n
            for k, v in counts.items():
                total[k] += v
    for corpus, total in held_out.items():
        n = total.pop("quotes")
        out[f"held out, {corpus}"] = {"quotes": n, **{k: f"{v}/{n} = {v / n:.3f}" for k, v in total.items()}}
    return out


def table() -> str:
    """Each judged sample as a markdown table: the quote, who the rules said (when drawn),
    who said it, and the judgment."""
    def cell(text) -> str:
        return str(text if text is not None else "—").replace("|", "\\|").replace("\n", " ")

    out = []
    for name, sample in judged().items():
        source = "re3d, " if sample.get("corpus", "bbc") == "re3d" else ""
        out += [f"#### Sample {name} ({source}seed {sample['seed']}, drawn at `{sample['commit']}`)", "",
                "| # | article | quotation | speaker found | who said it | speaker | bounds | note |",
                "|---|---|---|---|---|---|---|---|"]
        for i, r in enumerate(sample["rows"]):
            text = r["text"] if len(r["text"]) <= 70 else r["text"][:67] + "..."
            found = r["rules"][0] if r["rules"][1] else None
            out.append(f"| {i} | {r['article']} | “{cell(text)}” | {cell(found)} | {cell(r['speaker'])} | "
                       f"{'ok' if right_speaker(r['rules'], r['speaker'], r.get('also', ())) else '**wrong**'} | "
                       f"{'ok' if r['boundaries_ok'] else '**wrong**'} | {cell(r['note'])} |")
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    shared = resolve_shared(None)
    if argv[:1] == ["draw"] and 2 <= len(argv) <= 4:
        corpus = argv[2] if len(argv) > 2 else "bbc"
        for row in draw(corpus_dir(shared, corpus), int(argv[1]), corpus, int(argv[3]) if len(argv) > 3 else SIZE):
            print(json.dumps(row, ensure_ascii=False))
        return 0
    if argv[:1] == ["table"]:
        print(table())
        return 0
    if argv[:1] == ["score"]:
        print(json.dumps(score(shared), indent=1))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
