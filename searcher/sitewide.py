"""Evidence from repetition across the pages of one site: a block (a newsletter box, a
footer line, a "Topics" heading, an author's bio, the site's slogan) that a site prints
on page after page is its furniture, while a story's paragraphs are its own.

Cleaning is per file and cached by content, so the evidence is gathered first, over all
the files of a run (`searcher extract FILES`, a build): each page's *print* is the set
of fingerprints of its text blocks (normalised text, hashed), and its site is the
domain its sidecar or its own markup gives (canonical link, og:url), else the site name
it declares. For each site with two pages or more, a block's count is the number of its
pages that hold it, where pages that are copies of one story (they share most of their
long paragraphs: a story saved twice, or updated) count once: a copy of the story is
never evidence against its text. Each page then carries the counts of its own repeated
blocks (`Article.site_blocks`), which the cleaner weighs (searcher.clean: a short line
on two pages goes, a paragraph inside the story only on more pages and only if it is
not about the story); the counts are part of the extraction cache's key, so a page is
cleaned again when its site's evidence about it changes.

Prints are kept beside the extraction cache by content hash (`PrintStore`), so a page
is printed once, and an update weighs new pages against the pages already indexed.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from . import cleaning_evidence as ev
from .article import Article

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def normalised(text: str) -> str:
    """A block's words, lower-cased: what two printings of one block share. (Numbers
    stay: "16th" and "18th" in a league table are different lines.)"""
    return " ".join(_WORD.findall(text.lower()))


def fingerprint(text: str) -> str:
    """A short stable hash of a block's normalised text ('' for a block with no words)."""
    words = normalised(text)
    return hashlib.blake2b(words.encode(), digest_size=8).hexdigest() if words else ""


