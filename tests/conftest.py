import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from searcher.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory) -> Path:
    """One real index of the seeds, built once through the CLI and shared read-only."""
    index_dir = tmp_path_factory.mktemp("seeds-index") / "index"
    result = CliRunner().invoke(main, ["--corpus", str(SEEDS), "--index", str(index_dir), "index"])
    assert result.exit_code == 0, result.output
    return index_dir


@pytest.fixture
def run(seeds_index):
    """Run the CLI against the seeds index; returns click's Result."""
    def invoke(*args: str, index: Path | None = None, corpus: Path | None = None):
        argv = ["--corpus", str(corpus or SEEDS), "--index", str(index or seeds_index), *args]
        return CliRunner().invoke(main, argv)
    return invoke


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A private copy of the seeds (with their sidecar) that a test may change."""
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest)
    return dest
