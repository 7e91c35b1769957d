"""The index lifecycle with a real index and real files made by each test: incremental
updates, the extraction cache, atomic rebuilds, bad files, locking and damage."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from searcher.indexing import build as lifecycle
from searcher.indexing import store as lifecycle_store
from searcher.cli import main
from searcher.indexing.index import open_index
from searcher.indexing.build import update_index
from searcher.search.searching import search
from searcher.indexing.store import IndexFolder, IndexUnavailable, WriterBusy, index_stats

ROOT = Path(__file__).resolve().parent.parent

TOPICS = ["harbour", "glacier", "vineyard", "railway", "satellite", "orchestra", "lighthouse", "tannery",
          "observatory", "shipyard", "monastery", "brewery", "aqueduct", "quarry", "windmill", "foundry"]


def story(topic: str, n: int = 0) -> str:
    """A plain news story about `topic`, long and well-formed enough for any cleaner to keep.
    All but a few words are the same for every topic, so searcher groups them as copies of
    one story: tests that count articles ask for all copies."""
    return (f"Council approves plan for the {topic} in Wellsford\n\n"
            f"The town council of Wellsford voted on Tuesday to approve a long-debated plan for the {topic}, "
            f"ending a dispute that had divided residents for almost three years. Mayor Helen Garrow said the "
            f"decision would bring jobs and visitors to the region.\n\n"
            f"Opponents of the {topic} argued that the cost, estimated at {n + 4} million pounds, was too high "
            f"for a town of its size, and that the money should have gone to schools and roads instead. "
            f"The council said the project would be paid for over twenty years.\n\n"
            f"Work is expected to begin in the spring, and the first stage should be finished by the end of "
            f"next year, according to a statement published by the council on its website.\n")


def write_corpus(folder: Path, topics=TOPICS[:4]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, topic in enumerate(topics):
        (folder / f"{i:03d}-{topic}.txt").write_text(story(topic, i), encoding="utf-8")
    return folder


def age(folder: Path, seconds: float = 60) -> None:
    """Date every file back, as files saved a while ago are: a file changed within the same
    clock tick as a build is always re-read, which would hide what a test looks for."""
    past = time.time() - seconds
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            os.utime(path, (past, past))


def build(corpus: Path, index_dir: Path, **kw):
    return update_index(corpus, index_dir, jobs=kw.pop("jobs", 1), **kw)


def hits(index_dir: Path, text: str) -> list[str]:
    return sorted(Path(h.path).name for h in search(index_dir, text, limit=100).hits)


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = write_corpus(tmp_path / "corpus")
    age(folder)
    return folder


@pytest.fixture
def built(corpus, tmp_path) -> Path:
    index_dir = tmp_path / "index"
    report = build(corpus, index_dir)
    assert report.added == 4 and not report.skipped
    return index_dir


# -- incremental updates and the cache -----------------------------------------------------

def test_incremental_add_change_delete_then_no_op(corpus, built):
    (corpus / "004-glacier-2.txt").write_text(story("aqueduct", 9))  # new
    (corpus / "001-glacier.txt").write_text(story("windmill", 1))  # changed
    (corpus / "002-vineyard.txt").unlink()  # deleted
    age(corpus)
    report = build(corpus, built)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 2)
    assert report.extracted == 2
    assert hits(built, "aqueduct") == ["004-glacier-2.txt"]
    assert hits(built, "windmill") == ["001-glacier.txt"]
    assert hits(built, "glacier") == [] and hits(built, "vineyard") == []
    assert index_stats(built)["documents"] == 4

    again = build(corpus, built)
    assert (again.added, again.updated, again.removed, again.unchanged, again.extracted) == (0, 0, 0, 4, 0)


def test_updates_merge_small_segments_and_keep_their_did_you_mean_words(corpus, built, monkeypatch):
    monkeypatch.setattr("searcher.indexing.index.SMALL_SEGMENT", 1.0)  # merge all but the largest (a test corpus is tiny)
    (corpus / "005-alpha.txt").write_text(story("aqueduct", 5))  # the first of its segment: it carries the words
    (corpus / "006-beta.txt").write_text(story("windmill", 6) + " The quokkaville ferry sailed at dawn.\n")
    age(corpus)
    build(corpus, built)
    (corpus / "005-alpha.txt").unlink()
    (corpus / "007-gamma.txt").write_text(story("lighthouse", 7))
    age(corpus)
    build(corpus, built)
    reader = open_index(built).reader()
    assert len(list(reader.leaf_readers())) == 2  # the two small segments merged into the one written
    assert search(built, "quokkavillr").suggestion == "quokkaville"
    assert hits(built, "quokkaville") == ["006-beta.txt"] and hits(built, "aqueduct") == []


def test_no_op_reads_no_file_and_writes_nothing(corpus, built, monkeypatch):
    live = IndexFolder(built).current().name

    def no_reading(*a, **k):
        raise AssertionError("an unchanged file was read")

    monkeypatch.setattr("searcher.extract.pipeline.read_article", no_reading)  # where every file is read
    report = build(corpus, built)
    assert report.unchanged == 4 and report.extracted == 0
    assert IndexFolder(built).current().name == live


def test_no_op_reads_no_index_file_back_once_their_inode_times_are_recorded(corpus, built, monkeypatch):
    build(corpus, built)  # reads back, once, the files whose inode the last build's tidying changed
    read_back = []
    real = lifecycle_store._crc32
    monkeypatch.setattr(lifecycle_store, "_crc32", lambda path: read_back.append(path) or real(path))
    build(corpus, built)
    assert read_back == []
    (corpus / "001-glacier.txt").write_text(story("windmill", 1))  # a change: every file is read back first
    age(corpus)
    build(corpus, built)
    assert len(read_back) >= len(IndexFolder(built).current().meta()["checksums"])


def test_touched_file_is_hashed_not_extracted(corpus, built):
    os.utime(corpus / "000-harbour.txt", (time.time() - 30, time.time() - 30))
    report = build(corpus, built)
    assert report.unchanged == 4 and report.extracted == 0 and report.updated == 0


def test_no_op_cli_imports_no_stage_whoosh_nor_spacy(corpus, built):
    # A no-op update reads the folder and the generation's record: nothing else is imported.
    code = ("import sys; from searcher.cli import main\n"
            "try:\n main(['--corpus', sys.argv[1], '--index', sys.argv[2], 'index'])\n"
            "except SystemExit:\n pass\n"
            "print(sorted(m for m in ('spacy', 'whoosh', 'searcher.extract.pipeline', 'searcher.extract.clean',\n"
            "                         'searcher.extract.html', 'searcher.extract.entities', 'searcher.dates',\n"
            "                         'concurrent.futures') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code, str(corpus), str(built)], capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.strip() == "[]", proc.stderr
    assert "0 added, 0 updated, 0 removed, 0 skipped, 4 unchanged" in proc.stderr


def test_rebuild_reuses_cached_extraction(corpus, built):
    report = build(corpus, built, rebuild=True)
    assert report.added == 4 and report.extracted == 0
    assert hits(built, "harbour") == ["000-harbour.txt"]
    # The same text under another name is not extracted again either.
    (corpus / "000-harbour.txt").rename(corpus / "renamed.txt")
    report = build(corpus, built)
    assert (report.added, report.removed, report.extracted) == (1, 1, 0)


def test_cache_is_invalidated_by_another_pipeline_version(corpus, built, monkeypatch):
    monkeypatch.setattr(lifecycle, "pipeline_version", lambda: "other-code")
    report = build(corpus, built, rebuild=True)
    assert report.extracted == 4
    assert not report.notes  # a rebuild applies the new code: nothing to warn about


def test_update_with_other_extraction_code_suggests_rebuild(corpus, built, monkeypatch):
    monkeypatch.setattr(lifecycle, "pipeline_version", lambda: "other-code")
    report = build(corpus, built)
    assert any("--rebuild" in note for note in report.notes)


def test_worker_processes_give_the_same_results(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus", TOPICS[:12])
    one = update_index(corpus, tmp_path / "one", jobs=1)
    # Small batches, so that a dozen files already go to worker processes.
    monkeypatch.setattr(lifecycle, "CHUNK", 3)
    monkeypatch.setattr(lifecycle, "POOL_THRESHOLD", 6)
    two = update_index(corpus, tmp_path / "two", jobs=2)  # a cache of its own: everything extracted again
    assert one.extracted == two.extracted == one.added == two.added == 12
    assert (one.workers, two.workers) == (0, 2)
    for topic in TOPICS[:12]:
        assert hits(tmp_path / "one", topic) == hits(tmp_path / "two", topic) != []
    assert index_stats(tmp_path / "one")["outlet_documents"] == index_stats(tmp_path / "two")["outlet_documents"]



@pytest.mark.parametrize("jobs", [1, 2])
def test_identical_files_are_extracted_once(tmp_path, monkeypatch, jobs):
    corpus = write_corpus(tmp_path / "corpus", TOPICS[:6])
    for i, topic in enumerate(TOPICS[:3]):  # wire copies: the same bytes under another name, read just before
        (corpus / f"{i:03d}-{topic}-copy.txt").write_text(story(topic, i), encoding="utf-8")
    monkeypatch.setattr(lifecycle, "CHUNK", 3)  # twins in the same chunk and in the next, both in flight at once
    monkeypatch.setattr(lifecycle, "POOL_THRESHOLD", 6)
    report = update_index(corpus, tmp_path / "index", jobs=jobs)
    assert (report.added, report.extracted) == (9, 6)
    with open_index(tmp_path / "index").searcher() as s:
        fields = {Path(d["path"]).name: d for d in s.all_stored_fields()}
    for i, topic in enumerate(TOPICS[:3]):
        copy, first = fields[f"{i:03d}-{topic}-copy.txt"], fields[f"{i:03d}-{topic}.txt"]
        assert {k: v for k, v in copy.items() if k not in ("id", "path")} == \
            {k: v for k, v in first.items() if k not in ("id", "path")}
        assert copy["person"] == "Helen Garrow"

def test_the_same_bytes_as_text_and_as_html_are_each_cleaned_as_what_they_are_saved_as(tmp_path):
    """The extraction cache knows the two apart: after a rebuild (which reads the cache)
    the .txt copy of a page is still cleaned as text, not given the page's extraction."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    page = ("<html><head><title>Plan for the vineyard</title></head><body><nav>Home | News</nav>"
            "<article><h1>Plan for the vineyard</h1>"
            + "".join(f"<p>{p}</p>" for p in story("vineyard").split("\n\n")[1:]) + "</article></body></html>")
    for name in ("page.html", "page-saved-as.txt"):
        (corpus / name).write_text(page, encoding="utf-8")
    for rebuild in (False, True):
        update_index(corpus, tmp_path / "index", rebuild=rebuild, jobs=1)
        with open_index(tmp_path / "index").searcher() as s:
            bodies = {Path(d["path"]).name: d["body"] for d in s.all_stored_fields()}
        assert "<article>" not in bodies["page.html"] and "<article>" in bodies["page-saved-as.txt"]


