"""The parameters of a search, read from a URL's query string and written back into links.

Every search is a link: the page, the CSV download and the JSON API read the same
parameters, named as the command line's options are (`q` is the query). They are declared
once here as data, which parses them and describes them in the OpenAPI document. The
filters are those `searcher.search.searching.Filters` has, so a filter added there is a parameter
here without more."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar
from urllib.parse import urlencode

from ..article import FACET_FIELDS, SORTS
from ..dates import period
from ..search.searching import Filters

MAX_QUERY_CHARS = 500  # a query longer than this is refused: no one types it, and parsing is not free
MAX_NAME_CHARS = 200
MAX_VALUES = 20  # values of one repeatable parameter
MAX_PAGE = 1000
MAX_LIMIT = 100
DATE_FIELDS = ("since", "until")
# The name filters (outlet, person, org, place, and any Filters gains): any of the values
# given for one, all of them together.
NAME_FILTERS = tuple(f.name for f in dataclasses.fields(Filters) if f.name not in DATE_FIELDS)


FILTER_WORDS = {"outlet": "from this outlet", "person": "naming this person", "org": "naming this organisation",
                "place": "naming this place", "speaker": "quoting this person or organisation"}
# How a yes/no parameter may be written: a link says 1, a checkbox sends "on".
TRUE_WORDS, FALSE_WORDS = ("1", "true", "on", "yes"), ("0", "false", "off", "no")


class BadRequest(Exception):
    """A parameter that cannot be used; the message says which and why, in one line."""


@dataclass(frozen=True)
class Param:
    """One query-string parameter: how to read it, and what the API description says."""

    name: str
    description: str
    kind: type = str
    repeat: bool = False
    default: object = None
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()
    max_chars: int = MAX_NAME_CHARS

    def convert(self, raw: str):
        value = raw.strip()
        if len(value) > self.max_chars:
            raise BadRequest(f"{self.name} is too long (at most {self.max_chars} characters)")
        if self.choices and value not in self.choices:
            raise BadRequest(f"{self.name} must be one of {', '.join(self.choices)}, not {value!r}")
        if self.kind is bool:
            if value.lower() not in TRUE_WORDS + FALSE_WORDS:
                raise BadRequest(f"{self.name} must be true or false (1 or 0), not {value!r}")
            return value.lower() in TRUE_WORDS
        if self.kind is int:
            if not value.isdigit() or not self.minimum <= int(value) <= self.maximum:
                raise BadRequest(f"{self.name} must be a whole number from {self.minimum} to {self.maximum}")
            return int(value)
        if self.name in DATE_FIELDS:
            try:
                period(value)
            except ValueError as exc:
                raise BadRequest(f"{self.name}: {exc}") from None
        return value

    def openapi(self) -> dict:
        schema: dict = {"type": {int: "integer", bool: "boolean"}.get(self.kind, "string")}
        if self.choices:
            schema["enum"] = list(self.choices)
        if self.minimum is not None:
            schema |= {"minimum": self.minimum, "maximum": self.maximum}
        elif self.kind is str:
            schema["maxLength"] = self.max_chars
        if self.default is not None:
            schema["default"] = self.default
        if self.repeat:
            schema = {"type": "array", "items": schema}
        return {"name": self.name, "in": "query", "required": False, "description": self.description,
                "schema": schema, **({"style": "form", "explode": True} if self.repeat else {})}


SEARCH_PARAMS = (
    Param("q", "The query, in the query language of searcher query; empty for every article.",
          default="", max_chars=MAX_QUERY_CHARS),
    *(Param(name, f"Only articles {FILTER_WORDS.get(name, f'with this {name}')} (any case; repeat for any of "
                  "several).", repeat=True) for name in NAME_FILTERS),
    Param("since", "Only articles published on or after this day, month or year (YYYY, YYYY-MM, YYYY-MM-DD)."),
    Param("until", "Only articles published on or before this day, month or year (YYYY, YYYY-MM, YYYY-MM-DD)."),
    Param("sort", "Order of hits: relevance, date (oldest first) or -date (newest first); "
                  "by default relevance, or -date for an empty query.", choices=SORTS),
    Param("page", "Page of hits.", kind=int, default=1, minimum=1, maximum=MAX_PAGE),
    Param("limit", "Hits per page.", kind=int, default=10, minimum=1, maximum=MAX_LIMIT),
    Param("all_copies", "List every copy of a story as its own hit (by default a story is one hit, its best-ranked "
                        "copy, with the others listed in its copies, and total counts stories).", kind=bool,
          default=False),
)
# What the JSON API adds, as `searcher query` has them.
API_PARAMS = SEARCH_PARAMS + (
    Param("facet", "Also count matches by this field (repeatable); outlet is always counted.",
          repeat=True, choices=FACET_FIELDS),
    Param("facet_limit", "Values given per facet.", kind=int, default=10, minimum=1, maximum=1000),
    Param("passages", "Passages per hit.", kind=int, default=3, minimum=0, maximum=20),
    Param("passage_length", "Length of a passage, in characters.", kind=int, default=240, minimum=40, maximum=2000),
)
# The quotations view and /api/quotes (`searcher quotes`): the query's words must be in the
# quotation; `speaker` keeps the quotations of those speakers; the other filters choose
# the articles quoted.
QUOTE_PARAMS = (
    Param("q", "Words that must be in the quotation, in the query language of searcher query (its field queries "
               "choose the articles); empty for every quotation.", default="", max_chars=MAX_QUERY_CHARS),
    *(Param(name, "Only quotations by this speaker (any case, whole name or one of its words; repeat for any of "
                  "several)." if name == "speaker" else
                  f"Only quotations in articles {FILTER_WORDS.get(name, f'with this {name}')} (any case; repeat "
                  "for any of several).", repeat=True) for name in NAME_FILTERS),
    *(p for p in SEARCH_PARAMS if p.name in ("since", "until")),
    Param("sort", "Order: relevance (the most of the query's words, then the article's rank), -date (newest "
                  "first) or date; by default relevance when the query has words, else -date.", choices=SORTS),
    Param("page", "Page of quotations.", kind=int, default=1, minimum=1, maximum=MAX_PAGE),
    Param("limit", "Quotations per page.", kind=int, default=20, minimum=1, maximum=MAX_LIMIT),
)


@dataclass(frozen=True)
class SearchParams:
    path: ClassVar[str] = "/search"  # the page these parameters are for: its links go there
    q: str = ""
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    since: str | None = None
    until: str | None = None
    sort: str | None = None
    page: int = 1
    limit: int = 10
    facet: tuple[str, ...] = ()
    facet_limit: int = 10
    passages: int = 3
    passage_length: int = 240
    all_copies: bool = False

    @classmethod
    def read(cls, query_params, spec: tuple[Param, ...] = SEARCH_PARAMS) -> "SearchParams":
        """From a request's query parameters (a multi-dict); an empty value counts as not given,
        as an empty form field sends it. Raises BadRequest."""
        values: dict = {}
        for param in spec:
            given = [param.convert(raw) for raw in query_params.getlist(param.name) if raw.strip()]
            if param.repeat:
                if len(given) > MAX_VALUES:
                    raise BadRequest(f"at most {MAX_VALUES} values of {param.name}")
                values[param.name] = tuple(dict.fromkeys(given))
            elif given:
                values[param.name] = given[-1]
        names = {name: given for name in NAME_FILTERS if (given := values.pop(name, ()))}
        return cls(names=names, **values)

    # -- what to search

    @property
    def query_text(self) -> str:
        """The query as searched: an empty box is every article."""
        return self.q.strip() or "*"

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevance" if self.q.strip() else "-date")

    def filters(self) -> Filters:
        return Filters(**self.names, since=period(self.since)[0] if self.since else None,
                       until=period(self.until)[1] if self.until else None)

    @property
    def filtered(self) -> bool:
        return bool(self.names or self.since or self.until)

    # -- links

    def items(self) -> list[tuple[str, object]]:
        """The parameters that differ from their defaults, in a stable order."""
        defaults = self.defaults()
        out: list[tuple[str, object]] = [("q", self.q)] if self.q else []
        out += [(name, value) for name in NAME_FILTERS for value in self.names.get(name, ())]
        for name in ("since", "until", "sort", "page", "limit", "facet_limit", "passages", "passage_length",
                     "all_copies"):
            if getattr(self, name) != getattr(defaults, name):
                value = getattr(self, name)
                out.append((name, int(value) if isinstance(value, bool) else value))
        out += [("facet", f) for f in self.facet]
        return out

    @classmethod
    @lru_cache(maxsize=None)
    def defaults(cls) -> "SearchParams":
        """What a parameter left out means (a link leaves out what is as it would be)."""
        return cls()

    def href(self, path: str | None = None, **changes) -> str:
        """A link to `path` (by default this page) with these parameters, changed as given (see `but`)."""
        params = self.but(**changes) if changes else self
        query = urlencode(params.items())
        path = path or self.path
        return f"{path}?{query}" if query else path

    def but(self, **changes) -> "SearchParams":
        """With these changes; any change but of the page starts again from page 1."""
        if "page" not in changes:
            changes["page"] = 1
        return dataclasses.replace(self, **changes)

    def has_name(self, name: str, value: str) -> bool:
        return value.casefold() in {v.casefold() for v in self.names.get(name, ())}

    def toggle_name(self, name: str, value: str) -> "SearchParams":
        """With the filter `name` = `value` added, or removed if it is there (in any case)."""
        current = self.names.get(name, ())
        kept = tuple(v for v in current if v.casefold() != value.casefold())
        names = dict(self.names)
        names[name] = kept if len(kept) < len(current) else current + (value,)
        return self.but(names={k: v for k, v in names.items() if v})

    def in_period(self, value: str) -> bool:
        """Whether the date range is exactly this year, month or day."""
        return self.since == value and self.until == value

    def toggle_period(self, value: str) -> "SearchParams":
        """Filtered to this year, month or day, or no longer if it already is."""
        if self.in_period(value):
            return self.but(since=None, until=None)
        return self.but(since=value, until=value)


@dataclass(frozen=True)
class QuoteParams(SearchParams):
    """The quotations view's parameters: as a search's, twenty to a page as `searcher quotes` has them."""

    path: ClassVar[str] = "/quotes"
    limit: int = 20

    @property
    def speakers(self) -> tuple[str, ...]:
        return self.names.get("speaker", ())

    def filters(self) -> Filters:
        """The filters that choose the articles: the speakers choose the quotations (see search_quotes)."""
        return dataclasses.replace(super().filters(), speaker=())
