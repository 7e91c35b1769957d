"""The query language, filters, facets, highlights, suggestions and `show`, through the
real CLI on a real index of the seeds (the session-scoped one, or small corpora written
here for what the seeds cannot show)."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from searcher.cli import main
from tests.conftest import SEEDS


def names(doc) -> list[str]:
    return sorted(h["path"].rsplit("/", 1)[-1][:3] for h in doc["hits"])


def query_json(run, *args):
    result = run("query", *args, "--json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


# -- a small corpus written for the cases the seeds cannot show --

ARTICLES = {
    "lloyds.txt": "Insurers at Lloyd’s of London\nThe market at Lloyd’s set new rates for ships in the Black Sea this week.\n",
    "cafe.txt": "A café in Zürich\nThe Café Odeon in Zürich served writers and exiles for a century, its owners said.\n",
    "rates.txt": "Shipping rates climb\nShipping rates climbed again as insurers priced in war risk for tankers.\n",
    "hamlet.txt": "A stage revival\nThe actor paused before the line to be or not to be, and the hall fell silent.\n",
    "council.txt": "Council answers\n\u201cWe are on it,\u201d the council leader said of the potholes on the high street.\n",
    "street.txt": "Street notes\nThe street is to be resurfaced, but we are told it is not on this year\u2019s list.\n",
}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("small") / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    index_dir = corpus.parent / "index"
    result = CliRunner().invoke(main, ["--corpus", str(corpus), "--index", str(index_dir), "index"])
    assert result.exit_code == 0, result.output

    def run(*args):
        return CliRunner().invoke(main, ["--corpus", str(corpus), "--index", str(index_dir), *args])
    return run


def small_json(small, *args):
    result = small("query", *args, "--json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def files(doc) -> list[str]:
    return sorted(h["path"].rsplit("/", 1)[-1] for h in doc["hits"])


# -- text analysis

def test_stemming_finds_other_forms(run):
    assert names(query_json(run, "drone")) == names(query_json(run, "drones"))
    assert query_json(run, "drone")["total"] >= 4


def test_straight_and_curly_apostrophes_are_alike(small):
    assert files(small_json(small, "Lloyd's")) == ["lloyds.txt"]
    assert files(small_json(small, "Lloyd’s")) == ["lloyds.txt"]
    assert files(small_json(small, '"Lloyd\'s of London"')) == ["lloyds.txt"]


def test_case_and_accents_are_folded(small):
    assert files(small_json(small, "cafe zurich")) == ["cafe.txt"]
    assert files(small_json(small, "CAFÉ")) == ["cafe.txt"]


def test_curly_quotes_make_a_phrase(run):
    assert query_json(run, "“drone factory”")["total"] == query_json(run, '"drone factory"')["total"]


# -- query language

def test_plain_words_rank_documents_with_more_of_them_first(small):
    doc = small_json(small, "insurers ships")
    assert files(doc) == ["lloyds.txt", "rates.txt"]  # partial matches still come back
    assert doc["hits"][0]["path"].endswith("lloyds.txt")  # the one with both words first


def test_phrase_is_stricter_than_words(run):
    words, phrase = query_json(run, "drone factory"), query_json(run, '"drone factory"')
    assert 0 < phrase["total"] < words["total"]
    for hit in phrase["hits"]:
        text = " ".join(p["text"] for p in hit["highlights"]).lower() + (hit["title"] or "").lower()
        assert "drone factory" in text


def test_phrases_match_the_words_as_written_stop_words_too(small):
    assert files(small_json(small, '"to be or not to be"')) == ["hamlet.txt"]
    assert files(small_json(small, '"we are on it"')) == ["council.txt"]
    assert files(small_json(small, '"the council leader"')) == ["council.txt"]
    # a phrase mixing common words with a rare one is not the rare word alone
    assert files(small_json(small, '"on the potholes"')) == []
    assert files(small_json(small, '"of the potholes"')) == ["council.txt"]
    assert files(small_json(small, '"council the leader"')) == []
    marked = [p["text"][s:e] for h in small_json(small, '"to be or not to be"')["hits"]
              for p in h["highlights"] for s, e in p["matches"]]
    assert marked == ["to", "be", "or", "not", "to", "be"]


def test_stop_words_among_other_words_do_not_count_but_alone_they_are_searched(small):
    assert files(small_json(small, "the potholes")) == ["council.txt"]
    assert files(small_json(small, "are")) == ["council.txt", "street.txt"]


def test_proximity_phrase(run):
    near = query_json(run, '"drone plant"~3')  # "drone manufacturing plant"
    assert query_json(run, '"drone plant"')["total"] == 0 and near["total"] >= 1
    marked = {p["text"][s:e].lower() for h in near["hits"] for p in h["highlights"] for s, e in p["matches"]}
    assert {"drone", "plant"} <= marked


def test_excluded_word(run):
    with_cnn = names(query_json(run, "drones"))
    without = query_json(run, "drones -Kirby")
    assert without["total"] < len(with_cnn)
    result = run("show", without["hits"][0]["id"])
    assert "Kirby" not in result.stdout


def test_query_starting_with_minus_goes_after_double_dash(run):
    result = run("query", "--json", "--", "-Kirby")
    assert result.exit_code == 0
    assert 0 < json.loads(result.stdout)["total"] < 5


def test_or_finds_either(run):
    either = query_json(run, "Kirby OR Zakharova")
    assert either["total"] == len(set(names(query_json(run, "Kirby"))) | set(names(query_json(run, "Zakharova"))))


def test_field_queries_match_however_names_are_typed(run):
    full = query_json(run, 'person:"John Kirby"')
    assert full["total"] == 3
    assert names(query_json(run, 'person:"john kirby"')) == names(full)
    assert names(query_json(run, "person:kirby")) == names(full)
    assert names(query_json(run, "outlet:cnn")) == ["001", "003"]
    assert names(query_json(run, 'outlet:"taipei times"')) == ["002"]
    assert query_json(run, "place:caspian")["total"] >= 1


def test_field_query_constrains_plain_words(run):
    doc = query_json(run, "drones outlet:cnn")
    assert names(doc) == ["001", "003"]
    assert names(query_json(run, "kamikaze outlet:cnn")) == []


def test_title_field(run):
    doc = query_json(run, "title:caspian")
    assert names(doc) == ["000"]


def test_prefix_and_fuzzy(run):
    assert names(query_json(run, "Casp*")) == names(query_json(run, "Caspian"))
    assert names(query_json(run, "Caspain~2")) == names(query_json(run, "Caspian"))


def test_one_fuzzy_step_includes_swapping_two_neighbouring_letters(run):
    caspian = names(query_json(run, "Caspian"))
    assert names(query_json(run, "Caspain~")) == caspian  # "ai" for "ia": one swap
    assert names(query_json(run, "Kriby~")) == names(query_json(run, "Kirby"))
    assert names(query_json(run, "Csapain~")) == []  # two swaps are two steps
    assert names(query_json(run, "Csapain~2")) == caspian


def test_fuzzy_words_are_those_within_the_damerau_distance(small):
    """The automaton finds exactly the indexed words a brute-force Damerau-Levenshtein
    distance puts within reach, and nothing past it."""
    from searcher.search.fuzzy import words_within
    from searcher.indexing.index import open_index
    from searcher.search.searching import _distance

    index_dir = Path(json.loads(small("stats", "--json").stdout)["index"])
    reader = open_index(index_dir).reader()
    lexicon = [w.decode() for w in reader.lexicon("body")]
    for typed in ("rats", "rtaes", "insruers", "lodyl", "shpis", "zuirch", "sea", "tnakers", "ab"):
        for maxdist in (1, 2):
            expected = {w for w in lexicon if _distance(typed, w) <= maxdist}
            assert words_within(reader, "body", typed, maxdist) == expected, (typed, maxdist)


def test_date_range_and_partial_dates(run):
    assert names(query_json(run, "published:[2023-01-01 TO 2023-12-31]")) == ["000"]
    assert names(query_json(run, "published:2024")) == ["001"]
    assert names(query_json(run, "published:[2023 TO]")) == ["000", "001"]


def test_a_month_or_a_day_is_that_month_or_day_not_its_year(run):
    # 000 is of 2023-06-10, 001 of 2024-06-21, 002 of 2022-12-11
    assert names(query_json(run, "published:2023-06")) == ["000"]
    assert names(query_json(run, "published:2023-06-10")) == ["000"]
    assert names(query_json(run, "published:2023-6-10")) == ["000"]
    assert names(query_json(run, "published:2023-06-11")) == []
    assert names(query_json(run, "published:2023-07")) == []
    assert names(query_json(run, "published:2024-01-01")) == []
    assert names(query_json(run, "published:[2023-06-11 TO 2024-06]")) == ["001"]
    assert names(query_json(run, "(published:2023-06 OR published:2022-12) Iran")) == ["000", "002"]


@pytest.mark.parametrize("text, says", [
    ("title:(", "column 7"),
    ('"drone factory', 'unbalanced quote'),
    ("drones)", "unexpected )"),
    ("drones OR", "OR needs a word"),
    ("published:[2023-13-01 TO 2024]", "bad date"),
    ("published:yesterday", "bad date"),
    ("published:[2023-06-10]", "published:[FROM TO UNTIL]"),
    ("published:2023-02-30", "no such day"),
    ("drone~9", "fuzzy by 1 or 2"),
    ("title:", "nothing to search for"),
])
def test_bad_query_is_one_line_saying_where(run, text, says):
    result = run("query", text)
    assert result.exit_code == 2
    assert says in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


# -- filters, sorting, paging

def test_filters_are_repeatable_and_case_insensitive(run):
    assert names(query_json(run, "Iran", "--outlet", "cnn")) == ["001", "003"]
    assert names(query_json(run, "Iran", "--outlet", "CNN", "--outlet", "Turan")) == ["000", "001", "003"]
    assert names(query_json(run, "Iran", "--person", "John Kirby", "--outlet", "Turan")) == ["000"]
    assert query_json(run, "Iran", "--place", "caspian sea")["total"] >= 1
    assert query_json(run, "Iran", "--org", "National Security Council")["total"] >= 1
    filtered = query_json(run, "Iran", "--outlet", "cnn", "--facet", "year")
    assert filtered["facets"] == {"outlet": {"CNN": 2}, "year": {"2024": 1}}  # facets count within filters (003 is undated)


def test_since_and_until(run):
    assert names(query_json(run, "Iran", "--since", "2023")) == ["000", "001"]
    assert names(query_json(run, "Iran", "--until", "2023-06-10")) == ["000", "002"]
    assert names(query_json(run, "Iran", "--since", "2023-01", "--until", "2023-12")) == ["000"]
    result = run("query", "Iran", "--since", "2023-13")
    assert result.exit_code == 2 and "not a date" in result.stderr


def test_sort_by_date_both_ways_with_undated_last(run):
    oldest = [h["published"] for h in query_json(run, "Iran", "--sort", "date")["hits"]]
    newest = [h["published"] for h in query_json(run, "Iran", "--sort", "-date")["hits"]]
    assert oldest[:3] == ["2022-12-11", "2023-06-10", "2024-06-21"] and oldest[3:] == [None, None]
    assert newest[:3] == ["2024-06-21", "2023-06-10", "2022-12-11"] and newest[3:] == [None, None]


def test_pages(run):
    everything = [h["id"] for h in query_json(run, "Iran", "--limit", "5")["hits"]]
    page1 = query_json(run, "Iran", "--limit", "2")
    page3 = query_json(run, "Iran", "--limit", "2", "--page", "3")
    assert [h["id"] for h in page1["hits"]] == everything[:2]
    assert [h["id"] for h in page3["hits"]] == everything[4:]
    assert page3["total"] == 5 and page3["page"] == 3
    assert "showing 5-5" in run("query", "Iran", "--limit", "2", "--page", "3").stdout


# -- facets

def test_facets_count_all_matches_not_just_the_page(run):
    doc = query_json(run, "Iran", "--limit", "1", "--facet", "person", "--facet", "year", "--facet", "place")
    assert set(doc["facets"]) == {"outlet", "person", "year", "place"}
    assert doc["facets"]["person"]["John Kirby"] == 3  # canonical display name, counted over all matches
    assert doc["facets"]["year"] == {"2024": 1, "2023": 1, "2022": 1}
    assert doc["facets"]["outlet"] == {"CNN": 2, "Turan": 1, "Taipei Times": 1, "International Business Times": 1}


def test_facet_table_under_hits(run):
    out = run("query", "Iran", "--facet", "year", "--facet", "org").stdout
    tail = out.split("matching articles", 1)[1]
    assert "outlet:" in tail and "year:" in tail and "2024 (1)" in tail and "org:" in tail


# -- highlights

def test_json_passages_give_match_positions_and_are_configurable(run):
    doc = query_json(run, "Caspian", "--passages", "1", "--passage-length", "80")
    for hit in doc["hits"]:
        assert len(hit["highlights"]) == 1
        passage = hit["highlights"][0]
        assert len(passage["text"]) <= 80
        for start, end in passage["matches"]:
            assert passage["text"][start:end].lower() == "caspian"
    assert all(not h["highlights"] for h in query_json(run, "Caspian", "--passages", "0")["hits"])


def test_phrase_marks_only_the_phrase(run):
    doc = query_json(run, '"drone factory"')
    marked = [p["text"][s:e].lower() for h in doc["hits"] for p in h["highlights"] for s, e in p["matches"]]
    # "drones" and "drone" occur alone all over these articles; only the phrase is marked
    assert marked.count("drone") == marked.count("factory") > 0
    assert set(marked) == {"drone", "factory"}


def test_marked_words_are_every_word_whose_term_is_wanted_and_only_those():
    """find_matches scans for first and second letters (searcher.passages._candidates) and
    analyses what it finds: it marks exactly the words, whole, whose indexed term is wanted,
    in any case or accent, never the inside of a word joined by an apostrophe or a dot."""
    from searcher.search.passages import Marks, find_matches
    from searcher.indexing.schema import WORD, index_term

    text = ("Companies' co-operation: the COMPANY's countries, Country o'country x.country "
            "Pública publica wa-pu pUblic _country 9country café Cafe ca\u0301fe! Élan elan u.s.")
    for wanted in [{"compani", "countri"}, {"public", "wa"}, {"cafe", "elan", "x"}, {"co", "u.s"}, {"pu", "wa", "pa"}]:
        expected = [(m.start(), m.end(), index_term(m.group())) for m in WORD.finditer(text)
                    if index_term(m.group()) in wanted]
        assert find_matches(text, Marks(frozenset(wanted))) == expected, wanted


def test_title_matches_in_json_and_plain_when_piped(run):
    doc = query_json(run, "Caspian")
    title_hit = next(h for h in doc["hits"] if h["title_matches"])
    start, end = title_hit["title_matches"][0]
    assert title_hit["title"][start:end] == "Caspian"
    out = run("query", "Caspian").stdout
    assert "Over Caspian Sea" in out and "\x1b[" not in out


def test_colour_on_a_terminal(seeds_index):
    from searcher.render import results_text
    from searcher.search.searching import search

    text = results_text(search(seeds_index, "Caspian"), color=True)
    assert "\x1b[" in text and "[Caspian]" not in text


# -- did you mean

def test_did_you_mean_when_nothing_matches(run):
    result = run("query", "Caspain")
    assert result.exit_code == 1
    assert "Did you mean: Caspian" in result.stdout
    assert query_json(run, "Caspain")["suggestion"] == "Caspian"
    assert query_json(run, "Caspian")["suggestion"] is None


def test_did_you_mean_not_offered_for_words_already_fuzzy_or_wildcards(run):
    for text in ("Caspain~", "Caspain~2", "Caspai*", "drones Caspain~"):
        assert query_json(run, text)["suggestion"] is None, text
    assert "Did you mean" not in run("query", "Caspain~2").stdout


def test_did_you_mean_leaves_urls_and_dotted_names_alone(run):
    assert query_json(run, "https://www.cnn.com/2024/06/21/politics/iran-russia")["suggestion"] is None
    assert query_json(run, "Caspain.")["suggestion"] == "Caspian."


def test_did_you_mean_a_swapped_pair_of_letters_in_a_short_word(run):
    assert query_json(run, "Iarn")["suggestion"] == "Iran"


def test_did_you_mean_leaves_stop_words_and_known_words_alone(run):
    assert query_json(run, "the Caspain")["suggestion"] == "the Caspian"
    assert query_json(run, "Caspain Sea")["suggestion"] == "Caspian Sea"  # suggested even when "Sea" matches


def test_did_you_mean_keeps_the_rest_of_the_query(run):
    assert query_json(run, '"Caspain Sea" outlet:cnn')["suggestion"] == '"Caspian Sea" outlet:cnn'


# -- show

def test_show_by_id_path_and_file_name(run):
    hit = query_json(run, "Caspian")["hits"][0]
    by_id = run("show", hit["id"])
    assert by_id.exit_code == 0
    assert hit["title"] in by_id.stdout and "person:" in by_id.stdout and "outlet:" in by_id.stdout
    name = hit["path"].rsplit("/", 1)[-1]
    assert run("show", name).stdout == by_id.stdout
    assert run("show", name.rsplit(".", 1)[0]).stdout == by_id.stdout
    assert run("show", str(SEEDS / name)).stdout == by_id.stdout


def test_show_json_and_raw(run):
    doc = json.loads(run("show", "002_a934f1b5838958a7", "--json").stdout)
    assert doc["outlet"] == "Taipei Times" and "John Kirby" in doc["entities"]["person"]
    raw = run("show", "002_a934f1b5838958a7", "--raw").stdout
    assert raw == (SEEDS / "002_a934f1b5838958a7.txt").read_text(encoding="utf-8").replace("\r\n", "\n")


def test_show_same_file_name_in_two_folders_asks_for_the_path(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    for folder, word in (("north", "glacier"), ("south", "desert")):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / "story.txt").write_text(f"A {word} story\nThe {word} grew this year, surveyors said.\n")
    cli = lambda *args: CliRunner().invoke(main, ["--corpus", str(corpus), "--index", str(index_dir), *args])
    assert cli("index").exit_code == 0
    result = cli("show", "story.txt")
    assert result.exit_code == 2 and "2 articles are named story.txt" in result.stderr
    assert "desert" in cli("show", str(corpus / "south" / "story.txt")).stdout


def test_show_unknown_exits_1(run):
    result = run("show", "no-such-article")
    assert result.exit_code == 1 and "no indexed article" in result.stderr


# -- speed manners

def test_query_path_does_not_import_spacy(seeds_index):
    import subprocess, sys
    code = ("import sys; from pathlib import Path; from searcher.search.searching import search; "
            f"search(Path({str(seeds_index)!r}), 'Caspian', facets=('outlet', 'person', 'year')); "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


# What a cold `searcher query WORD` must not import: the build side, Whoosh's parser (a bare
# word is made into its query directly), the reader, and what searcher.lean keeps out of
# Whoosh's import. Each cost a cold command milliseconds.
NOT_ON_THE_COLD_PATH = ("spacy", "numpy", "searcher.extract.reader", "searcher.extract.pipeline",
                        "searcher.indexing.build", "whoosh.qparser", "searcher.search.clause_parser",
                        "urllib.request", "asyncio", "whoosh.lang.morph_en", "html", "tempfile", "shutil",
                        "hashlib", "csv", "random", "queue", "calendar", "whoosh.highlight", "whoosh.lang.dmetaphone")


@pytest.mark.parametrize("query, parsed", [("Caspian", False), ('"Caspian Sea" drone*', True)])
def test_a_cold_query_imports_only_what_it_runs(seeds_index, query, parsed):
    """The real command in a fresh process: a bare word never imports Whoosh's parser, and a
    query with syntax imports it and nothing else of the list."""
    import json, subprocess, sys
    code = ("import json, sys\n"
            "from searcher.cli import main\n"
            "try:\n"
            f"    main(['--index', {str(seeds_index)!r}, 'query', {query!r}, '--json'], standalone_mode=False)\n"
            "finally:\n"
            f"    print(json.dumps(sorted(m for m in {NOT_ON_THE_COLD_PATH!r} if m in sys.modules)), file=sys.stderr)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and json.loads(out.stdout)["total"] > 0, out.stderr
    expected = ["searcher.search.clause_parser", "whoosh.qparser"] if parsed else []
    assert json.loads(out.stderr.strip().splitlines()[-1]) == expected, out.stderr


def test_what_whoosh_imports_without_the_modules_still_works():
    """The stand-ins searcher.lean gives Whoosh for modules a query never uses import the
    real module when used (a fresh process: this one may have imported them already)."""
    import subprocess, sys
    code = ("import io, sys, searcher.search\n"
            "from whoosh import compat\n"
            "from whoosh.filedb import compound, filestore, filetables\n"
            "assert not {'html', 'shutil', 'tempfile', 'hashlib', 'random', 'calendar'} & set(sys.modules)\n"
            "from whoosh.util import random_name, times\n"
            "from whoosh import searching\n"
            "from whoosh.analysis import morph\n"
            "assert morph.double_metaphone('Smith') == ('SM0', 'XMT')\n"
            "assert type(searching.highlight.Highlighter()).__module__ == 'whoosh.highlight'\n"
            "assert len(random_name(8)) == 8 and str(times.adatetime(2024, 2, 29).floor()) == '2024-02-29 00:00:00'\n"
            "try:\n"
            "    times.adatetime(2023, 2, 29)\n"
            "    raise SystemExit('February 2023 had 29 days')\n"
            "except times.TimeError:\n"
            "    pass\n"
            "from searcher.lean import sha1\n"
            "key = sha1(b'Caspian').hexdigest()\n"
            "assert compat.htmlescape('<a & b>') == '&lt;a &amp; b&gt;'\n"
            "out = io.BytesIO()\n"
            "compound.copyfileobj(io.BytesIO(b'posting'), out)\n"
            "assert out.getvalue() == b'posting'\n"
            "import tempfile\n"
            "assert filestore.tempfile.gettempdir() == tempfile.gettempdir()\n"
            "import hashlib\n"
            "assert filetables.md5_hash(b'drone') == int(hashlib.md5(b'drone').hexdigest(), 16) & 0xFFFFFFFF\n"
            "assert key == hashlib.sha1(b'Caspian').hexdigest()\n"
            "print('ok')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_a_lazy_pattern_is_the_compiled_pattern_once_used():
    import re
    from searcher.lean import LazyPattern

    lazy, compiled = LazyPattern(r"(?P<word>\w+)-(\d+)", re.I), re.compile(r"(?P<word>\w+)-(\d+)", re.I)
    assert "_compiled" not in vars(lazy)  # nothing compiled until used
    text = "Drone-1 and ship-22, DRONE-3"
    assert [m.groups() for m in lazy.finditer(text)] == [m.groups() for m in compiled.finditer(text)]
    assert lazy.sub(r"\2", text) == compiled.sub(r"\2", text) and lazy.fullmatch("x-1") and not lazy.match(" x-1")
    assert (lazy.pattern, lazy.flags, lazy.groupindex) == (compiled.pattern, compiled.flags, compiled.groupindex)
    assert vars(lazy)["_compiled"] is compiled  # re's own cache: compiled once


def test_records_compare_print_and_hash_as_dataclasses_do():
    """searcher.lean.record writes __repr__, __eq__ and __hash__ once instead of per class:
    they must be what dataclasses.dataclass would have written."""
    from dataclasses import dataclass, field
    from searcher.lean import record

    def shape(decorate, **options):
        @decorate(**options)
        class Shape:
            name: str
            sides: int = 3
            note: str = field(default="", repr=False)
            seen: int = field(default=0, compare=False)
            parts: list = field(default_factory=list)
        return Shape

    for options in ({}, {"frozen": True}):
        ours, theirs = shape(record, **options), shape(dataclass, **options)
        a, b = ours("square", 4, "n", 1), theirs("square", 4, "n", 1)
        assert repr(a).replace("Shape", "X") == repr(b).replace("Shape", "X")
        assert a == ours("square", 4, "n", 2) and a != ours("square", 4, "m", 1) and a != b
        assert (a == b) == (b == a) is False
        assert (ours.__hash__ is None) == (theirs.__hash__ is None) == (not options)
    frozen, plain_frozen = shape(record, frozen=True), shape(dataclass, frozen=True)
    assert hash(frozen("tri", 3, "x", 1, ())) == hash(plain_frozen("tri", 3, "x", 2, ()))
    loop = shape(record)("loop")
    loop.parts.append(loop)
    assert repr(loop).endswith(".Shape(name='loop', sides=3, seen=0, parts=[...])")


def test_results_follow_an_index_rebuilt_at_the_same_place(tmp_path):
    # The searcher is kept open between queries in one process; a rebuilt index must not
    # be answered from the old one.
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    story = corpus / "story.txt"
    story.write_text("Lake story\nThe zeppelin flew over the lake today, witnesses said.\n", encoding="utf-8")
    cli = lambda *args: CliRunner().invoke(main, ["--corpus", str(corpus), "--index", str(index_dir), *args])
    assert cli("index").exit_code == 0
    assert cli("query", "zeppelin").exit_code == 0
    story.write_text("Lake story\nThe balloon flew over the lake today, witnesses said.\n", encoding="utf-8")
    assert cli("index", "--rebuild").exit_code == 0
    assert cli("query", "zeppelin").exit_code == 1
    assert cli("query", "balloon").exit_code == 0


def test_total_and_facets_do_not_depend_on_the_page_size(tmp_path):
    # Once the top hits are full, Whoosh narrows a query's matcher to what can still enter
    # them: here, past the first posting block (128 documents), to the articles with
    # "crane" in the title. The total and the facets must still count every match. The
    # index is written directly (no entity extraction needed) and queried through the CLI.
    from searcher.article import Article
    from searcher.indexing.build import index_articles

    index_dir = tmp_path / "index"
    articles = [Article(path=f"{i:03d}.txt", title="Crane hire soars", outlet="Harbour News",
                        body="The harbour at Dover was busy on the day, officials said.") if i in (50, 150) else
                Article(path=f"{i:03d}.txt", title=f"Harbour report {i}", outlet="Dover Post",
                        body=f"A crane stood at the harbour in Dover on day {i}, where ships were loading.")
                for i in range(200)]
    index_articles(index_dir, articles)
    cli = lambda *args: CliRunner().invoke(main, ["--index", str(index_dir), *args])
    docs = [json.loads(cli("query", "crane", "--json", "--limit", n, "--passages", "0").stdout) for n in ("1", "200")]
    assert docs[0]["total"] == docs[1]["total"] == 200
    assert docs[0]["facets"] == docs[1]["facets"] == {"outlet": {"Dover Post": 198, "Harbour News": 2}}


def test_equal_scores_keep_index_order_across_pages_and_segments(tmp_path):
    """Articles that score alike come in index order, each once, page after page, also
    when the matches are spread over two segments (an update adds the second)."""
    from searcher.indexing.build import update_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(25):
        (corpus / f"{i:02d}.txt").write_text(f"Report {i}\n\nThe ferry left the harbour at dawn, the port said.\n")
    index_dir = tmp_path / "index"
    update_index(corpus, index_dir)
    for i in range(25, 40):
        (corpus / f"{i:02d}.txt").write_text(f"Report {i}\n\nThe ferry left the harbour at dawn, the port said.\n")
    update_index(corpus, index_dir)
    cli = lambda *args: json.loads(CliRunner().invoke(main, ["--index", str(index_dir), "query", *args,
                                                             "--json", "--passages", "0"]).stdout)
    pages = [cli("ferry harbour", "--limit", "15", "--page", str(p)) for p in (1, 2, 3)]
    names = [Path(h["path"]).name for page in pages for h in page["hits"]]
    assert pages[0]["total"] == 40
    assert names == [f"{i:02d}.txt" for i in range(40)]


def test_did_you_mean_a_rare_misspelling_of_a_common_word(tmp_path):
    # A word the index has once, one letter from a word it has in fifty times as many
    # articles, is most likely a typo: suggested even though the query found something.
    from searcher.article import Article
    from searcher.indexing.build import index_articles

    index_dir = tmp_path / "index"
    articles = [Article(path=f"{i:03d}.txt", title=f"Budget report {i}",
                        body=f"The government set out its budget on day {i}, ministers said.") for i in range(60)]
    articles.append(Article(path="typo.txt", title="Budget typo", body="The goverment set out its budget."))
    index_articles(index_dir, articles)
    result = CliRunner().invoke(main, ["--index", str(index_dir), "query", "goverment", "--json"])
    doc = json.loads(result.stdout)
    assert doc["total"] == 1 and doc["suggestion"] == "government"
    common = json.loads(CliRunner().invoke(main, ["--index", str(index_dir), "query", "budget", "--json"]).stdout)
    assert common["suggestion"] is None


def test_did_you_mean_after_an_incremental_update(corpus_copy, seeds_cached_index):
    """Corrections are looked up segment by segment; an update adds a second segment."""
    argv = ["--corpus", str(corpus_copy), "--index", str(seeds_cached_index)]
    assert CliRunner().invoke(main, [*argv, "index"]).exit_code == 0
    (corpus_copy / "extra.txt").write_text(
        "Ferry timetable changes\n\nThe harbour ferry will run every twenty minutes from next spring, "
        "the port authority said on Tuesday, after two new boats were tested in the bay.\n", encoding="utf-8")
    assert CliRunner().invoke(main, [*argv, "index"]).exit_code == 0
    result = CliRunner().invoke(main, [*argv, "query", "Caspain", "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["suggestion"] == "Caspian"
    # fuzzy words reach into both segments, and match every form of the words they find
    # ("ferri~": "ferry" in the new article, "ferried" in a seed)
    result = CliRunner().invoke(main, [*argv, "query", "ferri~", "--json"])
    assert sorted(Path(h["path"]).name for h in json.loads(result.stdout)["hits"]) == [
        "004_7667e2f1bdb5648b.txt", "extra.txt"]