# -- bad files ------------------------------------------------------------------------------

def test_mixed_folder_indexes_every_good_file_and_reports_each_bad_one(tmp_path):
    corpus = tmp_path / "corpus"
    sub = corpus / "sub"
    sub.mkdir(parents=True)
    good = {
        "plain.txt": story("harbour").encode("utf-8"),
        "western.txt": story("glacier").replace("pounds", "£").encode("cp1252"),
        "page.html": ("<html><head><title>Plan for the vineyard</title></head><body><nav>Home | News</nav>"
                      "<article><h1>Plan for the vineyard</h1>"
                      + "".join(f"<p>{p}</p>" for p in story("vineyard").split("\n\n")[1:]) + "</article></body></html>"
                      ).encode("utf-8"),
        "sub/zipped.txt.gz": gzip.compress(story("railway").encode("utf-8")),
        "sub/wide.md": story("satellite").encode("utf-16"),
    }
    for name, data in good.items():
        (corpus / name).write_bytes(data)
    bad = {
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "noise.txt": bytes(b for b in range(1, 256) if b not in b"\t\n\r ") * 40,
        "nav-only.html": b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
        "huge.txt": (story("orchestra") + "More words. " * 1_000).encode(),  # 13 KB
    }
    for name, data in bad.items():
        (corpus / name).write_bytes(data)
    os.symlink("loop.txt", corpus / "loop.txt")  # a link to itself
    os.symlink("..", sub / "parent")  # a folder link back up the tree
    bad_paths = [*bad, "loop.txt", "sub/parent"]
    if os.geteuid() != 0:  # root reads everything
        locked = corpus / "locked.txt"
        locked.write_text(story("lighthouse"))
        locked.chmod(0)
        bad_paths.append("locked.txt")
    age(corpus)

    result = cli("--corpus", str(corpus), "--index", str(tmp_path / "index"), "index", "--max-size", "0.01")
    assert result.exit_code == 0, result.output
    for name in bad_paths:
        lines = [l for l in result.stderr.splitlines() if l.startswith("searcher: skipped") and str(corpus / name) + ":" in l]
        assert len(lines) == 1, (name, result.stderr)
    assert f"{len(good)} added, 0 updated, 0 removed, {len(bad_paths)} skipped" in result.stderr
    assert "Traceback" not in result.stderr
    for topic in ("harbour", "glacier", "vineyard", "railway", "satellite"):
        assert len(search(tmp_path / "index", topic).hits) == 1, topic
    assert index_stats(tmp_path / "index")["documents"] == len(good)

    # Raising the size limit lets the big file in; the others are still reported.
    result = cli("--corpus", str(corpus), "--index", str(tmp_path / "index"), "index", "--max-size", "1")
    assert result.exit_code == 0
    assert "1 added" in result.stderr and f"{len(bad_paths) - 1} skipped" in result.stderr
    assert len(search(tmp_path / "index", "orchestra").hits) == 1


