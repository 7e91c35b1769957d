#!/usr/bin/env python3
"""How many pages a second the text cleaner handles, on one core, without entities.

Usage: python bench/clean_speed.py [--dir DIR] [--repeat N] [--html]

DIR holds html/<key>.html.gz pages (the article-extraction benchmark's layout; default:
/work/shared/bench/article-extraction/dev). Each page is turned into plain text the way a
naive scraper saves it (all visible text, one block a line), then `clean_text` runs on all
of them N times. With --html, `clean_html` runs on the pages themselves instead.
Prints CPU-time pages/s, the best of the N runs.
"""
import argparse
import gzip
import re
import time
from pathlib import Path

from bs4 import BeautifulSoup

from searcher.clean import clean_text
from searcher.html import clean_html

DEFAULT_DIR = Path("/work/shared/bench/article-extraction/dev")


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template", "svg"]):
        tag.decompose()
    lines = (re.sub(r"\s+", " ", line).strip() for line in soup.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line)


def pages_per_second(clean, pages: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for page in pages:
            clean(page)
        best = min(best, time.process_time() - started)
    return len(pages) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--html", action="store_true", help="time clean_html on the pages as they are")
    args = parser.parse_args()
    pages = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
             for p in sorted((args.dir / "html").glob("*.html.gz"))]
    if args.html:
        print(f"clean_html: {pages_per_second(clean_html, pages, args.repeat):.0f} pages/s "
              f"({len(pages)} pages as HTML, CPU time, one core)")
        return
    texts = [visible_text(page) for page in pages]
    print(f"clean_text: {pages_per_second(clean_text, texts, args.repeat):.0f} pages/s "
          f"({len(texts)} pages as plain text, CPU time, one core)")


if __name__ == "__main__":
    main()
