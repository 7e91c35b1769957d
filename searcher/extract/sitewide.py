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
blocks (`Article.site_blocks`), which the cleaner weighs (searcher.extract.clean: a short line
on two pages goes, a paragraph inside the story only on more pages and only if it is
not about the story); the counts are part of the extraction cache's key, so a page is
cleaned again when its site's evidence about it changes.

The evidence is gathered in a pass of its own, a *survey*: each file that may be a page
of a site is read, its site found and, once the site has another page, printed, and its
text let go; the files are then read again, one at a time, to be cleaned. Weighing holds
prints, never pages: a print is its fingerprints packed, 8 bytes a block (about 2 KB a
page, where the page's text runs to 200 KB). Reading a file twice costs far less than
holding a corpus in memory, and a page whose site has no other page is never printed.
(The first page of each site waits for a second in memory, up to HELD_CHARS of such
pages in all, rather than being read a third time.)

Prints are kept beside the extraction cache by content hash (`PrintStore`), so a page
is printed once, and an update weighs new pages against the pages already indexed.
"""

from __future__ import annotations

import heapq
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, groupby, repeat
from operator import itemgetter
from pathlib import Path
from typing import Protocol
from urllib.parse import urlparse

from . import cleaning_evidence as ev
from ..article import Article
from .reader import TEXT_SUFFIXES

try:
    # hashlib's BLAKE2b is CPython's own in any case: taken from there, a run that hashes
    # no page's content does not import hashlib, which loads OpenSSL (see searcher.lean)
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def words(lowered: str) -> list[str]:
    """A block's words, from its lower-cased text: what two printings of one block share.
    (Numbers stay: "16th" and "18th" in a league table are different lines.)"""
    return _WORD.findall(lowered)


FINGERPRINT_BYTES = 8
# How much text of sites' first pages the survey holds while it waits for their second
# pages (about 250 saved pages); beyond it a first page is read again to be printed.
HELD_CHARS = 50_000_000


def _digest_of(block_words: list[str]) -> bytes:
    return blake2b(" ".join(block_words).encode(), digest_size=FINGERPRINT_BYTES).digest() if block_words else b""


def _digest(text: str) -> bytes:
    return _digest_of(words(text.lower()))


def fingerprint(text: str) -> str:
    """A short stable hash of a block's normalised text ('' for a block with no words)."""
    return _digest(text).hex()


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


def may_have_site(path: str | Path, source: dict[str, str]) -> bool:
    """Whether a file may be a page of a site, told before it is read: a text file is one
    only through what its sidecar says (`source`); a page may declare its own."""
    if source.get("url") or (source.get("outlet") or "").strip():
        return True
    return not str(path).lower().removesuffix(".gz").endswith(TEXT_SUFFIXES)


def block_texts(article: Article) -> list[str]:
    """The page's text blocks as the cleaner will see them: for a page, the text of each
    block element (searcher.extract.html); for a text, its lines with broken sentences joined."""
    if article.format == "html":
        from .html import page_block_texts

        return page_block_texts(article.raw)
    from .clean import merge_fragments, split_blocks

    return merge_fragments(split_blocks(article.raw))


# What tells one page of a run from another (SiteEvidence.page_key).
PageKey = str | int


@dataclass(frozen=True)
class PagePrint:
    """A page's site and the fingerprints of its blocks; `long` those of its sentences
    long enough to tell one story from another (copies share them, however their
    paragraphs were cut or edited). Fingerprints are packed, FINGERPRINT_BYTES each,
    sorted: a print of 150 blocks is 1.2 kB, where a set of strings would take 50 kB."""

    site: str
    blocks: bytes
    long: bytes


def _packed(digests: set[bytes]) -> bytes:
    return b"".join(sorted(digests))


def _unpacked(packed: bytes) -> Iterator[bytes]:
    return (packed[at:at + FINGERPRINT_BYTES] for at in range(0, len(packed), FINGERPRINT_BYTES))


def page_print(article: Article, site: str) -> PagePrint:
    blocks, long = set(), set()
    for text in set(block_texts(article)):
        lowered = text.lower()
        if text.count(" ") + 1 < ev.SITE_LONG_SENTENCE_WORDS:
            blocks.add(_digest_of(words(lowered)))
            continue
        # A long block is cut into sentences at spaces, so its words are theirs: each read once.
        sentences = _SENTENCE_END.split(lowered)
        sentence_words = list(map(words, sentences))
        if fp := _digest_of(list(chain.from_iterable(sentence_words))):
            blocks.add(fp)
            long.update(_digest_of(found) for sentence, found in zip(sentences, sentence_words)
                        if len(sentence.split()) >= ev.SITE_LONG_SENTENCE_WORDS)
    blocks.discard(b"")  # a block or a sentence of no words is nobody's
    long.discard(b"")
    return PagePrint(site, _packed(blocks), _packed(long))


def _merged(packed: Iterable[bytes]) -> Iterator[bytes]:
    """The fingerprints of several sorted prints as one sorted run, one print's worth held
    at a time (no dictionary or array of every block a site prints)."""
    return heapq.merge(*map(_unpacked, packed))


def _copy_groups(prints: list[PagePrint]) -> list[list[int]]:
    """The pages (their indexes in `prints`) in groups: pages that are copies of one story
    (they share much of the shorter one's long sentences) are one group, found by
    union-find over the pairs of pages that share a long sentence."""
    sizes = [len(p.long) // FINGERPRINT_BYTES for p in prints]
    group = list(range(len(prints)))

    def root(k: int) -> int:
        while group[k] != k:
            group[k] = group[group[k]]
            k = group[k]
        return k

    def are_copies(a: int, b: int) -> bool:
        if not sizes[a] or not sizes[b]:
            return False
        shared = len(set(_unpacked(prints[a].long)).intersection(_unpacked(prints[b].long)))
        return shared >= ev.SITE_COPY_SHARE * min(sizes[a], sizes[b])

    # Each long sentence with the pages that hold it, in one merge of the sorted prints:
    # not hashed (a large site's sentences would make a dictionary many times the size of
    # its prints).
    tagged = heapq.merge(*(zip(_unpacked(p.long), repeat(k)) for k, p in enumerate(prints)))
    for _, holding in groupby(tagged, key=itemgetter(0)):
        holders = [k for _, k in holding]
        # A sentence on many pages is the site's, and would cost pairs by the million.
        if not 2 <= len(holders) <= ev.SITE_COPY_MAX_PAGES:
            continue
        for i, a in enumerate(holders):
            for b in holders[i + 1:]:
                if root(a) != root(b) and are_copies(a, b):
                    group[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for k in range(len(prints)):
        groups.setdefault(root(k), []).append(k)
    return list(groups.values())


def common_blocks(prints: list[PagePrint]) -> dict[bytes, int]:
    """The blocks that enough of one site's pages hold, packed fingerprint -> the number
    of pages that hold it, copies of one story counted once (as the blocks any of them
    holds). Counted in one merge of the sorted prints, not in a dictionary of every
    block the site prints."""
    held = [prints[pages[0]].blocks if len(pages) == 1
            else b"".join(fp for fp, _ in groupby(_merged(prints[k].blocks for k in pages)))
            for pages in _copy_groups(prints)]
    # Furniture is on a good share of a large site's pages; a line that a few of
    # hundreds of stories happen to share (a kick-off time, a referee) is theirs.
    least = max(ev.SITE_MIN_PAGES, ev.SITE_MIN_SHARE * len(held))
    counts = ((fp, sum(1 for _ in copies)) for fp, copies in groupby(_merged(held)))
    return {fp: count for fp, count in counts if count >= least}


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
                   "(hash TEXT PRIMARY KEY, version TEXT, site TEXT, blocks BLOB, long BLOB)")
        db.execute("CREATE INDEX IF NOT EXISTS page_prints_by_site ON page_prints (site)")
        db.execute("DELETE FROM page_prints WHERE version != ?", (self.version,))  # never used again
        db.commit()
        return db

    def get(self, content_hash: str) -> PagePrint | None:
        try:
            row = self.db.execute("SELECT site, blocks, long FROM page_prints WHERE hash = ? AND version = ?",
                                  (content_hash, self.version)).fetchone()
        except sqlite3.Error:
            return None
        return PagePrint(*row) if row else None

    def of_site(self, site: str, hashes: set[str]) -> dict[str, PagePrint]:
        """The prints of the site's pages among `hashes`."""
        try:
            rows = self.db.execute("SELECT hash, blocks, long FROM page_prints WHERE site = ? AND version = ?",
                                   (site, self.version)).fetchall()
        except sqlite3.Error:
            return {}
        return {h: PagePrint(site, blocks, long) for h, blocks, long in rows if h in hashes}

    def put(self, prints: dict[str, PagePrint]) -> None:
        try:
            self.db.executemany("INSERT OR REPLACE INTO page_prints VALUES (?, ?, ?, ?, ?)",
                                [(h, self.version, p.site, p.blocks, p.long) for h, p in prints.items()])
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


class Survey(Protocol):
    """The files of a run that may be pages of a site, and how to read one (None when it
    cannot be read: the pass that cleans it says why)."""

    paths: Sequence[str]

    def read(self, path: str) -> Article | None: ...


class SiteEvidence:
    """What the pages of each site say about one another's blocks, gathered by a survey
    of a run's files, one file at a time (`survey`); then `site_blocks` gives any page's.

    `others` are pages not in the run that count as pages of their sites (path -> content
    hash: an index's unchanged files), whose prints come from `store`; prints made here
    go into it. Pages are told apart by their `page_key`."""

    def __init__(self, store: PrintStore | None = None, others: dict[str, str] | None = None) -> None:
        self.store = store
        self.other_hashes = set((others or {}).values())
        self.prints: dict[str, dict[PageKey, PagePrint]] = {}  # site -> page key -> print
        self.made: dict[PageKey, PagePrint] = {}  # prints this run made, by page key
        self.common: dict[str, dict[bytes, int]] = {}  # site -> its blocks enough of its pages hold
        self.blocks: dict[PageKey, tuple[str, bytes]] = {}  # page key -> the page's site and blocks

    def page_key(self, article: Article) -> PageKey:
        """What tells a page from another: its content hash where a store keeps prints
        from run to run (a build hashes its pages anyway); else, within this run, what the
        content hash covers, hashed as Python hashes strings (encoding a 200 kB page and
        taking its SHA-1 costs several times more, for nothing an extraction uses)."""
        if self.store is not None:
            return article.content_hash
        return hash((article.format, tuple(sorted(article.source.items())), article.raw))

    def survey(self, survey: Survey, on_surveyed: Callable[[], None] | None = None) -> None:
        """Read each file in turn, find its site and print it once the site has another
        page; then count each site's blocks. `on_surveyed` is told of each file read."""
        # site -> its only page so far, not printed: the page, while HELD_CHARS allow, else its path
        unprinted: dict[str, Article | str] = {}
        held = 0  # characters of the pages ever held in `unprinted`: a budget for the whole survey
        printed: set[PageKey] = set()  # the run's pages printed, by page key
        for path in survey.paths:
            article = survey.read(path)
            site = site_key(article) if article is not None else None
            if site is not None:
                if site not in self.prints:
                    self.prints[site] = self._stored_others(site)
                if not self.prints[site] and site not in unprinted:
                    # printed only if its site turns out to have another page
                    if held + len(article.raw) <= HELD_CHARS:
                        unprinted[site] = article
                        held += len(article.raw)
                    else:
                        unprinted[site] = path
                else:
                    if site in unprinted:  # (no name kept for it: the page is let go once printed)
                        printed.update(self._print_first(survey, unprinted.pop(site), site))
                    printed.add(self._print(article, site))
            if on_surveyed is not None:
                on_surveyed()
        for site, prints in self.prints.items():
            if len(prints) >= ev.SITE_MIN_PAGES:
                self.common[site] = common_blocks(list(prints.values()))
                self.blocks.update((h, (site, prints[h].blocks)) for h in printed & prints.keys())
        if self.store is not None and printed:
            self.store.put(self.made)
            self.store.keep_only(printed | self.other_hashes)
        self.prints, self.made = {}, {}  # each page's blocks are kept, in self.blocks

    def _stored_others(self, site: str) -> dict[PageKey, PagePrint]:
        return self.store.of_site(site, self.other_hashes) if self.store is not None and self.other_hashes else {}

    def _print_first(self, survey: Survey, first: Article | str, site: str) -> set[PageKey]:
        """Print a site's first page: the page held, or read again from its path."""
        article = survey.read(first) if isinstance(first, str) else first
        if article is None or site_key(article) != site:  # changed since: weighed when cleaned
            return set()
        return {self._print(article, site)}

    def _print(self, article: Article, site: str) -> PageKey:
        """Print the page (unless the store has it) as one of its site's; its page key."""
        h = self.page_key(article)
        if h not in self.prints[site]:
            found = self.store.get(h) if self.store is not None else None
            if found is None:
                found = self.made[h] = page_print(article, site)
            self.prints[site][h] = found
        return h

    def site_blocks(self, article: Article) -> dict[str, int]:
        """The page's blocks that other pages of its site hold too, and on how many pages.
        A page changed since the survey is printed again and weighed against its site."""
        # The page's site first: most pages are of no site with evidence, and hashing a
        # page's text costs more than finding its site.
        site = site_key(article) if self.common else None
        if site not in self.common:
            return {}
        surveyed = self.blocks.get(self.page_key(article))
        blocks = surveyed[1] if surveyed is not None else page_print(article, site).blocks
        common = self.common[site]
        return {fp.hex(): common[fp] for fp in _unpacked(blocks) if fp in common}


def weigh(articles: Iterable[Article], survey: Survey, *, store: PrintStore | None = None,
          others: dict[str, str] | None = None, on_surveyed: Callable[[], None] | None = None) -> Iterator[Article]:
    """The articles, each with the counts of its blocks that other pages of its site hold
    too (`site_blocks`). The evidence is the whole run's: `survey` reads the run's files,
    one at a time, before the first article is taken from `articles` (the files read again;
    see SiteEvidence for `store`, `others` and `on_surveyed`)."""
    evidence = SiteEvidence(store, others)
    evidence.survey(survey, on_surveyed)
    for article in articles:
        if blocks := evidence.site_blocks(article):
            article.site_blocks = blocks
        yield article
