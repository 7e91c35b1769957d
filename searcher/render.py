"""Print results for a person (colour on a terminal, plain markers when piped) or as
JSON for a program."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import click

from .article import ENTITY_TYPES, Article, display_title

if TYPE_CHECKING:  # the escaping below serves every command: it must not import the search stack
    from .search import Passage, Results

PLAIN_MARK = ("[", "]")

# Characters a terminal acts on rather than shows: C0 controls (ESC begins colour,
# clear-screen and window-title sequences; CR overwrites the line), DEL, C1 controls
# (\x9b is ESC [ to some terminals) and the Unicode line and paragraph separators; and
# the stand-ins Python uses for the bytes of a file name that is not UTF-8, which cannot
# be printed at all.
TERMINAL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\udc80-\udcff]")
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
    """`text` with the matched spans in bold yellow on a terminal, or in [brackets]."""
    before, after = (COLOR_MARK_IN_BOLD if in_bold else COLOR_MARK) if color else PLAIN_MARK
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
                     + ", ".join(f"{terminal_text(value, keep='')} ({n})" for value, n in counts.items()))
    return lines


def results_text(results: Results, color: bool) -> str:
    lines = []
    for rank, hit in enumerate(results.hits, (results.page - 1) * results.limit + 1):
        title = (mark(hit.title, hit.title_matches, color, in_bold=True) if hit.title
                 else terminal_text(display_title(None, hit.lead)))
        lines.append(f"{rank}. " + (click.style(title, bold=True) if color else title))
        meta = " | ".join(x for x in (hit.outlet or "unknown outlet", hit.published or "undated", hit.author) if x)
        detail = terminal_text(f"   {meta} | {hit.path}", keep="") + (f" | score {hit.score:.2f}" if hit.score is not None else "")
        lines.append(click.style(detail, dim=True) if color else detail)
        for passage in hit.highlights:
            lines.append(f"   ... {mark_passage(passage, color)} ...")
        lines.append("")
    lines.append(_count_line(results))
    if results.suggestion:
        lines.append(f"Did you mean: {terminal_text(results.suggestion, keep='')}")
    lines += facets_table(results.facets, color)
    return "\n".join(lines)


# What JSON leaves raw but a terminal may act on (JSON escapes only U+0000 to U+001F).
_JSON_RAW_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029]")


def json_text(value) -> str:
    return _JSON_RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def results_json(results: Results) -> str:
    return json_text(results.to_json())


def article_json(article: Article) -> str:
    return json_text(article.to_json())


def article_text(article: Article, explain: bool = False) -> str:
    return terminal_text(_article_text(article, explain))


def _article_text(article: Article, explain: bool) -> str:
    lines = [f"== {article.path}", f"title:     {article.display_title}",
             f"outlet:    {article.outlet or '-'}", f"published: {article.published or '-'}",
             f"author:    {article.author or '-'}", f"dateline:  {article.dateline or '-'}"]
    for typ in ENTITY_TYPES:
        lines.append(f"{typ + ':':<10} {', '.join(article.entities.get(typ, [])) or '-'}")
    lines += ["", article.body, ""]
    if explain:
        lines.append(f"removed {len(article.removed)} block(s):")
        lines += [f"  - [{r.reason}] {r.text[:100]}" for r in article.removed]
    return "\n".join(lines)