# Where a page declares its own address or its site's name: the words a tag that does
# holds, found with str.find (a regular expression over a 200 kB page costs more), and
# the tags themselves.
_DECLARING_WORDS = ("canonical", "og:url", "og:site_name")
_CANONICAL = re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b", re.I)
_OG = re.compile(r"<meta\b[^>]*\bproperty\s*=\s*[\"']og:(url|site_name)[\"']", re.I)
_HREF = re.compile(r"\b(?:href|content)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
# How many places a declaring word is looked at (it may also stand in a script).
_DECLARING_TRIES = 5


def _declaring_tags(raw: str) -> Iterator[str]:
    """The tags that declare the page's URL or site name, in no particular order."""
    for word in _DECLARING_WORDS:
        at = 0
        for _ in range(_DECLARING_TRIES):
            at = raw.find(word, at)
            if at < 0:
                break
            start, end = raw.rfind("<", 0, at), raw.find(">", at)
            tag = raw[start:end + 1] if start >= 0 and end >= 0 else ""
            if "<" not in tag[1:] and (_CANONICAL.match(tag) or _OG.match(tag)):
                yield tag
                break
            at += len(word)


def _domain(url: str | None) -> str | None:
    try:
        host = (urlparse(url.strip()).hostname or "") if url else ""
    except ValueError:
        return None
    return host.removeprefix("www.") or None


def _declared(raw: str) -> tuple[str | None, str | None]:
    """The page's own URL's domain and its declared site name, read from its markup."""
    url = name = None
    for tag in _declaring_tags(raw):
        m = _HREF.search(tag)
        value = next((g for g in m.groups() if g), None) if m else None
        if not value:
            continue
        if "site_name" in tag.lower():
            name = name or " ".join(value.split()).lower()
        else:
            url = url or _domain(value)
    return url, name


def site_key(article: Article) -> str | None:
    """Which site a page is from: the domain of the address its sidecar or its markup
    gives, else the site or outlet name declared; None when nothing says."""
    if domain := _domain(article.source.get("url")):
        return domain
    if article.format == "html":
        url, name = _declared(article.raw)
        if url or name:
            return url or name
    outlet = article.source.get("outlet")
    return " ".join(outlet.split()).lower() if outlet and outlet.strip() else None


def block_texts(article: Article) -> list[str]:
    """The page's text blocks as the cleaner will see them: for a page, the text of each
    block element (searcher.html); for a text, its lines with broken sentences joined."""
    if article.format == "html":
        from .html import page_block_texts

        return page_block_texts(article.raw)
    from .clean import merge_fragments, split_blocks

    return merge_fragments(split_blocks(article.raw))


@dataclass(frozen=True)
class PagePrint:
    """A page's site and the fingerprints of its blocks; `long` those of its sentences
    long enough to tell one story from another (copies share them, however their
    paragraphs were cut or edited)."""

    site: str
    blocks: frozenset[str]
    long: frozenset[str]


def page_print(article: Article, site: str) -> PagePrint:
    blocks, long = set(), set()
    for text in set(block_texts(article)):
        if fp := fingerprint(text):
            blocks.add(fp)
            if text.count(" ") + 1 >= ev.SITE_LONG_SENTENCE_WORDS:
                long.update(fingerprint(sentence) for sentence in _SENTENCE_END.split(text)
                            if len(sentence.split()) >= ev.SITE_LONG_SENTENCE_WORDS)
    return PagePrint(site, frozenset(blocks), frozenset(long))


def _are_copies(a: PagePrint, b: PagePrint) -> bool:
    """Two pages of one story: they share much of the shorter one's long sentences."""
    if not a.long or not b.long:
        return False
    return len(a.long & b.long) >= ev.SITE_COPY_SHARE * min(len(a.long), len(b.long))


def repeated_blocks(prints: dict[str, PagePrint]) -> dict[str, dict[str, int]]:
    """For each page (by key), its blocks that other pages of its site hold too, with the
    number of the site's pages that hold them, copies of one story counted once."""
    by_site: dict[str, list[str]] = defaultdict(list)
    for key, found in prints.items():
        by_site[found.site].append(key)
    out: dict[str, dict[str, int]] = {}
    for keys in by_site.values():
        if len(keys) < ev.SITE_MIN_PAGES:
            continue
        # Copies of one story form one group (union-find over the pairs that are copies).
        group = {k: k for k in keys}

        def root(k: str) -> str:
            while group[k] != k:
                group[k] = group[group[k]]
                k = group[k]
            return k

        sharing: dict[str, list[str]] = defaultdict(list)
        for k in keys:
            for fp in prints[k].long:
                sharing[fp].append(k)
        for holders in sharing.values():
            if len(holders) > ev.SITE_COPY_MAX_PAGES:
                continue  # a sentence on many pages is the site's, and would cost pairs by the million
            for i, a in enumerate(holders):
                for b in holders[i + 1:]:
                    if root(a) != root(b) and _are_copies(prints[a], prints[b]):
                        group[root(a)] = root(b)
        counts: Counter[str] = Counter()
        for fp, holders in _holders(prints, keys).items():
            counts[fp] = len({root(k) for k in holders})
        # Furniture is on a good share of a large site's pages; a line that a few of
        # hundreds of stories happen to share (a kick-off time, a referee) is theirs.
        least = max(ev.SITE_MIN_PAGES, ev.SITE_MIN_SHARE * len({root(k) for k in keys}))
        for k in keys:
            repeated = {fp: counts[fp] for fp in prints[k].blocks if counts[fp] >= least}
            if repeated:
                out[k] = repeated
    return out


def _holders(prints: dict[str, PagePrint], keys: list[str]) -> dict[str, list[str]]:
    holders: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        for fp in prints[k].blocks:
            holders[fp].append(k)
    return holders


class PrintStore:
    """Page prints by content hash, for one pipeline version, in a table of the index's
    extraction cache file. Like the cache it only saves time: a store that cannot be
    opened or written is done without (pages are printed again)."""

    def __init__(self, path: Path | str, version: str) -> None:
        self.path, self.version = path, version
        self._db: sqlite3.Connection | None = None

    @property
    def db(self) -> sqlite3.Connection:
        """Opened on first use: a run with no page to weigh writes nothing."""
        if self._db is None:
            try:
                self._db = self._open(self.path)
            except sqlite3.Error:
                self._db = self._open(":memory:")
        return self._db

    def _open(self, path: Path | str) -> sqlite3.Connection:
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE IF NOT EXISTS page_prints "
                   "(hash TEXT PRIMARY KEY, version TEXT, site TEXT, blocks TEXT, long TEXT)")
        db.execute("DELETE FROM page_prints WHERE version != ?", (self.version,))  # never used again
        db.commit()
        return db

    def get(self, hashes: Iterable[str]) -> dict[str, PagePrint]:
        found = {}
        try:
            for h in hashes:
                row = self.db.execute("SELECT site, blocks, long FROM page_prints WHERE hash = ? AND version = ?",
                                      (h, self.version)).fetchone()
                if row:
                    found[h] = PagePrint(row[0], frozenset(row[1].split()), frozenset(row[2].split()))
        except sqlite3.Error:
            pass
        return found

    def put(self, prints: dict[str, PagePrint]) -> None:
        try:
            self.db.executemany("INSERT OR REPLACE INTO page_prints VALUES (?, ?, ?, ?, ?)",
                                [(h, self.version, p.site, " ".join(sorted(p.blocks)), " ".join(sorted(p.long)))
                                 for h, p in prints.items()])
            self.db.commit()
        except sqlite3.Error:
            pass

    def keep_only(self, hashes: set[str]) -> None:
        """Forget the prints of pages no longer in the corpus."""
        try:
            gone = [(h,) for (h,) in self.db.execute("SELECT hash FROM page_prints") if h not in hashes]
            self.db.executemany("DELETE FROM page_prints WHERE hash = ?", gone)
            self.db.commit()
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def weigh(articles: Iterable[Article], *, store: PrintStore | None = None,
          others: dict[str, str] | None = None) -> Iterator[Article]:
    """The articles, each with the counts of its blocks that other pages of its site hold
    too (`site_blocks`). All articles are read before the first is given back: the
    evidence is the whole run's. `others` are pages not in this run that count as pages
    of their sites (path -> content hash: an index's unchanged files), whose prints come
    from `store`; prints made here go into it."""
    pages = list(articles)
    sites = {i: site_key(a) for i, a in enumerate(pages)}
    if not any(sites.values()):
        yield from pages
        return
    known = store.get(set((others or {}).values())) if store is not None and others else {}
    seen_paths = {a.path for a in pages}
    other_prints = {h: known[h] for path, h in (others or {}).items() if path not in seen_paths and h in known}
    per_site = Counter(s for s in sites.values() if s) + Counter(p.site for p in other_prints.values())
    wanted = {i for i, s in sites.items() if s and per_site[s] >= ev.SITE_MIN_PAGES}
    if wanted:
        stored = store.get({pages[i].content_hash for i in wanted}) if store is not None else {}
        prints = {}
        for i in wanted:
            h = pages[i].content_hash
            prints[h] = stored.get(h) or page_print(pages[i], sites[i])
        if store is not None:
            store.put({h: p for h, p in prints.items() if h not in stored})
            store.keep_only(set(prints) | set(other_prints))
        # by content: two files with the same text are one page
        repeated = repeated_blocks({**other_prints, **prints})
        for i in wanted:
            pages[i].site_blocks = repeated.get(pages[i].content_hash, {})
    yield from pages
