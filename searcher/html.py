"""Find the article in an HTML page and read the metadata the page declares.

The page's structure (article/main elements, furniture tags) picks the region that
holds the story; its text blocks then go through the plain-text cleaner."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup, Tag

from .clean import Cleaned, clean_blocks, split_blocks

_FURNITURE_TAGS = ["script", "style", "noscript", "template", "svg", "nav", "header", "footer",
                   "aside", "form", "button", "iframe", "figure", "figcaption"]
_BLOCK_TAGS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "dt"]


def page_metadata(soup: BeautifulSoup) -> dict[str, str]:
    """Title, site name, publication time, author and URL that the page declares in
    OpenGraph/article meta tags and JSON-LD."""
    meta: dict[str, str] = {}

    def put(key: str, value) -> None:
        if isinstance(value, str) and value.strip() and key not in meta:
            meta[key] = value.strip()

    for tag in soup.find_all("meta"):
        name = (tag.get("property") or tag.get("name") or "").lower()
        content = tag.get("content")
        mapping = {"og:title": "title", "og:site_name": "site_name", "article:published_time": "published",
                   "og:url": "url", "author": "author", "article:author": "author", "date": "published",
                   "pubdate": "published", "datepublished": "published"}
        if name in mapping:
            put(mapping[name], content)
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except (json.JSONDecodeError, TypeError):
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []:
            if not isinstance(item, dict):
                continue
            put("title", item.get("headline"))
            put("published", item.get("datePublished"))
            publisher = item.get("publisher")
            if isinstance(publisher, dict):
                put("site_name", publisher.get("name"))
            author = item.get("author")
            author = author[0] if isinstance(author, list) and author else author
            put("author", author.get("name") if isinstance(author, dict) else author)
    canonical = soup.find("link", rel="canonical")
    if canonical is not None:
        put("url", canonical.get("href"))
    if soup.title and soup.title.string:
        put("title", soup.title.string)
    return meta


def article_region(soup: BeautifulSoup) -> Tag:
    """The element most likely to hold the story: the <article> or <main> with the most
    paragraph text, else the body."""
    candidates = soup.find_all(["article", "main"]) or []
    best = max(candidates, key=lambda el: sum(len(p.get_text()) for p in el.find_all("p")), default=None)
    return best or soup.body or soup


def region_blocks(region: Tag) -> list[str]:
    blocks = []
    for el in region.find_all(_BLOCK_TAGS):
        if el.find(_BLOCK_TAGS):  # the innermost block carries the text
            continue
        blocks.extend(split_blocks(el.get_text(" ")))
    return blocks


def clean_html(html: str) -> tuple[Cleaned, dict[str, str]]:
    soup = BeautifulSoup(html, "lxml")
    meta = page_metadata(soup)
    for tag in soup(_FURNITURE_TAGS):
        tag.decompose()
    region = article_region(soup)
    h1 = soup.find("h1")
    blocks = region_blocks(region)
    cleaned = clean_blocks(blocks)
    if h1 is not None and h1.get_text(strip=True):
        cleaned.title = " ".join(h1.get_text(" ").split())
    return cleaned, meta
