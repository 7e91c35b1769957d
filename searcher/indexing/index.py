"""The Whoosh index: opening or writing one generation of it (what it holds is in
searcher.indexing.schema; the folder's layout, pointer and lock are in searcher.indexing.store)."""

from __future__ import annotations

import mmap
import pickle
import zlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..lean import import_whoosh

import_whoosh()  # before Whoosh is first imported (see searcher.lean); schema.py imports it after this

from whoosh import columns, index
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3FieldWriter, W3PostingsWriter
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile
from whoosh.reading import MultiReader, SegmentReader
from whoosh.system import pack_uint
from whoosh.util.numeric import length_to_byte

from ..article import Article
from .schema import VOCABULARY_FIELD, article_document, make_schema, vocabulary_words
from .store import REBUILD_HINT, Generation, IndexFolder, IndexUnavailable

INDEX_NAME = "articles"


def exists(index_dir: Path) -> bool:
    return IndexFolder(index_dir).exists()


class MappedFile(BufferFile):
    """A segment file read through a memory map: a query reads the pages it touches and
    the operating system shares them between processes. Whoosh's own file reads each
    lookup in the term index with a seek and a read (about twenty per word looked up),
    and its in-memory file copies the whole file first."""

    def __init__(self, mapped: mmap.mmap, name: str) -> None:
        self._buf = self.file = mapped  # a map reads, seeks and tells like a file
        self._name, self.onclose = name, None
        self.is_real = self.is_closed = False


class MappedStorage(FileStorage):
    """The files of a generation, each opened as a MappedFile (an empty one as usual)."""

    def open_file(self, name, **kwargs):
        with open(self._fpath(name), "rb") as fh:
            try:
                mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            except ValueError:  # empty: nothing to map
                return super().open_file(name, **kwargs)
        return MappedFile(mapped, name)


class LiveIndex(index.FileIndex):
    """The index of the generation that was live when opened. Once a build has swapped in
    another, searchers kept open on it say they are out of date (Searcher.up_to_date), so
    a long-running process opens the new one instead of answering from the old forever."""

    def __init__(self, generation: Generation) -> None:
        super().__init__(MappedStorage(str(generation.path)), indexname=INDEX_NAME)
        self.generation = generation

    def latest_generation(self) -> int:
        if IndexFolder(self.generation.path.parent).live_name() != self.generation.name:
            return -2  # never a reader's generation
        return super().latest_generation()

    @classmethod
    def _reader(cls, *args, **kwargs):
        reader = super()._reader(*args, **kwargs)
        if type(reader) is MultiReader:
            reader.__class__ = WholeColumnsReader
        return reader


class WholeColumnsReader(MultiReader):
    """Whoosh's MultiReader.column_reader leaves out the segments that have no values for a
    column (an update in which no article had an outlet, say) and then misnumbers the
    documents: an IndexError, or another article's value. A segment's own reader gives
    the default value for a column it lacks, so every segment is asked."""

    def column_reader(self, fieldname, column=None, reverse=False, translate=True):
        return columns.MultiColumnReader(
            [r.column_reader(fieldname, column=column, reverse=reverse, translate=translate) for r in self.readers],
            self.doc_offsets)


def open_generation(generation: Generation):
    """The Whoosh index of one generation, after checking it is whole and of this version."""
    generation.check()
    return _opened(generation, LiveIndex)


def open_unchecked(generation: Generation):
    """The Whoosh index in a generation being built (it has no record of itself yet)."""
    return _opened(generation, lambda g: index.open_dir(str(g.path), indexname=INDEX_NAME))


def _opened(generation: Generation, opener):
    try:
        ix = opener(generation)
        ix.latest_generation()  # reads the table of contents: fails here if it is damaged
        return ix
    except Exception as exc:  # whoosh raises many kinds on damaged files
        raise IndexUnavailable(f"the index in {generation.path.parent} is damaged ({exc.__class__.__name__}); "
                               f"{REBUILD_HINT}") from None


def open_index(index_dir: Path):
    """The live index in `index_dir`, resolved once: it stays the same while it is used,
    even if a build swaps in a new one meanwhile."""
    folder = IndexFolder(index_dir)
    try:
        return open_generation(folder.current())
    except IndexUnavailable:
        # A build may have swapped generations between our reading the pointer and opening
        # the files; the pointer, read again, names a complete one.
        return open_generation(folder.current())


def live_stamp(index_dir: Path) -> tuple:
    """Changes whenever a build swaps in another generation (generations never change once
    live): for callers that keep an index open between queries."""
    name = IndexFolder(index_dir).live_name()
    return (name,) if name else ()


def create_in(generation: Generation):
    return index.create_in(str(generation.path), make_schema(), indexname=INDEX_NAME)


# Posting lists this short are kept in the word's entry of the term index instead of a
# block of their own (a pickled, compressed block per word was most of the cost of
# writing: most words of a news corpus are in one or two articles).
INLINE_POSTINGS = 4
BLOCK_PICKLE_PROTOCOL = 4


