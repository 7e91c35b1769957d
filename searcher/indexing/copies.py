"""Copies of one story: articles whose cleaned bodies share most of their text (the same
wire story on several sites, a page saved twice, a shortened republication, yesterday's
version of an updated story), found when the index is built and kept beside it.

How (measured on BBC in docs/copies.md):
- a body is a set of 4-word shingles (case-folded words), hashed to 64 bits;
- each set gets a 128-value MinHash signature (Broder 1997) and goes into an LSH table of
  64 bands of 2 values (Indyk & Motwani 1998): a pair shares a band with probability
  1 - (1 - J**2)**64, over 0.94 for Jaccard 0.2, which a copy cut to a third of the text
  still has with the longer one;
- candidates are checked exactly: two articles are copies when the shorter body has at
  least COPY_CONTAINMENT of its shingles in the longer one (containment, not Jaccard, so
  that a shortened republication still counts);
- groups are the connected copies, strongest link first, but two groups join only if every
  pair across them shares at least GROUP_FLOOR of the shorter text: one long digest page
  that carries two different stories does not make them one.

Bodies come from the index itself (stored field `body`), so the build hook needs only the
Whoosh index of the new generation, the ids it wrote and the previous generation: rows of
unchanged articles (signature, size, links) are carried over, so an update costs in
proportion to what changed.

Two files per generation: `copies.json`, what a query needs (each group's members with
their document numbers, representative first), read without numpy by searcher.indexing.stories;
`copies-sketch.npz`, what the next build needs (ids, body digests, sizes, signatures, links).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..article import lead_sentence
from .stories import FORMAT, QUERY_FILE, load_stories, story_id

SKETCH_FILE = "copies-sketch.npz"

SHINGLE_WORDS = 4
NUM_PERM = 128
BANDS, ROWS = 64, 2  # BANDS * ROWS == NUM_PERM
# Two bodies are copies when this share of the shorter one's shingles is in the longer one.
# BBC: every pair above 0.7 is one story (an update, a republication); between 0.6 and 0.7
# are a follow-up a day later and a shared auction paragraph in two different stories.
COPY_CONTAINMENT = 0.7
# Every two members of a group share at least this much of the shorter text (estimated from
# their signatures when they are not linked directly).
GROUP_FLOOR = 0.5
# Fewer shingles than this (about 30 words) is too little text to call anything a copy.
MIN_SHINGLES = 30
# Candidates whose signatures estimate less containment than this are not checked exactly:
# a true 0.7 is estimated under 0.5 with probability well below 1 in 1,000.
PREFILTER = 0.5

_WORD = re.compile(r"\w+")
_PRIME = 1099511628211  # FNV-1a's 64-bit prime, to combine word hashes into a shingle hash
_MASK64 = (1 << 64) - 1


def body_digest(body: str) -> str:
    return hashlib.sha1(body.encode("utf-8")).hexdigest()[:16]


class _WordHashes(dict):
    """word -> stable 64-bit hash, each word hashed once per process (looked up from C by map())."""

    LIMIT = 1_000_000

    def __missing__(self, word: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[word] = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")
        return value


_WORD_HASHES = _WordHashes()


def shingles(body: str):
    """The sorted, distinct 64-bit hashes of the body's 4-word shingles (numpy uint64).
    A text shorter than a shingle is one shingle of all its words."""
    import numpy as np

    words = _WORD.findall(body.casefold())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.fromiter(map(_WORD_HASHES.__getitem__, words), dtype=np.uint64, count=len(words))
    n = max(1, len(words) - SHINGLE_WORDS + 1)
    combined = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(min(SHINGLE_WORDS, len(words))):
            combined = combined * np.uint64(_PRIME) + hashes[i:i + n]
    return np.unique(combined)


@lru_cache(maxsize=1)
def _permutations():
    """NUM_PERM affine maps a*x + b (mod 2**32, a odd: each a bijection), fixed by seed."""
    import numpy as np

    rng = np.random.default_rng(20240621)
    a = rng.integers(1, 1 << 32, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 1 << 32, size=NUM_PERM, dtype=np.uint64)
    return a.astype(np.uint32)[:, None], b.astype(np.uint32)[:, None]


def signature(shingle_hashes):
    """MinHash signature (NUM_PERM uint32) of a shingle set: the set folded to 32 bits, mixed
    by MurmurHash3's finaliser, then the minimum under each affine permutation."""
    import numpy as np

    if not len(shingle_hashes):
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    x = ((shingle_hashes ^ (shingle_hashes >> np.uint64(32))) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    with np.errstate(over="ignore"):
        x ^= x >> np.uint32(16)
        x *= np.uint32(0x85EBCA6B)
        x ^= x >> np.uint32(13)
        x *= np.uint32(0xC2B2AE35)
        x ^= x >> np.uint32(16)
        a, b = _permutations()
        return (a * x[None, :] + b).min(axis=1)


def containment(a, b) -> float:
    """Exact share of the smaller shingle set that is in the other."""
    import numpy as np

    smaller = min(len(a), len(b))
    if not smaller:
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / smaller


def estimated_containment(sig_a, sig_b, size_a: int, size_b: int) -> float:
    """Containment estimated from two signatures and the set sizes: J (|A| + |B|) / ((1 + J) min)."""
    jaccard = float((sig_a == sig_b).mean())
    smaller = min(size_a, size_b)
    if not smaller:
        return 0.0
    return min(1.0, jaccard * (size_a + size_b) / ((1 + jaccard) * smaller))


# -- finding and grouping copies, independent of the index ------------------------------------

@dataclass
class Sketch:
    """What the build keeps of each article for finding its copies later."""

    ids: list[str] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    signatures: list = field(default_factory=list)  # numpy uint32 rows
    links: dict[tuple[str, str], float] = field(default_factory=dict)  # (id, id) sorted -> containment

    def index_of(self) -> dict[str, int]:
        return {article_id: i for i, article_id in enumerate(self.ids)}

    def add(self, article_id: str, body: str) -> int:
        """A row for a body shingled and signed now; its row number."""
        hashes = shingles(body)
        return self._append(article_id, body_digest(body), len(hashes), signature(hashes))

    def carry(self, other: "Sketch", row: int) -> int:
        """A row copied from an earlier build's sketch."""
        return self._append(other.ids[row], other.digests[row], other.sizes[row], other.signatures[row])

    def _append(self, article_id: str, digest: str, size: int, sig) -> int:
        self.ids.append(article_id)
        self.digests.append(digest)
        self.sizes.append(size)
        self.signatures.append(sig)
        return len(self.ids) - 1


def group_texts(texts: dict[str, str]) -> list[list[str]]:
    """The groups of copies among bodies given by id: what a build finds, without an index."""
    sketch = Sketch()
    for article_id in sorted(texts):
        sketch.add(article_id, texts[article_id])
    sketch.links = find_links(sketch, set(range(len(sketch.ids))), lambda i: shingles(texts[sketch.ids[i]]))
    return group(sketch)


def _band_keys(signatures):
    """One 64-bit key per band and article: the band's two values side by side."""
    import numpy as np

    rows = np.asarray(signatures, dtype=np.uint32).reshape(-1, BANDS, ROWS).astype(np.uint64)
    return (rows[:, :, 0] << np.uint64(32)) | rows[:, :, 1]


def candidate_pairs(signatures, sizes, fresh: Iterable[int]) -> set[tuple[int, int]]:
    """Pairs of row numbers (i < j), one of them in `fresh`, that share an LSH band.
    Rows with too little text take no part."""
    import numpy as np

    fresh = set(fresh)
    if not fresh or not len(signatures):
        return set()
    usable = np.flatnonzero(np.asarray(sizes) >= MIN_SHINGLES)
    keys = _band_keys(np.asarray(signatures)[usable])
    rows = [int(i) for i in usable]
    pairs: set[tuple[int, int]] = set()
    if len(fresh) * 16 < len(rows):  # an update of a few articles: compare them with every row
        for x in (x for x, i in enumerate(rows) if i in fresh):
            for y in np.flatnonzero((keys == keys[x]).any(axis=1)):
                if int(y) != x:
                    i, j = rows[x], rows[int(y)]
                    pairs.add((min(i, j), max(i, j)))
        return pairs
    is_fresh = np.array([i in fresh for i in rows], dtype=bool)
    for band in range(BANDS):
        column = keys[:, band]
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        ends = np.r_[starts[1:], len(ordered)]
        for start, end in zip(starts, ends):
            if end - start < 2 or not is_fresh[order[start:end]].any():
                continue
            members = [rows[m] for m in order[start:end]]
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    if i in fresh or j in fresh:
                        pairs.add((min(i, j), max(i, j)))
    return pairs


def find_links(sketch: Sketch, fresh: set[int], shingles_of) -> dict[tuple[str, str], float]:
    """Copy links between a fresh row and any row: identical bodies at once, the rest from
    LSH candidates checked exactly (`shingles_of(row)` gives a row's shingle hashes)."""
    links: dict[tuple[str, str], float] = {}

    def link(i: int, j: int, value: float) -> None:
        a, b = sorted((sketch.ids[i], sketch.ids[j]))
        links[a, b] = round(value, 4)

    # identical bodies: linked in a chain, and only the first of them looked up in the LSH
    first_with: dict[str, int] = {}
    lookup = []
    for i, digest in enumerate(sketch.digests):
        if sketch.sizes[i] < MIN_SHINGLES:
            continue
        if digest in first_with:
            if i in fresh or first_with[digest] in fresh:
                link(first_with[digest], i, 1.0)
            continue
        first_with[digest] = i
        lookup.append(i)
    wanted = {first_with[sketch.digests[i]] for i in fresh if sketch.sizes[i] >= MIN_SHINGLES}
    if not wanted:
        return links
    import numpy as np

    rows = np.asarray(lookup)
    pairs = candidate_pairs([sketch.signatures[i] for i in lookup], [sketch.sizes[i] for i in lookup],
                            [x for x, i in enumerate(lookup) if i in wanted])
    cached: dict[int, object] = {}

    def hashes(i: int):
        if i not in cached:
            cached[i] = shingles_of(i)
        return cached[i]

    for x, y in sorted(pairs):
        i, j = int(rows[x]), int(rows[y])
        if estimated_containment(sketch.signatures[i], sketch.signatures[j], sketch.sizes[i], sketch.sizes[j]) < PREFILTER:
            continue
        value = containment(hashes(i), hashes(j))
        if value >= COPY_CONTAINMENT:
            link(i, j, value)
    return links


def group(sketch: Sketch) -> list[list[str]]:
    """Groups of two or more ids: links taken strongest first, two groups joining only when
    every pair across them shares GROUP_FLOOR of the shorter text."""
    where = sketch.index_of()
    owner: dict[str, list[str]] = {}

    def similar(a: str, b: str) -> bool:
        key = (a, b) if a < b else (b, a)
        if key in sketch.links:
            return True
        i, j = where[a], where[b]
        return estimated_containment(sketch.signatures[i], sketch.signatures[j],
                                     sketch.sizes[i], sketch.sizes[j]) >= GROUP_FLOOR

    for (a, b), _ in sorted(sketch.links.items(), key=lambda kv: (-kv[1], kv[0])):
        if a not in where or b not in where:
            continue
        ga, gb = owner.get(a, [a]), owner.get(b, [b])
        if ga is gb or not all(similar(x, y) for x in ga for y in gb):
            continue
        merged = ga + gb
        for member in merged:
            owner[member] = merged
    seen: set[int] = set()
    groups = []
    for members in owner.values():
        if id(members) not in seen:
            seen.add(id(members))
            groups.append(sorted(members))
    return sorted(groups)


def name_stories(groups: list[list[str]], previous: dict[str, str], present: Iterable[str]) -> list[str]:
    """A story id for each group, stable across builds: a group keeps the id that most of its
    members had before (`previous`: article id -> story id; an article with no copies had its
    own story_id), else its smallest member's. No two groups share an id, and none takes the
    own id of an article outside it (which is that article's story while it has no copies)."""
    group_of = {m: g for g, members in enumerate(groups) for m in members}
    owner = {story_id(a): a for a in present}
    taken: set[str] = set()
    names = [""] * len(groups)
    for g in sorted(range(len(groups)), key=lambda g: (-len(groups[g]), groups[g][0])):
        votes: dict[str, int] = {}
        for member in groups[g]:
            before = previous.get(member, story_id(member))
            holder = owner.get(before)
            if before not in taken and (holder is None or group_of.get(holder) == g):
                votes[before] = votes.get(before, 0) + 1
        name = min(votes, key=lambda n: (-votes[n], n)) if votes else \
            min(n for n in map(story_id, groups[g]) if n not in taken)
        taken.add(name)
        names[g] = name
    return names


# -- the index side: reading bodies, writing and reading the generation's files ---------------

@dataclass
class CopiesReport:
    articles: int = 0
    stories: int = 0
    groups: int = 0
    sketched: int = 0  # bodies shingled and signed in this build (the rest were carried over)
    seconds: float = 0.0


def _load_sketch(folder: Path | None) -> Sketch:
    if folder is None or not (folder / SKETCH_FILE).exists():
        return Sketch()
    import numpy as np

    try:
        with np.load(folder / SKETCH_FILE, allow_pickle=False) as data:
            if int(data["format"]) != FORMAT or data["signatures"].shape[1:] != (NUM_PERM,):
                return Sketch()
            ids, digests = data["ids"].tolist(), data["digests"].tolist()
            links = {(str(a), str(b)): float(c) for a, b, c in zip(data["link_a"], data["link_b"], data["link_value"])}
            return Sketch(ids=ids, digests=digests, sizes=data["sizes"].tolist(),
                          signatures=list(data["signatures"]), links=links)
    except (OSError, ValueError, KeyError):
        return Sketch()  # unreadable: every body is sketched again


def _save_sketch(folder: Path, sketch: Sketch) -> None:
    import numpy as np

    links = sorted(sketch.links.items())
    tmp = folder / f".{SKETCH_FILE}.{os.getpid()}.tmp.npz"
    np.savez(tmp, format=np.int64(FORMAT), ids=np.array(sketch.ids, dtype=str), digests=np.array(sketch.digests, dtype=str),
             sizes=np.array(sketch.sizes, dtype=np.int64),
             signatures=np.array(sketch.signatures, dtype=np.uint32).reshape(-1, NUM_PERM),
             link_a=np.array([a for (a, _), _ in links], dtype=str), link_b=np.array([b for (_, b), _ in links], dtype=str),
             link_value=np.array([v for _, v in links], dtype=np.float64))
    os.replace(tmp, folder / SKETCH_FILE)


def read_previous_stories(folder: Path | None) -> dict[str, str]:
    """article id -> story id for the grouped articles of a generation."""
    stories = load_stories(folder) if folder is not None else None
    return {m["id"]: story for story, members in (stories.groups.items() if stories else ()) for m in members}


def update_copies(ix, folder: Path, previous: Path | None, present: set[str], written: set[str] | None) -> CopiesReport:
    """Find the copies among the articles of the Whoosh index `ix`, just committed into the
    generation folder `folder`, and write its copies files. `present` is the ids of every
    article it holds; `previous` the generation it was made from or replaces, whose rows
    are reused for articles not in `written` (the ids this build wrote). With `written`
    None every body is read, and a row is reused only if the body is unchanged."""
    import time

    started = time.monotonic()
    old = _load_sketch(previous)
    old_rows = old.index_of()
    searcher = ix.searcher()
    try:
        bodies = _Bodies(searcher)
        changed = set(written or ()) | {a for a in old.ids if a not in present}
        # An identical copy is linked only to the first of its kind: when that one goes, the
        # others are looked at again.
        relinked = {b if a in changed else a for a, b in old.links if (a in changed) != (b in changed)}
        sketch = Sketch()
        fresh: set[int] = set()
        # a rebuild reads every body anyway: one pass in index order, keeping none of them
        articles = bodies.every() if written is None else ((a, None) for a in sorted(present))
        for article_id, body in articles:
            if article_id not in present:
                continue
            row = old_rows.get(article_id)
            reuse = row is not None and article_id not in changed
            if reuse and body is not None:
                reuse = body_digest(body) == old.digests[row]
            if reuse:
                new_row = sketch.carry(old, row)
                if article_id in relinked:
                    fresh.add(new_row)
            else:
                fresh.add(sketch.add(article_id, bodies[article_id] if body is None else body))
        fresh_ids = {sketch.ids[i] for i in fresh}
        sketch.links = {pair: value for pair, value in old.links.items()
                        if pair[0] in present and pair[1] in present and not (fresh_ids & set(pair))}
        sketch.links.update(find_links(sketch, fresh, lambda i: shingles(bodies[sketch.ids[i]])))
        groups = group(sketch)
        names = name_stories(groups, read_previous_stories(previous), present)
        sizes = dict(zip(sketch.ids, sketch.sizes))
        stories = {name: _members(bodies, members, sizes) for name, members in zip(names, groups)}
    finally:
        searcher.close()
    _save_sketch(folder, sketch)
    hidden = sum(len(m) - 1 for m in stories.values())
    _write_json(folder / QUERY_FILE, {"format": FORMAT, "articles": len(present), "stories": len(present) - hidden,
                                      "groups": [{"story": name, "members": members} for name, members in
                                                 sorted(stories.items(), key=lambda kv: (-len(kv[1]), kv[0]))]})
    return CopiesReport(articles=len(present), stories=len(present) - hidden, groups=len(stories),
                        sketched=sum(1 for a in sketch.ids if a in changed or a not in old_rows), seconds=time.monotonic() - started)


class _Bodies:
    """Stored fields of the index's articles by id, each looked up once."""

    def __init__(self, searcher) -> None:
        self.searcher, self.reader = searcher, searcher.reader()
        self.docnums: dict[str, int] = {}
        self.fields: dict[str, dict] = {}

    def every(self):
        """(id, body) of every article, in index order; only their numbers are kept."""
        for docnum, fields in self.reader.iter_docs():
            self.docnums[fields["id"]] = docnum
            yield fields["id"], fields.get("body", "")

    def docnum(self, article_id: str) -> int:
        if article_id not in self.docnums:
            self.docnums[article_id] = self.searcher.document_number(id=article_id)
        return self.docnums[article_id]

    def stored(self, article_id: str) -> dict:
        if article_id not in self.fields:
            self.fields[article_id] = self.reader.stored_fields(self.docnum(article_id))
        return self.fields[article_id]

    def __getitem__(self, article_id: str) -> str:
        return self.stored(article_id).get("body", "")


def _members(bodies: _Bodies, ids: list[str], sizes: dict[str, int]) -> list[dict]:
    """The group's members as the query side shows them, the representative first: the
    earliest published, else (none dated) the longest; the others by date, undated last."""
    members = []
    for article_id in ids:
        fields = bodies.stored(article_id)
        published = fields.get("published")
        title = fields.get("title") or None
        members.append({"id": article_id, "docnum": bodies.docnum(article_id), "path": fields["path"],
                        "title": title, "lead": "" if title else lead_sentence(fields.get("body", "")),
                        "outlet": fields.get("outlet") or None,
                        "published": published.date().isoformat() if published else None,
                        "url": fields.get("url") or None, "shingles": sizes[article_id]})
    dated = sorted((m for m in members if m["published"]), key=lambda m: (m["published"], -m["shingles"], m["id"]))
    undated = sorted((m for m in members if not m["published"]), key=lambda m: (-m["shingles"], m["id"]))
    return dated + undated


def _write_json(path: Path, value: dict) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)
