"""Whoosh's query parser as searcher configures it, for the clauses searcher.search.querylang
hands it one at a time: the Damerau `~` syntax, `-word` inside brackets, an apostrophe
just part of a word. Imported only when a clause needs parsing: a query of bare words,
the commonest, is made without it (querylang._simple_word), and whoosh.qparser costs a
cold query more than the parsing would."""

from __future__ import annotations

from functools import lru_cache

from whoosh import qparser

from .fuzzy import DamerauFuzzyTerm
from ..indexing.schema import TEXT_FIELDS

_PARSERS: dict[tuple, tuple[object, qparser.QueryParser]] = {}
MAX_PARSERS = 32


class DamerauFuzzyTermPlugin(qparser.FuzzyTermPlugin):
    """Whoosh's `~` syntax, making DamerauFuzzyTerm queries."""

    class FuzzyTermNode(qparser.FuzzyTermPlugin.FuzzyTermNode):
        qclass = DamerauFuzzyTerm


@lru_cache(maxsize=None)
def or_group(coordination: float | None) -> type:
    """Whoosh's OR group, with a coordination bonus if given (one class per bonus: the
    parsers made with it are cached by it)."""
    return qparser.OrGroup if coordination is None else qparser.OrGroup.factory(coordination)


def make_parser(schema, coordination: float | None = None,
                fieldboosts: dict[str, float] | None = None) -> qparser.QueryParser:
    """Whoosh's parser for one clause, ORing the default fields (with a coordination bonus
    if given); made once per schema, bonus and field weights (making one costs as much as
    a short query)."""
    key = (id(schema), coordination, tuple(sorted((fieldboosts or {}).items())))
    if key in _PARSERS and _PARSERS[key][0] is schema:
        return _PARSERS[key][1]
    if len(_PARSERS) > MAX_PARSERS:  # schemas of indexes since reopened: don't keep them alive
        _PARSERS.clear()
    # the weights must be given here: Whoosh copies them into its field plugin on creation
    parser = qparser.MultifieldParser(list(TEXT_FIELDS), schema, fieldboosts=fieldboosts, group=or_group(coordination))
    # 'single quotes' would make an unanalysed term: an apostrophe is just part of a word here
    parser.remove_plugin_class(qparser.SingleQuotePlugin)
    parser.add_plugin(DamerauFuzzyTermPlugin())  # a swap of two letters is one edit
    parser.add_plugin(qparser.PlusMinusPlugin())  # for -word inside brackets
    _PARSERS[key] = (schema, parser)
    return parser
