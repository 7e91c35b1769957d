"""What an index holds: its fields, their analyzers, and the document made from an
article. An index made under another version of this module cannot be updated in place
(searcher.indexing.store names each index by a hash of this file), so it holds nothing else."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import datetime, time as dtime
from functools import lru_cache

from whoosh import fields, formats
from whoosh.analysis import (CharsetFilter, CommaSeparatedTokenizer, Filter, LowercaseFilter, RegexTokenizer,
                             StemFilter, StopFilter, SubstitutionFilter)
from whoosh.support.charset import accent_map

from ..article import ENTITY_TYPES, Article

TEXT_FIELDS = ("title", "body")  # what plain words search: folded, stemmed words
# The unstemmed words of the titles and bodies, the vocabulary "did you mean" draws on.
# A segment posts each word once, weighted by how many of its articles have it
# (searcher.indexing.index.write_articles); Whoosh's `spelling=True` posts it once per article,
# which doubled the postings a commit writes.
VOCABULARY_FIELD = "vocabulary"
NAME_FIELDS = ("outlet", "person", "org", "place", "speaker")  # comma-separated names, for field queries and facets
# The words of the article's quotations, searchable on their own (`quote:"full-scale"`);
# the quotations themselves are stored as JSON in "quotes" for `show` and `searcher quotes`.
QUOTE_FIELD = "quote"

# A word, with dots or apostrophes inside it ("U.S.", "don't", "Lloyd’s") kept in one piece.
WORD_PATTERN = r"\w+(?:[.'’‘ʼ]\w+)*"
WORD = re.compile(WORD_PATTERN)


def folding_filters():
    """Case and accent folding; every apostrophe alike, and the possessive dropped, so
    "Lloyd's", "Lloyd’s" and "Lloyd" are one word."""
    return (LowercaseFilter() | SubstitutionFilter(r"[’‘ʼ]", "'") | SubstitutionFilter(r"'s?$", "")
            | CharsetFilter(accent_map))


class MarkStopWords(StopFilter):
    """Marks the words StopFilter would drop (Whoosh's short stop list, single letters and
    digits) as `common`, and keeps them: they are indexed at their own positions, so a
    phrase matches the words as written ("to be or not to be"; "the drone", not "drone")."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            token.common = len(text) < self.min or text in self.stops
            yield token


class WordPositions(formats.Positions):
    """Positions of every word, with the field's length (which Whoosh sums from the
    frequencies given here, for BM25's length normalisation) counting only the words
    that are not common: ranking stays as it was when they were not indexed. Counted in
    the length, they lowered CISI nDCG@10 from 0.422 to 0.406.

    The text analyzer's filters each look at one word alone, so each distinct word is
    analysed once (remembered per field) and the text is only split into words: the
    same postings as running the analyzer over the whole text, at a fraction of its cost."""

    MEMORY = 500_000  # distinct words remembered per field

    def __init__(self, field_boost: float = 1.0, count_common: bool = False, **options):
        super().__init__(field_boost=field_boost, **options)
        self.count_common = count_common  # the field's length counts every word (as Whoosh's Positions)

    def __getstate__(self) -> dict:
        """Pickled (into the index's table of contents, with the schema) without the words met."""
        return {k: v for k, v in self.__dict__.items() if k != "_analysed"}

    def word_values(self, value, analyzer, **kwargs):
        memo = self.__dict__.setdefault("_analysed", {})
        if len(memo) > self.MEMORY:
            memo.clear()
        positions: dict[str, list[int]] = defaultdict(list)
        counted: Counter = Counter()
        for pos, raw in enumerate(WORD.findall(value)):
            analysed = memo.get(raw)
            if analysed is None:
                token = next(analyzer(raw, positions=True, boosts=True, mode=kwargs.get("mode", "index")))
                analysed = memo[raw] = (token.text, getattr(token, "common", False))
            word, common = analysed
            positions[word].append(pos)
            if self.count_common or not common:
                counted[word] += 1
        for word, poslist in positions.items():
            yield word, counted[word], len(poslist) * self.field_boost, self.encode(poslist)


def text_analyzer(stem: bool = True, stop_words: bool = False):
    """Words of the title and body: folded and stemmed ("drone" finds "drones"), stop
    words marked (see MarkStopWords), or dropped with `stop_words`, as plain-word
    queries drop them (searcher.search.querylang)."""
    chain = RegexTokenizer(WORD_PATTERN) | folding_filters() | (StopFilter() if stop_words else MarkStopWords())
    return chain | StemFilter() if stem else chain


