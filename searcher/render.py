"""Print results for a person (matches in colour on a terminal, plain text otherwise),
as JSON or CSV for a program, or as a list of paths."""

from __future__ import annotations

import csv
import io
import json
import os

import click

from .article import ENTITY_TYPES, Article, display_title
from .search import Passage, Results


# Bold yellow on, then back to the surrounding style (a bold title stays bold).
COLOR_MARK = ("\x1b[1;33m", "\x1b[22;39m")
COLOR_MARK_IN_BOLD = ("\x1b[33m", "\x1b[39m")


def mark(text: str, matches, color: bool, in_bold: bool = False) -> str:
    """`text` with the matched spans in bold yellow on a terminal. Without colour the text
    is left as it is: any marker could also be the text's own (brackets, say), and
    --json gives the spans for programs."""
    if not color:
        return text
    before, after = COLOR_MARK_IN_BOLD if in_bold else COLOR_MARK
    out, pos = [], 0
    for start, end in matches:
        if start < pos:
            continue
        out += [text[pos:start], before, text[start:end], after]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def mark_passage(passage: Passage, color: bool) -> str:
    return " ".join(mark(passage.text, passage.matches, color).split())


def _count_line(results: Results) -> str:
    shown = len(results.hits)
    line = f"{results.total} matching article{'s' if results.total != 1 else ''}"
    if shown and shown < results.total:
        first = (results.page - 1) * results.limit + 1
        line += f", showing {first}-{first + shown - 1}" if results.page > 1 else f", showing {shown}"
    elif not shown and results.total:
        line += f"; page {results.page} is past the last"
    return line


def facets_table(facets: dict[str, dict[str, int]], color: bool) -> list[str]:
    """One line per facet: its name, then values with their counts, most first."""
    rows = [(name, counts) for name, counts in facets.items() if counts]
    width = max((len(name) for name, _ in rows), default=0) + 1
    lines = []
    for name, counts in rows:
        label = f"{name + ':':<{width}}"
        lines.append((click.style(label, dim=True) if color else label) + "  "
                     + ", ".join(f"{value} ({n})" for value, n in counts.items()))
    return lines


def display_path(path: str) -> str:
    """A path as the user would type it here: relative below the current directory, else as stored."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return path
    return path if relative.startswith("..") else relative


def _ranks(results: Results):
    return enumerate(results.hits, (results.page - 1) * results.limit + 1)


def results_text(results: Results, color: bool) -> str:
    """Each hit: rank and title; outlet, date, author, dateline and score; its URL; its id
    (for `searcher show`) and path; then its passages."""
    lines = []

    def dim(line: str) -> str:
        return click.style(line, dim=True) if color else line

    for rank, hit in _ranks(results):
        title = mark(hit.title, hit.title_matches, color, in_bold=True) if hit.title else display_title(None, hit.lead)
        lines.append(f"{rank}. " + (click.style(title, bold=True) if color else title))
        meta = [hit.outlet or "unknown outlet", hit.published or "undated", hit.author, hit.dateline,
                f"score {hit.score:.2f}" if hit.score is not None else None]
        lines.append(dim("   " + " | ".join(x for x in meta if x)))
        if hit.url:
            lines.append(f"   {hit.url}")
        lines.append(dim(f"   {hit.id} | {display_path(hit.path)}"))
        for passage in hit.highlights:
            lines.append(f"   ... {mark_passage(passage, color)} ...")
        lines.append("")
    lines.append(_count_line(results))
    if results.suggestion:
        lines.append(f"Did you mean: {results.suggestion}")
    lines += facets_table(results.facets, color)
    return "\n".join(lines)


def results_json(results: Results) -> str:
    return json.dumps(results.to_json(), ensure_ascii=False)


CSV_COLUMNS = ("rank", "score", "title", "outlet", "published", "author", "url", "path", "id", "passage")


def _csv(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def results_csv(results: Results) -> str:
    """One row per hit, with a header; `passage` is the first passage, on one line."""
    return _csv(CSV_COLUMNS, ([rank, "" if hit.score is None else round(hit.score, 4), hit.title or "",
                               hit.outlet or "", hit.published or "", hit.author or "", hit.url or "", hit.path,
                               hit.id, " ".join(hit.highlights[0].text.split()) if hit.highlights else ""]
                              for rank, hit in _ranks(results)))


def facets_csv(facets: dict[str, dict[str, int]]) -> str:
    """One row per facet value, with a header: facet, value, count, in the order shown."""
    return _csv(("facet", "value", "count"), ([name, value, n] for name, counts in facets.items()
                                              for value, n in counts.items()))


def results_paths(results: Results) -> str:
    """The hits' paths, one a line, as the text output shows them."""
    return "".join(f"{display_path(hit.path)}\n" for hit in results.hits)


def article_json(article: Article) -> str:
    return json.dumps(article.to_json(), ensure_ascii=False)


def article_text(article: Article, explain: bool = False) -> str:
    lines = [f"== {display_path(article.path)}", f"title:     {article.display_title}",
             f"outlet:    {article.outlet or '-'}", f"published: {article.published or '-'}",
             f"author:    {article.author or '-'}", f"url:       {article.url or '-'}"]
    for typ in ENTITY_TYPES:
        lines.append(f"{typ + ':':<10} {', '.join(article.entities.get(typ, [])) or '-'}")
    lines += ["", article.body, ""]
    if explain:
        lines.append(f"removed {len(article.removed)} block(s):")
        lines += [f"  - [{r.reason}] {r.text[:100]}" for r in article.removed]
    return "\n".join(lines)
