"""Print results for a person (colour on a terminal, plain markers when piped) or as
JSON for a program."""

from __future__ import annotations

import json
import re

import click

from .article import ENTITY_TYPES, Article, Quote, display_title
from .quote_search import QuoteResults
from .search import Passage, Results

PLAIN_MARK = ("[", "]")


# Bold yellow on, then back to the surrounding style (a bold title stays bold).
COLOR_MARK = ("\x1b[1;33m", "\x1b[22;39m")
COLOR_MARK_IN_BOLD = ("\x1b[33m", "\x1b[39m")


def mark(text: str, matches, color: bool, in_bold: bool = False, escape=str) -> str:
    """`text` with the matched spans in bold yellow on a terminal, or in [brackets]; each
    piece of the text passed through `escape` (the marks are not)."""
    before, after = (COLOR_MARK_IN_BOLD if in_bold else COLOR_MARK) if color else PLAIN_MARK
    out, pos = [], 0
    for start, end in matches:
        if start < pos:
            continue
        out += [escape(text[pos:start]), before, escape(text[start:end]), after]
        pos = end
    out.append(escape(text[pos:]))
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


def article_json(article: Article) -> str:
    return json.dumps(article.to_json(), ensure_ascii=False)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Article text made safe for a terminal: control characters (an escape sequence
    would recolour or rewrite the screen) shown as \\xNN."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def quote_line(quote: Quote, color: bool, matches=()) -> str:
    """“The quoted words” -- speaker (cue), on one line; "(partial)" when worked into the
    writer's sentence."""
    # marked first (the match offsets are the quote's), then made printable piece by piece
    text = "“" + " ".join(mark(quote.text, matches, color, escape=printable).split()) + "”"
    speaker = printable(quote.speaker or "unattributed")
    if color and quote.named:
        speaker = click.style(speaker, bold=True)
    source = f"{speaker} ({printable(quote.cue)})" if quote.cue and quote.speaker else speaker
    return f"{text} -- {source}" + (" (partial)" if quote.partial else "")


def article_text(article: Article, explain: bool = False) -> str:
    lines = [f"== {article.path}", f"title:     {article.display_title}",
             f"outlet:    {article.outlet or '-'}", f"published: {article.published or '-'}",
             f"author:    {article.author or '-'}"]
    for typ in ENTITY_TYPES:
        lines.append(f"{typ + ':':<10} {', '.join(article.entities.get(typ, [])) or '-'}")
    lines += ["", article.body, ""]
    if article.quotes:
        lines.append(f"quotes ({len(article.quotes)}):")
        lines += [f"  - {quote_line(q, color=False)}" for q in article.quotes]
        lines.append("")
    if explain:
        lines.append(f"removed {len(article.removed)} block(s):")
        lines += [f"  - [{r.reason}] {r.text[:100]}" for r in article.removed]
    return "\n".join(lines)


def quotes_text(results: QuoteResults, color: bool) -> str:
    """Each quotation with its speaker, then its article's title, outlet, date and path (as
    `searcher query` prints it, and `show` takes it)."""
    lines = []
    for rank, hit in enumerate(results.hits, (results.page - 1) * results.limit + 1):
        lines.append(f"{rank}. {quote_line(hit.quote, color, hit.matches)}")
        detail = printable(" | ".join(x for x in (hit.display_title, hit.outlet or "unknown outlet",
                                                  hit.published or "undated", hit.path) if x))
        lines += [("   " + click.style(detail, dim=True)) if color else f"   {detail}", ""]
    shown = len(results.hits)
    count = f"{results.total} matching quotation{'s' if results.total != 1 else ''}"
    if shown and shown < results.total:
        count += f", showing {(results.page - 1) * results.limit + 1}-{(results.page - 1) * results.limit + shown}"
    lines.append(count)
    lines += facets_table({"speaker": results.speakers}, color)
    return "\n".join(lines)


def quotes_json(results: QuoteResults) -> str:
    return json.dumps(results.to_json(), ensure_ascii=False)
