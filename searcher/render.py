"""Print results for a person (matches in colour on a terminal, plain text otherwise),
as JSON or CSV for a program, or as a list of paths."""

from __future__ import annotations

import io
import json
import os
import re
from typing import TYPE_CHECKING

import click

from .lean import LazyPattern
from .article import ENTITY_TYPES, Article, Quote, display_title

if TYPE_CHECKING:  # the escaping below serves every command: it must not import the search stack
    from .search.quote_search import QuoteResults
    from .search.searching import Passage, Results

# Characters a terminal acts on rather than shows: C0 controls (ESC begins colour,
# clear-screen and window-title sequences; CR overwrites the line), DEL, C1 controls
# (\x9b is ESC [ to some terminals) and the Unicode line and paragraph separators; and
# the stand-ins Python uses for the bytes of a file name that is not UTF-8, which cannot
# be printed at all.
TERMINAL_CONTROLS = LazyPattern("[\x00-\x1f\x7f-\x9f\u2028\u2029\udc80-\udcff]")
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def terminal_text(text: str, keep: str = "\n\t") -> str:
    """Text from an article, a sidecar or a file name as it may be printed: every control
    character but those in `keep` shown escaped, as \\x1b (a byte of a name that is not
    UTF-8 as \\xe9), so none reaches the terminal (--json escapes them its own way).
    Every text output goes through this."""
    def escaped(m: re.Match) -> str:
        ch = m.group()
        if ch in keep:
            return ch
        code = ord(ch) - 0xDC00 if ord(ch) >= 0xDC80 else ord(ch)
        return _ESCAPES.get(ch) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return TERMINAL_CONTROLS.sub(escaped, text)


def quoted_name(path: str) -> str:
    """A file name for a one-line message: as it is, or in quotes with its control
    characters escaped when it has any (a newline in a name would split the line)."""
    if not TERMINAL_CONTROLS.search(path):
        return path
    return '"' + terminal_text(path.replace("\\", "\\\\").replace('"', '\\"'), keep="") + '"'


# Bold yellow on, then back to the surrounding style (a bold title stays bold).
COLOR_MARK = ("\x1b[1;33m", "\x1b[22;39m")
COLOR_MARK_IN_BOLD = ("\x1b[33m", "\x1b[39m")


def mark(text: str, matches, color: bool, in_bold: bool = False) -> str:
    """`text` with the matched spans in bold yellow on a terminal. Without colour the text
    is left as it is: any marker could also be the text's own (brackets, say), and
    --json gives the spans for programs."""
    if not color:
        return terminal_text(text)
    before, after = COLOR_MARK_IN_BOLD if in_bold else COLOR_MARK
    out, pos = [], 0
    for start, end in matches:
        if start < pos:
            continue
        out += [terminal_text(text[pos:start]), before, terminal_text(text[start:end]), after]
        pos = end
    out.append(terminal_text(text[pos:]))
    return "".join(out)


def mark_passage(passage: Passage, color: bool) -> str:
    return " ".join(mark(passage.text, passage.matches, color).split())


def matching_count(results: Results, number=str) -> str:
    """"4 matching stories (and 2 copies of them)", "6 matching articles (2 of them copies of
    another)" with every copy listed, or "5 matching articles"; `number` writes the counts
    (the web page groups their digits)."""
    total, copies = number(results.total), number(results.copies)
    copy_word = f"cop{'ies' if results.copies != 1 else 'y'}"
    if results.copies and results.all_copies:
        return f"{total} matching article{'s' if results.total != 1 else ''} ({copies} of them {copy_word} of another)"
    if results.copies:
        return f"{total} matching stor{'ies' if results.total != 1 else 'y'} (and {copies} {copy_word} of them)"
    return f"{total} matching article{'s' if results.total != 1 else ''}"


def _count_line(results: Results) -> str:
    shown = len(results.hits)
    line = matching_count(results)
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
                     + ", ".join(f"{terminal_text(value, keep='')} ({n})" for value, n in counts.items()))
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
        title = (mark(hit.title, hit.title_matches, color, in_bold=True) if hit.title
                 else terminal_text(display_title(None, hit.lead)))
        lines.append(f"{rank}. " + (click.style(title, bold=True) if color else title))
        meta = [hit.outlet or "unknown outlet", hit.published or "undated", hit.author,
                str(hit.dateline) if hit.dateline else None]
        score = f" | score {hit.score:.2f}" if hit.score is not None else ""
        lines.append(dim("   " + terminal_text(" | ".join(x for x in meta if x), keep="") + score))
        if hit.url:
            lines.append("   " + terminal_text(hit.url, keep=""))
        lines.append(dim("   " + terminal_text(f"{hit.id} | {display_path(hit.path)}", keep="")))
        for passage in hit.highlights:
            lines.append(f"   ... {mark_passage(passage, color)} ...")
        if hit.copies:
            also = f"   also in: {copies_line(hit.copies)}"
            lines.append(click.style(also, dim=True) if color else also)
        lines.append("")
    lines.append(_count_line(results))
    if results.suggestion:
        lines.append(f"Did you mean: {terminal_text(results.suggestion, keep='')}")
    lines += facets_table(results.facets, color)
    return "\n".join(lines)


# What JSON leaves raw but a terminal may act on (JSON escapes only U+0000 to U+001F).
_JSON_RAW_CONTROLS = LazyPattern("[\x7f-\x9f\u2028\u2029]")