def test_file_that_turns_bad_leaves_the_index(corpus, built):
    (corpus / "001-glacier.txt").write_bytes(b"")
    age(corpus)
    report = build(corpus, built)
    assert report.removed == 1 and [p for p, _ in report.skipped] == [str(corpus / "001-glacier.txt")]
    assert hits(built, "glacier") == []


# -- atomic rebuilds, killed builds, concurrency --------------------------------------------

def test_queries_in_another_process_never_fail_during_rebuilds(corpus, built, tmp_path):
    reader = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom pathlib import Path\nfrom searcher.search.searching import search\n"
         "n = bad = 0\nend = time.time() + 60\n"
         "while time.time() < end and not Path(sys.argv[2]).exists():\n"
         "    try:\n"
         "        r = search(Path(sys.argv[1]), 'council', all_copies=True)\n"
         "        bad += r.total != 4\n"
         "    except Exception as e:\n"
         "        bad += 1; print(repr(e), flush=True)\n"
         "    n += 1\n"
         "    if n == 1:\n"
         "        print('querying', flush=True)\n"
         "print('queries', n, 'bad', bad)\n",
         str(built), str(tmp_path / "stop")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline() == "querying\n"  # the rebuilds start once the reader is at work
        for _ in range(8):
            assert build(corpus, built, rebuild=True).added == 4
    finally:
        (tmp_path / "stop").touch()
        out, err = reader.communicate(timeout=60)
    assert out.strip().splitlines()[-1].split()[2:] == ["bad", "0"], out + err
    assert int(out.split()[-3]) > 0


