"""End-to-end behaviour of the command line on the seeds, with a real index."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from searcher.cli import main
from tests.conftest import SEEDS


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


def test_piped_output_is_plain_text_and_shows_outlet_facet(run):
    result = run("query", "Caspian")
    assert result.exit_code == 0
    # no colour and no [markers]: brackets could be the text's own ("give[s]")
    assert "Caspian Sea" in result.output and "[Caspian]" not in result.output
    assert "\x1b[" not in result.output
    assert "outlet:" in result.output and "CNN" in result.output


def test_no_match_exits_1(run):
    result = run("query", "zeppelinxyz")
    assert result.exit_code == 1
    assert "0 matching articles" in result.output


def test_outlet_filter(run):
    doc = json.loads(run("query", "drones", "--outlet", "CNN", "--json").stdout)
    assert doc["hits"] and all(h["outlet"] == "CNN" for h in doc["hits"])


def test_query_builds_missing_index_of_the_named_corpus_and_says_what_where(tmp_path, corpus_copy):
    index_dir = tmp_path / "fresh-index"
    result = CliRunner().invoke(
        main, ["--corpus", str(corpus_copy), "--index", str(index_dir), "query", "Caspian"])
    assert result.exit_code == 0
    assert f"no index in {index_dir} yet; building it from {corpus_copy}" in result.stderr
    assert index_dir.is_dir()


def test_a_mistyped_index_is_an_error_not_a_new_index_of_the_seeds(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where a default seeds/ would be looked for
    monkeypatch.delenv("SEARCHER_CORPUS", raising=False)
    result = CliRunner().invoke(main, ["--index", "indx", "query", "Caspian"])
    assert result.exit_code == 2
    assert result.stderr.startswith("searcher: error: no index in indx;") and "--corpus" in result.stderr
    assert not (tmp_path / "indx").exists()


def test_default_index_of_the_default_corpus_is_built_on_first_use(tmp_path, monkeypatch):
    import shutil
    from tests.conftest import SEEDS

    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SEARCHER_CORPUS", raising=False)
    monkeypatch.delenv("SEARCHER_INDEX", raising=False)
    result = CliRunner().invoke(main, ["query", "Caspian", "--count"])
    assert result.exit_code == 0 and result.stdout == "4\n"
    assert f"building it from {tmp_path / 'seeds'}" in result.stderr


def test_commands_run_from_another_directory_use_the_corpus_the_index_recorded(tmp_path, corpus_copy,
                                                                              seeds_cached_index, monkeypatch):
    index_dir = seeds_cached_index
    assert CliRunner().invoke(main, ["--corpus", str(corpus_copy), "--index", str(index_dir), "index"]).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("SEARCHER_CORPUS", raising=False)
    cli = lambda *args: CliRunner().invoke(main, ["--index", str(index_dir), *args])
    stats = json.loads(cli("stats", "--json").stdout)
    assert stats["corpus"] == str(corpus_copy)
    update = cli("index")
    assert update.exit_code == 0 and "0 removed" in update.stderr and "5 unchanged" in update.stderr
    hit = json.loads(cli("query", "Caspian", "--json").stdout)["hits"][0]
    assert Path(hit["path"]).is_absolute()
    raw = cli("show", hit["id"], "--raw")
    assert raw.exit_code == 0 and raw.stdout == Path(hit["path"]).read_text(encoding="utf-8").replace("\r\n", "\n")


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


def test_index_never_guesses_the_corpus_of_an_index_that_does_not_say(corpus_copy, seeds_cached_index, monkeypatch):
    index_dir = seeds_cached_index
    assert CliRunner().invoke(main, ["--corpus", str(corpus_copy), "--index", str(index_dir), "index"]).exit_code == 0
    (index_dir / "CURRENT").write_text("garbage\n")
    monkeypatch.delenv("SEARCHER_CORPUS", raising=False)
    result = CliRunner().invoke(main, ["--index", str(index_dir), "index", "--rebuild"])
    assert result.exit_code == 2 and "--corpus" in result.stderr
    assert (index_dir / "CURRENT").read_text() == "garbage\n"  # nothing built from seeds/ in its place


# -- command-line manners

def test_unquoted_words_are_one_query(run):
    joined = json.loads(run("query", "drone", "factory", "--json").stdout)
    quoted = json.loads(run("query", "drone factory", "--json").stdout)
    assert joined["query"] == "drone factory" and joined["hits"] == quoted["hits"]


@pytest.mark.parametrize("text, note", [
    ("Update: Caspian", "Update: is not a field"),
    ("https://edition.cnn.com/2024/06/21/politics/iran-russia-drones", "https: is not a field"),
    ("Breaking:Caspian", "Breaking: is not a field"),
])
def test_an_unknown_field_name_is_a_word_with_a_note(run, text, note):
    result = run("query", text)
    assert result.exit_code in (0, 1), result.stderr
    assert note in result.stderr and "error" not in result.stderr
    assert "Traceback" not in result.stderr


def test_a_pasted_headline_is_words(run):
    result = run("query", "--json", "Caspian Sea shipments: what we know - and what we don't")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["total"] >= 4


def test_version(run):
    from searcher import __version__
    result = run("--version")
    assert result.exit_code == 0 and result.stdout == f"searcher, version {__version__}\n"


def test_color_always_and_never(run):
    assert "\x1b[" in run("query", "Caspian", "--color", "always").stdout
    assert "\x1b[" not in run("query", "Caspian", "--color", "never").stdout


def read_terminal(leader: int, chunks: list[bytes]) -> None:
    """Append what is written to a pseudo-terminal to `chunks` until it closes."""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            return
        if not chunk:
            return
        chunks.append(chunk)


def _on_a_terminal(argv: list[str], env: dict) -> str:
    """stdout of the real CLI writing to a pseudo-terminal."""
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "searcher", *argv], stdout=follower, stderr=subprocess.DEVNULL,
                            env=env)
    os.close(follower)
    chunks: list[bytes] = []
    read_terminal(leader, chunks)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_on_a_terminal_unless_no_color(seeds_index):
    argv = ["--corpus", str(SEEDS), "--index", str(seeds_index), "query", "Caspian", "-n", "1"]
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[" in _on_a_terminal(argv, env)
    plain = _on_a_terminal(argv, {**env, "NO_COLOR": "1"})
    assert "Caspian" in plain and "\x1b[" not in plain
    assert "\x1b[" in _on_a_terminal([*argv, "--color", "always"], {**env, "NO_COLOR": "1"})


@pytest.mark.parametrize("args", [["query", "Caspian", "--json"],
                                  ["extract", "--json", str(SEEDS / "002_a934f1b5838958a7.txt")]])
def test_a_closed_pipe_ends_quietly_with_status_0(seeds_index, args):
    proc = subprocess.Popen([sys.executable, "-m", "searcher", "--corpus", str(SEEDS), "--index", str(seeds_index),
                             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before anything is written (`| head` done)
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert stderr == ""


# -- results you can cite

def test_text_output_shows_each_hit_id_and_url(run):
    doc = json.loads(run("query", "Caspian", "--json").stdout)
    out = run("query", "Caspian").stdout
    for hit in doc["hits"]:
        assert hit["id"] in out
        assert run("show", hit["id"]).exit_code == 0
    with_url = [h for h in doc["hits"] if h["url"]]
    assert with_url and all(h["url"] in out for h in with_url)
    assert all("dateline" in h for h in doc["hits"])


def test_csv_one_row_per_hit(run):
    import csv, io
    result = run("query", "Caspian", "--csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["rank", "score", "title", "outlet", "published", "author", "url", "path", "id", "passage"]
    doc = json.loads(run("query", "Caspian", "--json").stdout)
    assert [r["id"] for r in rows] == [h["id"] for h in doc["hits"]]
    assert [r["rank"] for r in rows] == ["1", "2", "3", "4"]
    assert all("Caspian" in r["passage"] and "\n" not in r["passage"] for r in rows)
    assert {r["url"] for r in rows} >= {h["url"] for h in doc["hits"] if h["url"]}


def test_csv_and_files_list_every_match_unless_limited(run):
    assert len(run("query", "Iran", "--csv").stdout.splitlines()) == 1 + 5
    assert len(run("query", "Iran", "--csv", "-n", "2").stdout.splitlines()) == 1 + 2
    paths = run("query", "Iran", "-l").stdout.splitlines()
    assert len(paths) == 5 and all(Path(p).is_file() for p in paths)
    assert run("query", "Iran", "--files", "-n", "1").stdout.splitlines() == paths[:1]


def test_count_prints_only_the_total(run):
    assert run("query", "Caspian", "--count").stdout == "4\n"
    none = run("query", "zeppelinxyz", "--count")
    assert none.stdout == "0\n" and none.exit_code == 1


def test_facets_csv(run):
    import csv, io
    result = run("query", "Iran", "--facets-csv", "--facet", "year")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["facet", "value", "count"]
    assert ["outlet", "CNN", "2"] in rows and ["year", "2024", "1"] in rows


def test_one_output_at_a_time(run):
    result = run("query", "Iran", "--csv", "--json")
    assert result.exit_code == 2 and "choose one output" in result.stderr


def test_stats_json_keys_are_those_the_readme_lists(run):
    import re
    from tests.conftest import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### `searcher stats"):readme.index("### `searcher query")]
    listed = set(re.findall(r"`(\w+)`", section.split("--json` gives", 1)[1].split("\n\n", 1)[0]))
    assert set(json.loads(run("stats", "--json").stdout)) == listed


# -- the progress bar

def test_time_left_comes_from_recent_files_and_only_after_a_few():
    from searcher.cli import RateWindow

    now = [0.0]
    window = RateWindow(clock=lambda: now[0])
    window.add(1)  # the first file, after loading the model for 20 s
    now[0] = 20.0
    window.add(2)
    assert window.describe(total=100) == ""  # too few files to tell
    for done in range(3, 41):  # then ten files a second
        now[0] += 0.1
        window.add(done)
    assert window.describe(total=100) == "10.0 files/s, 0:06 left"


@pytest.fixture
def collector_paused():
    """The collector as the program starts a command (searcher.__main__.run): paused."""
    import gc

    gc.disable()
    yield gc
    gc.enable()


def test_reading_commands_keep_the_collector_paused_others_and_building_restart_it(
        collector_paused, seeds_index, tmp_path, corpus_copy):
    gc = collector_paused
    assert CliRunner().invoke(main, ["--index", str(seeds_index), "query", "Caspian"]).exit_code == 0
    assert CliRunner().invoke(main, ["--index", str(seeds_index), "stats"]).exit_code == 0
    assert not gc.isenabled()
    # a query that must first build its index is a build
    result = CliRunner().invoke(main, ["--corpus", str(corpus_copy), "--index", str(tmp_path / "new"), "query", "Caspian"])
    assert result.exit_code == 0 and gc.isenabled()
    gc.disable()
    assert CliRunner().invoke(main, ["--corpus", str(corpus_copy), "--index", str(tmp_path / "new"), "index"]).exit_code == 0
    assert gc.isenabled()


def test_the_console_script_runs_the_program_entry_point():
    """The installed `searcher` starts where `python -m searcher` does: with the collector
    paused for its imports (searcher.__main__.run)."""
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "searcher"]
    assert script.value == "searcher.__main__:run"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["query", "Caspian", "--json"], ["stats"], ["--help"]])
def test_output_to_a_full_disk_is_a_one_line_error(seeds_index, args):
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "searcher", "--index", str(seeds_index), *args],
                              stdout=full, stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 2
    assert proc.stderr == "searcher: error: cannot write the output: No space left on device\n"


def test_a_reading_command_ends_with_its_output_whole_and_its_status(seeds_index, tmp_path):
    """Reading commands end without the interpreter's teardown (searcher.__main__): what
    they print still arrives whole, through a pipe and into a file, with its exit status."""
    def searcher(*args, **kwargs):
        return subprocess.run([sys.executable, "-m", "searcher", "--index", str(seeds_index), *args], **kwargs)

    piped = searcher("query", "Caspian", "--json", "--passages", "3", capture_output=True, text=True)
    assert piped.returncode == 0 and json.loads(piped.stdout)["total"] == 4
    with open(tmp_path / "out.csv", "w") as out:
        assert searcher("query", "Caspian", "--csv", stdout=out).returncode == 0
    assert len((tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()) >= 5
    assert searcher("query", "zzxqv", capture_output=True).returncode == 1
