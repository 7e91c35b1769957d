"""Ranking: the promises to users on the seeds through the CLI, and the scoring pieces on
small indexes written for these tests."""

import json
import re
from pathlib import Path

import pytest
from whoosh.query import Phrase, Term

from searcher.search import ranking as R
from searcher.indexing.build import index_articles
from searcher.indexing.index import open_index
from searcher.indexing.schema import word_term
from searcher.search.searching import parse_query


def _seed_names(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [Path(h["path"]).name[:3] for h in json.loads(result.stdout)["hits"]]


@pytest.mark.parametrize("name", list(R.RANKINGS))
def test_one_word_query_finds_exactly_the_seeds_with_the_word(run, name):
    assert sorted(_seed_names(run("query", "Caspian", "--json", "--ranking", name))) == ["000", "001", "003", "004"]


def test_two_word_query_ranks_documents_with_both_words_first(run, seeds_index):
    ix = open_index(seeds_index)
    with ix.searcher() as s:
        def having(word):
            return {s.stored_fields(d)["path"] for d in s.docs_for_query(
                R.PlainWords({word_term(word): 1}, R.get_ranking("bm25f")))}
        caspian, drone = having("caspian"), having("drones")
    assert caspian & drone and caspian ^ drone, "the seeds should have both and each alone"
    doc = json.loads(run("query", "caspian drones", "--json").stdout)
    both = [h["path"] in caspian and h["path"] in drone for h in doc["hits"]]
    assert both == sorted(both, reverse=True)
    assert len(both) == len(caspian | drone)


def test_long_query_with_feedback_returns_only_documents_with_a_query_word(run):
    query = "drone factory Russia Iran equipment shipped across the Caspian Sea"
    with_rm3 = _seed_names(run("query", query, "--json", "--ranking", "bm25f+rm3"))
    plain = _seed_names(run("query", query, "--json", "--ranking", "bm25f"))
    assert sorted(with_rm3) == sorted(plain)


def test_help_names_every_ranking(run):
    named = set(re.findall(r"[\w+]+", run("query", "--help").stdout))
    assert set(R.RANKINGS) <= named


def test_unknown_ranking_is_an_error(run):
    result = run("query", "Caspian", "--ranking", "tfidf")
    assert result.exit_code == 2
    assert "tfidf" in result.stderr and "Traceback" not in result.output


# --- scoring pieces on small made-up indexes -----------------------------------------

@pytest.fixture
def small_index(tmp_path):
    def build(docs: dict[str, tuple[str, str]]):
        index_articles(tmp_path, [])  # an empty live index, written into with Whoosh below
        ix = open_index(tmp_path)
        with ix.writer() as w:
            for doc_id, (title, body) in docs.items():
                w.add_document(id=doc_id, path=doc_id, title=title, body=body)
        return ix
    return build


def _ranked(ix, text, name="bm25f", **kw):
    rk = R.get_ranking(name)
    query = parse_query(ix.schema, text, rk)
    with ix.searcher(weighting=R.weighting(rk)) as s:
        query = R.with_feedback(s, query, rk)
        return [hit["id"] for hit in s.search(query, limit=None, **kw)]


FILLER = "the committee met on tuesday and talked about other business for an hour. "


def test_short_query_puts_more_words_first_even_against_many_repeats(small_index):
    ix = small_index({
        "repeats": ("Otters", "otters otters otters otters otters otters in the river. " + FILLER),
        "both": ("", FILLER * 3 + "an otter near the weir."),
        "other": ("", "the weir was repaired. " + FILLER),
        "neither": ("", FILLER),
    })
    assert _ranked(ix, "otters weir") == ["both", "repeats", "other"]


def test_title_outweighs_body_for_the_same_text(small_index):
    ix = small_index({"in-body": ("Harbour report", "lighthouse keepers " + FILLER),
                      "in-title": ("Lighthouse keepers", "harbour report " + FILLER)})
    assert _ranked(ix, "lighthouse") == ["in-title", "in-body"]


def test_word_in_title_and_body_is_saturated_once(small_index):
    """BM25F sums the field frequencies before saturating, so a word in both fields scores
    less than a title match plus a body match scored apart (Whoosh's own BM25F)."""
    ix = small_index({"both": ("Glacier", "a glacier " + FILLER), "title": ("Glacier", FILLER),
                      "body": ("Notes", "a glacier " + FILLER), "none": ("Notes", FILLER)})
    rk = R.get_ranking("bm25f")
    with ix.searcher() as s:
        scores = R.plain_word_scores(s, {"glacier": 1}, rk, strict=False)
    ids = {s_id: doc for doc, s_id in enumerate(["both", "title", "body", "none"])}
    both, title, body = (scores[ids[k]] for k in ("both", "title", "body"))
    assert max(title, body) < both < title + body


def test_repeated_query_words_weigh_more(small_index):
    ix = small_index({"a": ("", "falcon " + FILLER), "b": ("", "heron " + FILLER)})
    assert _ranked(ix, "falcon heron heron")[0] == "b"
    assert _ranked(ix, "falcon falcon heron")[0] == "a"


def test_idf_is_never_negative_and_falls_with_document_frequency():
    values = [R.rsj_idf(100, df) for df in (1, 10, 50, 90, 100)]
    assert values == sorted(values, reverse=True) and values[-1] > 0


def test_plain_words_are_grouped_and_phrases_and_fields_kept():
    from searcher.indexing.schema import make_schema

    schema = make_schema()
    rk = R.get_ranking("bm25f")
    query = parse_query(schema, 'drone drones "sea power" title:caspian', rk)
    leaves = list(query.leaves()) + [q for q in query.children() for q in q.children()]
    assert [q.words for q in leaves if isinstance(q, R.PlainWords)] == [{"drone": 2}]
    assert Term("title", "caspian") in leaves
    assert any(isinstance(q, Phrase) for q in leaves)
    assert parse_query(schema, "iran OR russia", rk).words == {"iran": 1, "russia": 1}


def test_feedback_adds_words_of_the_top_documents_but_not_their_documents(small_index):
    ix = small_index({
        "on-topic": ("Beekeeping in winter", "hives need insulation, sugar feeding and mite treatment in winter."),
        "also": ("Winter hives", "insulation of hives and mite treatment keep colonies alive."),
        "related": ("Colony losses", "mite treatment schedules and insulation for colonies."),
        "unrelated": ("Varroa", "a parasite of colonies, treated with oxalic acid."),
    })
    rk = R.get_ranking("bm25f+rm3")
    query = parse_query(ix.schema, "winter hives insulation sugar feeding", rk)
    with ix.searcher(weighting=R.weighting(rk)) as s:
        expanded = R.with_feedback(s, query, rk)
        assert set(query.words) < set(expanded.words) and "mite" in expanded.words
        assert "unrelated" not in [hit["id"] for hit in s.search(expanded)]
    # short queries are left alone
    short = R.PlainWords({"winter": 1}, rk)
    with ix.searcher() as s:
        assert R.with_feedback(s, short, rk) is short



def test_verbose_queries_drop_function_words_short_ones_keep_them():
    from searcher.indexing.schema import make_schema

    schema = make_schema()
    rk = R.get_ranking("bm25f")
    verbose = parse_query(schema, "what is there about harbour lighthouses and who keeps them", rk).words
    assert set(verbose) == {"harbour", "lighthous", "keep"}
    assert set(parse_query(schema, "who keeps lighthouses", rk).words) == {"who", "keep", "lighthous"}
    # a verbose query of nothing but function words still searches for them
    assert parse_query(schema, "what where when who which whether why how", rk).words


def test_whoosh_ranking_weights_the_title_in_the_parsed_query(seeds_index):
    from searcher.indexing.index import open_index
    from searcher.search.querylang import parse_query
    from searcher.search.ranking import get_ranking

    query = parse_query(open_index(seeds_index).schema, "drone factory", get_ranking("whoosh"))
    boosts = {t.fieldname: t.boost for t in query.leaves() if hasattr(t, "fieldname")}
    assert boosts["title"] > boosts["body"]


def test_a_bare_word_is_read_as_whoosh_s_parser_reads_it(seeds_index):
    """parse_clause makes the query of a bare word itself (searcher.querylang._simple_word):
    it must be the parser's, for every word of the seeds (some in capitals), and anything with
    syntax in it, or parsed with field weights, must still go to the parser."""
    from searcher.search.clause_parser import make_parser
    from searcher.search.querylang import COORDINATION, Clause, _simple_word, parse_clause
    from searcher.indexing.schema import VOCABULARY_FIELD

    ix = open_index(seeds_index)
    parser = make_parser(ix.schema)
    with ix.reader() as reader:
        words = [w.decode("utf-8") for w in reader.lexicon(VOCABULARY_FIELD)]
    words += [w.upper() for w in words[::7]] + [w.title() for w in words[3::7]] + ["café", "２００４", "x²", "I", "9"]
    made = 0
    for word in words:
        query = _simple_word(ix.schema, Clause(word, 0))
        if query is not None:
            made += 1
            assert query == parser.parse(word) and repr(query) == repr(parser.parse(word)), word
    assert made > len(words) * 0.8
    for text in ["AND", "OR", "NOT", "co-operate", "U.S.", "drone*", "drone~", "o'brien", "a_b", "x^2"]:
        assert _simple_word(ix.schema, Clause(text, 0)) is None, text
    assert _simple_word(ix.schema, Clause("drone", 0, sign="-")) is None
    assert _simple_word(ix.schema, Clause("drone", 0, field="title")) is None
    weighted = make_parser(ix.schema, COORDINATION, {"title": 2.0}).parse("drone")
    assert repr(parse_clause(ix.schema, Clause("drone", 0), COORDINATION, {"title": 2.0})) == repr(weighted)