def json_text(value) -> str:
    return _JSON_RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def copies_line(copies: list[dict]) -> str:
    """"CNN (2024-06-21), IBTimes (undated)": where else a story appeared."""
    return ", ".join(f"{c.get('outlet') or 'unknown outlet'} ({c.get('published') or 'undated'})" for c in copies)


def story_text(story: str, copies: list[dict], related: list) -> str:
    """What `show` adds under an article: its copies and its related coverage, with why."""
    lines = [f"story:     {story}", f"copies:    {len(copies) or 'none'}"]
    lines += [f"  - {c.get('outlet') or 'unknown outlet'} | {c.get('published') or 'undated'} | {c['id']} | {display_path(c['path'])}"
              for c in copies]
    lines.append(f"related:   {len(related) or 'none found'}")
    for r in related:
        lines.append(f"  - {r.display_title} ({r.outlet or 'unknown outlet'}, {r.published or 'undated'})")
        lines.append(f"    {r.reason} | {r.id}")
    return terminal_text("\n".join(lines))


def related_text(related: list) -> str:
    if not related:
        return "no related coverage found"
    lines = []
    for rank, r in enumerate(related, 1):
        lines.append(f"{rank}. {r.display_title}")
        lines.append(f"   {r.outlet or 'unknown outlet'} | {r.published or 'undated'} | {display_path(r.path)} | score {r.score:.2f}")
        lines.append(f"   {r.reason} | id {r.id}")
    return terminal_text("\n".join(lines))


def results_json(results: Results) -> str:
    return json_text(results.to_json())


CSV_COLUMNS = ("rank", "score", "title", "outlet", "published", "author", "url", "path", "id", "passage")


# A cell a spreadsheet would run as a formula (OWASP's list); a quote before it keeps it text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv(header, rows, spreadsheet_safe: bool = False) -> str:
    """CSV with a header. Control characters are escaped as in the text output (a CSV is
    often looked at in a terminal); `spreadsheet_safe`, for a file people open in a
    spreadsheet: text that would start a formula is prefixed with a quote."""
    import csv  # here: only CSV output needs it

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        cells = [terminal_text(str(cell), keep="") for cell in row]
        if spreadsheet_safe:
            cells = [f"'{c}" if c.startswith(FORMULA_START) else c for c in cells]
        writer.writerow(cells)
    return out.getvalue()


def results_csv(results: Results, spreadsheet_safe: bool = False) -> str:
    """One row per hit, with a header; `passage` is the first passage, on one line."""
    return _csv(CSV_COLUMNS, ([rank, "" if hit.score is None else round(hit.score, 4), hit.title or "",
                               hit.outlet or "", hit.published or "", hit.author or "", hit.url or "", hit.path,
                               hit.id, " ".join(hit.highlights[0].text.split()) if hit.highlights else ""]
                              for rank, hit in _ranks(results)), spreadsheet_safe)


def facets_csv(facets: dict[str, dict[str, int]]) -> str:
    """One row per facet value, with a header: facet, value, count, in the order shown."""
    return _csv(("facet", "value", "count"), ([name, value, n] for name, counts in facets.items()
                                              for value, n in counts.items()))


def results_paths(results: Results) -> str:
    """The hits' paths, one a line, as the text output shows them."""
    return "".join(f"{quoted_name(display_path(hit.path))}\n" for hit in results.hits)



def timeline(results: Results) -> dict:
    """The matching articles by publication month, every month from the first to the last
    (zeros included), and how many have no date: `timeline --json` and the web page's chart."""
    from .dates import month_series  # here: its patterns cost a query's import time

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
    return json_text(article.to_json())


def quote_line(quote: Quote, color: bool, matches=()) -> str:
    """“The quoted words” -- speaker (cue), on one line; "(partial)" when worked into the
    writer's sentence."""
    text = "“" + " ".join(mark(quote.text, matches, color).split()) + "”"
    speaker = terminal_text(quote.speaker or "unattributed", keep="")
    if color and quote.named:
        speaker = click.style(speaker, bold=True)
    source = f"{speaker} ({terminal_text(quote.cue, keep='')})" if quote.cue and quote.speaker else speaker
    return f"{text} -- {source}" + (" (partial)" if quote.partial else "")


def article_text(article: Article, explain: bool = False) -> str:
    return terminal_text(_article_text(article, explain))


def _article_text(article: Article, explain: bool) -> str:
    lines = [f"== {display_path(article.path)}", f"title:     {article.display_title}",
             f"outlet:    {article.outlet or '-'}", f"published: {article.published or '-'}",
             f"author:    {article.author or '-'}", f"dateline:  {article.dateline or '-'}",
             f"url:       {article.url or '-'}"]
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
    for rank, hit in _ranks(results):
        lines.append(f"{rank}. {quote_line(hit.quote, color, hit.matches)}")
        detail = terminal_text(" | ".join(x for x in (hit.display_title, hit.outlet or "unknown outlet",
                                                      hit.published or "undated", display_path(hit.path)) if x), keep="")
        lines += [("   " + click.style(detail, dim=True)) if color else f"   {detail}", ""]
    shown = len(results.hits)
    count = f"{results.total} matching quotation{'s' if results.total != 1 else ''}"
    if shown and shown < results.total:
        count += f", showing {(results.page - 1) * results.limit + 1}-{(results.page - 1) * results.limit + shown}"
    lines.append(count)
    lines += facets_table({"speaker": results.speakers}, color)
    return "\n".join(lines)


def quotes_json(results: QuoteResults) -> str:
    return json_text(results.to_json())
