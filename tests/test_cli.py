"""End-to-end behaviour of the command line on the seeds, with a real index."""

import json

from searcher.cli import main
from click.testing import CliRunner


def test_caspian_finds_the_four_seeds_that_say_it(run):
    result = run("query", "Caspian", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    names = sorted(h["path"].rsplit("/", 1)[-1][:3] for h in doc["hits"])
    assert names == ["000", "001", "003", "004"]
    assert doc["total"] == 4
    assert set(doc) >= {"query", "total", "hits", "facets"}
    hit = doc["hits"][0]
    assert set(hit) >= {"id", "path", "title", "outlet", "published", "author", "score", "highlights"}
    passage = hit["highlights"][0]
    start, end = passage["matches"][0]
    assert passage["text"][start:end].lower() == "caspian"
    assert sum(doc["facets"]["outlet"].values()) <= 4


def test_piped_output_marks_matches_and_shows_outlet_facet(run):
    result = run("query", "Caspian")
    assert result.exit_code == 0
    assert "[Caspian]" in result.output
    assert "\x1b[" not in result.output  # no colour when not on a terminal
    assert "outlet:" in result.output and "CNN" in result.output


def test_no_match_exits_1(run):
    result = run("query", "zeppelinxyz")
    assert result.exit_code == 1
    assert "0 matching articles" in result.output


def test_outlet_filter(run):
    doc = json.loads(run("query", "drones", "--outlet", "CNN", "--json").stdout)
    assert doc["hits"] and all(h["outlet"] == "CNN" for h in doc["hits"])


def test_query_builds_missing_index_and_says_so(tmp_path, corpus_copy):
    index_dir = tmp_path / "fresh-index"
    result = CliRunner().invoke(
        main, ["--corpus", str(corpus_copy), "--index", str(index_dir), "query", "Caspian"])
    assert result.exit_code == 0
    assert "building it" in result.stderr
    assert index_dir.is_dir()


def test_extract_json_shape(run):
    from tests.conftest import SEEDS
    result = run("extract", "--json", str(SEEDS / "002_a934f1b5838958a7.txt"))
    assert result.exit_code == 0, result.output
    rec = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(rec) >= {"path", "title", "body", "outlet", "published", "author", "entities"}
    assert set(rec["entities"]) == {"person", "org", "place"}
    # the sidecar beside the file gives its source URL, from which outlet and date come
    assert rec["outlet"] == "Taipei Times"
    assert rec["published"] == "2022-12-11"


def test_missing_file_is_one_line_error(run, tmp_path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_python_m_searcher_help():
    import subprocess, sys
    proc = subprocess.run([sys.executable, "-m", "searcher", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "query" in proc.stdout


def test_untitled_article_shows_its_lead_sentence_not_a_key_point(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "  • Harbour ferries will run every twenty minutes from next spring\n\n"
        "  • Two new boats are being tested in the bay this winter\n\n"
        "The harbour ferry will run every twenty minutes from next spring, the port authority said on Tuesday. "
        "Officials expect shorter waits.\n\n"
        "The service was cut back three years ago, when the older boats were taken out of service for repairs.\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["--corpus", str(corpus), "--index", str(tmp_path / "ix"), "query", "ferry"])
    assert result.exit_code == 0, result.output
    assert "[lead] The harbour ferry will run every twenty minutes from next spring" in result.stdout
