"""Keeping an index in line with a corpus folder: incremental updates, full rebuilds, the
extraction cache and worker processes. The stages each article goes through are in
searcher.extract.pipeline; the index folder's layout, pointer and lock in searcher.indexing.store."""

from __future__ import annotations

import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from ..article import Article
from .cache import ExtractionCache, pipeline_version
from ..extract.corpus import CorpusFile, SkipHandler, check_corpus, ignore_skip, scan_corpus
from ..extract.reader import DEFAULT_MAX_BYTES
from .store import (CACHE_NAME, FORMAT, Generation, IndexFolder, IndexUnavailable, damage_reported, index_signature,
                    remove_generation, write_failure)

if TYPE_CHECKING:  # (concurrent.futures is imported with the worker pool, not by a no-op update)
    from concurrent.futures import Future


@dataclass
class BuildReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    extracted: int = 0  # articles that went through cleaning and spaCy (the rest came from the cache)
    workers: int = 0  # processes that extraction was spread over (0: it ran in this one)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{self.added} added, {self.updated} updated, {self.removed} removed, "
                f"{len(self.skipped)} skipped, {self.unchanged} unchanged in {self.seconds:.1f} s")


ProgressHandler = Callable[[int, int], None]
CHUNK = 32  # articles per spaCy batch and per task sent to a worker process
POOL_THRESHOLD = 2 * CHUNK  # fewer articles than this are extracted in-process: starting workers costs more


def update_index(corpus: Path, index_dir: Path, *, rebuild: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
                 jobs: int | None = None, follow_links: bool | None = None, on_skip: SkipHandler = ignore_skip,
                 on_progress: ProgressHandler | None = None, on_wait: Callable[[str], None] | None = None,
                 lock_timeout: float = 10.0, dask: str | None = None) -> BuildReport:
    """Bring the index in line with the corpus folder: new files added, changed files
    (by content hash) replaced, deleted files removed, bad files reported and skipped.

    Files whose size and times are as the last build saw them are not read at all, and an
    unchanged corpus costs no extraction and writes nothing. Extraction results come from
    the cache when the same text was extracted before by the same pipeline. Changes are
    written to a new generation of the index that replaces the live one atomically only
    once complete (see searcher.indexing.store); with `rebuild`, that generation starts empty.
    Symbolic links out of the corpus folder are followed with `follow_links` (None: as
    the last build did, else not). With `dask` (a Dask scheduler's address, or "local:N"),
    extraction runs on that cluster instead of in `jobs` local processes
    (searcher.indexing.distributed); everything else stays here.

    Raises IndexUnavailable (damaged, incompatible, not ours), WriterBusy (another build
    holds the index past `lock_timeout` seconds), CorpusError, WriteFailed (a full disk,
    say: the old index stays as it was), or ClusterError (a `dask` cluster that cannot be
    used, or was lost). A first build that fails leaves no folder behind."""
    started = time.monotonic()
    check_corpus(corpus)
    folder = IndexFolder(index_dir)
    created, had_index = not folder.path.exists(), folder.exists()
    try:
        with folder.lock(lock_timeout, on_wait):
            folder.prepare()
            build = _Build(corpus, folder, rebuild=rebuild, max_bytes=max_bytes, jobs=jobs or os.cpu_count() or 1,
                           follow_links=follow_links, on_skip=on_skip, on_progress=on_progress, dask=dask)
            if had_index and not rebuild:  # an update reads the live index: an error from a damaged file says so
                with damage_reported(folder.path):
                    build.run()
            else:
                build.run()
    except OSError as exc:
        raise write_failure(exc, index_dir, had_index) from exc
    finally:
        if created:
            folder.remove_if_unused()
    build.report.seconds = time.monotonic() - started
    return build.report


