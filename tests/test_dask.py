"""Extraction on a real Dask cluster (`searcher index --dask`): a `dask scheduler` and two
`dask worker` processes on 127.0.0.1, never a mock. A build there must give exactly what a
local build gives; a worker killed mid-batch costs only that batch; a lost scheduler
leaves the old index as it was and the cache holding every finished batch."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

import searcher.indexing.distributed as dask_build
from searcher.indexing.build import update_index
from searcher.cli import main
from searcher.indexing.stories import QUERY_FILE
from searcher.indexing.index import open_index
from searcher.indexing.store import CACHE_NAME, IndexFolder

from .conftest import SEEDS
from .test_cli import read_terminal

DASK = Path(sys.executable).parent / "dask"
BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc"
BBC_SAMPLE = 36  # every k-th article, from every section


class Cluster:
    """A `dask scheduler` and `dask worker` processes (no nanny: a killed worker stays dead)."""

    def __init__(self, folder: Path, workers: int) -> None:
        self.folder = folder
        self.file = folder / "scheduler.json"
        env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        self.log = (folder / "dask.log").open("w")
        self.scheduler = subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0",
                                           "--no-dashboard", "--scheduler-file", str(self.file)],
                                          stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.workers = [subprocess.Popen([str(DASK), "worker", "--scheduler-file", str(self.file), "--nthreads", "1",
                                          "--no-nanny", "--no-dashboard", "--host", "127.0.0.1",
                                          "--death-timeout", "30", "--name", f"w{i}"],
                                         stdout=self.log, stderr=subprocess.STDOUT, env=env)
                        for i in range(workers)]
        self.address = self._wait_for_address()

    def _wait_for_address(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.file.exists():
                try:
                    return json.loads(self.file.read_text())["address"]
                except (json.JSONDecodeError, KeyError):
                    pass  # being written
            if self.scheduler.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"dask scheduler did not start: {(self.folder / 'dask.log').read_text()[-2000:]}")

    def client(self):
        from distributed import Client

        return Client(self.address, timeout=30, set_as_default=False)

    def stop(self) -> None:
        for proc in [*self.workers, self.scheduler]:  # nothing of theirs to keep: no need to wait for a clean exit
            proc.kill()
            proc.wait()
        self.log.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    cluster = Cluster(tmp_path_factory.mktemp("dask"), workers=2)
    yield cluster
    cluster.stop()


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of two articles: the seeds make several, which finish out of order."""
    monkeypatch.setattr(dask_build, "BATCH", 2)


@pytest.fixture(scope="module")
def seeds_four_times(tmp_path_factory) -> Path:
    """The seeds (with their sidecar), and three copies of them in sub-folders: twenty
    articles, each story carried four times (copies to find), built locally once."""
    corpus = tmp_path_factory.mktemp("seeds4") / "corpus"
    shutil.copytree(SEEDS, corpus)
    for name in ("copy1", "copy2", "copy3"):
        shutil.copytree(SEEDS, corpus / name)
    return corpus


@pytest.fixture(scope="module")
def local_build(seeds_four_times, tmp_path_factory):
    """The twenty articles built locally: the report, the index and the progress steps."""
    index_dir = tmp_path_factory.mktemp("local") / "index"
    steps: list[tuple[int, int]] = []
    report = update_index(seeds_four_times, index_dir, jobs=1, on_progress=lambda *step: steps.append(step))
    return report, index_dir, steps


