"""Print results for a person (colour on a terminal, plain markers when piped) or as
JSON for a program."""

from __future__ import annotations

import csv
import io
import json

import click

from .article import ENTITY_TYPES, Article, display_title
from .dates import month_series
from .search import Passage, Results

PLAIN_MARK = ("[", "]")


# Bold yellow on, then back to the surrounding style (a bold title stays bold).
COLOR_MARK = ("\x1b[1;33m", "\x1b[22;39m")
COLOR_MARK_IN_BOLD = ("\x1b[33m", "\x1b[39m")


def mark(text: str, matches, color: bool, in_bold: bool = False) -> str:
    """`text` with the matched spans in bold yellow on a terminal, or in [brackets]."""
    before, after = (COLOR_MARK_IN_BOLD if in_bold else COLOR_MARK) if color else PLAIN_MARK
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


def results_text(results: Results, color: bool) -> str:
    lines = []
    for rank, hit in enumerate(results.hits, (results.page - 1) * results.limit + 1):
        title = mark(hit.title, hit.title_matches, color, in_bold=True) if hit.title else display_title(None, hit.lead)
        lines.append(f"{rank}. " + (click.style(title, bold=True) if color else title))
        meta = " | ".join(x for x in (hit.outlet or "unknown outlet", hit.published or "undated", hit.author) if x)
        detail = f"   {meta} | {hit.path}" + (f" | score {hit.score:.2f}" if hit.score is not None else "")
        lines.append(click.style(detail, dim=True) if color else detail)
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
# A cell a spreadsheet would run as a formula (OWASP's list); a quote before it keeps it text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def results_csv(results: Results, spreadsheet_safe: bool = False) -> str:
    """One row per hit (its first passage, plain); `spreadsheet_safe` for a file people open
    in a spreadsheet: text that would start a formula is prefixed with a quote."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for rank, hit in enumerate(results.hits, (results.page - 1) * results.limit + 1):
        passage = " ".join(hit.highlights[0].text.split()) if hit.highlights else ""
        row = [rank, "" if hit.score is None else round(hit.score, 4), hit.title or "", hit.outlet or "",
               hit.published or "", hit.author or "", hit.url or "", hit.path, hit.id, passage]
        if spreadsheet_safe:
            row = [f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_START) else v for v in row]
        writer.writerow(row)
    return out.getvalue()


def timeline(results: Results) -> dict:
    """The matching articles by publication month, every month from the first to the last
    (zeros included), and how many have no date: `timeline --json` and the web page's chart."""
    months = dict(month_series(results.facets.get("month", {})))
    return {"query": results.query, "total": results.total, "undated": results.total - sum(months.values()),
            "months": months}


BAR_WIDTH = 50  # characters of the longest bar
_EIGHTHS = " ▏▎▍▌▋▊▉"


def timeline_text(results: Results, color: bool) -> str:
    """A bar chart, one line per month: the longest bar BAR_WIDTH characters, drawn to an
    eighth of a character."""
    data = timeline(results)
    most = max(data["months"].values(), default=0)
    lines = []
    for month, n in data["months"].items():
        eighths = round(n / most * BAR_WIDTH * 8) if most else 0
        if n and not eighths:
            eighths = 1  # a month with articles never looks empty
        bar = ("█" * (eighths // 8) + _EIGHTHS[eighths % 8].strip()).ljust(BAR_WIDTH)
        lines.append(f"{click.style(month, dim=True) if color else month}  {bar}  {n}")
    count = f"{data['total']} matching article{'s' if data['total'] != 1 else ''}"
    if data["undated"]:
        count += f", {data['undated']} of them undated (not shown)"
    return "\n".join(lines + [count])


def article_json(article: Article) -> str:
    return json.dumps(article.to_json(), ensure_ascii=False)


def article_text(article: Article, explain: bool = False) -> str:
    lines = [f"== {article.path}", f"title:     {article.display_title}",
             f"outlet:    {article.outlet or '-'}", f"published: {article.published or '-'}",
             f"author:    {article.author or '-'}"]
    for typ in ENTITY_TYPES:
        lines.append(f"{typ + ':':<10} {', '.join(article.entities.get(typ, [])) or '-'}")
    lines += ["", article.body, ""]
    if explain:
        lines.append(f"removed {len(article.removed)} block(s):")
        lines += [f"  - [{r.reason}] {r.text[:100]}" for r in article.removed]
    return "\n".join(lines)
