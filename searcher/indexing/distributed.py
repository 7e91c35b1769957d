"""Extraction on a Dask cluster (`searcher index --dask ADDRESS`): the one stage that is
both costly and independent per article (clean, metadata, entities, quotes) goes to the
cluster's workers in batches; reading, hashing, the cache, the Whoosh index and copies
stay on this machine, exactly as in a local build (searcher.indexing.build calls extract_on_cluster
in place of its worker processes).

- Only cache misses are sent, and each finished batch goes into the cache as it arrives:
  a build stopped by Ctrl-C or a lost scheduler leaves the old index as it was (the build
  never publishes) and loses no finished article; the next build sends only the rest.
- A worker that dies mid-batch costs that batch alone: the scheduler runs it again on
  another worker (up to `distributed.scheduler.allowed-failures` times).
- Workers load the spaCy model once each, when they join; a worker running other
  extraction code or models than this machine is refused, so the cache and index never
  mix two pipelines' results (what runs on the workers is searcher.indexing.dask_worker).
- Batches come back in the order they were sent, so the index is written in the order a
  local build writes it.

dask.distributed is an optional dependency (`pip install 'searcher[dask]'`), imported
only here and only when a build asks for a cluster."""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager

from ..article import Article
from .cache import ExtractionCache

LOCAL = "local"  # `--dask local` / `local:N`: a LocalCluster of worker processes on this machine
# Articles per task: about two seconds of a worker's time, so the scheduler's few
# milliseconds per task are noise and a lost worker costs little work.
BATCH = 32
TASKS_PER_THREAD = 2  # batches in flight per worker thread: the next is there when one ends
CONNECT_SECONDS = 10
WORKER_WAIT_SECONDS = 60  # for a scheduler with no workers yet (they may still be starting)
_INSTALL = "pip install 'searcher[dask]'"


class ClusterError(Exception):
    """The cluster cannot be used or was lost: dask.distributed missing, the scheduler
    unreachable or gone, no workers, or workers running other extraction code."""


def extract_on_cluster(address: str, articles: Iterable[Article], cache: ExtractionCache,
                       collected: Callable[[list[Article]], list[Article]], *, local_workers: int,
                       on_connect: Callable[[str, int], None] | None = None) -> Iterator[Article]:
    """The articles extracted, in the order a local build yields them: from the cache
    when it has them, else by the cluster at `address` (or a LocalCluster of
    `local_workers` processes for "local", N for "local:N"), which is reached only once
    there is something to send. `collected(batch)` is called on each batch as it
    arrives: it puts the batch in the cache. `on_connect(address, workers)` is told
    where the work goes."""
    interrupts = _Interrupts()

    def collected_unless_interrupted(batch: list[Article]) -> list[Article]:
        interrupts.check()  # a Ctrl-C put off (see _Interrupts) stops the build before the next batch
        return collected(batch)

    with interrupts.installed():
        yield from _extracted_on(address, articles, cache, collected_unless_interrupted, local_workers, on_connect)
    interrupts.check()


def _extracted_on(address: str, articles: Iterable[Article], cache: ExtractionCache,
                  collected: Callable[[list[Article]], list[Article]], local_workers: int,
                  on_connect: Callable[[str, int], None] | None) -> Iterator[Article]:
    cluster: _Cluster | None = None
    try:
        for item in cache.cached_or_batched(articles, BATCH):
            if isinstance(item, Article):
                yield item
                continue
            if cluster is None:
                cluster = _Cluster(address, cache.version, local_workers, collected)
                if on_connect:
                    on_connect(cluster.address, cluster.workers())
            yield from cluster.send(item)
        if cluster is not None:
            yield from cluster.drain()
    finally:
        if cluster is not None:
            cluster.close()


