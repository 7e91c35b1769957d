"""Find the article in an HTML page and read the metadata the page declares.

The page is parsed once with lxml (libxml2's HTML parser). Then:

1. metadata: OpenGraph/article meta tags and JSON-LD (headline, datePublished, publisher,
   author, section; the JSON-LD articleBody is kept as a signal for finding the story);
2. furniture: scripts, navigation, asides, forms, figures, hidden elements and pop-ups
   (hidden, aria-hidden, display:none, role=tooltip|dialog, a hover card glued to the
   link it belongs to), elements whose class/id/role names a widget (share, comments,
   related, cookie, ...), and elements named as furniture (caption, byline, card, ...)
   that hold at most one story-shaped paragraph go -- except a wrapper that holds most
   of the story, and inline markup inside a paragraph's words (a name that is a tag
   link is part of its sentence, whatever the link is named);
3. the article region: every element is scored by the story-shaped paragraph text close
   under it (a story's paragraphs share a parent; teasers only a distant ancestor), less
   its link text and a little for other scraps, with a bonus for story markup
   (<article>, itemprop=articleBody, class "article-body"); a hidden copy of the story
   counts once; the page's JSON-LD articleBody settles close calls; sibling containers
   with a large share of story text join (a story cut in two by an ad slot);
4. blocks: the region's text is cut at block elements (paragraphs, headings, list items,
   table rows); lists of links (by their link density) and paragraphs that are only a
   link go;
5. the plain-text cleaner (`searcher.extract.clean.clean_blocks`, told the blocks are the
   story's region) drops furniture it recognises by its words (widget phrases,
   promotions, notices, sign-offs), and the teaser links under a promotion's heading
   go; a list item, table row or subheading stays against a verdict on its shape (a
   date, a name), and an item of a list of content against any verdict.

Every removal is recorded with its reason for `searcher extract --explain`.

Why lxml rather than BeautifulSoup: building a BeautifulSoup tree (lxml builder) of the
benchmark's pages (~190 kB on average) runs at ~35 pages/s of CPU on its own, below the
cleaner's 50 pages/s bar; lxml builds the same parser's tree about fifteen times faster.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

from lxml import etree

from . import cleaning_evidence as ev
from ..article import Removed
from .clean import BOX_HEADING, SITE_REPEATED, Cleaned, clean_blocks
from .cleaning_evidence import CJK
from ..dates import date_line, names_a_date

# Furniture tags whose text `extract --explain` shows as removed.
_REPORTED_TAGS = ("nav", "header", "footer", "aside", "figure")
# Elements whose end closes a text block.
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "dl", "dd", "dt", "blockquote", "pre", "table", "tr", "thead", "tbody", "tfoot",
    "center", "address", "hr", "br", "body", "html", "form", "fieldset", "details", "summary",
    "caption"})
_CELL_TAGS = frozenset({"td", "th"})
_RUN_TAGS = _BLOCK_TAGS | _CELL_TAGS
# Elements that mark up words inside a paragraph: part of its text, whatever they are named.
_INLINE_TAGS = frozenset({"a", "span", "em", "strong", "b", "i", "u", "s", "small", "sup", "sub", "mark",
                          "abbr", "cite", "q", "time", "code", "del", "ins", "font", "bdi", "bdo", "dfn",
                          "kbd", "var", "data"})

_TOKEN_SPLIT = re.compile(r"[\s_\-:./]+|(?<=[a-z])(?=[A-Z])")
# The same split for names without capitals (most): no camelCase boundary to look for at
# each character, only the separators, which the engine skips to.
_SEPARATORS_SPLIT = re.compile(r"[\s_\-:./]+")
_SENTENCE_END = re.compile(r"[.!?…\"”’)\]:。！？」]\s*$")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# No story paragraph is shorter (a CJK one can be this short).
_MIN_PARAGRAPH_CHARS = 25
# A paragraph this long may be the whole story run together (a copy for a script).
_BLOB_CHARS = 1500
# How many levels above a paragraph its text still counts for a container.
_NEAR_LEVELS = 3
# A JSON-LD articleBody shorter than this (or than half the story found) is a summary.
_ARTICLE_BODY_MIN_CHARS = 200
# What a character of link text and of other non-story text (bylines, labels, captions)
# costs a container, against a character of story text.
_LINK_WEIGHT = 1.0
_SCRAP_WEIGHT = 0.1
# A container beside the story's (up to this many levels up) joins it when it holds at
# least this share of the story's text score.
_SIBLING_LEVELS = 4
_SIBLING_SHARE = 0.2
_WORD = re.compile(r"\w+")

_META_KEYS = {"og:title": "title", "og:site_name": "site_name", "article:published_time": "published",
              "og:url": "url", "author": "author", "article:author": "author", "date": "published",
              "pubdate": "published", "datepublished": "published", "og:description": "description",
              "description": "description", "article:section": "section"}


def parse_html(html: str) -> etree._Element | None:
    """The page's element tree, or None when there is no markup to read."""
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return None
    root, too_deep = _parse(html)
    if too_deep:  # libxml2 drops what lies below 2,048 levels: the containers' tags go, the text stays
        root, _ = _parse(_CONTAINER_TAG.sub(" ", html))
    if root is not None:
        flatten_deep_nesting(root)
    return root


# huge_tree: without it libxml2 stops at 256 levels of nesting or a 10 MB text node (a
# page's inline script), and the story after it is lost. collect_ids off: no table of the
# page's id attributes is built (nothing here looks an element up by its id).
_PARSER_OPTIONS = {"remove_comments": True, "remove_pis": True, "huge_tree": True, "collect_ids": False}


def _parse(html: str) -> tuple[etree._Element | None, bool]:
    """The tree, and whether the page was nested too deeply for libxml2 to read all of it."""
    # etree's plain elements, not lxml.html's: their class is looked up in Python for
    # every element touched.
    parser = etree.HTMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(html, parser)
    except (etree.ParserError, ValueError):
        return None, False
    return root, any("Excessive depth" in e.message for e in parser.error_log)


_CONTAINER_TAG = re.compile(r"</?(?:div|span|section|article|main|aside|font|center|table|tbody|thead|tr|td|th"
                            r"|b|i|u|em|strong|small|big)\b[^>]*>", re.I)
# Real pages nest a few dozen levels deep; the cleaner walks the tree recursively, so
# below this depth containers lose their tags (paragraphs and headings keep theirs).
MAX_NESTING = 200
# Whether an element lies below one at MAX_NESTING (the root at 0) that would be flattened.
_NESTED_TOO_DEEP = etree.XPath("boolean(" + "/*" * (MAX_NESTING + 2) + ")")
_PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "br"}


