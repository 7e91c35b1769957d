"""What every view shares: rendering a template, and the template filters that turn
article text into HTML (escaped piece by piece, matched words in <mark>)."""

from __future__ import annotations

import calendar
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ...article import display_title
from starlette.requests import Request
from starlette.responses import HTMLResponse


def marked(text: str | None, spans=()) -> Markup:
    """`text` escaped, with the spans (start, end) a query matched in <mark>. Built from
    escaped pieces, so nothing in the text can open a tag."""
    if not text:
        return Markup("")
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out += [escape(text[pos:start]), Markup("<mark>"), escape(text[start:end]), Markup("</mark>")]
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def web_url(url: str | None) -> str | None:
    """The URL if it is one a link may safely go to (http or https with a host); None
    for javascript:, data: and anything else."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def period_label(value: str) -> str:
    """'2023-06' -> 'June 2023'; a year or a day as it is."""
    if len(value) == 7:
        return f"{calendar.month_name[int(value[5:])]} {value[:4]}"
    return value


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else words or word + 's'}"


FILTERS = {"marked": marked, "web_url": web_url, "period_label": period_label, "plural": plural,
           "display_title": lambda lead: display_title(None, lead or "")}


def render(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
    env = request.app.state.templates
    # the header's search box shows the query the page was asked for, unless the view says
    html = env.get_template(name).render({"request": request, "q": request.query_params.get("q", ""), **context})
    return HTMLResponse(html, status_code=status)