class InliningPostingsWriter(W3PostingsWriter):
    """Whoosh's postings writer with its inlining of short lists working: it calls
    `set_inline`, which its term info does not have (`set_inlined`), so Whoosh never
    inlines. Readers already read inlined lists (as Whoosh's ListMatcher)."""

    def finish_postings(self):
        if self.written() or len(self) >= self._inlinelimit:
            return super().finish_postings()
        terminfo, self._terminfo = self._terminfo, None
        terminfo.add_block(self)
        # a format without values (an ID field) reads back None for each, as from a block
        terminfo.set_inlined(self._ids, self._weights, self._values or (None,) * len(self._ids))
        return terminfo

    def _write_block(self, last=False):
        """As Whoosh writes a block, but its postings pickled with protocol 4: Whoosh's
        protocol 2 has no opcode for bytes and pickles each posting's value as a call to
        codecs.encode, so reading a block of 128 postings back cost 110 us instead of 13
        (most of a phrase query), and the block compressed to twice the size. Whoosh's
        reader, and searcher.search.postings, unpickle either."""
        postfile = self._postfile
        if not self._blockcount:
            postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = pickle.dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), BLOCK_PICKLE_PROTOCOL)
        if self._compression:
            data = zlib.compress(data, self._compression)
        ids = self._ids
        # (postings, last id, highest weight, compression, shortest and longest field) as Whoosh writes them
        info = pickle.dumps((len(ids), ids[-1], self._maxweight, self._compression, length_to_byte(self._minlength),
                             length_to_byte(self._maxlength)), 2)
        size = len(info) + len(data)
        postfile.write_int(-size if last else size)  # the last block's size is written negative
        postfile.write(info)
        postfile.write(data)
        self._blockcount += 1
        self._new_block()


class _LengthsRead:
    """A segment's field lengths as the postings writer asks for them (one call per
    posting, 670,000 on BBC), each field's read from its column once: the column reader
    decoded a byte per call, a fifth of the commit that ends a build."""

    def __init__(self, lengths) -> None:
        self._lengths, self._fields = lengths, {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        try:
            return self._fields[fieldname][docnum]
        except KeyError:
            count = self._lengths.doc_count_all()
            self._fields[fieldname] = [self._lengths.doc_field_length(d, fieldname, default) for d in range(count)]
            return self._fields[fieldname][docnum]


class _FieldWriter(W3FieldWriter):
    def add_postings(self, schema, lengths, items):
        super().add_postings(schema, _LengthsRead(lengths) if lengths else lengths, items)


class InliningCodec(W3Codec):
    def __init__(self):
        super().__init__(inlinelimit=INLINE_POSTINGS + 1)

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return InliningPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                      compression=self._compression, inlinelimit=self._inlinelimit)


def write_articles(ix, articles: Iterable[Article], stale_paths: Iterable[str], *, optimize: bool = False) -> None:
    """Add or replace `articles`, then delete `stale_paths` (read only after `articles`),
    all in one commit."""
    # Not compound: Whoosh reads a compound segment's parts by copying each whole into
    # memory (a query process at 10,000 articles held 220 MB); separate files are read
    # only where a query seeks.
    writer = ix.writer(limitmb=256, compound=False, codec=InliningCodec())
    vocabulary: Counter = Counter()
    try:
        for article in articles:
            writer.delete_by_term("path", article.path)
            document = article_document(article)
            writer.add_document(**document)
            vocabulary.update(vocabulary_words(document))
        for path in stale_paths:
            writer.delete_by_term("path", path)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(mergetype=lambda w, segments: _merge(w, segments, vocabulary, everything=optimize))


# Merging: an update writes its articles as a new segment, and every segment a query has
# to open and search costs it time (BBC p50 went from 5 to 8 ms after a few updates).
# A segment with fewer than this share of the largest one's documents is merged into the
# one being written, as is one with more than half of its documents deleted; the largest
# is rewritten only by --rebuild. So updates of a few files keep the index at two or
# three segments, and each merges at most a tenth of the index.
SMALL_SEGMENT = 0.1
MOSTLY_DELETED = 0.5


def _merge(writer, segments, vocabulary: Counter, everything: bool = False):
    """Whoosh's merge function for a commit: merge the small and mostly deleted segments
    (or every one) into the new segment, then post its vocabulary; the segments kept."""
    largest = max((s.doc_count() for s in segments), default=0)
    kept = []
    for segment in segments:
        small = segment.doc_count() < SMALL_SEGMENT * largest
        deleted = segment.deleted_count() > MOSTLY_DELETED * segment.doc_count_all()
        if not (everything or small or deleted):
            kept.append(segment)
            continue
        reader = VocabularyCarried(writer.storage, writer.schema, segment)
        vocabulary.update(reader.vocabulary())
        writer.add_reader(reader)
        reader.close()
    if writer.docnum:
        _post_vocabulary(writer, vocabulary)
    return kept


class VocabularyCarried(SegmentReader):
    """A segment being merged, its postings without its vocabulary: the words are posted
    again for the merged segment (Whoosh would carry them over only while the document
    they were posted on is still there)."""

    def vocabulary(self) -> Counter:
        """Word -> articles, as posted for this segment (articles deleted since still
        count, as they do for queries)."""
        return Counter({word.decode("utf-8"): int(self.frequency(VOCABULARY_FIELD, word))
                        for word in self.lexicon(VOCABULARY_FIELD)})

    def iter_postings(self):
        return (posting for posting in super().iter_postings() if posting[0] != VOCABULARY_FIELD)


def _post_vocabulary(writer, vocabulary: Counter) -> None:
    """One posting per word for the new segment, on its first document, weighted by the
    number of its articles that have the word (read back with `reader.frequency`); a
    merge posts the merged segments' words again (VocabularyCarried)."""
    for word, articles in vocabulary.items():
        writer.pool.add((VOCABULARY_FIELD, word.encode("utf-8"), 0, articles, pack_uint(articles)))
