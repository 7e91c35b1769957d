"""Strip site boilerplate from article text: keep the headline and the story's
paragraphs, and record every dropped block with the reason it was dropped.

Works on plain text alone; the HTML cleaner (`searcher.html`) hands its text blocks
to the same function for the final pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .article import Removed

# Phrases that mark widgets, prompts and page furniture on news sites in general.
_CUE_PHRASES = re.compile(
    r"^(share( this| post)?|leave a (reply|comment|review)|one thought on|\d+ thoughts? on|"
    r"more like this|related( stories| articles)?|read more|see also|advertisement|"
    r"sign up|subscribe|follow us|photo:|image:|credit:|getty images|all rights reserved|"
    r"copyright|©|by [A-Z][a-z]+$|in [A-Z][a-z]+$)",
    re.I,
)
_SEPARATOR = re.compile(r"^[\W_]{1,5}$")
_SENTENCE_END = re.compile(r"[.!?…\"”’)\]]$")


@dataclass
class Cleaned:
    title: str | None
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)


def split_blocks(text: str) -> list[str]:
    """One block per non-empty line, whitespace collapsed."""
    blocks = []
    for line in text.split("\n"):
        line = re.sub(r"\s+", " ", line).strip()
        if line:
            blocks.append(line)
    return blocks


def looks_like_headline(block: str) -> bool:
    words = block.split()
    return 3 <= len(words) <= 25 and not block.endswith((".", ":")) and block[0].isupper()


def is_story_paragraph(block: str) -> bool:
    """A sentence-shaped paragraph: long enough and properly ended."""
    return len(block.split()) >= 8 and bool(_SENTENCE_END.search(block))


def block_reason(block: str, article_region: bool = False) -> str | None:
    """Why a block is boilerplate, or None when it may be story text."""
    if _SEPARATOR.match(block):
        return "separator"
    if _CUE_PHRASES.match(block):
        return "widget or prompt phrase"
    if not article_region and not is_story_paragraph(block):
        return "short or unfinished line outside the story"
    return None


def clean_blocks(blocks: list[str], *, article_region: bool = False) -> Cleaned:
    """Choose the headline and the story paragraphs among text blocks.

    article_region: the blocks are the story's region, already found from the page's
    structure (HTML); only furniture named by its own words goes, not short lines."""
    removed: list[Removed] = []
    title = None
    if blocks and looks_like_headline(blocks[0]):
        title, blocks = blocks[0], blocks[1:]
    paragraphs = []
    for block in blocks:
        reason = block_reason(block, article_region)
        if reason is None:
            paragraphs.append(block)
        else:
            removed.append(Removed(block, reason))
    return Cleaned(title, paragraphs, removed)


def clean_text(text: str) -> Cleaned:
    return clean_blocks(split_blocks(text))