def flatten_deep_nesting(root: etree._Element) -> None:
    """Keep what is nested deeper than MAX_NESTING as a flat run of paragraphs: the tags
    of the containers around them go (and scripts and styles, whose text is not the
    page's); what is still too deep after that loses its tags, never its text."""
    if not _NESTED_TOO_DEEP(root):  # nearly every page: asked of libxml2, not walked in Python
        return
    stack = [(root, 0)]
    while stack:
        el, depth = stack.pop()
        if depth < MAX_NESTING:
            stack.extend((child, depth + 1) for child in el)
        elif len(el):
            etree.strip_elements(el, "script", "style", with_tail=False)
            etree.strip_tags(el, *({d.tag for d in el.iter() if isinstance(d.tag, str)} - _PARAGRAPH_TAGS))
            if any(len(child) for child in el):  # blocks nested in blocks (lists in lists)
                etree.strip_tags(el, "*")


# --- metadata ---------------------------------------------------------------------

def _json_ld_items(data) -> list[dict]:
    """The objects of a JSON-LD document, with @graph lists flattened."""
    if isinstance(data, list):
        return [item for entry in data for item in _json_ld_items(entry)]
    if isinstance(data, dict):
        return [data, *_json_ld_items(data.get("@graph", []))]
    return []


def _name(value) -> str | None:
    """A JSON-LD person/organisation as its name ("author": {"name": ...} or a list)."""
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) if names else None
    if isinstance(value, dict):
        return _name(value.get("name"))
    return value if isinstance(value, str) else None


# What sites wrap a JSON-LD script's text in: an HTML comment or CDATA section, a ";".
_JSON_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$|;\s*$")
# What a text that one of them wraps starts and ends with, spaces aside.
_WRAPPER_STARTS, _WRAPPER_ENDS = ("/", "<"), (">", ";")
# What may follow the end of a JSON string: a key's colon, a comma, or the end of its container.
_AFTER_STRING = re.compile(r'\s*(?::|\}|\]|$|,\s*(?:["{\[\]}0-9tfn-]|$))')
_CLOSING = re.compile(r"\s*[}\]]")


def _repair_json(text: str) -> str:
    """The common faults of hand-written JSON mended: trailing commas ("[1, 2, ]"),
    comments, and double quotes left unescaped inside a string (a quotation inside a
    description). A quote ends a string only where JSON could go on after it."""
    out: list[str] = []
    i, n, in_string = 0, len(text), False
    while i < n:
        c = text[i]
        if in_string:
            if c == "\\":
                out.append(text[i:i + 2])
                i += 2
                continue
            if c == '"':
                in_string = not _AFTER_STRING.match(text, i + 1)
                out.append('"' if not in_string else '\\"')
            else:
                out.append(c)
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith(("//", "/*"), i):
            end = text.find("\n" if text[i + 1] == "/" else "*/", i + 2)
            i = n if end < 0 else end + (1 if text[i + 1] == "/" else 2)
            continue
        elif c == "," and _CLOSING.match(text, i + 1):
            pass  # a trailing comma
        else:
            out.append(c)
        i += 1
    return "".join(out)


def lenient_json(text: str):
    """A JSON-LD script's data, read as browsers and search engines read it: control
    characters inside strings, trailing commas, comments, stray quotes, wrappers and
    several documents in a row are tolerated. None when it cannot be read."""
    text = (text or "").strip()
    # The wrappers' pattern is tried at every character: only where one can be (a JSON
    # document starts "{" or "[" and ends "}" or "]").
    if text.startswith(_WRAPPER_STARTS) or text.endswith(_WRAPPER_ENDS):
        text = _JSON_WRAPPERS.sub("", text).strip()
    decoder = json.JSONDecoder(strict=False)  # raw line breaks and tabs inside strings
    for attempt in (text, None):
        if attempt is None:
            attempt = _repair_json(text)
        values, at = [], 0
        try:
            while at < len(attempt):
                value, at = decoder.raw_decode(attempt, at)
                values.append(value)
                while at < len(attempt) and attempt[at] in " \t\r\n;,":
                    at += 1
        except (ValueError, RecursionError):  # RecursionError: nested past what the parser follows
            continue
        return values[0] if len(values) == 1 else values or None
    return None


def page_metadata(root: etree._Element) -> tuple[dict[str, str], str]:
    """Title, site name, publication time, author, URL, description and section that the
    page declares in meta tags and JSON-LD, and the dates and bylines it prints by the
    headline; and the JSON-LD articleBody ('' if none)."""
    meta: dict[str, str] = {}
    article_body = ""

    def put(key: str, value) -> None:
        if not isinstance(value, str) or not value.strip() or key in meta:
            return
        if key == "author" and value.strip().startswith(("http://", "https://")):
            return  # article:author is often the author's profile page, not a name
        meta[key] = " ".join(value.split())

    for tag in root.iter("meta"):
        name = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        if name in _META_KEYS:
            put(_META_KEYS[name], tag.get("content"))
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        for item in _json_ld_items(lenient_json(script.text or "")):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and ("Article" in k or "Posting" in k or k == "WebPage")
                       for k in kinds):
                continue
            put("title", item.get("headline"))
            put("published", item.get("datePublished"))
            put("site_name", _name(item.get("publisher")))
            put("author", _name(item.get("author")))
            put("section", item.get("articleSection") if isinstance(item.get("articleSection"), str) else None)
            body = item.get("articleBody")
            if isinstance(body, str) and len(body) > len(article_body):
                article_body = body
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical":
            put("url", link.get("href"))
    title = next(root.iterdescendants("title"), None)  # (find(".//title") walks the tree in Python)
    if title is not None and title.text:
        put("title", title.text)
    headline = _headline_element(root, meta.get("title", ""))
    near = _near_headline(headline)
    put("marked_published", marked_publication_time(root, near))
    shown_dates, bylines = printed_credits(headline, near)
    # one a line, as printed: searcher.extract.metadata reads them
    meta.update({key: "\n".join(lines) for key, lines in (("shown_dates", shown_dates), ("bylines", bylines))
                 if lines})
    return meta, article_body