def test_injected_failure_mid_rebuild_leaves_old_index(corpus, built, monkeypatch):
    (corpus / "003-railway.txt").write_text(story("quarry", 3))
    age(corpus)

    def broken(articles):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(lifecycle, "_process_chunk", broken)
    with pytest.raises(RuntimeError):
        build(corpus, built, rebuild=True)
    assert hits(built, "railway") == ["003-railway.txt"]
    assert [p.name for p in built.iterdir() if p.name.startswith("gen-")] == [IndexFolder(built).current().name]


def test_killed_rebuild_leaves_old_index_answering(corpus, built):
    for i, topic in enumerate(TOPICS):  # enough new text that the rebuild takes a while
        (corpus / f"new-{i}.txt").write_text(story(topic, i) * 3)
    live = IndexFolder(built).current().name
    proc = subprocess.Popen([sys.executable, "-m", "searcher", "--corpus", str(corpus), "--index", str(built),
                             "index", "--rebuild", "-j", "1"], cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while not [p for p in built.iterdir() if p.name.startswith("gen-") and p.name != live]:
        assert proc.poll() is None and time.time() < deadline, "the rebuild ended before it could be killed"
        time.sleep(0.02)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert IndexFolder(built).current().name == live
    assert hits(built, "harbour") == ["000-harbour.txt"]
    result = cli("--index", str(built), "query", "council", "--all-copies")
    assert result.exit_code == 0 and "4 matching articles" in result.output
    # The next build takes over the dead writer's lock and clears its half-built generation.
    report = build(corpus, built)
    assert report.added == len(TOPICS)
    assert [p.name for p in built.iterdir() if p.name.startswith("gen-")] != [live]
    assert len([p for p in built.iterdir() if p.name.startswith("gen-")]) == 2  # new, and the old one in its grace period


def test_second_writer_waits_then_fails_clearly(corpus, built):
    with IndexFolder(built).lock():
        with pytest.raises(WriterBusy, match=rf"pid {os.getpid()}.*try again"):
            build(corpus, built, lock_timeout=0.3)


def test_two_writers_at_once_both_finish_and_agree(corpus, built):
    (corpus / "009-new.txt").write_text(story("foundry"))
    errors = []

    def writer():
        try:
            build(corpus, built)
        except Exception as exc:  # noqa: BLE001 -- recorded for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert hits(built, "foundry") == ["009-new.txt"]
    assert index_stats(built)["documents"] == 5


def test_lock_left_by_a_dead_process_is_taken_over(corpus, built):
    (built / "writer.lock").write_text("999999\n")
    assert build(corpus, built, lock_timeout=0.2).unchanged == 4


# -- damaged, incompatible or foreign index folders -----------------------------------------

def _damage_segment(index_dir: Path) -> None:
    generation = IndexFolder(index_dir).current().path
    segment = max(generation.glob("articles_*.*"), key=lambda p: p.stat().st_size)  # a segment's largest file
    segment.write_bytes(segment.read_bytes()[:100])


def _damage_meta(index_dir: Path) -> None:
    (IndexFolder(index_dir).current().path / "meta.json").write_text("{not json")


def _incompatible(index_dir: Path) -> None:
    meta_path = IndexFolder(index_dir).current().path / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["signature"] = "from-another-version"
    meta_path.write_text(json.dumps(meta))


def _lose_pointer(index_dir: Path) -> None:
    (index_dir / "CURRENT").unlink()


@pytest.mark.parametrize("damage", [_damage_segment, _damage_meta, _incompatible, _lose_pointer])
def test_damaged_index_says_to_rebuild_and_rebuild_mends_it(corpus, built, damage):
    damage(built)
    for args in (["query", "harbour"], ["stats"], ["index"]):
        result = cli("--corpus", str(corpus), "--index", str(built), *args)
        assert result.exit_code == 2, (args, result.output)
        assert "searcher index --rebuild" in result.stderr and "Traceback" not in result.stderr
    result = cli("--corpus", str(corpus), "--index", str(built), "index", "--rebuild")
    assert result.exit_code == 0, result.output
    assert hits(built, "harbour") == ["000-harbour.txt"]


def test_index_made_by_older_layout_is_rebuilt_in_place(corpus, tmp_path):
    from whoosh import index as whoosh_index
    from searcher.indexing.schema import make_schema

    old = tmp_path / "old-index"
    old.mkdir()
    whoosh_index.create_in(str(old), make_schema(), indexname="articles")
    with pytest.raises(IndexUnavailable, match="older, incompatible version.*--rebuild"):
        open_index(old)
    build(corpus, old, rebuild=True)
    assert hits(old, "harbour") == ["000-harbour.txt"]
    assert not list(old.glob("*.toc"))


def test_refuses_a_folder_that_is_not_an_index(corpus, tmp_path):
    mine = tmp_path / "my-documents"
    mine.mkdir()
    (mine / "thesis.docx").write_text("years of work")
    result = cli("--corpus", str(corpus), "--index", str(mine), "index", "--rebuild")
    assert result.exit_code == 2 and "not a searcher index" in result.stderr
    assert sorted(p.name for p in mine.iterdir()) == ["thesis.docx"]


def test_stats(corpus, built):
    result = cli("--index", str(built), "stats", "--json")
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["documents"] == 4 and info["size_bytes"] > 0 and isinstance(info["outlets"], int)
    assert info["corpus"] == str(corpus.resolve()) and info["built_at"]
    text = cli("--index", str(built), "stats")
    assert text.exit_code == 0 and "documents:  4" in text.stdout


def test_stats_without_index_is_one_line_error(tmp_path):
    result = cli("--index", str(tmp_path / "none"), "stats")
    assert result.exit_code == 2 and "searcher index" in result.stderr and "Traceback" not in result.stderr


def test_facets_across_updates_with_and_without_outlets(corpus, built):
    # The first build's segment has no outlet column; the update's has one.
    (corpus / "new.txt").write_text(story("brewery"))
    (corpus / "sources.csv").write_text("file,outlet\nnew.txt,Wellsford Gazette\n")
    age(corpus)
    report = build(corpus, built)
    assert report.added == 1 and report.unchanged == 4
    results = search(built, "council", limit=100, all_copies=True)
    assert results.total == 5
    assert results.facets["outlet"] == {"Wellsford Gazette": 1}
    assert {Path(h.path).name: h.outlet for h in results.hits}["new.txt"] == "Wellsford Gazette"


def test_cache_version_covers_extraction_code_not_query_or_lifecycle_code():
    from searcher.indexing.cache import extraction_modules

    names = {path.name for path in extraction_modules()}
    assert {"clean.py", "html.py", "metadata.py", "dates.py", "entities.py", "quotes.py", "pipeline.py", "article.py",
            "first_names.tsv"} <= names
    # a ranking, query-language, schema or index-lifecycle change must not re-run spaCy
    assert not names & {"ranking.py", "querylang.py", "passages.py", "searching.py", "schema.py", "index.py", "build.py",
                         "store.py", "copies.py", "cli.py", "render.py"}


def test_the_postings_writer_reads_the_same_field_lengths_as_whoosh(seeds_index):
    """The commit reads each field's lengths from its column once (index._LengthsRead):
    the same values as Whoosh's per-posting reads, for every document and field."""
    from searcher.indexing.index import _LengthsRead

    with open_index(seeds_index).reader() as reader:
        for segment, _offset in reader.leaf_readers():
            lengths = segment._perdoc
            read = _LengthsRead(lengths)
            for name in segment.schema.scorable_names():
                for docnum in range(segment.doc_count_all()):
                    assert read.doc_field_length(docnum, name) == lengths.doc_field_length(docnum, name)


def test_postings_written_by_searcher_read_back_as_whoosh_s_own(tmp_path):
    """searcher's postings writer (index.InliningCodec: short lists inlined, blocks pickled
    with protocol 4) keeps every posting as Whoosh's own writer does: ids, weights and
    positions of every word, over lists of one posting to several blocks."""
    import random

    from whoosh import fields
    from whoosh import index as whoosh_index
    from whoosh.codec.whoosh3 import W3Codec

    from searcher.indexing.index import InliningCodec

    schema = fields.Schema(body=fields.TEXT(), tag=fields.ID())
    rng = random.Random(5)
    words = [f"w{i}" for i in range(60)]
    docs = [(" ".join(rng.choice(words[:rng.randint(1, 60)]) for _ in range(rng.randint(1, 40))), f"t{i % 7}")
            for i in range(800)]
    postings = []
    for name, codec in (("ours", InliningCodec()), ("whoosh", W3Codec())):
        (tmp_path / name).mkdir()
        ix = whoosh_index.create_in(str(tmp_path / name), schema)
        writer = ix.writer(codec=codec)
        for body, tag in docs:
            writer.add_document(body=body, tag=tag)
        writer.commit()
        with ix.reader() as reader:
            postings.append({(field, text): [(m.id(), m.weight(), m.value()) for m in _walk(reader.postings(field, text))]
                             for field, text in reader.all_terms()})
    assert postings[0] == postings[1]
    assert max(len(p) for p in postings[0].values()) > 3 * 128  # several blocks of 128


def _walk(matcher):
    while matcher.is_active():
        yield matcher
        matcher.next()


def test_a_version_is_read_beside_its_package_as_on_the_path(monkeypatch, tmp_path):
    """The index signature's Whoosh version is looked up beside the imported package first
    (sys.path may begin with a large folder): the same version as the whole path gives,
    even when a folder early on the path holds another version's .dist-info."""
    from searcher.indexing.store import version_of

    on_path = version_of("Whoosh-Reloaded")
    assert version_of("Whoosh-Reloaded", "whoosh") == on_path != "-"
    (tmp_path / "whoosh_reloaded-0.0.1.dist-info").mkdir()
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    assert version_of("Whoosh-Reloaded", "whoosh") == on_path  # the imported Whoosh's, as the signature needs
