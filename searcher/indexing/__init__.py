"""Indexing: extracted articles into a Whoosh index kept as atomic generations (`store`),
with an extraction cache (`cache`), copies of one story grouped (`copies`), and builds
that bring the index in line with a folder (`build`), locally or on a Dask cluster
(`distributed`)."""

from ..lean import import_whoosh

# Whoosh is imported here, before any module of the package imports it, without what no
# command runs (see searcher.lean): every command, not only queries, starts faster.
import_whoosh()
