"""The numpy query path (searcher.search.columns, searcher.search.postings, searcher.search.vectorised) gives
exactly what the per-match path gives: the same hits in the same order with the same
scores, totals, copies and facet counts, on the bench's query mix and on filters, sorts,
pages, copies, aliases, several segments and deleted documents. The per-match path is
the one a one-off `searcher query` runs, and was the only one before."""

import random
from datetime import date, timedelta

import pytest

from bench.indexing import stored_rows
from bench.querying import make_queries
from searcher.search import searching as S
from searcher.article import Article, Quote
from searcher.indexing.build import index_articles
from searcher.indexing.index import open_generation
from searcher.search.ranking import COLUMNS
from searcher.indexing.schema import article_document
from searcher.indexing.store import IndexFolder

WORDS = ("drone ship port cargo missile sanction tanker border minister talks ceasefire grain harbour "
         "satellite factory engine export import treaty summit envoy rebel army navy pilot fuel oil gas "
         "price market trade bank court judge vote party leader election crisis storm flood").split()
FILLER = "the of and to in a on for with that was by".split()
PEOPLE = ["Donald Trump", "Trump", "John Kirby", "Kirby", "Maria Zakharova", "Ali Khamenei", "Sergei Shoigu"]
ORGS = ["NATO", "United Nations", "Pentagon", "Kremlin"]
PLACES = ["Caspian Sea", "Tehran", "Moscow", "Baku", "Makhachkala"]
OUTLETS = ["CNN", "Reuters", "Turan", "Taipei Times", None]


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(FILLER) for _ in range(rng.randint(8, 20)))


def _article(rng: random.Random, i: int, body: str | None = None) -> Article:
    body = body or "\n".join(_sentence(rng).capitalize() + "." for _ in range(rng.randint(2, 8)))
    people = rng.sample(PEOPLE, rng.randint(0, 3))
    quotes = [Quote("we " + _sentence(rng), p, "person", "said", 0, 10, False) for p in people[:1]]
    published = date(2020, 1, 1) + timedelta(days=rng.randrange(1500)) if rng.random() < 0.85 else None
    return Article(path=f"/corpus/{i:04d}.txt", title=" ".join(rng.sample(WORDS, 3)).capitalize(), body=body,
                   outlet=rng.choice(OUTLETS), published=published,
                   entities={"person": people, "org": rng.sample(ORGS, rng.randint(0, 2)),
                             "place": rng.sample(PLACES, rng.randint(0, 2))},
                   quotes=quotes)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    """300 articles, 20 of them copied once or twice (a story each), then a second
    segment that replaces some and deletes others."""
    rng = random.Random(19)
    articles = [_article(rng, i) for i in range(300)]
    for i in range(20):
        original = articles[i * 7]
        for k in range(1 + i % 2):
            articles.append(_article(rng, 300 + 2 * i + k, body=original.body + "\nUpdated with one more line."))
    index_dir = tmp_path_factory.mktemp("vectorised") / "index"
    index_articles(index_dir, articles)
    generation = IndexFolder(index_dir).current()
    writer = open_generation(generation).writer()
    for article in [_article(rng, i) for i in range(0, 60, 3)]:  # replaced: deleted from the first segment
        writer.delete_by_term("path", article.path)
        writer.add_document(**article_document(article))
    for i in range(100, 120):
        writer.delete_by_term("path", f"/corpus/{i:04d}.txt")
    writer.commit(merge=False)
    # the generation's record of its files, as a build would have written it
    generation.write_record(generation.meta() | {"files": generation.whoosh_files(), "checksums": generation.checksums()},
                            generation.files())
    return index_dir


def _both(index_dir, text: str, **options) -> tuple[dict, dict]:
    """The results of the per-match path and of the numpy path."""
    index = S.open_searcher(index_dir)
    index.arrays = None
    COLUMNS.clear()
    index.queries = -10 ** 9  # never load the columns
    per_match = S.search(index_dir, text, **options).to_json()
    index.load_columns()
    arrays = S.search(index_dir, text, **options).to_json()
    return per_match, arrays


