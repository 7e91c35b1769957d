"""Quotations (issue 17): what finding them costs a build -- the rules searcher uses, beside
spaCy's dependency parser, the alternative they were chosen over -- and what the speaker
facet and `searcher quotes` cost a query, on BBC articles."""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from .common import Context, percentiles, timed
from .entities import sample_files

SEED = 17


def extracted(files: list[Path]) -> list:
    """The articles as a build extracts them (cleaned, with entities and quotes)."""
    from searcher.extract.pipeline import extract_files

    return list(extract_files(files))


def _paragraphs(bodies: list[str], only_quoted: bool) -> list[str]:
    return [p for b in bodies for p in b.split("\n") if p.strip() and (not only_quoted or any(m in p for m in "\"“”"))]


def load_parser():
    """The pipeline a parser-based attribution would need: the shared tok2vec and the parser
    (the NER searcher runs has its own tok2vec, so none of this is shared with it)."""
    import spacy

    from searcher.extract.entities import _numpy_blas, model_name

    with _numpy_blas():
        return spacy.load(model_name(), exclude=["ner", "tagger", "morphologizer", "lemmatizer", "attribute_ruler",
                                                 "senter", "textcat"])


def extraction_costs(articles: list, extraction_cpu: float | None = None) -> dict:
    """CPU seconds per 1,000 articles of: the whole extraction (reading, cleaning, metadata,
    entities and quotes, as a build runs it), the quote rules, spaCy NER, and the parser over
    the paragraphs that hold a quotation mark (the least a parser-based attribution must
    parse) and over every paragraph."""
    from searcher.extract.entities import extract_entities
    from searcher.extract.quotes import extract_quotes

    bodies = [a.body for a in articles]
    per_k = 1000 / max(len(articles), 1)
    found, _, rules_cpu = timed(lambda: [extract_quotes(a.body, a.entities) for a in articles])
    list(extract_entities(["Warm-up sentence about Tony Blair in London."]))
    _, _, ner_cpu = timed(lambda: list(extract_entities(bodies)))
    nlp, parser_load, _ = timed(load_parser)
    parsed = {}
    for name, only_quoted in (("quoted_paragraphs", True), ("all_paragraphs", False)):
        texts = _paragraphs(bodies, only_quoted)
        _, _, cpu = timed(lambda: list(nlp.pipe(texts, batch_size=256)))
        parsed[name] = {"paragraphs": len(texts), "cpu_s_per_1000_docs": round(cpu * per_k, 2),
                        "over_ner": round(cpu / ner_cpu, 3)}
    quotes = [q for qs in found for q in qs]
    return {"docs": len(articles), "quotes": len(quotes), "quotes_named": sum(q.named for q in quotes),
            "extraction_cpu_s_per_1000_docs": round(extraction_cpu * per_k, 2) if extraction_cpu else None,
            "rules_cpu_s_per_1000_docs": round(rules_cpu * per_k, 3),
            "ner_cpu_s_per_1000_docs": round(ner_cpu * per_k, 2),
            "rules_over_ner": round(rules_cpu / ner_cpu, 4),
            "parser_load_s": round(parser_load, 2), "parser": parsed}


def indexing_cost(ctx: Context, articles: list) -> dict:
    """CPU seconds to index the articles with their quotations and without (the quote,
    speaker and stored quotes fields), alternated three times each; medians."""
    import copy

    from searcher.indexing.build import index_articles

    bare = [copy.copy(a) for a in articles]
    for a in bare:
        a.quotes = []
    times: dict[str, list[float]] = {"with_quotes": [], "without": []}
    for round_ in range(3):
        for name, batch in (("with_quotes", articles), ("without", bare)):
            target = ctx.subdir(f"quotes-index-{name}-{round_}")
            _, _, cpu = timed(index_articles, target / "index", batch)
            times[name].append(cpu)
    med = {k: statistics.median(v) for k, v in times.items()}
    return {"docs": len(articles), **{f"{k}_s": round(v, 3) for k, v in med.items()},
            "extra_s_per_1000_docs": round((med["with_quotes"] - med["without"]) * 1000 / len(articles), 2)}


def build_share(costs: dict, indexing: dict) -> dict:
    """The quotations' share of a build's work, in CPU seconds (which waiting for a core on
    a busy machine does not change): the rules plus the extra indexing, over extracting and
    indexing the articles without them; and the same with the parser in the rules' place."""
    index = max(indexing["extra_s_per_1000_docs"], 0)
    rules = costs["rules_cpu_s_per_1000_docs"]
    parser = costs["parser"]["quoted_paragraphs"]["cpu_s_per_1000_docs"]
    without = costs["extraction_cpu_s_per_1000_docs"] - rules + indexing["without_s"] * 1000 / indexing["docs"]
    return {"build_cpu_s_per_1000_docs_without": round(without, 2), "rules_s": rules, "indexing_s": index,
            "share": round((rules + index) / without, 3), "parser_alternative_share": round((parser + index) / without, 3)}


