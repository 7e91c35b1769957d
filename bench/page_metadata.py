"""Publication date and author on the article benchmark's 91 development pages, against
hand labels (bench/labels/dev_page_metadata.json): the date and byline each page prints,
read from the page by eye. Where a page admits two readings (a date it prints beside the
one it declares, an agency credited as the author) both are accepted. The pages are read
from the shared folder and go through searcher's pipeline without entities, as saved pages
with no sidecar.

Usage: python bench/page_metadata.py [--shared DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LABELS = REPO / "bench" / "labels" / "dev_page_metadata.json"
sys.path.insert(0, str(REPO))

from searcher.pipeline import extract_files  # noqa: E402


def score(shared: Path, verbose: bool = False) -> dict[str, tuple[int, int]]:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
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
    ap.add_argument("--verbose", action="store_true", help="list every page read wrongly")
    args = ap.parse_args(argv)
    results = score(Path(args.shared), args.verbose)
    for field, (right, total) in results.items():
        print(f"{field}: {right}/{total} ({right / total:.3f})")
    print("SUMMARY " + " ".join(f"{field}={right / total:.3f}" for field, (right, total) in results.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
