"""Copies of one story and related coverage: the grouping measured on BBC's near-duplicates
(computed from the texts here), and the search, show, related and stats behaviour with a
real index and the real CLI on the seeds and on the seeds with republications added."""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest
from click.testing import CliRunner

from searcher.indexing import copies, stories
from searcher.indexing.build import update_index
from searcher.cli import main
from searcher.search.searching import search
from searcher.indexing.store import IndexFolder

from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpora" / "bbc"


# -- BBC: the near-duplicate pairs, from the raw texts ----------------------------------------

def _shingle_sets(texts: dict[str, str]) -> dict[str, frozenset]:
    """Each text's 4-word shingles, words as whitespace separates them: independent of how
    searcher.indexing.copies reads a text."""
    sets = {}
    for key, text in texts.items():
        words = text.split()
        sets[key] = frozenset(tuple(words[i:i + 4]) for i in range(len(words) - 3))
    return sets


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _pairs_sharing_over_half(sets: dict[str, frozenset]) -> set[tuple[str, str]]:
    """Every pair whose shingle sets have Jaccard > 0.5, found exactly by prefix filtering
    (Chaudhuri et al. 2006): two such sets must share one of the rarest
    |x| - ceil(|x| / 2) + 1 shingles of each (rarest in the whole collection, ties broken
    by one order for all)."""
    number: dict = {}
    frequency: list[int] = []
    as_numbers = {}
    for key, s in sets.items():
        numbers = []
        for shingle in s:
            n = number.setdefault(shingle, len(number))
            if n == len(frequency):
                frequency.append(0)
            frequency[n] += 1
            numbers.append(n)
        as_numbers[key] = numbers
    prefixes: dict = defaultdict(list)
    for key, numbers in as_numbers.items():
        numbers.sort(key=lambda n: (frequency[n], n))
        for n in numbers[:len(numbers) - -(-len(numbers) // 2) + 1]:
            prefixes[n].append(key)
    candidates = {tuple(sorted(p)) for keys in prefixes.values() for p in combinations(keys, 2)}
    return {(a, b) for a, b in candidates if _jaccard(sets[a], sets[b]) > 0.5}


@pytest.mark.skipif(not BBC.is_dir(), reason="the shared BBC corpus is not beside this checkout")
def test_bbc_near_duplicates_are_grouped_and_groups_hold_no_strangers():
    texts = {str(p.relative_to(BBC)): p.read_bytes().decode("latin-1") for p in sorted(BBC.rglob("*.txt"))}
    sets = _shingle_sets(texts)
    pairs = _pairs_sharing_over_half(sets)
    identical = sum(texts[a] == texts[b] for a, b in pairs)
    # 169 pairs (98 byte-identical) by this count; the issue counted 168 (110 identical)
    assert 160 <= len(pairs) <= 175 and identical >= 90

    groups = copies.group_texts(texts)
    group_of = {member: i for i, members in enumerate(groups) for member in members}
    together = sum(a in group_of and group_of[a] == group_of.get(b) for a, b in pairs)
    assert together / len(pairs) >= 0.97, f"{together} of {len(pairs)} pairs grouped"

    grouped_pairs = [p for members in groups for p in combinations(members, 2)]
    strangers = [p for p in grouped_pairs if _jaccard(sets[p[0]], sets[p[1]]) < 0.2]
    assert len(strangers) / len(grouped_pairs) < 0.01, strangers


# -- the rules, on made-up texts --------------------------------------------------------------

def _story(seed: int, sentences: int = 12) -> str:
    """A text of distinct sentences: nothing in common with another seed's."""
    import random

    rng = random.Random(seed)
    words = ["minister", "harbour", "council", "budget", "river", "station", "court", "market", "school",
             "bridge", "farmers", "police", "hospital", "airport", "festival", "factory", "union", "museum"]
    return "\n".join(" ".join(rng.choice(words) + str(rng.randrange(1000)) for _ in range(14)) + "."
                     for _ in range(sentences))


def test_a_shortened_republication_is_a_copy_and_an_unrelated_story_is_not():
    full = _story(1, 20)
    shortened = "\n".join(full.split("\n")[:9])  # under half of it
    groups = copies.group_texts({"full": full, "short": shortened, "other": _story(2)})
    assert groups == [["full", "short"]]


def test_a_digest_carrying_two_stories_does_not_make_them_one():
    first, second = _story(3), _story(4)
    digest = first + "\n" + second + "\n" + _story(5, 4)
    groups = copies.group_texts({"first": first, "second": second, "digest": digest})
    # each story is a copy of part of the digest, but the two share nothing
    assert len(groups) == 1 and len(groups[0]) == 2 and "digest" in groups[0]


def test_too_little_text_is_never_a_copy():
    line = "Photo: Reuters. All rights reserved."
    assert copies.group_texts({"a": line, "b": line}) == []


def test_story_ids_stay_with_most_of_the_group():
    previous = {"a": "s-old", "b": "s-old"}
    names = copies.name_stories([["a", "b", "c"], ["d", "e"]], previous, ["a", "b", "c", "d", "e"])
    assert names[0] == "s-old"
    assert names[1] == min(stories.story_id("d"), stories.story_id("e"))
    # a group that splits: the larger part keeps the id, the other gets one of its own
    names = copies.name_stories([["a", "b"], ["c", "x"]], {"a": "s-old", "b": "s-old", "c": "s-old"},
                                ["a", "b", "c", "x"])
    assert names[0] == "s-old" and names[1] != "s-old"


# -- the seeds, and the seeds with copies, through the real index and CLI ----------------------

def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def test_no_seed_is_a_copy_of_another_and_caspian_finds_four(seeds_index):
    info = json.loads(cli("--index", str(seeds_index), "stats", "--json").stdout)
    assert info["documents"] == 5 and info["stories"] == 5 and info["largest_stories"] == []
    doc = json.loads(cli("--index", str(seeds_index), "query", "Caspian", "--json").stdout)
    assert doc["total"] == 4 and doc["copies"] == 0
    assert sorted(Path(h["path"]).name[:3] for h in doc["hits"]) == ["000", "001", "003", "004"]
    assert all(h["copies"] == [] and h["story"] for h in doc["hits"])


def _related(index_dir: Path, name: str) -> list[str]:
    result = cli("--index", str(index_dir), "related", name, "--json")
    assert result.exit_code in (0, 1), result.output
    return [Path(r["path"]).name[:3] for r in json.loads(result.stdout)["related"]]


@pytest.mark.parametrize("a, b", [("000", "001"), ("003", "004")])
def test_seeds_on_one_event_are_related_coverage_of_each_other(seeds_index, a, b):
    name = {p.name[:3]: p.stem for p in SEEDS.glob("*.txt")}
    assert b in _related(seeds_index, name[a])
    assert a in _related(seeds_index, name[b])


def test_related_gives_its_reasons(seeds_index):
    result = cli("--index", str(seeds_index), "related", "003_1957032412f8d0b0", "--json")
    first = json.loads(result.stdout)["related"][0]
    assert set(first) >= {"id", "path", "title", "outlet", "published", "url", "score", "reason",
                          "shared_names", "shared_words", "days_apart"}
    assert f"{len(first['shared_words'])} shared key words" in first["reason"]
    text = cli("--index", str(seeds_index), "related", "003_1957032412f8d0b0")
    assert text.exit_code == 0 and "shared key words" in text.stdout


def _age(folder: Path) -> None:
    past = time.time() - 60
    for path in folder.rglob("*"):
        os.utime(path, (past, past))


def _republish(corpus: Path) -> None:
    """Two copies: CNN's story (001) shortened by Yahoo News, IBTimes' (004) whole on MSN."""
    paragraphs = [p for p in (corpus / "001_9236aacd133b9ed3.txt").read_text(encoding="utf-8").split("\n") if p.strip()]
    (corpus / "101_yahoo.txt").write_text("\n\n".join(paragraphs[:len(paragraphs) * 3 // 5]) + "\n", encoding="utf-8")
    (corpus / "102_msn.txt").write_text((corpus / "004_7667e2f1bdb5648b.txt").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    with open(corpus / "sources.csv", "a", encoding="utf-8") as fh:
        fh.write("101_yahoo.txt,,Yahoo News,2024-06-22,,\n102_msn.txt,,MSN,2024-06-23,,\n")
    _age(corpus)


@pytest.fixture
def copies_index(republished_index) -> tuple[Path, Path]:
    """The seeds plus two republications (the session's index, for the tests that only read it)."""
    return republished_index.parent / "corpus", republished_index


def test_a_story_is_one_hit_with_its_copies_listed(copies_index):
    corpus, index_dir = copies_index
    doc = json.loads(cli("--index", str(index_dir), "query", "Caspian", "--json").stdout)
    assert doc["total"] == 4 and doc["copies"] == 2 and len(doc["hits"]) == 4
    by_file = {Path(h["path"]).name[:3]: h for h in doc["hits"]}
    assert not {"001", "101"} <= set(by_file) and not {"004", "102"} <= set(by_file)
    ibt = by_file.get("004") or by_file["102"]
    assert [c["outlet"] for c in ibt["copies"]] == ["International Business Times" if "102" in by_file else "MSN"]
    assert set(ibt["copies"][0]) == {"id", "path", "outlet", "published", "url"}
    # a story in two outlets counts once for each; CNN carried two different stories
    assert doc["facets"]["outlet"] == {"CNN": 2, "International Business Times": 1, "MSN": 1, "Turan": 1,
                                       "Yahoo News": 1}
    assert len({h["story"] for h in doc["hits"]}) == 4

    every = json.loads(cli("--index", str(index_dir), "query", "Caspian", "--all-copies", "--json").stdout)
    assert every["total"] == 6 and every["copies"] == 2 and len(every["hits"]) == 6
    assert len({h["story"] for h in every["hits"]}) == 4

    text = cli("--index", str(index_dir), "query", "Caspian", "--passages", "0")
    assert text.exit_code == 0
    assert "4 matching stories (and 2 copies of them)" in text.stdout
    assert "also in: MSN (2024-06-23)" in text.stdout or "also in: International Business Times (undated)" in text.stdout
    assert "CNN (2024-06-21)" in text.stdout


def test_paging_counts_stories(copies_index):
    _, index_dir = copies_index
    seen = []
    for page in (1, 2):
        doc = search(index_dir, "Caspian", limit=2, page=page, passages=0)
        seen += [h.story for h in doc.hits]
    assert len(seen) == 4 and len(set(seen)) == 4
    by_date = search(index_dir, "Caspian", sort="-date", passages=0)
    assert by_date.total == 4 and [h.published for h in by_date.hits][0] == "2024-06-23"  # MSN, newest copy


def test_show_lists_copies_and_related(copies_index):
    _, index_dir = copies_index
    result = cli("--index", str(index_dir), "show", "101_yahoo")
    assert result.exit_code == 0, result.output
    assert "copies:    1" in result.stdout and "CNN | 2024-06-21 | 001_9236aacd133b9ed3" in result.stdout
    assert "related:" in result.stdout
    doc = json.loads(cli("--index", str(index_dir), "show", "101_yahoo", "--json").stdout)
    assert doc["story"] and [Path(c["path"]).name for c in doc["copies"]] == ["001_9236aacd133b9ed3.txt"]
    assert all(Path(r["path"]).name[:3] not in ("001", "101") for r in doc["related"])


def test_stats_counts_stories(copies_index):
    _, index_dir = copies_index
    info = json.loads(cli("--index", str(index_dir), "stats", "--json").stdout)
    assert info["documents"] == 7 and info["stories"] == 5 and info["stories_with_copies"] == 2
    assert [g["articles"] for g in info["largest_stories"]] == [2, 2]
    text = cli("--index", str(index_dir), "stats").stdout
    assert "stories:    5 distinct (2 with copies)" in text



def test_an_untitled_article_shows_its_lead_in_related_and_stats_as_everywhere(copies_index):
    """IBTimes' article (004) and its MSN copy have no headline; Taipei Times' (002) neither."""
    _, index_dir = copies_index
    ibt_lead = "[lead] Iran has shipped at least one million rounds of ammunition"
    taipei_lead = "[lead] The US on Friday expressed alarm over a “full-scale defense partnership”"
    stats = cli("--index", str(index_dir), "stats").stdout
    assert f"2 articles: {ibt_lead}" in stats and "[untitled]" not in stats
    show = cli("--index", str(index_dir), "show", "101_yahoo").stdout
    assert f"  - {taipei_lead}" in show and "[untitled]" not in show
    related = cli("--index", str(index_dir), "related", "101_yahoo").stdout
    assert f"1. {taipei_lead}" in related
    assert cli("--index", str(index_dir), "show", "002_a934f1b5838958a7").stdout.count(taipei_lead) == 1

def test_updates_regroup_without_a_rebuild(corpus_copy, seeds_cached_index):
    index_dir = seeds_cached_index
    _age(corpus_copy)
    update_index(corpus_copy, index_dir, jobs=1)
    assert search(index_dir, "Caspian").copies == 0

    _republish(corpus_copy)  # two copies added
    report = update_index(corpus_copy, index_dir, jobs=1)
    assert report.added == 2 and report.unchanged == 5
    result = search(index_dir, "Caspian")
    assert (result.total, result.copies) == (4, 2)
    story = {Path(h.path).name[:3]: h.story for h in search(index_dir, "Caspian", all_copies=True).hits}
    assert story["001"] == story["101"] and story["004"] == story["102"] and story["001"] != story["004"]

    # a third copy joins the story and keeps its id; no-op updates keep everything
    (corpus_copy / "103_again.txt").write_text((corpus_copy / "102_msn.txt").read_text(encoding="utf-8"), encoding="utf-8")
    _age(corpus_copy)
    update_index(corpus_copy, index_dir, jobs=1)
    again = {Path(h.path).name[:3]: h.story for h in search(index_dir, "Caspian", all_copies=True).hits}
    assert again["103"] == again["004"] == story["004"]
    live = IndexFolder(index_dir).current().name
    assert update_index(corpus_copy, index_dir, jobs=1).unchanged == 8
    assert IndexFolder(index_dir).current().name == live

    # changed into another story, then deleted: the groups follow
    (corpus_copy / "101_yahoo.txt").write_text(_story(7), encoding="utf-8")
    (corpus_copy / "102_msn.txt").unlink()
    (corpus_copy / "103_again.txt").unlink()
    _age(corpus_copy)
    report = update_index(corpus_copy, index_dir, jobs=1)
    assert (report.updated, report.removed) == (1, 2)
    assert search(index_dir, "Caspian").copies == 0
    info = json.loads(cli("--index", str(index_dir), "stats", "--json").stdout)
    assert info["stories"] == info["documents"] == 6


def test_index_without_copies_files_searches_and_the_next_update_finds_them(tmp_path):
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    _republish(corpus)
    index_dir = tmp_path / "index"
    update_index(corpus, index_dir, jobs=1)
    generation = IndexFolder(index_dir).current()
    for name in (stories.QUERY_FILE, copies.SKETCH_FILE):  # as an index made before copies were found
        (generation.path / name).unlink()
    meta = json.loads((generation.path / "meta.json").read_text())
    for key in ("files", "checksums"):
        meta[key] = {k: v for k, v in meta[key].items() if k not in (stories.QUERY_FILE, copies.SKETCH_FILE)}
    (generation.path / "meta.json").write_text(json.dumps(meta))
    result = search(index_dir, "Caspian")
    assert (result.total, result.copies) == (6, 0)
    assert json.loads(cli("--index", str(index_dir), "stats", "--json").stdout)["stories"] is None

    (corpus / "new.txt").write_text(_story(9), encoding="utf-8")
    _age(corpus)
    update_index(corpus, index_dir, jobs=1)
    result = search(index_dir, "Caspian")
    assert (result.total, result.copies) == (4, 2)
