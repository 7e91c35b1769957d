"""Searching an index: the query language parsed once (`querylang`), ranked and faceted
results with passages (`searching`), the quotations' own search (`quote_search`), related
coverage (`related`), and the column-wise scoring that keeps broad queries fast
(`columns`, `postings`, `vectorised`)."""