def bbc_sample(corpus: Path, count: int) -> Path:
    """Every k-th BBC article, from every section, `count` different texts in all."""
    files = sorted(p for p in BBC.rglob("*.txt") if p.parent != BBC)
    texts: set[bytes] = set()
    for path in files[:: len(files) // count]:
        if len(texts) == count or path.read_bytes() in texts:
            continue
        texts.add(path.read_bytes())
        target = corpus / path.relative_to(BBC)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return corpus


def cached_count(index_dir: Path) -> int:
    with sqlite3.connect(index_dir / CACHE_NAME) as db:
        return db.execute("SELECT count(*) FROM extracted").fetchone()[0]


def everything(index_dir: Path) -> dict:
    """What an index holds: every document's stored fields, the copies found, the
    generation's record of each file, and every extracted article in the cache."""
    with open_index(index_dir).searcher() as s:
        documents = sorted((dict(fields) for fields in s.all_stored_fields()), key=lambda d: d["id"])
    generation = IndexFolder(index_dir).current()
    records = {path: {k: v for k, v in rec.items() if k not in ("stamp", "racy")}
               for path, rec in generation.files().items()}
    with sqlite3.connect(index_dir / CACHE_NAME) as db:
        cached = {key: pickle.loads(zlib.decompress(blob)) for key, blob in db.execute("SELECT hash, article FROM extracted")}
    # Without Whoosh's document numbers: the order articles reach the writer is not part of
    # the result (a local build with worker processes writes cached articles first, too).
    copies = json.loads((generation.path / QUERY_FILE).read_text(encoding="utf-8"),
                        object_hook=lambda d: {k: v for k, v in d.items() if k != "docnum"})
    return {"documents": documents, "records": records, "copies": copies, "cached": cached}


def assert_same(local: Path, dask: Path) -> None:
    one, two = everything(local), everything(dask)
    assert [d["id"] for d in one["documents"]] == [d["id"] for d in two["documents"]]
    for a, b in zip(one["documents"], two["documents"]):
        assert a == b, a["path"]
    assert one["records"] == two["records"]
    assert one["copies"] == two["copies"]
    assert one["cached"].keys() == two["cached"].keys()
    for key, article in one["cached"].items():  # (the path is whichever file of that text was put last)
        assert replace(article, path="") == replace(two["cached"][key], path=""), article.path


def test_dask_build_gives_what_a_local_build_gives(cluster, small_batches, seeds_four_times, local_build, tmp_path):
    local, local_dir, _ = local_build
    report = update_index(seeds_four_times, tmp_path / "index", dask=cluster.address)
    # (a copy's text sent after the first copy's came back is in the cache by then)
    assert (report.added, report.workers) == (local.added, 2) and 5 <= report.extracted <= 20
    assert any(cluster.address in note for note in report.notes)
    assert_same(local_dir, tmp_path / "index")
    # Nothing left to extract: an update asks the cluster for nothing.
    again = update_index(seeds_four_times, tmp_path / "index", dask="tcp://127.0.0.1:9", rebuild=True)
    assert (again.added, again.extracted, again.workers) == (20, 0, 0)


@pytest.mark.skipif(not BBC.is_dir(), reason="needs the BBC corpus in ../shared")
def test_dask_build_of_bbc_sample_gives_what_a_local_build_gives(cluster, tmp_path, monkeypatch):
    monkeypatch.setattr(dask_build, "BATCH", BBC_SAMPLE // 2)  # two batches, one for each worker at once
    corpus = bbc_sample(tmp_path / "bbc", BBC_SAMPLE)
    local = update_index(corpus, tmp_path / "local", jobs=1)
    remote = update_index(corpus, tmp_path / "dask", dask=cluster.address)
    assert remote.added == local.added == BBC_SAMPLE
    assert_same(tmp_path / "local", tmp_path / "dask")


def test_searcher_dask_in_the_environment_stands_for_the_option(cluster, corpus_copy, tmp_path):
    result = CliRunner().invoke(main, ["--corpus", str(corpus_copy), "--index", str(tmp_path / "index"), "index"],
                                env={"SEARCHER_DASK": cluster.address})
    assert result.exit_code == 0, result.output
    assert f"note: extraction ran on the Dask cluster at {cluster.address}" in result.output


def test_progress_of_a_dask_build_counts_as_a_local_build_does(cluster, small_batches, seeds_four_times, local_build,
                                                              tmp_path):
    *_, local = local_build
    dask: list[tuple[int, int]] = []
    update_index(seeds_four_times, tmp_path / "index", on_progress=lambda *step: dask.append(step), dask=cluster.address)
    assert dask == local and dask[-1][0] == dask[-1][1]  # every step, surveying the files then indexing them


def test_each_worker_loads_the_model_once(cluster, corpus_copy, tmp_path):
    """After the builds above (and one more), every worker has loaded the spaCy model once
    and found it loaded ever after."""
    from searcher.extract.entities import load_nlp

    for path in corpus_copy.rglob("*.txt"):  # texts no worker has seen
        path.write_text(path.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    assert update_index(corpus_copy, tmp_path / "index", dask=cluster.address).extracted == 5
    with cluster.client() as client:
        loads = client.run(load_nlp.cache_info)
    assert len(loads) == 2
    assert all(info.misses == 1 for info in loads.values()), loads
    assert sum(info.hits for info in loads.values()) >= 2, loads  # used again, each build and batch, not reloaded


def test_worker_killed_mid_batch_costs_only_that_batch(cluster, small_batches, seeds_four_times, local_build,
                                                       tmp_path):
    _, local_dir, _ = local_build
    done: list = []
    build = threading.Thread(target=lambda: done.append(update_index(seeds_four_times, tmp_path / "index",
                                                                     dask=cluster.address)))
    with cluster.client() as client:
        build.start()
        victim = None
        deadline = time.monotonic() + 60
        while victim is None and time.monotonic() < deadline:
            busy = [address for address, tasks in client.processing().items()
                    if any(str(key).startswith("searcher-extract-") for key in tasks)]
            if busy:
                victim = busy[0]
            time.sleep(0.05)
        assert victim is not None, "no batch ever ran"
        name = client.scheduler_info()["workers"][victim]["name"]
        cluster.workers[int(name[1:])].kill()
        build.join(120)
    assert done, "the build did not finish"
    assert done[0].added == 20
    assert_same(local_dir, tmp_path / "index")


def test_lost_scheduler_leaves_old_index_and_cache_of_finished_batches(small_batches, seeds_four_times,
                                                                      seeds_index_copy, tmp_path_factory, tmp_path,
                                                                      monkeypatch):
    """Its own cluster: this one's scheduler is killed part way through a build."""
    # The client tries this long to reconnect before it gives the scheduler up (10 s by default).
    monkeypatch.setattr(dask_build, "CONNECT_SECONDS", 3)
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_four_times, corpus)
    index_dir = seeds_index_copy  # the old index: the seeds alone (their cache rows are those of corpus/)
    before = everything(index_dir)
    cluster = Cluster(tmp_path_factory.mktemp("doomed"), workers=1)
    try:
        cached = 0

        def kill_after_first_batch() -> None:
            nonlocal cached
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                with sqlite3.connect(index_dir / CACHE_NAME) as db:
                    cached = db.execute("SELECT count(*) FROM extracted").fetchone()[0]
                if cached > len(before["cached"]):
                    cluster.scheduler.kill()
                    return
                time.sleep(0.05)

        killer = threading.Thread(target=kill_after_first_batch)
        killer.start()
        # New texts for the cache: every copy edited, so none of them is cached yet.
        for path in corpus.rglob("*.txt"):
            if path.parent != corpus:
                path.write_text(path.read_text(encoding="utf-8") + f"\nEdited in {path.parent.name}.\n",
                                encoding="utf-8")
        result = CliRunner().invoke(main, ["--corpus", str(corpus), "--index", str(index_dir), "index",
                                           "--dask", cluster.address])
        killer.join()
    finally:
        cluster.stop()
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("searcher: error: lost the Dask scheduler at "), result.output
    after = everything(index_dir)
    assert after["documents"] == before["documents"] and after["records"] == before["records"]
    assert len(after["cached"]) > len(before["cached"])  # the batches that came back are kept


def test_unreachable_scheduler_and_bad_local_count_are_one_line_errors(tmp_path, corpus_copy, monkeypatch):
    monkeypatch.setattr(dask_build, "CONNECT_SECONDS", 1)
    for address, says in (("tcp://127.0.0.1:9", "cannot reach the Dask scheduler at tcp://127.0.0.1:9"),
                          ("local:two", "local:N must be a whole number")):
        result = CliRunner().invoke(main, ["--corpus", str(corpus_copy), "--index", str(tmp_path / "index"),
                                           "index", "--dask", address])
        assert result.exit_code == 2, result.output
        assert result.output.startswith("searcher: error: ") and says in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1
        assert not IndexFolder(tmp_path / "index").exists()  # nothing published


@pytest.mark.skipif(not BBC.is_dir(), reason="needs the BBC corpus in ../shared")
def test_ctrl_c_leaves_the_old_index_and_the_cache_of_every_finished_article(cluster, seeds_index_copy, tmp_path):
    """Ctrl-C, as a terminal sends it (to the whole process group, the local cluster's
    workers too), part way through `SEARCHER_DASK=local:2 searcher index` writing to a
    terminal: the command stops at once, the old index answers
    queries as before, and a rerun extracts only the articles that had not come back."""
    import pty

    # Batches of ten articles (half a second or more of a worker's time, long enough for the
    # third to be under way when Ctrl-C comes) rather than 32: the same three batches for two
    # workers, in a third of the time, here and in the rerun.
    batch = 10
    corpus = bbc_sample(tmp_path / "bbc", 3 * batch)
    index_dir = seeds_index_copy  # the old index
    before, cached_before = everything(index_dir), cached_count(index_dir)
    leader, follower = pty.openpty()
    searcher = f"import searcher.indexing.distributed as d; d.BATCH = {batch}; from searcher.__main__ import run; run()"
    proc = subprocess.Popen([sys.executable, "-c", searcher, "--corpus", str(corpus), "--index", str(index_dir),
                             "index"], stdout=follower, stderr=follower, start_new_session=True,
                            env={**os.environ, "SEARCHER_DASK": "local:2"})
    os.close(follower)
    chunks: list[bytes] = []
    reader = threading.Thread(target=read_terminal, args=(leader, chunks))
    reader.start()
    try:
        deadline = time.monotonic() + 120
        while cached_count(index_dir) == cached_before and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the build ended before a batch was cached: nothing to interrupt"
        os.killpg(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=60) == 130
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        reader.join(10)
        os.close(leader)
    output = b"".join(chunks).decode("utf-8", "replace")
    # One line from the build, none from the workers or Dask (tracebacks, ports in use).
    assert "searcher: interrupted; the index is as it was before" in output, output
    assert "Traceback" not in output and "Warning" not in output and "Exception" not in output, output
    deadline = time.monotonic() + 30  # the workers went with it
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _group_alive(proc.pid), "worker processes outlived the build"

    after = everything(index_dir)
    assert after["documents"] == before["documents"] and after["records"] == before["records"]
    query = CliRunner().invoke(main, ["--index", str(index_dir), "query", "Caspian", "--json"])
    assert query.exit_code == 0 and json.loads(query.output)["total"] == 4, query.output
    finished = cached_count(index_dir) - cached_before
    assert batch <= finished < 3 * batch, finished  # whole batches, not all of them

    rerun = update_index(corpus, index_dir, dask=cluster.address)
    assert (rerun.added, rerun.removed, rerun.extracted) == (3 * batch, 5, 3 * batch - finished)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True