class _Twins:
    """One extraction per text in a build. An article with the same extraction key (the
    same bytes, format and sidecar, and the same evidence from its site) as one already
    sent to be extracted is not sent again: it takes that one's extraction from the cache
    once it is in, as the next build would. Copies are common in news (wire stories): 98 of
    BBC's 2,225 files are byte-identical to another (and were extracted identically). The
    cache alone caught the 59 whose twin was extracted before they were read; the 39 read
    while it was still in flight were extracted again."""

    def __init__(self, cache: ExtractionCache, extract_here: Callable[[list[Article]], list[Article]]) -> None:
        self.cache, self.extract_here = cache, extract_here
        self.sent: set[str] = set()  # extraction keys

    def first_of_their_text(self, chunk: list[Article]) -> list[Article]:
        """The articles of the chunk to extract: those whose text no article sent before has."""
        work = []
        for article in chunk:
            if article.extraction_key not in self.sent:
                self.sent.add(article.extraction_key)
                work.append(article)
        return work

    def completed(self, chunk: list[Article], work: list[Article], extracted: list[Article]) -> list[Article]:
        """The chunk's articles in order: its work's extractions, and the others' from their
        twins' (extracted with this chunk or an earlier one, so cached by now; extracted
        here after all if the cache could not keep them, as on a full disk)."""
        out, extractions = [], iter(extracted)
        work_ids = {id(article) for article in work}
        for article in chunk:
            if id(article) in work_ids:
                out.append(next(extractions))
                continue
            twin = self.cache.get(article)
            out.extend([twin] if twin is not None else self.extract_here([article]))
        return out