# How many elements below the headline the story's own date and byline may sit (earlier
# ones belong to the page's header and menus, much later ones to other stories), and how
# many above it (a date or byline printed over the headline).
_TIME_AFTER_HEADLINE = 200
_CREDITS_BEFORE_HEADLINE = 20
# A byline or date line is short; a longer text is a paragraph or a container of them.
_CREDIT_MAX_CHARS = 150
# How many of each a page metadata record keeps, nearest the headline first.
_CREDITS_KEPT = 3
# class/id/itemprop/rel words of the elements that hold a story's date, and its byline.
_DATE_WORDS = ("date", "time", "publish", "posted", "updated", "byline", "meta")
_BYLINE_WORDS = ("author", "byline", "writer", "contributor")
# A line that credits someone: "By Jane Doe", "Written by ...", "Posted by ...".
_BYLINE_TEXT = re.compile(r"^(?:by|(?:written|posted|words|story|reporting) by|author:)\s", re.I)
# Where credits of other stories and of readers sit: menus, asides, comments, teasers.
_ELSEWHERE_TAGS = ("nav", "aside", "footer")
_ELSEWHERE_WORDS = ("comment", "related", "recommend", "promo", "trending", "popular", "sidebar",
                    "teaser", "outbrain", "taboola", "more")
_DIGIT = re.compile(r"\d")
# Elements that hold no text a reader sees.
_UNSEEN_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link"})


def _headline_element(root: etree._Element, declared: str) -> etree._Element | None:
    """The story's <h1>: of those whose text is in the page's declared title (or holds
    it), the first inside <article> or <main> (a sticky site header may repeat the
    headline above the story), else the first; else the page's first <h1>."""
    lowered = declared.lower()
    h1s = list(root.iter("h1"))
    matching = [h1 for h1 in h1s if lowered and (text := _spaced_text(h1).lower())
                and (text in lowered or lowered in text)]
    in_story = [h1 for h1 in matching if any(a.tag in ("article", "main") for a in h1.iterancestors())]
    return next(iter(in_story or matching or h1s), None)


def _near_headline(headline: etree._Element | None) -> list[etree._Element]:
    """The elements just below the headline, then those just above it, nearest first."""
    if headline is None:
        return []
    return _following(headline, _TIME_AFTER_HEADLINE) + _preceding(headline, _CREDITS_BEFORE_HEADLINE)


# The next two are XPath's following::* and preceding::* cut to the first `n`, walked in
# Python: libxml2 gathers the whole rest of the page before keeping the first few.

def _following(el: etree._Element, n: int) -> list[etree._Element]:
    """The first `n` elements after the element's end, in page order."""
    found: list[etree._Element] = []
    node = el
    while node is not None:
        for sibling in node.itersiblings():
            for after in sibling.iter(etree.Element):
                found.append(after)
                if len(found) >= n:
                    return found
        node = node.getparent()
    return found


def _preceding(el: etree._Element, n: int) -> list[etree._Element]:
    """The last `n` elements that end before the element starts (not its ancestors),
    in page order."""
    found: list[etree._Element] = []  # nearest first
    node = el
    while node is not None and len(found) < n:
        for sibling in node.itersiblings(preceding=True):
            found.extend(reversed(list(sibling.iter(etree.Element))))
            if len(found) >= n:
                break
        node = node.getparent()
    return found[:n][::-1]


# Elements marked itemprop="datePublished" that give a time, in page order: found from
# the attributes: '//*[...]' has libxml2 gather every element of the page, then test each.
_MARKED_PUBLISHED = etree.XPath('//@itemprop[.="datePublished"]/parent::*[@content or @datetime]')


def marked_publication_time(root: etree._Element, near: list[etree._Element]) -> str | None:
    """The publication time the markup gives outside meta tags: an element marked
    itemprop="datePublished", else the first <time datetime> below the headline."""
    for el in _MARKED_PUBLISHED(root):
        return el.get("content") or el.get("datetime")
    return next((el.get("datetime") for el in near if el.tag == "time" and el.get("datetime")), None)


def _short_text(el: etree._Element) -> str | None:
    """The element's text, spaced, or None when it is longer than a credit line."""
    parts, size = [], 0
    for piece in el.itertext():
        size += len(piece)
        if size > 3 * _CREDIT_MAX_CHARS:  # a story container: stop reading early
            return None
        parts.append(piece)
    text = " ".join(" ".join(parts).split())
    return text if text and len(text) <= _CREDIT_MAX_CHARS else None


def _word_start(words: tuple[str, ...]) -> re.Pattern:
    """A name token (split as _TOKEN_SPLIT splits) that starts with one of the words."""
    return re.compile(r"(?:^|[\s_\-:./]|(?<=[a-z])(?=[A-Z]))(?i:" + "|".join(words) + ")")


_DATE_NAME, _BYLINE_NAME, _ELSEWHERE_NAME = map(_word_start, (_DATE_WORDS, _BYLINE_WORDS, _ELSEWHERE_WORDS))
_NOT_NAMED = (False, False, False)
# Any of the words anywhere in names lowercased: a case-insensitive pattern is tried at
# every character, a case-sensitive one skips to where its words can start. Most names
# hold none of the words, and need no more asking.
_ANY_CREDIT_WORD = re.compile("|".join(_DATE_WORDS + _BYLINE_WORDS + _ELSEWHERE_WORDS))


@lru_cache(maxsize=4096)
def _credit_words(names: str) -> tuple[bool, bool, bool]:
    """Whether class/id/itemprop/rel names say: a date or time; an author; a place where
    other stories' or readers' credits sit (comments, related stories)."""
    # (Only for ASCII names does lowercasing match as the case-insensitive patterns do.)
    if names.isascii() and _ANY_CREDIT_WORD.search(names.lower()) is None:
        return _NOT_NAMED
    return (_DATE_NAME.search(names) is not None, _BYLINE_NAME.search(names) is not None,
            _ELSEWHERE_NAME.search(names) is not None)


def _names(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''} {el.get('rel') or ''}"


def _elsewhere(el: etree._Element, headline_holders: set[etree._Element]) -> bool:
    """Whether the element sits in (or is) a menu, an aside, comments or a box of other
    stories that does not also hold the headline (a WordPress <body> is often named
    "sidebar-left", and a story's <article> "has-comments")."""
    for a in (el, *el.iterancestors()):
        if a in headline_holders:
            return False
        if a.tag in _ELSEWHERE_TAGS or _credit_words(_names(a))[2]:
            return True
    return False