def test_the_index_has_two_segments_and_deletions(index_dir):
    reader = S.open_searcher(index_dir).reader
    assert len(list(reader.leaf_readers())) == 2 and reader.has_deletions()


def test_the_bench_queries_give_the_same_results(index_dir):
    queries = make_queries(stored_rows(index_dir), 120)
    compared = 0
    for q in queries:
        facets = S.FACET_FIELDS if q.kind == "faceted" else ("outlet",)
        per_match, arrays = _both(index_dir, q.text, limit=10, facets=facets)
        assert arrays == per_match, q
        compared += per_match["total"] > 0
    assert compared > 100


@pytest.mark.parametrize("text", [
    "drone", "drone ship", "cargo missile tanker border minister talks", "the", "*", "drone -ship",
    "drone OR ship", '"cargo ship"', "title:drone ship", "person:trump drone", "outlet:cnn", "drone~",
    "published:[2021 TO 2022] oil", "zzzunknown", 'place:"Caspian Sea"', "title:drone^3 -person:kirby",
    'org:nato OR place:tehran', "+title:ship border",
])
@pytest.mark.parametrize("options", [
    {}, {"all_copies": True}, {"sort": "-date"}, {"sort": "date", "page": 2, "limit": 5}, {"page": 3, "limit": 7},
    {"limit": None, "passages": 0},
])
def test_queries_filters_sorts_and_pages_give_the_same_results(index_dir, text, options):
    per_match, arrays = _both(index_dir, text, facets=S.FACET_FIELDS, facet_limit=4, **options)
    assert arrays == per_match


def test_filters_give_the_same_results(index_dir):
    filters = S.Filters(person=("Kirby",), since=date(2021, 1, 1))
    per_match, arrays = _both(index_dir, "drone ship", filters=filters, facets=S.FACET_FIELDS)
    assert arrays == per_match and per_match["total"] > 0


def test_aliases_and_copies_count_as_on_the_per_match_path(index_dir):
    per_match, arrays = _both(index_dir, "*", facets=("person",), facet_limit=20)
    assert arrays == per_match
    assert "Trump" not in per_match["facets"]["person"]  # counted as Donald Trump
    assert per_match["copies"] > 0


def test_a_one_off_query_never_loads_the_columns(index_dir):
    index = S.open_searcher(index_dir)
    index.arrays = None
    COLUMNS.clear()
    index.queries = 0
    S.search(index_dir, "drone")
    assert index.arrays is None
    S.search(index_dir, "drone")
    assert index.arrays is not None


def test_a_field_of_common_words_only_is_searched_on_both_paths(tmp_path):
    """Its length, counting no common word, is 0: Whoosh reads that as None, which the
    per-match path once divided by."""
    index_dir = tmp_path / "index"
    index_articles(index_dir, [Article(path="/c/a.txt", title="The US", body="Something about the US economy."),
                               Article(path="/c/b.txt", title="Other news", body="Nothing about it here.")])
    per_match, arrays = _both(index_dir, "US")
    assert per_match == arrays and per_match["total"] == 1


@pytest.mark.parametrize("text", ['place:"Caspian Sea"', "title:drone^3", "person:trump drone", "org:nato"])
def test_words_in_one_field_score_the_same_to_the_last_bit(index_dir, text):
    """ranking.ColumnTerm scores a field's word from its posting list as Whoosh's BM25 does per match."""
    index = S.open_searcher(index_dir)
    index.arrays = None
    COLUMNS.clear()
    index.queries = -10 ** 9
    per_match = [(h.id, h.score) for h in S.search(index_dir, text, limit=None).hits]
    index.load_columns()
    arrays = [(h.id, h.score) for h in S.search(index_dir, text, limit=None).hits]
    assert arrays == per_match and per_match