class _Build:
    """One run of update_index, holding the writer lock."""

    def __init__(self, corpus: Path, folder: IndexFolder, *, rebuild: bool, max_bytes: int, jobs: int,
                 follow_links: bool | None, on_skip: SkipHandler, on_progress: ProgressHandler | None,
                 dask: str | None = None) -> None:
        # Absolute, so the index's paths and its record of the corpus hold from any directory.
        self.corpus, self.folder, self.rebuild = Path(os.path.abspath(corpus)), folder, rebuild
        self.max_bytes, self.jobs = max_bytes, jobs
        self.follow_links = follow_links if follow_links is not None else self._followed_last_time()
        self.on_skip, self.on_progress = on_skip, on_progress
        self.surveying = 0  # files read first to weigh pages against their sites' (counted in the progress)
        self.report = BuildReport()
        self.records: dict[str, dict] = {}  # what the new generation will know of each file
        self.written: set[str] = set()  # ids of the articles this build (re)indexes
        self.done = self.total = 0
        self.inode_times_moved = False  # files of the live generation read back since their inode changed
        self.dask = dask  # a Dask scheduler's address: extraction runs there

    def skip(self, path: str, reason: str) -> None:
        self.report.skipped.append((path, reason))
        self.on_skip(path, reason)

    def skip_found_in_scan(self, path: str, reason: str) -> None:
        """A broken link, a loop, an unreadable folder: recorded, so that stats counts it."""
        self.records[path] = {"stamp": [], "skipped": reason}
        self.skip(path, reason)

    def _followed_last_time(self) -> bool:
        try:
            return bool(self.folder.current().meta().get("follow_links"))
        except IndexUnavailable:
            return False

    def step(self) -> None:
        self.done += 1
        if self.on_progress:
            self.on_progress(self.done, self.total + self.surveying)

    def run(self) -> None:
        live, live_meta = self._live_generation()
        known = live.files() if live else {}
        self.version = pipeline_version()
        if live and live_meta.get("pipeline") != self.version:
            self.report.notes.append("the index was made with other cleaning or extraction code; "
                                     "run `searcher index --rebuild` to apply the current code to every article")
        self.scanned_at = time.time_ns()
        files = scan_corpus(self.corpus, exclude=self.folder.path, follow_links=self.follow_links,
                            on_skip=self.skip_found_in_scan)
        to_read = [f for f in files if not self._still_same(f, known.get(str(f.path)))]
        current = {str(f.path) for f in files}
        # (a file that became a broken link is not gone but newly bad: see _newly_bad)
        gone = [p for p, rec in known.items() if "skipped" not in rec and p not in current and p not in self.records]
        self.total = len(to_read)

        changed = self._weighed(to_read, known, current)
        first = next(changed, None)
        if first is None and live is not None:
            # Every file has been looked at, so every record is in.
            if not gone and not any(self._newly_bad(known)):
                # only stat stamps or skip reasons moved (files touched, not changed)
                if (self.records != known or live_meta.get("follow_links", False) != self.follow_links
                        or self.inode_times_moved):
                    live.write_record({**live_meta, "scanned_at_ns": self.scanned_at,
                                       "follow_links": self.follow_links}, self.records)
                return
        if live is not None:
            live.verify(live_meta, full=True)  # every file read back before a new generation is built on them
        generation = self.folder.new_generation(link_from=live)
        try:
            self._write(generation, live is None, gone, known, first, changed, live_meta.get("checksums"))
        except BaseException:
            remove_generation(generation.path)  # never published: no reader has it
            raise
        self.folder.publish(generation)

    def _write(self, generation: Generation, from_scratch: bool, gone: list[str], known: dict[str, dict],
               first: Article | None, changed: Iterator[Article], known_checksums: dict | None) -> None:
        from . import index

        ix = index.create_in(generation) if from_scratch else index.open_unchecked(generation)
        cache = ExtractionCache(self.folder.path / CACHE_NAME, self.version)
        try:
            articles = () if first is None else self._extract(chain([first], changed), cache)
            # Stale paths are worked out once every file has been read: files deleted, and
            # files indexed before that cannot be now.
            index.write_articles(ix, self._indexable(articles, known), self._counted_removals(gone, known),
                                 optimize=self.rebuild)
            _find_copies(ix, generation, self.folder, self.records, None if self.rebuild else self.written)
            if self.rebuild:
                cache.keep_only({rec.get("key", rec["hash"]) for rec in self.records.values() if "hash" in rec})
        finally:
            cache.close()
        _finish(generation, self.records, known_checksums, pipeline=self.version, corpus=str(self.corpus),
                scanned_at_ns=self.scanned_at, follow_links=self.follow_links)

    def _newly_bad(self, known: dict[str, dict]) -> Iterator[str]:
        return (p for p, rec in self.records.items()
                if "skipped" in rec and p in known and "skipped" not in known[p])

    def _counted_removals(self, gone: list[str], known: dict[str, dict]) -> Iterator[str]:
        for path in chain(gone, self._newly_bad(known)):
            self.report.removed += 1
            yield path

    def _live_generation(self) -> tuple[Generation | None, dict]:
        """The generation to update and its meta record; (None, {}) when there is none yet
        or it is to be rebuilt. A damaged or incompatible one raises IndexUnavailable,
        which says to rebuild. Files whose size, time or inode changed since they were
        written are read back now; every file is, before anything is built on them (run):
        an update that changes nothing reads none (queries only read back files whose time
        changed)."""
        if self.rebuild or not self.folder.exists():
            return None, {}
        live = self.folder.current()
        meta = live.check()
        checksums = live.verify(meta, full=False, inode_times=True)
        if checksums != meta.get("checksums", {}):  # read back whole: their inode times are recorded
            meta["checksums"] = checksums
            self.inode_times_moved = True
        return live, meta

    def _still_same(self, file: CorpusFile, record: dict | None) -> bool:
        """Unchanged without reading it: the stat stamp is as recorded, and was recorded long
        enough after the file's last change that a change within the same clock tick is ruled out.
        Skipped files are always looked at again: the reason may have gone (a size limit raised)."""
        if record is None or "skipped" in record or record.get("racy") or record.get("stamp") != list(file.stamp):
            return False
        self.records[str(file.path)] = record
        self.report.unchanged += 1
        return True

    def _record(self, file: CorpusFile, **fields) -> dict:
        # mtime within 2 s of the scan: the file may change again without its stamp changing.
        record = {"stamp": list(file.stamp), **fields}
        if file.stamp[1] >= self.scanned_at - 2_000_000_000:
            record["racy"] = True
        self.records[str(file.path)] = record
        return record

    def _changed_articles(self, files: list[CorpusFile], known: dict[str, dict],
                          held: dict[str, Article] | None = None) -> Iterator[Article]:
        """Read each file (or take it from `held`, what a survey read); yield those whose
        content hash differs from what is indexed."""
        if not files:
            return  # a no-op run reads nothing and imports no stage
        from ..extract.pipeline import read_files

        by_path = {str(file.path): file for file in files}

        def unreadable(path: str, why: str) -> None:
            self._record(by_path[path], skipped=why)
            self.skip(path, why)
            self.step()

        for article in read_files([file.path for file in files], max_bytes=self.max_bytes, on_skip=unreadable,
                                  on_bad_sidecar=self.on_skip, held=held):
            path = article.path
            file = by_path[path]
            old = known.get(path)
            if old is not None and old.get("hash") == article.content_hash:  # touched, not changed
                self._record(file, **{k: v for k, v in old.items() if k not in ("stamp", "racy")})
                if "skipped" in old:
                    self.skip(path, old["skipped"])
                else:
                    self.report.unchanged += 1
                self.step()
                continue
            self._record(file)
            yield article

    def _weighed(self, files: list[CorpusFile], known: dict[str, dict], current: set[str]) -> Iterator[Article]:
        """The changed articles with what the other pages of their sites, these and those
        indexed already, say about their blocks (searcher.extract.sitewide): the files are surveyed
        first, one at a time, then cleaned (read again unless the survey holds them)."""
        if not files:
            return  # a no-op run reads nothing and imports no stage
        from ..extract.pipeline import SiteSurvey
        from ..extract.sitewide import PrintStore, weigh

        reading = {str(file.path) for file in files}
        others = {path: rec["hash"] for path, rec in known.items()
                  if path in current and path not in reading and "hash" in rec and "skipped" not in rec}
        survey = SiteSurvey([file.path for file in files], self.max_bytes)
        self.surveying = len(survey.paths)
        store = PrintStore(self.folder.path / CACHE_NAME, self.version)
        try:
            yield from weigh(self._changed_articles(files, known, survey.held), survey, store=store, others=others,
                             on_surveyed=self.step)
        finally:
            store.close()

    def _extract(self, articles: Iterable[Article], cache: ExtractionCache) -> Iterator[Article]:
        """Extracted articles, in order: from the cache when it has them, else cleaned and
        run through spaCy in batches, in worker processes once the batch is large enough,
        or on the Dask cluster the build was given."""
        if self.dask is not None:
            from .distributed import extract_on_cluster

            yield from extract_on_cluster(self.dask, articles, cache, lambda batch: self._collected(batch, cache),
                                          local_workers=self.jobs, on_connect=self._on_cluster)
            return
        pool = None
        pending: deque = deque()  # chunks in flight, in order, each with its work's future: at most 2 per worker
        twins = _Twins(cache, lambda articles: self._extracted_here(articles, cache))
        try:
            for item in cache.cached_or_batched(articles, CHUNK):
                if isinstance(item, Article):
                    yield item
                    continue
                if pool is None and len(item) == CHUNK and self.jobs > 1 and self.total >= POOL_THRESHOLD:
                    pool = _start_pool(self.jobs)
                    self.report.workers = self.jobs
                work = twins.first_of_their_text(item)
                if pool is None:  # no workers (a small run, or -j 1); once they run, the last few go to them too
                    yield from twins.completed(item, work, self._extracted_here(work, cache))
                    continue
                pending.append((item, work, pool.submit(_process_chunk, work)))
                if len(pending) >= 2 * self.jobs:
                    yield from self._collect(*pending.popleft(), twins, cache)
            while pending:
                yield from self._collect(*pending.popleft(), twins, cache)
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)

    def _on_cluster(self, address: str, workers: int) -> None:
        self.report.workers = workers
        self.report.notes.append(f"extraction ran on the Dask cluster at {address}, {workers} workers")

    def _extracted_here(self, articles: list[Article], cache: ExtractionCache) -> list[Article]:
        return self._collected(_process_chunk(articles), cache)

    def _collect(self, chunk: list[Article], work: list[Article], future: Future, twins: _Twins,
                 cache: ExtractionCache) -> list[Article]:
        return twins.completed(chunk, work, self._collected(future.result(), cache))

    def _collected(self, articles: list[Article], cache: ExtractionCache) -> list[Article]:
        cache.put(articles)
        self.report.extracted += len(articles)
        return articles

    def _indexable(self, articles: Iterable[Article], known: dict[str, dict]) -> Iterator[Article]:
        """The articles to index, counted; those with no article text in them are skipped."""
        for article in articles:
            record = self.records[article.path]
            record["hash"] = article.content_hash
            if article.extraction_key != article.content_hash:  # the cache's key: its site's evidence too
                record["key"] = article.extraction_key
            self.step()
            if not article.body.strip():
                record["skipped"] = "no article text found"
                self.skip(article.path, record["skipped"])
                continue
            record.update(_indexed(article))
            self.written.add(article.id)
            if article.path in known and "skipped" not in known[article.path]:
                self.report.updated += 1
            else:
                self.report.added += 1
            yield article


