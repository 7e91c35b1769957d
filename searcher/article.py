"""The one record that passes through the pipeline: read -> clean -> extract -> index."""

from __future__ import annotations

from dataclasses import field
from functools import cached_property
from datetime import date
from pathlib import Path

from .lean import LazyPattern, record, sha1

ENTITY_TYPES = ("person", "org", "place")
# What searcher.search.searching counts and orders hits by. Named here, beside the record's fields,
# so the command line offers them without importing the query path. "month" (YYYY-MM) is
# the timeline: every month with matches, oldest first, never cut to the facet limit.
FACET_FIELDS = ("outlet", *ENTITY_TYPES, "speaker", "year", "month")
SORTS = ("relevance", "date", "-date")


_LIST_MARKS = "•·▪►*-–— \t"


def lead_sentence(body: str) -> str:
    """The story's first sentence: from its first paragraph that is not a key-points list item."""
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    prose = [p for p in paragraphs if not p.startswith(tuple(_LIST_MARKS))]
    lead = (prose or paragraphs or [""])[0].lstrip(_LIST_MARKS)
    return lead.split(". ")[0].rstrip(".")


def display_title(title: str | None, body: str) -> str:
    """The headline, or the lead sentence marked as such when the text has no headline."""
    if title:
        return title
    sentence = lead_sentence(body)
    if len(sentence) > 120:
        sentence = sentence[:117].rsplit(" ", 1)[0] + "..."
    return f"[lead] {sentence}" if sentence else "[untitled]"


@record
class Removed:
    """A block the cleaner dropped, and why (shown by `searcher extract --explain`)."""

    text: str
    reason: str


_ISO_DATE = LazyPattern(r"\d{4}-\d{2}-\d{2}")


@record(frozen=True)
class Dateline:
    """Where, and when if it says, the story was filed: "ROME 1996-12-06", "LONDON
    (Reuters) -". Printed and stored as "Rome, 1996-12-06"."""

    place: str
    date: date | None = None

    def __str__(self) -> str:
        return f"{self.place}, {self.date.isoformat()}" if self.date else self.place

    @classmethod
    def parse(cls, text: str | None) -> Dateline | None:
        """The dateline that `str` printed, or None for an empty text."""
        if not text:
            return None
        place, _, last = text.rpartition(", ")
        if place and _ISO_DATE.fullmatch(last):
            return cls(place, date.fromisoformat(last))
        return cls(text)

    def to_json(self) -> dict:
        return {"place": self.place, "date": self.date.isoformat() if self.date else None}


@record
class Quote:
    """A quotation in the body and who said it (found by searcher.extract.quotes). `start`/`end`
    are the body offsets of its first and last quoted character; a quote that runs over
    paragraphs spans them, and `text` joins its pieces. `speaker` is the article's entity
    name when `speaker_type` is person, org or place; the source's own words ("an expert")
    when it is "unnamed"; None when nobody is named. `partial`: a few words worked into the
    writer's own sentence rather than a sentence quoted whole."""

    text: str
    speaker: str | None
    speaker_type: str | None
    cue: str | None  # the reporting words: "said", "told reporters", "according to"
    start: int
    end: int
    partial: bool

    @property
    def named(self) -> bool:
        """The speaker is one of the article's entities (what the speaker facet counts)."""
        return self.speaker_type in ENTITY_TYPES

    def to_json(self) -> dict:
        return {"text": self.text, "speaker": self.speaker, "speaker_type": self.speaker_type, "cue": self.cue,
                "start": self.start, "end": self.end, "partial": self.partial}


@record
class Article:
    """One news article. The reader fills `path`, `raw` and `format`; the cleaner fills
    `title`, `body` and `removed`; extraction fills the metadata, entities and quotes."""

    path: str
    raw: str = ""
    format: str = "text"  # "text" or "html"
    # Metadata the corpus sidecar gives for this file (url, outlet, published, author, title).
    source: dict[str, str] = field(default_factory=dict)
    # Metadata the page itself declares (HTML meta tags, JSON-LD), found while cleaning.
    page_meta: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    body: str = ""
    removed: list[Removed] = field(default_factory=list)
    # Blocks of the page that other pages of its site print too (fingerprint -> how many
    # of the site's pages), found before cleaning by searcher.extract.sitewide.
    site_blocks: dict[str, int] = field(default_factory=dict)
    outlet: str | None = None
    site: str | None = None
    url: str | None = None
    published: date | None = None
    author: str | None = None
    dateline: Dateline | None = None
    entities: dict[str, list[str]] = field(default_factory=lambda: {t: [] for t in ENTITY_TYPES})
    dates: list[date] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    @property
    def id(self) -> str:
        """Stable id: the file name's stem plus a short hash of the full path, so two
        corpora's `001.txt` files never collide but the id reads well."""
        digest = sha1(self.path.encode("utf-8")).hexdigest()[:8]
        return f"{Path(self.path).stem}-{digest}"

    @cached_property
    def content_hash(self) -> str:
        """Hash of the text, how it is read (text or HTML: the same bytes saved as .txt and
        as .html are cleaned differently) and its sidecar metadata: a change in any means
        re-extracting. All are set before anything asks (reader, then sidecar) and never
        change after, so it is worked out once: a build asks four times, and a saved page
        runs to 200 KB."""
        from hashlib import sha1 as openssl_sha1  # 8x searcher.lean's sha1 on a page: 3% of cleaning one

        sidecar = "\n".join(f"{k}={v}" for k, v in sorted(self.source.items()))
        return openssl_sha1(f"{self.format}\n{sidecar}\n\n{self.raw}".encode("utf-8")).hexdigest()

    @property
    def extraction_key(self) -> str:
        """What the extraction depends on: the content, and what the other pages of its
        site say about its blocks (searcher.extract.sitewide)."""
        if not self.site_blocks:
            return self.content_hash
        evidence = ",".join(f"{fp}:{n}" for fp, n in sorted(self.site_blocks.items()))
        return sha1(f"{self.content_hash}\n{evidence}".encode()).hexdigest()

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n") if p.strip()]

    @property
    def display_title(self) -> str:
        return display_title(self.title, self.body)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "body": self.body,
            "outlet": self.outlet,
            "site": self.site,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "author": self.author,
            "dateline": self.dateline.to_json() if self.dateline else None,
            "entities": {t: list(self.entities.get(t, [])) for t in ENTITY_TYPES},
            "dates": [d.isoformat() for d in self.dates],
            "quotes": [q.to_json() for q in self.quotes],
        }