def printed_credits(headline: etree._Element | None, near: list[etree._Element]) -> tuple[list[str], list[str]]:
    """The date lines and bylines the page prints by its headline, nearest first (below
    the headline before above it): elements whose markup names a date, a time or an
    author ("article-publish-date", <time>, rel="author", "byline"), or whose text is a
    date line or starts "By ...". Their reading is searcher.extract.metadata's."""
    dates: list[str] = []
    bylines: list[str] = []
    headline_holders = set(headline.iterancestors()) if headline is not None else set()
    for el in near:
        tag = el.tag
        if not isinstance(tag, str) or tag in _UNSEEN_TAGS:
            continue
        attrib = el.attrib
        named_date, named_byline, _ = _credit_words(_names(el)) if attrib else _NOT_NAMED
        named_date = named_date or tag == "time"
        named_byline = named_byline or (attrib.get("rel") == "author" if attrib else False)
        if not (named_date or named_byline):
            own = el.text
            if not own or not (_BYLINE_TEXT.match(own.lstrip()) or (len(el) == 0 and _DIGIT.search(own))):
                continue
        text = _short_text(el)
        if text is None:
            continue
        # (A date line names a date: date_line finds it as names_a_date does, so an element
        # not named for one is asked only whether it is a date line.)
        is_date = (len(dates) < _CREDITS_KEPT and _DIGIT.search(text) is not None
                   and (names_a_date(text) if named_date or named_byline else date_line(text) is not None))
        is_byline = len(bylines) < _CREDITS_KEPT and (named_byline or _BYLINE_TEXT.match(text) is not None)
        if not (is_date or is_byline) or _elsewhere(el, headline_holders):
            continue
        if is_date:
            dates.append(text)
        if is_byline:
            bylines.append(text)
        if len(dates) >= _CREDITS_KEPT and len(bylines) >= _CREDITS_KEPT:
            break
    return dates, bylines


# Elements sharing one widget or furniture name that hold more than this share of the
# page's story text between them, in at least this many separate pieces, are the story's
# (see _names_of_the_story).
_NAMED_STORY_SHARE, _NAMED_STORY_MIN_PARTS = 0.5, 3

# --- furniture --------------------------------------------------------------------

def _hint(el: etree._Element) -> tuple[bool, str, str]:
    """Whether the element's class/id/role names story text; what widget or furniture
    it names ("widget", "furniture" or ""); and the name that says so."""
    names = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}"
    return _names_hint(names) if names.strip() else (False, "", "")


@lru_cache(maxsize=4096)  # a page repeats the same few class names many times
def _names_hint(names: str) -> tuple[bool, str, str]:
    # Plain loops: a page's class names are mostly new to the cache, and this runs for each.
    lowered = names.lower()
    if lowered == names:  # no capitals: nothing to lowercase, no camelCase
        tokens = [t for t in _SEPARATORS_SPLIT.split(names) if t]
    else:
        tokens = [t.lower() for t in _TOKEN_SPLIT.split(names) if t]
    positive = any(t.startswith(ev.POSITIVE_WORDS) for t in tokens)
    for t in tokens:
        if t in ev.WIDGET_TOKENS or t.startswith(ev.WIDGET_WORDS):
            return positive, "widget", t
    for t in tokens:
        if t.startswith(ev.FURNITURE_WORDS):
            return positive, "furniture", t
    return positive, "", ""


def class_weight(el: etree._Element) -> int:
    """+1 when the element's class/id/role names story text, -1 when it names a widget
    or furniture instead."""
    positive, negative, _ = _hint(el)
    return -1 if negative == "widget" or (negative and not positive) else int(positive)


