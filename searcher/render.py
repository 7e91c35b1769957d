"""Print results for a person (colour on a terminal, plain markers when piped) or as
JSON for a program."""

from __future__ import annotations

import json

import click

from .article import ENTITY_TYPES, Article, display_title
from .search import Passage, Results

PLAIN_MARK = ("[", "]")


def mark_passage(passage: Passage, color: bool) -> str:
    """The passage with its matched words in bold yellow on a terminal, or in [brackets]."""
    out, pos = [], 0
    for start, end in passage.matches:
        if start < pos:
            continue
        out.append(passage.text[pos:start])
        word = passage.text[start:end]
        out.append(click.style(word, fg="yellow", bold=True) if color else f"{PLAIN_MARK[0]}{word}{PLAIN_MARK[1]}")
        pos = end
    out.append(passage.text[pos:])
    return " ".join("".join(out).split())


def results_text(results: Results, color: bool) -> str:
    lines = []
    for rank, hit in enumerate(results.hits, 1):
        title = display_title(hit.title, hit.lead)
        lines.append(f"{rank}. " + (click.style(title, bold=True) if color else title))
        meta = " | ".join(x for x in (hit.outlet or "unknown outlet", hit.published or "undated", hit.author) if x)
        detail = f"   {meta} | {hit.path} | score {hit.score:.2f}"
        lines.append(click.style(detail, dim=True) if color else detail)
        for passage in hit.highlights:
            lines.append(f"   ... {mark_passage(passage, color)} ...")
        lines.append("")
    shown = len(results.hits)
    lines.append(f"{results.total} matching article{'s' if results.total != 1 else ''}"
                 + (f", showing {shown}" if shown < results.total else ""))
    for name, counts in results.facets.items():
        if counts:
            lines.append(f"{name}: " + ", ".join(f"{value} ({n})" for value, n in counts.items()))
    return "\n".join(lines)


def results_json(results: Results) -> str:
    return json.dumps(results.to_json(), ensure_ascii=False)


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
