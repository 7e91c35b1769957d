"""What runs on the Dask workers of a `searcher index --dask` build (searcher.indexing.distributed
is the side that sends the work): a plugin that loads the spaCy model once per worker,
and the task that extracts one batch."""

from __future__ import annotations

import os
import threading

from distributed.diagnostics.plugin import WorkerPlugin

from ..article import Article
from .distributed import ClusterError

_extracting = threading.Lock()


class ModelLoader(WorkerPlugin):
    """Loads the spaCy model in each worker as it joins (once: the worker process keeps
    it), after checking that the worker runs the same extraction code and models."""

    idempotent = False  # a new build's plugin replaces the last one: the code may have changed since

    def __init__(self, version: str, model: str | None) -> None:
        self.version, self.model = version, model

    def setup(self, worker) -> None:
        if self.model:  # the model the sending side was told to use
            os.environ["SEARCHER_SPACY_MODEL"] = self.model
        check_version(self.version)
        from ..extract.entities import load_nlp, model_name

        load_nlp(model_name())


def check_version(expected: str) -> None:
    from .cache import pipeline_version

    found = pipeline_version()
    if found != expected:
        raise ClusterError(f"a Dask worker runs other extraction code or models (pipeline {found}, this machine "
                           f"{expected}): install the same searcher and libraries on every worker")


def extract_batch(articles: list[Article], version: str) -> list[Article]:
    """One task: clean and extract a batch (the raw text stays behind: the sender has it)."""
    from ..extract.pipeline import process

    check_version(version)
    # One batch at a time per process: a worker given several threads would otherwise
    # run spaCy in each, and the pipeline's state is not made to be shared by threads.
    with _extracting:
        extracted = list(process(articles))
    for article in extracted:
        article.raw = ""
    return extracted