def hidden_reason(el: etree._Element) -> str | None:
    """Why an element is not shown with the page (and so is no part of any sentence
    around it), or None: hidden by attribute or style, or shown only on demand (a tooltip,
    a dialog)."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return "hidden element (hidden or aria-hidden)"
    if (style := el.get("style")) and ev.HIDDEN_STYLE.search(style):
        return "hidden element (display:none)"
    if (role := (el.get("role") or "").lower()) in ev.POPUP_ROLES:
        return f"pop-up shown on demand (role={role})"
    return None


def in_running_text(el: etree._Element) -> bool:
    """Whether an inline element sits inside a paragraph's words (text before or after it
    in the same parent): "The <a>Doobie Brothers</a> will unite ..."."""
    if el.tag not in _INLINE_TAGS:
        return False
    if (el.tail or "").strip():
        return True
    previous = el.getprevious()
    before = previous.tail if previous is not None else el.getparent().text
    return bool((before or "").strip())


def glued_card(el: etree._Element) -> str | None:
    """What makes an inline element a pop-up card (a name's hover card: photo, full name,
    links to other stories), or None. A card follows the link it belongs to with nothing
    between them, which is how it comes to be read into the sentence ("Gov. Kristi
    NoemKristi Lynn NoemSouth Dakota governor ...")."""
    if el.tag not in _INLINE_TAGS:
        return None
    previous, parent = el.getprevious(), el.getparent()
    if previous is not None:  # a link with words (a name), not an image link
        glued = previous.tag == "a" and not previous.tail and bool("".join(previous.itertext()).strip())
    else:
        glued = parent.tag == "a" and bool(parent.text) and not parent.text[-1].isspace()
    if not glued:
        return None
    links = sum(1 for _ in el.iter("a"))
    if any(True for _ in el.iter("img")):
        return "holds an image"
    if links >= 2:
        return f"holds {links} links"
    if any(child.tag in _BLOCK_TAGS for child in el.iter()):
        return "holds a block"
    text = _spaced_text(el)
    return "holds its own text" if len(text) >= ev.CARD_MIN_CHARS and text[:1].isupper() else None


def _holds_popup(el: etree._Element) -> bool:
    """Whether an element holds a pop-up (then it is the pop-up's trigger, whose own words
    belong to the sentence): "<abbr class='tooltip-trigger'>CMAL<span class='tooltip'>...",
    or the wrapper of a linked name and its hover card."""
    for child in el.iterdescendants():
        if hidden_reason(child) or _hint(child)[2].startswith(ev.POPUP_WORDS) or glued_card(child):
            return True
    return False


def _drop(el: etree._Element) -> None:
    """Remove an element but keep the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


# Elements (from the given one down) marked as the story's text, found from the attributes
# (libxml2 tests far fewer attributes than elements), and the tags that name the story.
_MARKED_ARTICLE_BODY = etree.XPath('.//@itemprop[.="articleBody"]/parent::*')
_STORY_TAGS = ("article", "main")


def _is_quotation(el: etree._Element, stats: dict[etree._Element, "_Stats"]) -> bool:
    """Whether the element's text is mostly a <blockquote>: a post or quotation embedded
    in the story (a tweet in its "social-embed" box), which the story quotes."""
    quoted = sum(stats[q].chars for q in el.iter("blockquote"))
    return quoted > 0 and quoted >= 0.6 * stats[el].chars


def _text_content(el: etree._Element) -> str:
    """An element's text run together, as lxml.html's text_content() and "".join(el.itertext())
    give it: serialised by libxml2, several times quicker than either for a short element."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


# An element's pieces of text (its own, its descendants' and their tails), in page order,
# as el.itertext() gives them: gathered in libxml2, not yielded one at a time.
_text_pieces = etree.XPath("descendant::text()", smart_strings=False)


def _spaced_text(el: etree._Element) -> str:
    """An element's text with its pieces kept apart ("Home News", not "HomeNews")."""
    return " ".join(" ".join(_text_pieces(el)).split())


def strip_furniture(root: etree._Element) -> tuple[list[Removed], Measures]:
    """Remove elements that never hold the story: furniture tags, hidden elements,
    elements named as widgets, and elements named as furniture that hold at most one
    story-shaped paragraph; and say what went. A quotation embedded in the story stays;
    so does an element that holds the story's markup (<article>, itemprop=articleBody)
    or half of the page's story text, whatever its name or style says. Also the page's
    measures taken on the way, with the elements the removals changed (for measuring
    the page again quicker: see measure)."""
    removed = [Removed(text, f"page furniture (<{el.tag}>)") for el in root.iter(*_REPORTED_TAGS)
               if not any(a.tag in _REPORTED_TAGS for a in el.iterancestors()) and (text := _spaced_text(el))]
    etree.strip_elements(root, *ev.FURNITURE_TAGS, with_tail=False)
    body = root.find("body")
    body = body if body is not None else root
    measures = measure(body)
    stats = measures.stats
    page_story = stats[body].story_chars
    keep = {body}
    for el in (*body.iter(*_STORY_TAGS), *_MARKED_ARTICLE_BODY(body)):  # not each element tested in Python
        keep.update(el.iterancestors())
        keep.add(el)
    # Most of what goes lies inside something that goes too: judged only where nothing
    # around it goes, unless a name proves to be the story's (its elements stay, and what
    # lies inside them is judged after all).
    outermost = _doomed(stats, keep, page_story, inside_doomed=False)
    if story_names := _names_of_the_story(outermost, stats, page_story):
        outermost = _outermost({el: why for el, why in _doomed(stats, keep, page_story, inside_doomed=True).items()
                                if why not in story_names})
    for el, reason in outermost.items():
        if text := _spaced_text(el):
            removed.append(Removed(text, reason))
        measures.changed.update(el.iterancestors())
        _drop(el)
    return removed, measures


def _doomed(stats: dict[etree._Element, "_Stats"], keep: set[etree._Element], page_story: int,
            inside_doomed: bool) -> dict[etree._Element, str]:
    """The elements (in page order) that are furniture, with the reason; with
    inside_doomed False, only those that no other doomed element holds."""
    doomed: dict[etree._Element, str] = {}
    held: set[etree._Element] = set()  # what the doomed hold, when it need not be judged
    for el, st in stats.items():
        # Half the page's story text under one element: the story's own wrapper, whatever
        # its name says ("__next", "page-with-sidebar") or however a script shows it.
        if el in keep or el in held or st.story_chars > 0.5 * page_story:
            continue
        if reason := _furniture_reason(el, st, stats):
            doomed[el] = reason
            if not inside_doomed:
                held.update(el.iterdescendants())
    return doomed


def _furniture_reason(el: etree._Element, st: "_Stats", stats: dict[etree._Element, "_Stats"]) -> str | None:
    """Why an element is furniture (hidden, a pop-up, named as a widget or as furniture
    holding at most one story paragraph), or None."""
    if reason := hidden_reason(el):
        return reason
    if what := glued_card(el):
        return f"pop-up card glued to the link before it ({what})"
    positive, negative, word = _hint(el)
    if not negative or _is_quotation(el, stats):
        return None
    if word.startswith(ev.POPUP_WORDS):
        return None if _holds_popup(el) else f"pop-up named '{word}' in its class or id"
    if in_running_text(el):
        return None  # inline markup is part of its paragraph's text, whatever it is named
    if negative == "widget" or (not positive and st.paragraphs < 2):
        return f"{negative} named '{word}' in its class or id"
    return None


def _outermost(doomed: dict[etree._Element, str]) -> dict[etree._Element, str]:
    """The doomed elements (in page order, as measure lists them) that no other doomed
    element holds, with their reasons: each subtree is marked once, where asking each
    element's ancestors cost a walk up the tree per element."""
    held: set[etree._Element] = set()
    outermost = {}
    for el, reason in doomed.items():
        if el not in held:
            outermost[el] = reason
            held.update(el.iterdescendants())
    return outermost


def _names_of_the_story(outermost: dict[etree._Element, str], stats: dict[etree._Element, "_Stats"],
                        page_story: int) -> set[str]:
    """The names that, given to many separate elements (the doomed that no other doomed
    element holds), cover most of the page's story text: the story's own paragraphs,
    however named (a metered story's paragraphs are each marked "paywall"). A widget is
    one box or two, however much text it holds (a comment section), not half the story
    in pieces."""
    story: Counter = Counter()
    parts: Counter = Counter()
    for el, reason in outermost.items():
        if " named '" in reason:
            story[reason] += stats[el].story_chars
            parts[reason] += 1
    return {reason for reason, chars in story.items()
            if chars > _NAMED_STORY_SHARE * page_story and parts[reason] >= _NAMED_STORY_MIN_PARTS}


# --- the article region -----------------------------------------------------------

class _Stats:
    """Per-element text measures gathered in one walk over the tree."""

    __slots__ = ("chars", "link_chars", "story_chars", "near_story_chars", "paragraphs", "paragraph", "met")

    def __init__(self) -> None:
        self.chars = self.link_chars = self.story_chars = self.near_story_chars = self.paragraphs = 0
        self.paragraph = ""  # the element's own story-shaped paragraph, if it is one
        self.met = (0, 0)  # where the story-shaped paragraphs under it are in Measures.met


@dataclass
class Measures:
    """Per-element text measures of a tree (`stats`, in page order); the story-shaped
    paragraphs met, in the order they were weighed, each with its element and whether it
    counted as story (a copy of one met before does not); and `changed`, the elements
    under which something has been dropped since (see strip_furniture)."""

    stats: dict[etree._Element, _Stats]
    met: list[tuple[etree._Element, str, bool]]
    changed: set[etree._Element]


def _is_story_paragraph(text: str, link_chars: int) -> bool:
    """Sentence-shaped text with few links: what a story's paragraphs look like.
    (Chinese and Japanese write sentences without spaces, and denser: 60 characters
    of them say more than 60 of English.)"""
    n = len(text)
    if n < _MIN_PARAGRAPH_CHARS or link_chars >= 0.5 * n or not (n >= 200 or _SENTENCE_END.search(text)):
        return False
    if n >= 60 and text.count(" ") >= 8:
        return True
    return len(CJK.findall(text)) >= 20  # counted last: most paragraphs are long and spaced


def measure(root: etree._Element, before: Measures | None = None) -> Measures:
    """Text, link text and story-paragraph text (in characters) under every element.

    A block element's paragraph is its own run of text: what it holds directly and in
    inline children, outside nested blocks (so `<div>text<br>text</div>` is one too).

    `before`: the tree's measures before elements were dropped from it. A subtree that
    no drop changed keeps its measures if its paragraphs count as story as they did (a
    drop elsewhere may have taken the first copy of one of them: then it is walked
    again); most of a page is measured once. (A measure taken with `before` records
    `met` only for what it walked, and is no `before` itself.)"""
    stats: dict[etree._Element, _Stats] = {}
    met: list[tuple[etree._Element, str, bool]] = []
    # A page may carry a second copy of the story (hidden, or run together into one
    # blob for a script); a copy is not more story.
    seen: set[str] = set()
    blobs: list[str] = []

    def is_copy(text: str) -> bool:
        if text in seen or any(text in blob for blob in blobs):
            return True
        return len(text) >= _BLOB_CHARS and any(len(p) >= 100 and p in text for p in seen)

    def count(text: str) -> None:
        seen.add(text)
        if len(text) >= _BLOB_CHARS:
            blobs.append(text)

    def near(holder: etree._Element, chars: int, levels: int) -> None:
        """A story paragraph's characters to `holder` and up to `levels` elements above it."""
        for _ in range(levels):
            stats[holder].near_story_chars += chars
            holder = holder.getparent()
            if holder is None or holder not in stats:
                break

    def kept(el: etree._Element, old: _Stats) -> bool:
        """Whether the unchanged subtree at `el` keeps its measures `old` (they are taken)."""
        first, end = old.met
        counted, blobs_before = [], len(blobs)
        for _, text, counted_before in before.met[first:end]:
            if is_copy(text) == counted_before:
                seen.difference_update(counted)  # (none of them was seen before: each counted)
                del blobs[blobs_before:]
                return False
            if counted_before:
                count(text)
                counted.append(text)
        for inner in el.iter(etree.Element):
            stats[inner] = before.stats[inner]
        # Its paragraphs' characters to the elements close above it, as near() gave them
        # to those in it.
        for holder, text, counted_before in before.met[first:end]:
            level = 0
            while counted_before and holder is not el and level < _NEAR_LEVELS:
                holder, level = holder.getparent(), level + 1
            if counted_before and holder is el and level < _NEAR_LEVELS and (above := el.getparent()) in stats:
                near(above, len(text), _NEAR_LEVELS - level)
        return True

    def walk(el: etree._Element, tag: str, in_link: bool) -> _Stats:
        if before is not None and el not in before.changed and (old := before.stats.get(el)) and kept(el, old):
            return old
        st = _Stats()
        first = len(met)
        stats[el] = st
        link = in_link or tag == "a"
        # Only a block or a cell has a paragraph of its own: other elements' runs of text
        # are not gathered (their words count in the block around them).
        has_run = tag in _RUN_TAGS
        own = el.text or ""
        run = [own]
        run_links = len(own) if link else 0
        chars = len(own.strip())
        link_chars = chars if link else 0
        story_chars = paragraphs = 0
        for child in el:
            child_tag = child.tag
            if not isinstance(child_tag, str):
                continue
            cs = walk(child, child_tag, link)  # (the tag passed on: lxml makes a new string per .tag)
            chars += cs.chars
            link_chars += cs.link_chars
            story_chars += cs.story_chars
            paragraphs += cs.paragraphs
            if has_run:
                if child_tag in _BLOCK_TAGS:
                    run.append(" ")
                elif cs.chars:  # (a childless element's text is its own: no serialising)
                    run.append(_text_content(child) if len(child) else child.text)
                    run_links += cs.link_chars
            tail = child.tail
            if tail:
                run.append(tail)
                tail_chars = len(tail.strip())
                chars += tail_chars
                if link:
                    link_chars += tail_chars
                    run_links += len(tail)
        st.chars, st.link_chars, st.story_chars, st.paragraphs = chars, link_chars, story_chars, paragraphs
        if has_run and sum(map(len, run)) >= _MIN_PARAGRAPH_CHARS:
            text = " ".join("".join(run).split())
            if _is_story_paragraph(text, run_links):
                counts = not is_copy(text)
                met.append((el, text, counts))
                if counts:
                    count(text)
                    st.story_chars += len(text)
                    st.paragraphs += 1
                    st.paragraph = text
                    # A story's paragraphs sit close under its container; teasers
                    # scattered over the page only share a distant ancestor.
                    near(el, len(text), _NEAR_LEVELS + 1)
        st.met = (first, len(met))
        return st

    walk(root, root.tag, False)
    # A recursive closure refers to itself (through its own cell): left so, it and all it
    # holds (the page's elements and their measures) wait for the cycle collector, whose
    # passes over them cost a tenth of cleaning; unbound, they go as soon as they are let go.
    walk = None
    return Measures(stats, met, set())


def _trigrams(text: str) -> Counter:
    words = _WORD.findall(text.lower())
    return Counter(zip(words, words[1:], words[2:]))


def _covered(part: Counter, whole: Counter) -> float:
    """Share of the part's word 3-grams found in the whole (0..1)."""
    total = sum(part.values())
    # .get, not [] (Counter's __missing__ is a Python call for each 3-gram not found);
    # mapped, not a generator: a page's 3-grams run to thousands
    return sum(map(min, part.values(), map(whole.get, part, repeat(0)))) / total if total else 0.0


def _text_score(st: _Stats, story_chars: int) -> float:
    """Story text less the link text and the other scraps around it, weighted."""
    scraps = st.chars - st.story_chars - st.link_chars
    return story_chars - _SCRAP_WEIGHT * scraps - _LINK_WEIGHT * st.link_chars


def region_score(el: etree._Element, st: _Stats) -> float:
    """Story text close under the element, less the scraps and links it also holds,
    weighted by markup that names the story."""
    score = _text_score(st, st.near_story_chars)
    if st.near_story_chars <= 0:
        return score
    bonus = 1.0 + 0.1 * class_weight(el)
    if el.get("itemprop") == "articleBody":
        bonus += 0.3
    elif el.tag == "article":
        bonus += 0.15
    return score * bonus


def _json_ld_choice(scored: list[etree._Element], reference: Counter, reference_chars: int) -> etree._Element:
    """Among the best structural candidates, the one whose text covers the page's own
    JSON-LD copy of the story with least extra."""
    best, best_fit = scored[0], -1.0
    for el in scored[:8]:
        text = _text_content(el)
        extra = max(0.0, len(text) / max(reference_chars, 1) - 1.0)
        fit = _covered(reference, _trigrams(text)) - 0.1 * min(extra, 2.0)
        if fit > best_fit + 1e-9:
            best, best_fit = el, fit
    return best


def _sibling_parts(best: etree._Element, stats: dict[etree._Element, _Stats], body: etree._Element,
                   reference: Counter | None) -> list[etree._Element]:
    """Containers beside the best one (or beside its wrappers) that hold a large share
    of story text too: a story split into sections, or cut in two by an ad slot.
    Teasers hold a paragraph each and never reach the share. When the page declares its
    story's text (JSON-LD articleBody), a sibling must also agree with it."""
    threshold = _SIBLING_SHARE * _text_score(stats[best], stats[best].story_chars)
    parts = []
    node = best
    for _ in range(_SIBLING_LEVELS):
        parent = node.getparent()
        if node is body or parent is None:
            break
        for sibling in parent:
            st = stats.get(sibling)
            if (sibling is not node and st is not None and st.paragraphs >= 2
                    and st.link_chars < 0.25 * st.chars and _text_score(st, st.story_chars) >= threshold
                    and (reference is None or _covered(_trigrams(_text_content(sibling)), reference) >= 0.5)):
                parts.append(sibling)
        node = parent
    return parts


def article_parts(root: etree._Element, article_body: str = "",
                  before: Measures | None = None) -> tuple[list[etree._Element], list[Removed]]:
    """The elements that hold the whole story and little else, in page order: the best
    scoring container and any siblings that hold a large share of story text too; and
    the story-shaped paragraphs left outside them. (`before`: the page's measures before
    its furniture was stripped, see measure.)"""
    body = root.find("body")
    body = body if body is not None else root
    stats = measure(body, before).stats
    candidates = [el for el, st in stats.items() if st.near_story_chars > 0]
    if not candidates:
        return [body], []
    scored = sorted(candidates, key=lambda el: region_score(el, stats[el]), reverse=True)
    # A JSON-LD articleBody much shorter than the story found is a summary or a teaser.
    declared = len(article_body) >= max(_ARTICLE_BODY_MIN_CHARS, stats[scored[0]].story_chars / 2)
    reference = _trigrams(article_body) if declared else None
    best = scored[0] if reference is None else _json_ld_choice(scored, reference, len(article_body))
    parts = [best, *_sibling_parts(best, stats, body, reference)]
    if len(parts) > 1:
        order = {el: i for i, el in enumerate(body.iter())}
        parts.sort(key=order.__getitem__)
    inside = set(parts)
    outside = [Removed(st.paragraph, "outside the article region (teaser, comment or other story)")
               for el, st in stats.items() if st.paragraph and el not in inside
               and not any(a in inside for a in el.iterancestors())]
    return parts, outside


# --- blocks -----------------------------------------------------------------------

def link_density(el: etree._Element) -> float:
    """The share of an element's text that is link text (0 for no text)."""
    text = " ".join(_text_content(el).split())
    if not text:
        return 0.0
    return sum(len(" ".join(_text_content(a).split())) for a in el.iter("a")) / len(text)


# A repeated paragraph this long is a second copy of the story's text, not a recurring line.
_COPY_MIN_CHARS = 250
# A paragraph whose text is this much link text is a link on its own.
_LINK_ONLY_SHARE = 0.9
# A list whose text is more than this much link text is a list of links (related stories, tags, menus).
_LINK_LIST_SHARE = 0.6
# A line under a promotion's heading ("Don't miss", "Related") whose text is at least this
# much link text is one of its teasers.
_TEASER_LINK_SHARE = 0.5
# Reasons that judge a line by its shape (a date, a name, a caption): a list item's, a
# table row's or a subheading's markup outweighs them. Evidence of furniture (a widget
# phrase, a promotion, a notice) does not give way.
_SHAPE_REASONS = ("date line", "byline", "reporting credit", "section label", "kicker-style teaser",
                  "separator line", "photo credit", "photo caption", "teaser cut off")
# Blocks whose markup says what they are: the story's own list items, table rows and
# subheadings. Short and unpunctuated as they are, the plain-text cleaner would take them
# for scraps, so inside the article region the markup's word stands.
_STRUCTURED_TAGS = frozenset({"li", "dt", "dd", "tr", "td", "th", "h2", "h3", "h4", "h5", "h6", "pre"})


@dataclass
class _Block:
    text: str
    structured: bool  # a list item, table row or subheading: its markup vouches for it
    link_chars: int = 0
    group: int = -1  # which list or table (by order in the page) the item or row is in; -1 for none


def region_blocks(parts: list[etree._Element]) -> tuple[list[_Block], list[Removed]]:
    """The parts' text, one block per paragraph, heading, list item or table row; and
    the lists of links found among them (related stories, tags), removed."""
    blocks: list[_Block] = []
    removed: list[Removed] = []
    current: list[str] = []
    link_chars = 0
    open_blocks: list[str] = [""]
    groups: list[int] = [-1]
    lists_seen = 0

    def flush() -> None:
        nonlocal link_chars
        text = " ".join("".join(current).split())
        if text:
            blocks.append(_Block(text, open_blocks[-1] in _STRUCTURED_TAGS, link_chars, groups[-1]))
        current.clear()
        link_chars = 0

    def walk(el: etree._Element, in_link: bool) -> None:
        nonlocal link_chars, lists_seen
        tag = el.tag if isinstance(el.tag, str) else ""
        is_block = tag in _BLOCK_TAGS
        is_list = tag in ("ul", "ol", "dl", "table")
        if is_list and (density := link_density(el)) > _LINK_LIST_SHARE:
            removed.append(Removed(_spaced_text(el), f"list of links (link density {density:.2f}: related stories, tags)"))
            return
        if is_list:
            lists_seen += 1
            groups.append(lists_seen)
        in_link = in_link or tag == "a"
        if is_block:
            flush()
            open_blocks.append(tag)
        if el.text:
            current.append(el.text)
            if in_link:
                link_chars += len(el.text.strip())
        for child in el:
            if isinstance(child.tag, str):
                walk(child, in_link)
            if child.tail:
                current.append(child.tail)
                if in_link:
                    link_chars += len(child.tail.strip())
        if tag in _CELL_TAGS:
            current.append(" ")
        if is_block:
            flush()
            open_blocks.pop()
        if is_list:
            groups.pop()

    for part in parts:
        walk(part, False)
        flush()
    walk = None  # a recursive closure: see measure()
    return blocks, removed


def final_pass(blocks: list[_Block], site_blocks: dict[str, int] | None = None) -> Cleaned:
    """The plain-text cleaner's verdict on the region's blocks (widget phrases, bylines,
    credits, lines the site prints on other pages too), except that blocks the markup
    vouches for stay; and a paragraph that is one link and nothing else (a promo, a
    related story) goes."""
    texts = [b.text for b in blocks]
    cleaned = clean_blocks(texts, article_region=True, site_blocks=site_blocks)
    flagged = {r.text for r in cleaned.removed}
    # A list whose other items are content vouches for each of its items, whatever their
    # words; a subheading or a list of furniture ("previous post", "next post") only
    # against a verdict on a line's shape.
    content_lists = Counter(b.group for b in blocks if b.group >= 0 and b.text not in flagged)
    in_content_list = {b.text for b in blocks if b.structured and b.text in flagged and content_lists[b.group]}
    vouched = {b.text for b in blocks if b.structured}
    # A list's items and a table's rows are the story's even when other pages print them
    # (a league table under two match reports).
    listed = {b.text for b in blocks if b.group >= 0}
    verdicts = [r for r in cleaned.removed if r.text not in in_content_list
                and (r.text not in vouched or not r.reason.startswith(_SHAPE_REASONS))
                and not (r.text in listed and r.reason.startswith(SITE_REPEATED))]
    # A story printed twice keeps the first copy of each paragraph; a line that recurs
    # (a recipe's "Eat every 2-3 hours", a plan's ingredient list) is content each time.
    repeated = {r.text for r in verdicts if r.reason.startswith("repeated paragraph")}
    copies = {t for t in repeated if len(t) >= _COPY_MIN_CHARS}
    removed = [r for r in verdicts if r.text not in repeated - copies]
    removed += [Removed(b.text, f"a link on its own (link text {b.link_chars / len(b.text):.0%}: promo or related story)")
                for b in blocks if not b.structured and b.link_chars >= _LINK_ONLY_SHARE * len(b.text)]
    removed += promotion_teasers(blocks, {r.text: r.reason for r in removed})
    dropped = {r.text for r in removed} - copies
    paragraphs: list[str] = []
    kept: set[str] = set()
    for text in texts:
        if text not in dropped and not (text in copies and text in kept):
            paragraphs.append(text)
            kept.add(text)
    return Cleaned(cleaned.title, paragraphs, removed)


def promotion_teasers(blocks: list[_Block], reasons: dict[str, str]) -> list[Removed]:
    """The teaser links under a promotion's heading inside the story ("DON'T MISS" and
    three headlines of other stories): the lines after it that are mostly link text."""
    teasers: list[Removed] = []
    heading = None
    for block in blocks:
        reason = reasons.get(block.text, "")
        if reason == BOX_HEADING or (reason.startswith("inline link or label") and len(block.text.split()) <= 4):
            heading = block.text
        elif heading and block.text not in reasons and block.link_chars >= _TEASER_LINK_SHARE * len(block.text):
            share = block.link_chars / len(block.text)
            teasers.append(Removed(block.text, f"teaser under '{heading}' (link text {share:.0%})"))
        else:
            heading = None
    return teasers


def page_headline(root: etree._Element, declared: str) -> str:
    """The story's headline: the longest <h1> that the page's declared title (og:title,
    JSON-LD headline, <title>) contains or is contained in; else the first <h1>; else
    the declared title. (A page may also print its name in an <h1> logo, and its
    <title> adds the site's name to the headline.)"""
    h1s = [text for el in root.iter("h1") if (text := _spaced_text(el))]
    lowered = declared.lower()
    matching = [t for t in h1s if lowered and (t.lower() in lowered or lowered in t.lower())]
    if matching:
        return max(matching, key=len)
    return h1s[0] if h1s else declared


def page_block_texts(html: str) -> list[str]:
    """The text of every block of a page (paragraph, heading, list item, table row,
    whatever holds it), as region_blocks cuts the story's region: what searcher.extract.sitewide
    compares across a site's pages."""
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        root = etree.fromstring(html, _PLAIN_PARSER) if html.strip() else None
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    etree.strip_elements(root, *_UNSEEN_TAGS, with_tail=False)
    # A line break at each end of a block element, a space after a table cell: the
    # page's text then falls into its blocks in one pass of libxml2's.
    for el in root.iter(*_BLOCK_TAGS):
        el.text = "\n" + (el.text or "")
        el.tail = "\n" + (el.tail or "")
    for el in root.iter(*_CELL_TAGS):
        el.tail = " " + (el.tail or "")
    text = etree.tostring(root, method="text", encoding="unicode")
    # (Most lines are blank, between two block ends: passed over before splitting.)
    return [" ".join(line.split()) for line in text.split("\n") if line and not line.isspace()]


_PLAIN_PARSER = etree.HTMLParser(**_PARSER_OPTIONS)


def clean_html(html: str, site_blocks: dict[str, int] | None = None) -> tuple[Cleaned, dict[str, str]]:
    """The story's title and paragraphs, what was removed and why, and the page's
    metadata. site_blocks: the page's blocks that other pages of its site print too, and
    on how many pages (searcher.extract.sitewide)."""
    root = parse_html(html)
    if root is None:
        return Cleaned(None, []), {}
    meta, article_body = page_metadata(root)
    headline = page_headline(root, meta.get("title", ""))
    stripped, measures = strip_furniture(root)
    parts, outside = article_parts(root, article_body, measures)
    blocks, link_lists = region_blocks(parts)
    cleaned = final_pass([b for b in blocks if b.text != headline], site_blocks)
    cleaned.title = headline or cleaned.title
    cleaned.removed = stripped + outside + link_lists + cleaned.removed
    return cleaned, meta
