"""Searching an index: the query language parsed once (`querylang`), ranked and faceted
results with passages (`searching`), the quotations' own search (`quote_search`), related
coverage (`related`), and the column-wise scoring that keeps broad queries fast
(`columns`, `postings`, `vectorised`)."""

from ..lean import import_whoosh

# Whoosh is imported here, before any module of the package imports it, without what no
# command runs (see searcher.lean): every command, not only queries, starts faster.
import_whoosh()
