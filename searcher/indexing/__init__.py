"""Indexing: extracted articles into a Whoosh index kept as atomic generations (`store`),
with an extraction cache (`cache`), copies of one story grouped (`copies`), and builds
that bring the index in line with a folder (`build`), locally or on a Dask cluster
(`distributed`).

Whoosh is imported by the modules that use it (`schema`, `index`), leanly (searcher.lean):
an update that finds nothing changed reads the folder and the generation's record only,
and imports no Whoosh at all."""