class _Cluster:
    """A client of one cluster for one build, with the batches it has in flight."""

    def __init__(self, address: str, version: str, local_workers: int,
                 collected: Callable[[list[Article]], list[Article]]) -> None:
        try:
            import distributed
        except ImportError:
            raise ClusterError(f"--dask needs dask.distributed, which is not installed: {_INSTALL}") from None
        self.distributed = distributed
        self.version, self.collected = version, collected
        self.pending: deque = deque()  # futures of the batches in flight, in the order sent
        self.sent_articles: dict = {}  # future key -> the articles sent, until the batch is back
        self.arrived: dict = {}  # future key -> extracted articles, kept until their turn to be yielded
        self.sent = 0
        self.local = None
        self.quiet = _QuietLogs()
        try:
            self.client = self._connect(address, local_workers)
        except BaseException:
            self.quiet.close()
            raise
        self.arrivals = distributed.as_completed(loop=self.client.loop)  # of the batches sent
        self.address = self.client.scheduler.address if self.local is None else f"{LOCAL} ({self.workers()} processes)"
        from .dask_worker import ModelLoader

        try:
            self.client.register_plugin(ModelLoader(version, os.environ.get("SEARCHER_SPACY_MODEL")),
                                        name="searcher-model")
        except ClusterError:
            self.close()
            raise
        except Exception as exc:
            self.close()
            raise ClusterError(f"the Dask workers could not load searcher's pipeline: {_one_line(exc)}") from None

    def _connect(self, address: str, local_workers: int):
        import dask

        distributed = self.distributed
        kind, _, count = address.partition(":")
        if kind == LOCAL:
            try:
                workers = int(count) if count else local_workers
            except ValueError:
                raise ClusterError(f"--dask {address}: N in local:N must be a whole number") from None
            if workers < 1:
                raise ClusterError(f"--dask {address}: a local cluster needs at least one worker")
            # One thread per process: spaCy holds the GIL, so threads would only queue.
            # The scheduler's HTTP server (health, metrics) on a free loopback port: its
            # default, 8787 on every interface, is often taken (and said so on stderr).
            with dask.config.set(_local_worker_config()), _interrupts_ignored_by_children():
                self.local = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                      host="127.0.0.1", dashboard_address=None,
                                                      scheduler_kwargs={"dashboard": False,
                                                                        "dashboard_address": "127.0.0.1:0"},
                                                      silence_logs=logging.CRITICAL)
            # The scheduler, here in this process, watches the garbage collector from a gc
            # callback; a Ctrl-C that lands in it is dropped ("Exception ignored in ...")
            # and the build runs on. Its figures are for a dashboard this cluster has not.
            from distributed.gc import disable_gc_diagnosis

            disable_gc_diagnosis(force=True)
            return distributed.Client(self.local, set_as_default=False)
        try:
            client = distributed.Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {_one_line(exc)}") from None
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except (OSError, TimeoutError) as exc:
            client.close()
            raise ClusterError(f"no Dask worker joined the scheduler at {address} "
                               f"within {WORKER_WAIT_SECONDS} s: {_one_line(exc)}") from None
        return client

    def workers(self) -> int:
        """Worker threads, that is batches that can run at once (0 once the scheduler is gone)."""
        try:
            return sum(self.client.nthreads().values())
        except Exception:
            return 0

    def send(self, articles: list[Article]) -> Iterator[Article]:
        """Send a batch; while more are in flight than the workers can be busy with,
        collect those that finish, and yield the batches whose turn has come."""
        from .dask_worker import extract_batch

        self.sent += 1
        future = self.client.submit(extract_batch, articles, self.version, pure=False,
                                    key=f"searcher-extract-{id(self):x}-{self.sent}")
        self.pending.append(future)
        self.sent_articles[future.key] = articles
        self.arrivals.add(future)
        while len(self.pending) - len(self.arrived) > TASKS_PER_THREAD * max(1, self.workers()):
            self._collect_some()
            yield from self._in_order()

    def drain(self) -> Iterator[Article]:
        while self.pending:
            self._collect_some()
            yield from self._in_order()

    def _collect_some(self) -> None:
        """Wait until a batch in flight is done, and cache it and any others that are."""
        try:
            done = [next(self.arrivals)] + self.arrivals.next_batch(block=False)
        except (OSError, TimeoutError) as exc:
            raise self._lost(exc) from None
        for future in done:
            self.arrived[future.key] = self.collected(self._result(future, self.sent_articles.pop(future.key)))

    def _in_order(self) -> Iterator[Article]:
        while self.pending and self.pending[0].key in self.arrived:
            yield from self.arrived.pop(self.pending.popleft().key)

    def _result(self, future, sent: list[Article]) -> list[Article]:
        from concurrent.futures import CancelledError

        from distributed.scheduler import KilledWorker

        try:
            extracted = future.result()
        except ClusterError:
            raise
        except KilledWorker:
            raise ClusterError(f"a batch of {len(sent)} articles, from {sent[0].path}, was lost with "
                               f"{self.distributed.config.get('distributed.scheduler.allowed-failures') + 1} "
                               f"workers in turn (out of memory?); the articles extracted so far are cached") from None
        except (OSError, TimeoutError, CancelledError) as exc:
            raise self._lost(exc) from None
        for article, original in zip(extracted, sent):
            article.raw = original.raw  # not sent back: this side has it
        return extracted

    def _lost(self, exc: BaseException) -> ClusterError:
        return ClusterError(f"lost the Dask scheduler at {self.address} ({_one_line(exc)}); "
                            "the index is as it was, and the articles extracted so far are cached")

    def close(self) -> None:
        try:
            self.client.cancel(list(self.pending))  # a build stopped part way
        except Exception:
            pass  # the scheduler is gone, and its tasks with it
        self.pending.clear()
        self.client.close()
        if self.local is not None:
            self.local.close()
        self.quiet.close()