def text_field(stored: bool = True, count_common: bool = False) -> fields.TEXT:
    field = fields.TEXT(analyzer=text_analyzer(), stored=stored)
    field.format = WordPositions(count_common=count_common)
    return field


_TEXT_ANALYZER = text_analyzer()
_QUERY_WORD_ANALYZER = text_analyzer(stop_words=True)
# The words "did you mean" draws on and suggests: stop words are never worth suggesting.
UNSTEMMED_ANALYZER = text_analyzer(stem=False, stop_words=True)


@lru_cache(maxsize=200_000)
def index_term(word: str) -> str | None:
    """The indexed form of one word of the title or body (None if it holds no word)."""
    return next((t.text for t in _TEXT_ANALYZER(word)), None)


@lru_cache(maxsize=200_000)
def word_term(word: str) -> str | None:
    """The indexed form of one word as a plain-word query uses it: None for a stop word
    (Whoosh's short list, or a single letter or digit)."""
    return next((t.text for t in _QUERY_WORD_ANALYZER(word)), None)


class NameWordsFilter(Filter):
    """When indexing, a name also yields each of its words, so `person:kirby` finds "John
    Kirby" as well as `person:"John Kirby"` does; a query keeps the name whole."""

    def __call__(self, tokens):
        for token in tokens:
            name = token.text
            yield token
            if token.mode != "index":
                continue
            words = {w for w in name.replace("-", " ").split() if len(w) > 1} - {name}
            for word in sorted(words):
                token.text = word
                yield token


def name_analyzer():
    """Comma-separated names (people, organisations, places, outlets), folded, so field
    queries and filters match however the user types them."""
    return CommaSeparatedTokenizer() | SubstitutionFilter(r"\s+", " ") | folding_filters() | NameWordsFilter()


def make_schema() -> fields.Schema:
    def names():
        # sortable: the column keeps the canonical display names, read for facets.
        return fields.KEYWORD(analyzer=name_analyzer(), stored=True, scorable=True, sortable=True)

    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        content_hash=fields.ID(stored=True),
        # no index-time field_boost: searcher.search.ranking weights the title at query time (it
        # would multiply with that weight, and changing it would need a rebuild)
        title=text_field(),
        body=text_field(),
        vocabulary=fields.SpellField(UNSTEMMED_ANALYZER),
        outlet=names(),
        site=fields.ID(stored=True),
        url=fields.STORED(),
        dateline=fields.STORED(),  # "Rome, 1996-12-06", for hits and `show`
        published=fields.DATETIME(stored=True, sortable=True),
        author=fields.TEXT(analyzer=text_analyzer(stem=False), stored=True),
        person=names(),
        org=names(),
        place=names(),
        dates=fields.KEYWORD(stored=True, commas=True),
        quote=text_field(stored=False, count_common=True),
        speaker=names(),  # the named speakers of its quotations
        quotes=fields.STORED(),
    )


@lru_cache(maxsize=200_000)
def vocabulary_word(word: str) -> str | None:
    """The unstemmed form of one word for "did you mean" (None for a stop word)."""
    return next((t.text for t in UNSTEMMED_ANALYZER(word)), None)


def vocabulary_words(document: dict) -> set[str]:
    """The distinct unstemmed words of a document's title and body (each word analysed
    alone, as the analyzer's filters see it anyway)."""
    words = {vocabulary_word(w) for w in set(WORD.findall(document["title"] + "\n" + document["body"]))}
    words.discard(None)
    return words


def article_document(article: Article) -> dict:
    doc = {
        "id": article.id,
        "path": article.path,
        "content_hash": article.content_hash,
        "title": article.title or "",
        "body": article.body,
        "site": article.site or "",
        "url": article.url or "",
        "dateline": str(article.dateline) if article.dateline else "",
        "author": article.author or "",
        "dates": ",".join(d.isoformat() for d in article.dates),
    }
    if article.outlet:
        doc["outlet"] = article.outlet
    if article.published:
        doc["published"] = datetime.combine(article.published, dtime())
    for typ in ENTITY_TYPES:
        doc[typ] = ",".join(n.replace(",", " ") for n in article.entities.get(typ, []))
    if article.quotes:
        doc[QUOTE_FIELD] = "\n".join(q.text for q in article.quotes)
        doc["speaker"] = ",".join(dict.fromkeys(q.speaker.replace(",", " ") for q in article.quotes if q.named))
        doc["quotes"] = json.dumps([q.to_json() for q in article.quotes], ensure_ascii=False)
    return doc