def query_costs(index_dir: Path, queries: list[str], speakers: list[str]) -> dict:
    """The speaker facet: counting it over each query's matches, first in a fresh process's
    index (cold: the column is read) and then warm (as a server has it); each query with and
    without it, alternated; `searcher quotes` for speakers of the index."""
    from searcher.search.quote_search import search_quotes
    from searcher.search.searching import count_facets, open_searcher, search

    index = open_searcher(index_dir)
    matched = [[hit.docnum for hit in index.searcher.search(_parsed(index, q), limit=None)] for q in queries]
    facet: dict[str, list[float]] = {"cold": [], "warm": []}
    for state in ("cold", "warm"):
        for docnums in matched:
            started = time.perf_counter()
            count_facets(index, docnums, ("speaker",), 10)
            facet[state].append(time.perf_counter() - started)
    without, with_facet = [], []
    for q in queries:
        a = time.perf_counter()
        search(index_dir, q, facets=("outlet",))
        b = time.perf_counter()
        search(index_dir, q, facets=("outlet", "speaker"))
        without.append(b - a)
        with_facet.append(time.perf_counter() - b)
    listing = []
    for name in speakers:
        started = time.perf_counter()
        search_quotes(index_dir, speakers=(name,), limit=20)
        listing.append(time.perf_counter() - started)
    return {"queries": len(queries), "speaker_facet_cold": percentiles(facet["cold"]),
            "speaker_facet_warm": percentiles(facet["warm"]), "without_speaker_facet": percentiles(without),
            "with_speaker_facet": percentiles(with_facet),
            "quotes_by_speaker": percentiles(listing) | {"speakers": len(speakers)}}


def _parsed(index, text: str):
    from searcher.search.querylang import parse_query

    return parse_query(index.searcher.schema, text)


def section(ctx: Context, built) -> dict:
    from searcher.search.searching import open_searcher

    from .querying import make_queries
    from .indexing import stored_rows

    articles, _, extraction_cpu = timed(extracted, sample_files(ctx.bbc, 100 if ctx.quick else 300))
    costs = extraction_costs(articles, extraction_cpu)
    indexing = indexing_cost(ctx, articles)
    out = {"extraction": costs, "indexing": indexing, "build_share": build_share(costs, indexing)}
    if built is not None:
        rows = stored_rows(built.index)
        queries = [q.text for q in make_queries(rows, 120 if ctx.quick else 240)]
        counts = open_searcher(built.index).reader
        names = sorted({n for d in counts.all_stored_fields() for n in (d.get("speaker") or "").split(",") if n})
        speakers = random.Random(SEED).sample(names, min(len(names), 40))
        out["query"] = query_costs(built.index, queries, speakers)
    return out


# -- the parser alternative, for the accuracy comparison in docs/quotes.md

def parser_speakers(article, nlp) -> list[tuple[str | None, str | None]]:
    """(speaker, type) for each of the article's quotations (the rules' spans, so only the
    attribution differs) when the cue and its subject come from spaCy's dependency parse:
    the reporting verb nearest the quote in its sentence, its nsubj (climbing from an
    "-ing" cue to the verb it hangs on), or the object of "according to". The subject is
    then read as the rules read one (pronouns, role nouns, entity names), and a quote with
    no cue continues the paragraph's speaker, as in the rules."""
    from searcher.extract.quotes import VERB_FORMS, _mask, _mentions, _Resolver, quote_spans

    body = article.body
    spans = quote_spans(body)
    masked = _mask(body, spans)
    resolver = _Resolver(body, masked, _mentions(body, article.entities))
    inside = [(s.open_at, s.pieces[-1][1]) for s in spans if s.pieces]
    offsets, docs = [], []
    start = 0
    for paragraph in body.split("\n"):
        if any(m in paragraph for m in "\"“”"):
            offsets.append(start)
            docs.append(nlp(paragraph))
        start += len(paragraph) + 1
    out, last_in_paragraph = [], {}
    for quote in article.quotes:
        where = max((i for i, o in enumerate(offsets) if o <= quote.start), default=None)
        speaker = (None, None)
        cue = None
        if where is not None:
            doc, base = docs[where], offsets[where]
            sentence = next((s for s in doc.sents if s.start_char + base <= quote.end <= s.end_char + base + 1), None)
            verbs = [t for t in (sentence or []) if (t.text in VERB_FORMS or (t.lower_ == "according"))
                     and not any(a <= t.idx + base < b for a, b in inside)]
            if verbs:
                cue = min(verbs, key=lambda t: min(abs(t.idx + base - quote.start), abs(t.idx + base - quote.end)))
        if cue is not None:
            base = offsets[where]
            subject = None
            if cue.lower_ == "according":
                to = next((c for c in cue.children if c.lower_ == "to"), None)
                subject = next((c for c in (to.children if to is not None else []) if c.dep_ == "pobj"), None)
            else:
                verb = cue
                for _ in range(3):
                    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    if subject is not None or verb.head is verb:
                        break
                    verb = verb.head
            if subject is not None:
                lo, hi = subject.left_edge.idx + base, subject.right_edge.idx + len(subject.right_edge) + base
                if subject.lower_ in ("he", "she", "him", "her", "it", "they", "we", "i"):
                    speaker = resolver._pronoun(subject.lower_, subject.idx + base)
                else:
                    # a person named anywhere in the subject ("Russian Ambassador to the UN Vassily
                    # Nebenzia"); else the phrase read as the rules read one: a head at the right reads
                    # like "US spokesman John Kirby", else like "Kelly of the EOS Risk Group"
                    people = [m for m in resolver._in(lo, hi) if m.type == "person"]
                    read = resolver._ending_at if subject.i == subject.right_edge.i else resolver._starting_at
                    speaker = (people[-1].name, "person") if people else read(lo, hi, lo)
        elif body.rfind("\n", 0, quote.start) + 1 in last_in_paragraph:
            speaker = last_in_paragraph[body.rfind("\n", 0, quote.start) + 1]
        if speaker[0] is not None:
            last_in_paragraph[body.rfind("\n", 0, quote.end) + 1] = speaker
            resolver.spoke(quote.start, speaker)
        out.append(speaker)
    return out
