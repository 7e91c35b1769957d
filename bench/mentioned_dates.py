"""How well searcher resolves the dates a story mentions without a year ("June 9",
"on Friday", "in May"): against hand labels of real sentences (bench/labels/
mentioned_dates.json), read from the shared texts at run time (nothing is copied here).

Labels name a text (a development page's true article body, a seed article, a re3d
document, a BBC article), where the mention starts in it, what it reads, and either the
true date (for texts whose publication date is known: the dev pages and three seeds), or,
for texts with no publication date, which way from publication the date lies ("past",
"future", or "today", which either way is right). A label of null is a word that is no
date of its own: a named day ("Black Friday") or a weekday printed with its date.

Two figures: dates right, where the publication date is known; and directions right,
where it is not (the direction searcher read from the sentence, or the one it falls back
to when the sentence says nothing). Lists of tour dates (many lines, one story each) are
also counted apart, so that two pages do not decide the figure.

Usage: python bench/mentioned_dates.py [--shared DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LABELS = REPO / "bench" / "labels" / "mentioned_dates.json"
sys.path.insert(0, str(REPO))

from searcher.dates import AHEAD, BACK, WEEKDAYS, date_mentions  # noqa: E402


def load_text(shared: Path, source: str, doc: str, cache: dict) -> str:
    if (source, doc) not in cache:
        if source == "dev":
            if "dev" not in cache:
                cache["dev"] = json.loads((shared / "bench/article-extraction/dev/ground-truth.json").read_text())
            cache[(source, doc)] = cache["dev"][doc]["articleBody"]
        else:
            folder = {"seeds": shared / "seeds", "re3d": shared / "corpora/re3d", "bbc": shared / "corpora/bbc"}[source]
            name = doc if source != "seeds" else f"{doc}.txt"
            cache[(source, doc)] = (folder / name).read_text(encoding="utf-8", errors="replace")
    return cache[(source, doc)]


def form(mention: str) -> str:
    """"weekday" ("Friday"), "month" ("in May") or "month-day" ("June 9", "9 June")."""
    words = mention.lower().split()
    if words[-1] in WEEKDAYS:
        return "weekday"
    return "month-day" if any(w.rstrip("stndrh").isdigit() for w in words) else "month"


def in_a_list(text: str, offset: int) -> bool:
    """A line that starts with the date: an item of a list of dates."""
    return offset == 0 or text[offset - 1] == "\n" or text[max(0, offset - 3):offset].strip() == ""


def score(shared: Path, verbose: bool = False) -> dict:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    cache: dict = {}
    by_doc: dict[tuple, list] = defaultdict(list)
    for label in labels:
        by_doc[(label["source"], label["doc"], label["published"])].append(label)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (source, doc, published), items in by_doc.items():
        text = load_text(shared, source, doc, cache)
        pub = date.fromisoformat(published) if published else None
        found = {m.start: m for m in date_mentions(text, pub or date(2000, 1, 1))}
        for label in items:
            mention = found.get(label["offset"])
            truth = label["truth"]
            if pub:
                got = mention.dates[0].isoformat() if mention and mention.dates else None
                right = got == truth
                kind = "dated, list lines" if in_a_list(text, label["offset"]) and truth else "dated"
            else:
                got = ({AHEAD: "future", BACK: "past"}.get(mention.looking, "past (default)")
                       if mention else None)
                right = truth == "today" or (got or "").startswith(truth)
                kind = "direction" if label.get("set") != "held-out" else "direction, held out"
            counts[kind][0] += right
            counts[kind][1] += 1
            for part in (f"{kind} [{source}]", f"{kind} [{form(label['text'])}]"):
                counts[part][0] += right
                counts[part][1] += 1
            if verbose and not right:
                snippet = " ".join(text[max(0, label["offset"] - 90):label["offset"] + 40].split())
                print(f"  MISS {source} {doc[:12]} {label['text']!r}: got {got}, truth {truth} | {snippet}")
    return {kind: (right, total) for kind, (right, total) in sorted(counts.items())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--verbose", action="store_true", help="list every mention resolved wrongly")
    args = ap.parse_args(argv)
    results = score(Path(args.shared), args.verbose)
    for kind, (right, total) in results.items():
        print(f"{kind}: {right}/{total} ({right / total:.3f})")
    dated = [results.get(k, (0, 0)) for k in ("dated", "dated, list lines")]
    right, total = sum(r for r, _ in dated), sum(t for _, t in dated)
    direction, held_out = results.get("direction", (0, 1)), results.get("direction, held out", (0, 1))
    print(f"SUMMARY dated={right / total:.3f} ({right}/{total}) dated_without_lists="
          f"{results.get('dated', (0, 1))[0] / results.get('dated', (0, 1))[1]:.3f} "
          f"direction={direction[0] / direction[1]:.3f} ({direction[0]}/{direction[1]}) "
          f"held_out_direction={held_out[0] / held_out[1]:.3f} ({held_out[0]}/{held_out[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
