"""Probes of bad input, damage and faults (issue 14), each through the real CLI: click's
runner in this process, or a subprocess where the case could hang, needs a terminal or
needs a file system of its own. Every case checks the exit status (0 done, 1 no match,
2 error), that no traceback escapes, that an error is one line, that the index still
answers with the same articles, that the user's files are untouched, and a time bound
where the case is about time. docs/reliability.md lists the promises these check."""

from __future__ import annotations

import json
import os
import pty
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from searcher.cli import main
from tests.test_index import TOPICS, age, story, write_corpus

ROOT = Path(__file__).resolve().parent.parent


# -- running the command line -------------------------------------------------------------

def cli(*args):
    """The CLI in this process; a traceback would show as an exception other than SystemExit."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def in_folders(corpus: Path, index: Path):
    return lambda *args: cli("--corpus", corpus, "--index", index, *args)


def one_error_line(result, code: int = 2) -> str:
    """The one line of a failed command (status `code`), without the 'searcher: error:' prefix."""
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("searcher: error: "), result.stderr
    return lines[0].removeprefix("searcher: error: ")


def documents(index: Path) -> list[str]:
    """The file names of every article the index answers with."""
    result = cli("--index", index, "query", "*", "--all-copies", "--json", "--limit", "1000", "--passages", "0")
    assert result.exit_code in (0, 1), result.output
    return sorted(Path(hit["path"]).name for hit in json.loads(result.stdout)["hits"])


def _bounded_memory() -> None:
    # a read that never ends fails here in seconds instead of taking the machine's memory
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def subprocess_cli(*args, timeout: float = 60, bounded_memory: bool = False) -> subprocess.CompletedProcess:
    """The CLI in a process of its own, killed if it hangs (the test then fails)."""
    return subprocess.run([sys.executable, "-m", "searcher", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, preexec_fn=_bounded_memory if bounded_memory else None)


def no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr and "Error:" not in proc.stderr.replace("error:", ""), proc.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path) -> tuple[Path, Path]:
    """Three stories and their index, built through the CLI."""
    corpus = write_corpus(tmp_path / "corpus", TOPICS[:3])
    age(corpus)
    index = tmp_path / "index"
    assert in_folders(corpus, index)("index").exit_code == 0
    return corpus, index


THREE = ["000-harbour.txt", "001-glacier.txt", "002-vineyard.txt"]


# -- 1. hangs and unbounded reads -------------------------------------------------------------

def test_named_pipe_called_x_txt_is_reported_never_opened(built, tmp_path):
    corpus, index = built
    os.mkfifo(corpus / "x.txt")
    proc = subprocess_cli("--corpus", corpus, "--index", index, "index", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert f"skipped {corpus / 'x.txt'}: a named pipe, not a regular file" in proc.stderr
    no_traceback(proc)
    # a first query builds the index: the pipe does not hold it up either (the extraction
    # cache comes along, so no model is loaded for the three stories)
    fresh = tmp_path / "fresh-index"
    fresh.mkdir()
    shutil.copy(index / "cache.sqlite", fresh / "cache.sqlite")
    proc = subprocess_cli("--corpus", corpus, "--index", fresh, "query", "harbour", timeout=60)
    assert proc.returncode == 0 and "000-harbour.txt" in proc.stdout, proc.stderr
    proc = subprocess_cli("extract", corpus / "x.txt", timeout=60)
    assert proc.returncode == 2 and "a named pipe, not a regular file" in proc.stderr
    no_traceback(proc)
    assert documents(index) == THREE == documents(fresh)


def test_devices_are_never_read(built):
    corpus, index = built
    (corpus / "zero.txt").symlink_to("/dev/zero")
    (corpus / "random.txt").symlink_to("/dev/urandom")
    proc = subprocess_cli("--corpus", corpus, "--index", index, "index", "--follow", bounded_memory=True)
    assert proc.returncode == 0, proc.stderr
    for name in ("zero.txt", "random.txt"):
        assert f"skipped {corpus / name}: a device, not a regular file" in proc.stderr
    no_traceback(proc)
    proc = subprocess_cli("extract", "/dev/zero", bounded_memory=True)
    assert proc.returncode == 2 and "a device, not a regular file" in proc.stderr
    assert documents(index) == THREE


def test_a_file_is_never_read_past_the_size_limit(tmp_path):
    # /proc files say they are empty; what stat says does not bound the read, the limit does
    from searcher.extract.reader import ReadError, read_bytes

    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(ReadError, match="larger than the 0 MB limit"):
        read_bytes(Path("/proc/self/maps"), max_bytes=100)


# -- 2. damage that --rebuild mends, or names ---------------------------------------------------

def _bad_pointer(index: Path) -> None:
    (index / "CURRENT").write_bytes(b"\xff\xfegen-\x00\x01\n")


def _pointer_names_nothing(index: Path) -> None:
    (index / "CURRENT").write_text("gen-999999\n")


def _folder_instead_of(name: str, with_file: bool):
    def damage(index: Path) -> None:
        path = index / name
        path.unlink()
        path.mkdir()
        if with_file:
            (path / "notes.txt").write_text("the user's")
    damage.__name__ = f"{name}_is_a_{'full' if with_file else 'empty'}_folder"
    return damage


def _garbage_cache(index: Path) -> None:
    (index / "cache.sqlite").write_bytes(os.urandom(5000))


EMPTY_FOLDERS = [_folder_instead_of(name, False) for name in ("CURRENT", "cache.sqlite", "writer.lock")]
FULL_FOLDERS = [_folder_instead_of(name, True) for name in ("CURRENT", "cache.sqlite", "writer.lock")]


@pytest.mark.parametrize("damage", [_bad_pointer, _pointer_names_nothing, _garbage_cache, *EMPTY_FOLDERS],
                         ids=lambda f: f.__name__)
def test_rebuild_mends_any_state_of_the_index_folder(built, damage):
    corpus, index = built
    run = in_folders(corpus, index)
    damage(index)
    for args in (["query", "harbour"], ["show", "000-harbour"], ["stats"], ["index"]):
        result = run(*args)
        if result.exit_code != 0:
            assert "--rebuild" in one_error_line(result), args
    result = run("index", "--rebuild")
    assert result.exit_code == 0, result.output
    assert documents(index) == THREE
    assert run("stats").exit_code == 0 and run("index").exit_code == 0
    # no generation left behind by the failed commands: the live one and one retired at most
    assert len(list(index.glob("gen-*"))) <= 2


@pytest.mark.parametrize("damage", FULL_FOLDERS, ids=lambda f: f.__name__)
def test_rebuild_names_a_folder_in_its_way_and_leaves_it(built, damage):
    corpus, index = built
    run = in_folders(corpus, index)
    damage(index)
    name = damage.__name__.split("_is_")[0]
    message = one_error_line(run("index", "--rebuild"))
    assert str(index / name) in message and "remove it" in message
    assert (index / name / "notes.txt").read_text() == "the user's"
    (index / name / "notes.txt").unlink()
    (index / name).rmdir()
    assert run("index", "--rebuild").exit_code == 0 and documents(index) == THREE


# -- 3. damage is an error naming the mend, from every command ------------------------------------

def _scribble_on_segment(index: Path, keep_time: bool) -> str:
    segment = max((index / (index / "CURRENT").read_text().strip()).glob("articles_*.*"),
                  key=lambda p: p.stat().st_size)  # a segment's largest file
    st = segment.stat()
    data = bytearray(segment.read_bytes())
    rng = random.Random(7)
    for i in range(0, len(data), 5):
        data[i] = rng.randrange(256)
    segment.write_bytes(bytes(data))
    if keep_time:
        os.utime(segment, ns=(st.st_atime_ns, st.st_mtime_ns))
    return segment.name


@pytest.mark.parametrize("keep_time", [False, True], ids=["written", "written-keeping-its-time"])
def test_random_bytes_in_a_segment_are_reported_by_every_command(built, keep_time):
    corpus, index = built
    run = in_folders(corpus, index)
    segment = _scribble_on_segment(index, keep_time)
    for args in (["query", "harbour"], ["query", "council", "--json"], ["show", "000-harbour"], ["stats"], ["index"]):
        message = one_error_line(run(*args))
        assert "damaged" in message and segment in message and "searcher index --rebuild" in message, args
    assert run("index", "--rebuild").exit_code == 0
    assert documents(index) == THREE


# -- 4. a full disk -----------------------------------------------------------------------------

DISK_FULL = """
set -u
mount -t tmpfs -o size=1m tmpfs "$MNT" || exit 90
cp -a "$INDEX" "$MNT/index" || exit 91
free=$(df -k "$MNT" | tail -1 | awk '{print $4}')
dd if=/dev/zero of="$MNT/filler" bs=1k count=$((free - $LEFT_KB)) 2>/dev/null
"$PY" -m searcher --corpus "$CORPUS" --index "$MNT/index" index --rebuild 2>"$OUT/rebuild.err"
echo $? >"$OUT/rebuild.rc"
"$PY" -m searcher --index "$MNT/index" query '*' --all-copies --json --limit 100 --passages 0 >"$OUT/query.out" 2>"$OUT/query.err"
echo $? >"$OUT/query.rc"
ls -a "$MNT/index" >"$OUT/ls"
"""


def _more_than_there_is_room_for(corpus: Path) -> None:
    for i, topic in enumerate(TOPICS[3:12]):
        (corpus / f"more-{i}.txt").write_text(story(topic, i) * 60)


@pytest.fixture(scope="module")
def full_disk_cache(tmp_path_factory) -> Path:
    """The extraction cache of `built`'s stories and the more to write, made once for both
    full-disk tests (it goes by content, not path): their builds need no model."""
    root = tmp_path_factory.mktemp("full-disk")
    corpus = write_corpus(root / "corpus", TOPICS[:3])
    _more_than_there_is_room_for(corpus)
    assert in_folders(corpus, root / "index")("index").exit_code == 0
    return root / "index" / "cache.sqlite"


@pytest.mark.parametrize("left_kb", [8, 120])
def test_a_full_disk_is_one_line_and_the_old_index_answers(built, full_disk_cache, tmp_path, left_kb):
    """On a real file system that fills up: a 1 MB tmpfs mounted in a user and mount
    namespace of this test's own (no root needed where unprivileged namespaces are allowed)."""
    if not shutil.which("unshare"):
        pytest.skip("needs unshare(1) to mount a small file system")
    corpus, index = built
    _more_than_there_is_room_for(corpus)
    shutil.copy(full_disk_cache, index / "cache.sqlite")
    out, mnt = tmp_path / "out", tmp_path / "mnt"
    out.mkdir()
    mnt.mkdir()
    env = {**os.environ, "MNT": str(mnt), "INDEX": str(index), "CORPUS": str(corpus), "OUT": str(out),
           "PY": sys.executable, "LEFT_KB": str(left_kb), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", DISK_FULL],
                          env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    if proc.returncode != 0 or not (out / "rebuild.rc").exists():
        pytest.skip(f"cannot mount a small file system here: {proc.stderr.strip()[:200]}")
    err = (out / "rebuild.err").read_text()
    assert (out / "rebuild.rc").read_text().strip() == "2", err
    assert err.splitlines() == [f"searcher: error: no space left on the device at {mnt / 'index'}; "
                                f"the old index is intact"], err
    assert (out / "query.rc").read_text().strip() == "0", (out / "query.err").read_text()
    hits = json.loads((out / "query.out").read_text())["hits"]
    assert sorted(Path(h["path"]).name for h in hits) == THREE
    assert len([name for name in (out / "ls").read_text().split() if name.startswith("gen-")]) == 1


# -- 5. terminal escapes ---------------------------------------------------------------------------

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"  # set the window title, clear the screen, turn red


@pytest.fixture
def hostile(tmp_path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"esc{HOSTILE[:4]}name.txt").write_text(
        f"Harbour plan {HOSTILE}approved\n\n" + story("harbour").split("\n\n", 1)[1].replace("Tuesday", f"Tuesday{HOSTILE}"))
    (corpus / "page.html").write_text(
        f"<html><head><title>Glacier {HOSTILE} report</title></head><body><article><h1>Glacier &#27;]0;x&#7; report</h1>"
        + "".join(f"<p>{p}</p>" for p in story("glacier").split("\n\n")[1:]) + "</article></body></html>")
    (corpus / "sources.csv").write_text(f"file,outlet\npage.html,Evil{HOSTILE}Times\n")
    (corpus / "new\nline.txt").write_bytes(b"")  # bad (empty), with a newline in its name
    index = tmp_path / "index"
    result = in_folders(corpus, index)("index")
    assert result.exit_code == 0
    skip_lines = [line for line in result.stderr.splitlines() if line.startswith("searcher: skipped")]
    assert skip_lines == [f'searcher: skipped "{corpus}/new\\nline.txt": empty file']
    return corpus, index


def _no_escape_from_data(text: str) -> None:
    assert "\x1b]" not in text and "\x1b[2J" not in text and "\x1b[31m" not in text and "\x07" not in text
    assert "\\x1b" in text  # shown, escaped


def test_escape_sequences_in_articles_are_shown_escaped_piped(hostile):
    corpus, index = hostile
    run = in_folders(corpus, index)
    for args in (["query", "harbour OR glacier"], ["show", "page"], ["show", "page", "--raw"], ["stats"],
                 ["extract", corpus / "page.html"], ["query", "harbour", "--json"]):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        if "--json" in args:
            assert "\x1b" not in result.stdout and "\\u001b" in result.stdout
        else:
            _no_escape_from_data(result.stdout)


def test_escape_sequences_in_articles_are_shown_escaped_on_a_terminal(hostile):
    corpus, index = hostile
    for args in (["query", "harbour OR glacier", "--facet", "place"], ["show", "page"], ["stats"]):
        leader, follower = pty.openpty()
        proc = subprocess.Popen([sys.executable, "-m", "searcher", "--corpus", str(corpus), "--index", str(index),
                                 *args], stdout=follower, stderr=subprocess.PIPE, cwd=ROOT)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        assert proc.wait(timeout=60) == 0, proc.stderr.read()
        shown = b"".join(chunks).decode()
        _no_escape_from_data(shown)
        # what is left is searcher's own colour
        assert all(seq.split("m")[0].replace(";", "").isdigit() for seq in shown.split("\x1b[")[1:]), shown


# -- 6. never deleting the user's files -------------------------------------------------------------

def test_a_folder_of_the_users_that_looks_like_an_index_is_refused_untouched(built, tmp_path):
    corpus, _ = built
    for layout in ({"gen-000007/thesis.docx": b"years of work"}, {"articles_draft.pos": b"my draft"},
                   {"gen-000001/meta.txt": b"notes", "CURRENT": b"gen-000001\n"}):
        mine = tmp_path / f"mine-{len(list(tmp_path.iterdir()))}"
        for name, data in layout.items():
            (mine / name).parent.mkdir(parents=True, exist_ok=True)
            (mine / name).write_bytes(data)
        before = snapshot(mine)
        for args in (["index"], ["index", "--rebuild"], ["query", "harbour"]):
            result = in_folders(corpus, mine)(*args)
            assert result.exit_code == 2, (layout, args, result.output)
            assert "Traceback" not in result.output
        assert snapshot(mine) == before


def test_files_put_into_an_index_survive_its_clean_ups(built, monkeypatch):
    corpus, index = built
    run = in_folders(corpus, index)
    live = index / (index / "CURRENT").read_text().strip()
    (live / "thesis.docx").write_text("years of work")  # into the live generation, retired by the next build
    (live / "articles_draft.pos").write_text("looks like Whoosh's, is not")
    monkeypatch.setattr("searcher.indexing.store.RETIRED_GRACE_SECONDS", 0.0)
    for _ in range(3):
        assert run("index", "--rebuild").exit_code == 0
    assert (live / "thesis.docx").read_text() == "years of work"
    assert (live / "articles_draft.pos").read_text() == "looks like Whoosh's, is not"
    assert sorted(p.name for p in live.iterdir()) == [".searcher-generation", "articles_draft.pos", "thesis.docx"]
    assert documents(index) == THREE


def test_a_generation_another_build_is_just_making_is_not_taken_for_the_users(built):
    # for an instant, a new generation is an empty folder without its marker: a second
    # writer checking the folder then must not call the index foreign (two writers at once)
    corpus, index = built
    (index / "gen-000005").mkdir()
    assert in_folders(corpus, index)("index").exit_code == 0


def test_a_failed_command_leaves_nothing_behind(tmp_path):
    index = tmp_path / "new-index"
    message = one_error_line(cli("--corpus", tmp_path / "no-such-folder", "--index", index, "index"))
    assert "does not exist" in message
    assert not index.exists()


def test_a_killed_builds_generation_goes_at_the_next_start(built):
    corpus, index = built
    # as a build killed while writing leaves it: marked, half written, never published
    debris = index / "gen-000009"
    (debris / "articles.tmp").mkdir(parents=True)
    (debris / ".searcher-generation").write_text("A generation of a searcher index.\n")
    (debris / "_articles_0.toc.1796378178.185378").write_bytes(b"x" * 100)
    (debris / "articles_abcdefghij012345.pst").write_bytes(b"")
    (debris / "articles.tmp" / ("k" * 28 + ".ctmp")).write_bytes(b"")
    result = in_folders(corpus, index)("index")
    assert result.exit_code == 0 and "3 unchanged" in result.stderr
    assert not debris.exists()


# -- 7. slow inputs ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def two_thousand(tmp_path_factory) -> tuple[Path, list[str]]:
    """2,000 articles over a vocabulary of 20,000 made-up words (a news index's size), written
    straight into an index (what is timed here is the query, not extraction); and the words."""
    from searcher.article import Article
    from searcher.indexing.build import index_articles

    rng = random.Random(14)
    syllables = ["ka", "lo", "mi", "ner", "sto", "va", "bri", "den", "tal", "os", "ur", "pe", "gan", "shi", "ro",
                 "fel", "dor", "ix", "um", "qua"]
    vocabulary = list({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(26000)})[:20000]
    index = tmp_path_factory.mktemp("two-thousand") / "index"
    index_articles(index, (Article(path=f"{i:04d}.txt", title=" ".join(rng.choices(vocabulary, k=5)),
                                   body=". ".join(" ".join(rng.choices(vocabulary, k=10)) for _ in range(2)))
                           for i in range(2000)))
    return index, vocabulary


def _timed_query(index: Path, text: str):
    started = time.process_time()  # CPU time: the machine may be busy with other work
    result = cli("--index", index, "query", "--", text)
    return result, time.process_time() - started


def _typos(vocabulary: list[str], n: int) -> str:
    """`n` indexed words, each with its last letter mistyped: every one sends the
    did-you-mean search through the word list."""
    return " ".join(word[:-1] + "q" for word in random.Random(n).choices(vocabulary, k=n))


# Seconds of CPU each took before, on this index (the did-you-mean search and `*`'s
# walk of every posting): 5.9, 8.1, 1.1, 0.7, 1.1, 0.2, 0.1, 0.4, 1.3.
ANY_QUERY = {
    "10,000 characters": lambda words: _typos(words, 2000)[:10000],
    "1,666 repeated words": lambda words: " ".join(["kalomiq"] * 1666),
    "240 repeated words": lambda words: " ".join(["kalomiq"] * 240),
    "4,000 characters of words": lambda words: " ".join(random.Random(4).choices(words, k=800))[:3990],
    "180 mistyped words": lambda words: _typos(words, 180),
    "fuzzy words": lambda words: "kalomiz~2 vastoner~2 brideno~2",
    "a one-letter prefix": lambda words: "k*",
    "a leading wildcard": lambda words: "*lo*",
    "every article": lambda words: "*",
}


@pytest.mark.parametrize("case", list(ANY_QUERY))
def test_any_query_answers_in_well_under_a_second(two_thousand, case):
    index, vocabulary = two_thousand
    result, seconds = _timed_query(index, ANY_QUERY[case](vocabulary))
    assert seconds < 1.0, (case, seconds)
    assert result.exit_code in (0, 1) or one_error_line(result)
    # no did-you-mean as long as the query (an 8 KB one was printed)
    assert all(len(line) < 200 for line in result.output.splitlines() if line.startswith("Did you mean"))


def test_a_long_query_is_refused_in_one_line(two_thousand):
    result, _ = _timed_query(two_thousand[0], "word " * 1000)
    assert "at most 4,000" in one_error_line(result)


def test_text_without_line_breaks_is_cut_into_paragraphs(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rng = random.Random(3)
    words = story("harbour").split()
    sentences = [" ".join(rng.choices(words, k=20)).capitalize() + "." for _ in range(600)]
    (corpus / "oneline.txt").write_text(" ".join(sentences))  # 68 KB, not one line break
    run = in_folders(corpus, tmp_path / "index")
    assert run("index").exit_code == 0
    shown = json.loads(run("show", "oneline", "--json").stdout)
    assert len(shown["body"]) > 67_000 and shown["body"].count("\n") > 50
    started = time.process_time()
    assert run("query", '"the council"', "--passages", "3").exit_code in (0, 1)
    assert time.process_time() - started < 1.0


def test_passages_come_from_the_start_of_a_book_length_text(tmp_path):
    from searcher.article import Article
    from searcher.indexing.build import index_articles

    filler = "The tide came in and went out again over the sands of the bay. " * 4000  # 256 KB
    index = tmp_path / "index"
    index_articles(index, [Article(path="book.txt", title="A long text", body=filler + "\nThe lighthouse was lit.")])
    doc = json.loads(cli("--index", index, "query", "lighthouse", "--json").stdout)
    assert doc["total"] == 1
    # the word lies past what the highlighter reads: the opening is shown instead
    assert doc["hits"][0]["highlights"][0]["text"].startswith("The tide came in")


# -- 8. text lost without a reason -----------------------------------------------------------------

def _page(body: str) -> str:
    return f"<html><head><title>Harbour plan approved</title></head><body>{body}</body></html>"


def test_deeply_nested_html_and_huge_scripts_are_read(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = "<article><h1>Harbour plan approved</h1>" + "".join(
        f"<p>{p}</p>" for p in story("harbour").split("\n\n")[1:]) + "</article>"
    (corpus / "deep-300.html").write_text(_page("<div>" * 300 + article + "</div>" * 300))
    (corpus / "deep-3000.html").write_text(_page("<div>" * 3000 + article + "</div>" * 3000))
    (corpus / "script.html").write_text(_page("<script>var x = '" + "a" * 10_500_000 + "';</script>" + article))
    run = in_folders(corpus, tmp_path / "index")
    result = run("index")
    assert result.exit_code == 0 and "3 added" in result.stderr and "searcher: skipped" not in result.stderr, result.stderr
    for name in ("deep-300", "deep-3000", "script"):
        body = json.loads(run("show", name, "--json").stdout)["body"]
        assert "Mayor Helen Garrow said the decision would bring jobs" in body, name
        assert "aaaa" not in body


def test_sidecars_in_latin1_with_long_fields_are_read_and_bad_ones_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    for folder in ("latin", "long", "nofile", "pipe"):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / "story.txt").write_text(story(folder))
    (corpus / "latin" / "sources.csv").write_bytes("file,outlet\nstory.txt,Zürcher Zeitung\n".encode("latin-1"))
    (corpus / "long" / "sources.csv").write_text(f"file,outlet,notes\nstory.txt,Long Post,{'x' * 131_073}\n")
    (corpus / "nofile" / "sources.csv").write_text("name,outlet\nstory.txt,Nobody\n")
    os.mkfifo(corpus / "pipe" / "sources.csv")
    run = in_folders(corpus, tmp_path / "index")
    result = run("index")
    assert result.exit_code == 0 and "4 added" in result.stderr, result.stderr
    assert result.stderr.count("sources.csv") == 2
    assert f"skipped {corpus / 'nofile' / 'sources.csv'}: its header has no 'file' column" in result.stderr
    assert f"skipped {corpus / 'pipe' / 'sources.csv'}: a named pipe, not a regular file" in result.stderr
    outlets = json.loads(run("stats", "--json").stdout)["outlet_documents"]
    assert outlets.get("Zürcher Zeitung") == 1 and outlets.get("Long Post") == 1 and "Nobody" not in outlets


def test_a_file_mixing_utf8_and_latin1_lines_keeps_both(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    utf8 = "Officials from Zürich, who visited the café by the pier last spring, said they would study the plan."
    latin1 = "The mayor of Zürich said on Wednesday that her city would follow the vote in Wellsford closely."
    (corpus / "mixed.txt").write_bytes(story("harbour").encode() + f"\n{utf8}\n".encode("utf-8")
                                       + f"\n{latin1}\n".encode("latin-1"))
    run = in_folders(corpus, tmp_path / "index")
    assert run("index").exit_code == 0
    body = json.loads(run("show", "mixed", "--json").stdout)["body"]
    assert utf8 in body and latin1 in body and "Ã" not in body


def test_nul_bytes_after_the_first_8_kb_never_reach_the_text(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    last = "The council will meet again in the spring to agree the final design of the new harbour wall."
    (corpus / "padded.txt").write_bytes(story("harbour").encode() + b" " * 9000 + f"\n{last}\x00\n".encode()
                                        + b"\x00" * 3000)
    run = in_folders(corpus, tmp_path / "index")
    assert run("index").exit_code == 0
    shown = run("show", "padded")
    assert shown.exit_code == 0 and "\x00" not in shown.stdout and "\\x00" not in shown.stdout
    assert last in shown.stdout


# -- 9. symbolic links out of the corpus --------------------------------------------------------------

def test_links_out_of_the_corpus_are_followed_only_when_asked(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", TOPICS[:1])
    secret = tmp_path / "private" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(story("observatory"))
    (corpus / "secret.txt").symlink_to(secret)
    (corpus / "etc").symlink_to("/etc")
    (corpus / "inside.txt").symlink_to(corpus / "000-harbour.txt")  # stays inside: followed
    run = in_folders(corpus, tmp_path / "index")
    result = run("index")
    assert result.exit_code == 0
    assert f"skipped {corpus / 'secret.txt'}: symlink to a file outside the corpus folder (follow it with --follow)" \
        in result.stderr
    assert f"skipped {corpus / 'etc'}: symlink to a folder outside the corpus folder" in result.stderr
    assert run("query", "observatory").exit_code == 1
    assert documents(tmp_path / "index") == ["000-harbour.txt", "inside.txt"]
    assert run("index", "--follow").exit_code == 0
    assert run("query", "observatory").exit_code == 0
    assert run("index").exit_code == 0  # the choice is remembered
    assert run("query", "observatory").exit_code == 0
    assert "--follow" in cli("index", "--help").stdout


# -- 10. the smaller ones --------------------------------------------------------------------------

def test_a_file_name_that_is_not_utf8_is_skipped_in_one_line(built):
    corpus, index = built
    name = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 name, as old archives unpack them
    (corpus / name).write_text(story("railway"))
    result = in_folders(corpus, index)("index")
    assert result.exit_code == 0, result.output
    assert f'skipped "{corpus}/caf\\xe9.txt": its name is not UTF-8 text; rename the file' in result.stderr
    assert documents(index) == THREE
    result = cli("extract", corpus / name)
    assert result.exit_code == 2 and "its name is not UTF-8 text" in result.stderr


def test_skips_found_while_scanning_are_counted_in_stats(built):
    corpus, index = built
    (corpus / "broken.txt").symlink_to(corpus / "gone.txt")
    run = in_folders(corpus, index)
    result = run("index")
    assert result.exit_code == 0 and "1 skipped" in result.stderr
    assert json.loads(run("stats", "--json").stdout)["skipped"] == 1
    assert "(1 files skipped)" in run("stats").stdout


def test_bad_queries_are_one_line_errors(built):
    corpus, index = built
    run = in_folders(corpus, index)
    for text, expected in (("*ship", "may not begin with *"), ("a* b* c* d*", "at most 3 words"),
                           ("x" * 4001, "at most 4,000")):
        assert expected in one_error_line(run("query", "--", text))
