"""Metadata against hand labels: the dates a story mentions without a year, and the
publication date and author of the development pages. Labels live in bench/labels/ and
say where things are in the shared texts, which are read from ../shared at run time
(nothing is copied here). See docs/metadata.md for the figures and what they mean.

Mentioned dates (bench/labels/mentioned_dates.json): each label names a text (a dev
page's true article body, a seed article, a re3d document, a BBC article), where the
mention starts in it and what it reads, and either the true date (texts whose publication
date is known: the dev pages and three seeds) or, for texts with no publication date,
which way from publication the date lies ("past", "future", or "today", which either way
is right). A label of null is a word that is no date of its own: a named day ("Black
Friday") or a weekday printed with its date. Figures: dates right where the publication
date is known; directions right where it is not (the one read from the sentence, or the
one fallen back to), on the labels the rules were written with and on BBC sentences
labelled afterwards ("held out"). Mentions that start a line (the items of two tour-date
lists, mostly) are also counted apart, so that two pages do not decide the figure.

Pages (bench/labels/dev_page_metadata.json): the date and byline each of the article
benchmark's 91 development pages prints, read by eye; where a page admits two readings (a
printed date beside the declared one, an agency credited as author) both are accepted.
The pages go through searcher's pipeline without entities, as saved pages with no sidecar.

Usage: python bench/metadata_accuracy.py [--shared DIR] [--only mentions|pages] [--verbose]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from collections import defaultdict
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MENTION_LABELS = REPO / "bench" / "labels" / "mentioned_dates.json"
PAGE_LABELS = REPO / "bench" / "labels" / "dev_page_metadata.json"
sys.path.insert(0, str(REPO))

from searcher.dates import AHEAD, BACK, WEEKDAYS, date_mentions  # noqa: E402
from searcher.extract.pipeline import extract_files  # noqa: E402


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


def score_mentions(shared: Path, verbose: bool = False) -> dict:
    labels = json.loads(MENTION_LABELS.read_text(encoding="utf-8"))
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


def score_pages(shared: Path, verbose: bool = False) -> dict[str, tuple[int, int]]:
    labels = json.loads(PAGE_LABELS.read_text(encoding="utf-8"))
    pages = shared / "bench" / "article-extraction" / "dev" / "html"
    right = {"published": 0, "author": 0}
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for key in labels:
            path = Path(tmp) / f"{key}.html"
            path.write_bytes(gzip.decompress((pages / f"{key}.html.gz").read_bytes()))
            paths.append(path)
        for article in extract_files(paths, entities=False):
            truth = labels[Path(article.path).stem]
            got = {"published": article.published.isoformat() if article.published else None,
                   "author": article.author}
            for field in right:
                if got[field] in truth[field]:
                    right[field] += 1
                elif verbose:
                    print(f"  MISS {Path(article.path).stem[:12]} {field}: got {got[field]}, truth {truth[field]}")
    return {field: (count, len(labels)) for field, count in right.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--only", choices=("mentions", "pages"), help="score one of the two")
    ap.add_argument("--verbose", action="store_true", help="list every label read wrongly")
    args = ap.parse_args(argv)
    shared, summary = Path(args.shared), []
    if args.only != "pages":
        results = score_mentions(shared, args.verbose)
        dated = [results.get(k, (0, 0)) for k in ("dated", "dated, list lines")]
        results["dated, all"] = (sum(r for r, _ in dated), sum(t for _, t in dated))
        summary += [("mentions_dated", "dated, all"), ("mentions_dated_without_lists", "dated"),
                    ("mentions_direction", "direction"), ("mentions_held_out_direction", "direction, held out")]
    else:
        results = {}
    if args.only != "mentions":
        results |= score_pages(shared, args.verbose)
        summary += [("published", "published"), ("author", "author")]
    for kind, (right, total) in results.items():
        print(f"{kind}: {right}/{total} ({right / total:.3f})")
    print("SUMMARY " + " ".join(f"{name}={results[kind][0] / results[kind][1]:.3f}" for name, kind in summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