def index_articles(index_dir: Path, articles: Iterable[Article]) -> None:
    """Index articles extracted already (by tests and tools that make their own), as a
    rebuild does: into a new generation that replaces any index in `index_dir` when complete."""
    from . import index

    folder = IndexFolder(index_dir)
    with folder.lock():
        folder.prepare()
        generation = folder.new_generation()
        records: dict[str, dict] = {}

        def recorded(articles: Iterable[Article]) -> Iterator[Article]:
            for article in articles:
                records[article.path] = {"stamp": [], "hash": article.content_hash, **_indexed(article)}
                yield article

        try:
            ix = index.create_in(generation)
            index.write_articles(ix, recorded(articles), [], optimize=True)
            _find_copies(ix, generation, folder, records, None)
            _finish(generation, records, None, pipeline=pipeline_version(), corpus=None, scanned_at_ns=time.time_ns())
        except BaseException:
            remove_generation(generation.path)
            raise
        folder.publish(generation)


def _find_copies(ix, generation: Generation, folder: IndexFolder, records: dict[str, dict],
                 written: set[str] | None) -> None:
    """Group the copies of one story (searcher.indexing.copies), reusing what the live generation,
    which this one is about to replace, found for articles that did not change."""
    from .copies import update_copies

    try:
        previous = folder.current().path
    except IndexUnavailable:
        previous = None
    present = {rec["id"] for rec in records.values() if "id" in rec and "skipped" not in rec}
    update_copies(ix, generation.path, previous, present, written)


def _indexed(article: Article) -> dict:
    """What a generation's record keeps of an indexed article (for `searcher stats`)."""
    return {"id": article.id, "outlet": article.outlet,
            "published": article.published.isoformat() if article.published else None}


def _finish(generation: Generation, records: dict[str, dict], known_checksums: dict | None, **meta) -> None:
    """Write the generation's record of itself, which makes it complete: with the size
    and checksum of each of its files, so that damage to one is found (see Generation.check)."""
    generation.write_record({"format": FORMAT, "signature": index_signature(), **meta,
                             "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                             "files": generation.whoosh_files(),
                             "checksums": generation.checksums(known_checksums),
                             "documents": sum("skipped" not in rec for rec in records.values())}, records)


def _start_pool(jobs: int):
    """Worker processes for extraction. Forked where the platform allows: a worker then
    starts with the package (and a spaCy model the caller already loaded) in place."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker)


def _init_worker() -> None:
    # Ctrl-C is the parent's to handle: it cancels the build and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # One BLAS thread per worker: the workers already use every core between them.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def _process_chunk(articles: list[Article]) -> list[Article]:
    from ..extract.pipeline import process  # not before there is work: it imports the cleaners

    return list(process(articles))
