import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from searcher.cli import main
from searcher.indexing.store import CACHE_NAME

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
def seeds_index_copy(seeds_index, tmp_path) -> Path:
    """A private copy of the seeds index (and its cache) that a test may update."""
    dest = tmp_path / "index"
    shutil.copytree(seeds_index, dest)
    return dest


@pytest.fixture
def seeds_cached_index(seeds_index, tmp_path) -> Path:
    """A folder for a new index holding the seeds index's extraction cache (as `--rebuild`
    keeps it): a build of a copy of the seeds there takes every article from the cache
    instead of running spaCy again, for the tests of what comes after extraction."""
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    shutil.copy(seeds_index / CACHE_NAME, index_dir / CACHE_NAME)
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


# Articles made to break out of HTML: markup in titles, text, quotations, speakers, outlet
# and author, and URLs that are scripts or close their attribute (tests/test_web*.py show
# them on pages). d.txt is a copy of a.txt, so the copies listed with a story are hostile too.
HOSTILE_A = ('Drones <script>alert("title")</script> over the "Caspian" & sea\n\n'
             "The drones <img src=x onerror=alert(3)> flew across the Caspian Sea on Monday, officials in Baku "
             "said, in the third such flight this month.\n\n"
             'A link javascript:alert(4) was printed in the story, and "quoted words" too. John Kirby said the '
             "drones came from Iran and were bound for Russia.\n\n"
             '"Drones <script>alert(10)</script> will keep coming," John Kirby said on Monday.\n\n'
             '"They <img src=x onerror=alert(11)> will not stop," a spokesman for the <b>Navy</b> told reporters.\n\n'
             "Officials in Moscow declined to comment on the report, first published by a regional news agency.\n")
HOSTILE = {
    "a.txt": HOSTILE_A,
    "d.txt": HOSTILE_A,
    "b.html": "<!doctype html><html><head><meta charset='utf-8'>"
              "<title>Ships &lt;script&gt;alert(6)&lt;/script&gt; cross the &quot;Caspian&quot;</title></head>"
              "<body><article><h1>Ships &lt;script&gt;alert(6)&lt;/script&gt; cross the &quot;Caspian&quot;</h1>"
              "<p>Cargo ships &lt;img src=x onerror=alert(7)&gt; crossed the Caspian Sea carrying ammunition for "
              "Russia, officials said on Tuesday, according to satellite images.</p>"
              "<p>The ships left the port of Amirabad in Iran and arrived in Makhachkala two days later, the images "
              "show, in a route used several times this year.</p>"
              "<p>Analysts said the shipments were part of a growing military partnership between Tehran and "
              "Moscow that Western governments have tried to disrupt with sanctions.</p></article></body></html>",
    "c.txt": "Drones report\n\nDrones were seen over the Caspian Sea again on Wednesday, according to fishermen in "
             "the area who reported the sighting to local officials.\n\nThe sightings come a week after officials "
             "said that several drones had crossed into the region from the south.\n",
    "sources.csv": "file,url,outlet,author,published,title\n"
                   'a.txt,javascript:alert(document.cookie),<b onmouseover=alert(5)>Evil</b> News,'
                   '"""><script>alert(2)</script>",2024-03-04,\n'
                   'b.html,"https://example.com/story?a=1&b=""x""",Example Wire,,2024-05-06,\n'
                   'c.txt,http://evil.example/"onmouseover="alert(8),Caspian Daily,,2024-05-20,'
                   '"=HYPERLINK(""http://evil.example"",""click"")"\n'
                   'd.txt,javascript:alert(12),<img src=x onerror=alert(13)> Post,,2024-03-05,\n',
}


@pytest.fixture(scope="session")
def hostile_index(tmp_path_factory) -> Path:
    """The hostile articles: breaking-out markup in titles, text, quotations, speakers, outlets, author and URLs."""
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in HOSTILE.items():
        (corpus / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["--corpus", str(corpus), "--index", str(root / "index"), "index"])
    assert result.exit_code == 0, result.output
    return root / "index"


@pytest.fixture(scope="session")
def republished_index(tmp_path_factory) -> Path:
    """The seeds plus two republications (Yahoo News shortening CNN's story, MSN carrying
    IBTimes' whole), as tests/test_copies.py makes them: two stories with a copy each."""
    from searcher.indexing.build import update_index
    from tests.test_copies import _republish

    corpus = tmp_path_factory.mktemp("republished") / "corpus"
    shutil.copytree(SEEDS, corpus)
    _republish(corpus)
    index_dir = corpus.parent / "index"
    assert update_index(corpus, index_dir, jobs=1).added == 7
    return index_dir