class _Interrupts:
    """Ctrl-C during a cluster build. Dask releases its futures in finalizers (__del__),
    where an exception is printed ("Exception ignored in ...") and dropped: a Ctrl-C
    landing there would print a traceback and be lost. There it is only recorded, and
    `check` raises it at the next batch or when the extraction ends."""

    def __init__(self) -> None:
        self.caught = False

    def _handle(self, signum, frame) -> None:
        self.caught = True
        if not _in_finalizer(frame):
            raise KeyboardInterrupt

    def check(self) -> None:
        if self.caught:
            raise KeyboardInterrupt

    def installed(self) -> AbstractContextManager[None]:
        return _sigint_handled_by(self._handle)


def _in_finalizer(frame) -> bool:
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False


@contextmanager
def _sigint_handled_by(handler) -> Iterator[None]:
    """Ctrl-C handled by `handler` inside, the previous handler back after."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers, and only it is sent KeyboardInterrupt
        return
    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _interrupts_ignored_by_children() -> AbstractContextManager[None]:
    """Worker processes started here ignore Ctrl-C, as `-j` workers do: a terminal sends
    it to every process of the command, and it is the build's to handle (it cancels the
    batches and stops the cluster); a worker that took it would die printing a traceback
    each, and its nanny would start another. An ignored signal stays ignored in the
    processes spawned meanwhile, Python's own handler included."""
    return _sigint_handled_by(signal.SIG_IGN)


def _local_worker_config() -> dict:
    """Dask's defaults for a LocalCluster's workers, less what costs CPU on every article
    and gives a build nothing (measured on BBC beside `-j 2`, docs/scaling.md): the
    statistical profiler that samples each worker's stack every 10 ms for the dashboard,
    and glibc's malloc trimming at 64 KiB, which hands spaCy's freed memory back to the
    system after every document only for the next one to fault it in again (a worker
    spent twice the system time of a `-j` process). A cluster someone else started
    keeps its own settings."""
    import dask

    environ = dask.config.get("distributed.nanny.pre-spawn-environ", {})
    return {"distributed.worker.profile.enabled": False,
            "distributed.nanny.pre-spawn-environ": {k: v for k, v in environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}}


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text if len(text) <= 200 else text[:197] + "..."


class _QuietLogs:
    """distributed logs lost workers, reconnection attempts and closing comms to stderr
    while a build runs; the command says what went wrong in one line instead."""

    def __init__(self) -> None:
        self.logger = logging.getLogger("distributed")
        self.level = self.logger.level
        self.logger.setLevel(logging.CRITICAL)

    def close(self) -> None:
        self.logger.setLevel(self.level)
