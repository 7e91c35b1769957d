"""Strip site boilerplate from article text: keep the headline and the story's
paragraphs, and record every dropped block with the reason it was dropped.

Works on plain text alone; the HTML cleaner (`searcher.extract.html`) hands its text blocks
to the same function for the final pass.

The rule it keeps: a block goes only on positive evidence that it is not the story (a
widget phrase, a promotion, a sign-off, a notice, its shape as a menu label or a teaser,
standing outside the story's text region), never for being before or after what was
taken for the story alone; story parts that are not prose (headline, byline, dateline,
lists and tables) are kept and put where they belong. The evidence (word families,
shapes, thresholds) is data, in `searcher.extract.cleaning_evidence`; every removal names it.

How it decides, in order (each step is one documented function below):

1. `split_blocks`: one block per line; `merge_fragments` glues back sentences that a
   page's inline links broke over several lines.
2. `describe`: measure each block (length, sentence shape, stop-word density, a table
   row's or list line's form, a dateline).
3. `mark_furniture`: page furniture recognised by its own shape or cue phrase, with its
   effect on the story: some ENDS it (share widget, comment prompt, byline, date line,
   sign-off, kicker teaser, cookie notice), some sit INLINE and cost nothing to skip
   (photo credit, "See also" link, promotion, separator), some INTERRUPT it at a cost (a
   "Related" box, a name printed twice). `mark_parallel_lines`: lines that share a
   list's form with their neighbours ("A v B", "Name (Club)") are a list.
4. `find_core`: the story's core is the heaviest run of sentence-shaped text, paying for
   every line in the gaps between its stretches (a list's lines cost nothing); end
   stretches that share few words with the rest (teasers for other stories) are trimmed.
5. `story_tail_end`: the lists, tables, their headings and sentences about the story
   that follow the core join it, up to the first block with evidence of furniture.
6. `choose_title`: the headline: a wire story's first line above its dateline, the
   first line of a text with no page furniture, or the line a page's title repeats, or
   the nearest headline-shaped line before the core; None when the text has none.
7. `core_reason`, `head_reason`, `tail_reason`: each block's verdict and its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import itemgetter

from . import cleaning_evidence as ev
from ..article import Removed
from ..lean import LazyPattern
from .cleaning_evidence import CJK, STOP_WORDS
from .sitewide import fingerprint


@dataclass
class Cleaned:
    title: str | None
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)


# What a piece of furniture does to the story around it.
ENDS = "ends"  # the story seldom goes on after it (share widget, comments, byline, date line)
INLINE = "inline"  # it sits inside the story and costs nothing to skip (photo credit, "See also")
INTERRUPTS = "interrupts"  # the story may go on after it, at a cost (a box of other stories)
BOX_HEADING = "heading of a box of other stories (related, most popular)"
SITE_REPEATED = "same block on"  # how a verdict from repetition across a site's pages starts


@dataclass
class Block:
    """One block of text and the measurements the rules use."""

    text: str
    weight: int  # length in characters, CJK characters weighted
    words: list[str]
    stop_density: float
    ends_sentence: bool
    list_item: bool
    reason: str | None = None  # why the block is page furniture, if it is
    effect: str | None = None  # what the furniture does to the story: ENDS, INLINE or INTERRUPTS
    record: bool = False  # a row of a table or a line of a list (results, standings, a squad)
    dateline: bool = False  # a dateline on its own line ("ROME 1996-12-06"): part of the story
    running: bool = False  # running text (sentence-shaped prose), as opposed to a short line
    embed_signature: bool = False  # the signature (and date) of an embedded post the story quotes


# -- 1. Blocks ------------------------------------------------------------------------------

def split_blocks(text: str) -> list[str]:
    """One block per non-empty line, whitespace collapsed; a line far longer than any
    paragraph is cut into paragraphs (see split_long_line)."""
    blocks = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line:
            blocks.extend(split_long_line(line))
    return blocks


# A line longer than this is text saved without its line breaks (an export that joined
# the paragraphs, a page's text on one line): it is cut at the first sentence end past
# each PARAGRAPH_CHARS, or failing one within LONG_LINE_CHARS, at a space.
LONG_LINE_CHARS = 5000
PARAGRAPH_CHARS = 1000
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)\]]*\s+|[。！？]\s*")


def split_long_line(line: str) -> list[str]:
    if len(line) <= LONG_LINE_CHARS:
        return [line]
    parts, start = [], 0
    while len(line) - start > LONG_LINE_CHARS:
        end = next((m for m in _SENTENCE_BREAK.finditer(line, start + PARAGRAPH_CHARS, start + LONG_LINE_CHARS)
                    if not line[m.end():m.end() + 1].islower()), None)
        if end is not None:
            cut, resume = end.end(), end.end()
        else:
            cut = line.rfind(" ", start + 1, start + LONG_LINE_CHARS)
            cut, resume = (cut, cut + 1) if cut > start else (start + LONG_LINE_CHARS,) * 2
        parts.append(line[start:cut].rstrip())
        start = resume
    parts.append(line[start:])
    return parts


# What a line that goes on with the sentence before it may start with, besides a small letter.
_GOES_ON = ",.;:)]”’»!?"


def _goes_on(block: str) -> bool:
    """Whether a line starts as the rest of a sentence does: in lower case or with punctuation."""
    return block[0].islower() or block[0] in _GOES_ON


def _continues(previous: str, block: str) -> bool:
    """True when `block` is the rest of a sentence that `previous` left open, as when a
    page's links and emphasis put parts of one paragraph on separate lines."""
    if ev.LIST_MARK.match(block) or ev.SEPARATOR.match(previous) or ev.UI_LABEL.match(block):
        return False
    if ends_like_sentence(previous) and not ev.OPEN_QUOTE_END.search(previous):
        return False
    if _goes_on(block) or block in ev.OPENING_BRACKETS:
        return True
    last_word = previous.rsplit(" ", 1)[-1].lower()
    possessive = last_word.endswith(("'s", "’s")) and len(last_word) > 3  # "Japan's" + "Nikkei index"
    return previous[-1] in ",;(“‘«-–—" or possessive \
        or last_word in ev.OPEN_ENDINGS


def _link_in_sentence(previous: str, block: str, following: str | None) -> bool:
    """A short capitalised line between a line that leaves its sentence open and one that
    goes on with it: a name that was a link ("... after a collision involving the harbour
    pilot" / "Dana Whitfield" / "and the tug skipper")."""
    if following is None or not block[0].isupper() or len(block.split()) > ev.LINK_FRAGMENT_MAX_WORDS:
        return False
    if not _goes_on(following) or ev.LIST_MARK.match(following) or ev.UI_LABEL.match(following):
        return False
    words = previous.split()
    if len(words) < ev.LINK_FRAGMENT_MIN_WORDS_BEFORE or not previous[-1].isalnum() or not words[-1][0].islower() \
            or ends_like_sentence(block):
        return False  # the line before must stop mid-sentence on a word, not on a label or a name
    return not (ev.LIST_MARK.match(block) or ev.UI_LABEL.match(block))


def merge_fragments(blocks: list[str]) -> list[str]:
    """Join lines that continue an open sentence onto the line before them."""
    merged: list[str] = []
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if merged and (_continues(merged[-1], block) or _link_in_sentence(merged[-1], block, following)):
            joiner = "" if block[0] in _GOES_ON or merged[-1][-1] in ev.OPENING_BRACKETS else " "
            merged[-1] = merged[-1] + joiner + block
        else:
            merged.append(block)
    return merged


# -- 2. Measurements ------------------------------------------------------------------------

def in_capitals(text: str) -> bool:
    """Written in capitals: its cased letters all capitals, and most of its letters cased
    (a Thai or Chinese paragraph that names "DNA" is not in capitals, as str.isupper says)."""
    letters = cased = 0
    for c in text:
        if c.isalpha():
            letters += 1
            if c.islower():
                return False
            cased += c.isupper()
    return cased > 0 and cased * 2 >= letters


def text_weight(text: str) -> int:
    """Length in characters, counting a CJK character as several (it carries a word)."""
    if text.isascii():  # (told without reading the text)
        return len(text)
    return len(text) + (ev.CJK_WEIGHT - 1) * len(CJK.findall(text))


def is_record_line(text: str, words: list[str]) -> bool:
    """A row of a table or a line of a list, as stories print results, standings, squads
    and key figures: mostly numbers ("Porto 13 10 2 1 27 8 32"), or names with bracketed
    asides ("Paolo Maldini (AC Milan), Ciro Ferrara (Juventus)"), or a labelled
    enumeration ("Replacements: Richard Tombs, Sam Payne, Michael Foley")."""
    numbers = sum(map(str.isdigit, map(itemgetter(0), words)))
    if numbers >= 2 and numbers >= ev.RECORD_NUMBER_SHARE * len(words):
        return True
    if text.count("(") >= ev.RECORD_MIN_BRACKETS and len(ev.BRACKETED.findall(text)) >= ev.RECORD_MIN_BRACKETS:
        return True
    if text.count(", ") >= ev.RECORD_MIN_COMMAS and \
            sum(1 for w in words if w[0].isupper() or w[0].isdigit()) >= ev.NAME_LIST_SHARE * len(words):
        return True  # a line-up: "Ingham, Mulligan, Fenton, Morley, Priet (Ryan 79), McIndoe"
    return text.count(",") >= ev.RECORD_MIN_COMMAS - 1 and bool(ev.LABELLED_LIST.match(text))


# A sentence end (ev.SENTENCE_END) is a block's last characters (a block is
# whitespace-collapsed: `$` is its end): the last of them one of these, the first (if not
# a closing quote) the block's last full stop, question or exclamation mark.
_SENTENCE_END_LAST = tuple(".!?。！？…\"'”’»)]")
_SENTENCE_STOPS = ".!?。！？…"


def ends_like_sentence(text: str) -> bool:
    """Whether a block ends as a sentence does (ev.SENTENCE_END), the pattern tried only
    from its last stop on, not at every character."""
    return text.endswith(_SENTENCE_END_LAST) and \
        ev.SENTENCE_END.search(text, max(map(text.rfind, _SENTENCE_STOPS))) is not None


def describe(text: str) -> Block:
    has_link = "://" in text or "www." in text  # what a link (ev.URL, ev.TRAILING_URL) holds
    words = ev.WORD.findall(ev.URL.sub(" ", text) if has_link else text)
    stops = sum(map(STOP_WORDS.__contains__, map(str.lower, words)))
    ends_sentence = ends_like_sentence(text) or has_link and ev.TRAILING_URL.search(text) is not None
    return Block(text=text, weight=text_weight(text), words=words,
                 stop_density=stops / len(words) if words else 0.0, ends_sentence=ends_sentence,
                 list_item=bool(ev.LIST_MARK.match(text)), record=is_record_line(text, words),
                 dateline=bool(ev.DATELINE_LINE.match(text)))


# -- 3. Furniture recognised by shape and cue phrases -----------------------------------------

# The shapes the rules below take apart lines by (compiled once, not looked up per line).
_DATE_TOKEN = re.compile(r"[^\W\d_]+|\d+")  # a date line's words and numbers
_AGENCY_LEAD = re.compile(rf"^(the )?({ev.AGENCIES})\b[\s,|·-]*", re.I)  # "Associated Press " before a date
# Where a dated byline's name ends and its date begins (a rare line: compiled when first met).
_BYLINE_DATE_SPLIT = LazyPattern(r"\s+(?:on|\||-|–|—)\s+|,\s+(?=(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|"
                                 r"may|jun|jul|aug|sep|oct|nov|dec)|\d)", re.I)
_NAME_WORD = re.compile(r"[A-Z][a-z]*\.?|[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*")  # a word of a bare name


def is_date_line(text: str) -> bool:
    """A line that is only a date and time ("Friday, June 21, 2024", "Nov. 19, 2019 8:03 am
    ET", "2018-08-16"), perhaps with "Updated"/"Published"."""
    if len(text) > 60:
        return False
    if ev.CLOCK_OR_AGO.match(text):
        return True
    tokens = _DATE_TOKEN.findall(text.lower())
    if not tokens or not any(t.isdigit() for t in tokens):
        return False
    if not (ev.MONTH_WORD.search(text) or ev.NUMERIC_DATE.search(text)):
        return False
    return all(t.isdigit() or t in ev.DATE_WORDS for t in tokens)


def is_credited_date_line(text: str) -> bool:
    """A date line under an agency's name: "Associated Press November 19, 2019, 9:02 AM"."""
    m = _AGENCY_LEAD.match(text)
    return bool(m) and m.end() < len(text) and is_date_line(text[m.end():])


def is_dated_byline(text: str) -> bool:
    """"By Jane Roe on Monday, November 18th, 2019 at 11:04 a.m.": a byline and a date line."""
    parts = _BYLINE_DATE_SPLIT.split(text, maxsplit=1)
    return len(parts) == 2 and len(parts[0].split()) <= 6 and is_date_line(parts[1].replace(" at ", " "))


def is_name_line(block: Block) -> bool:
    """A bare personal name: two to four capitalised words and nothing else."""
    words = block.text.split()
    if not 2 <= len(words) <= ev.NAME_MAX_WORDS or block.text.endswith(("?", "!", "”", '"')):
        return False
    return all(_NAME_WORD.fullmatch(w) for w in words) \
        and block.stop_density == 0


def is_kicker_teaser(block: Block) -> bool:
    """"ALL CAPS KICKER: teaser text" as related-story lists print them: long, and cut
    off before the sentence ends."""
    return not block.ends_sentence and len(block.words) > ev.KICKER_MIN_WORDS and bool(ev.KICKER.match(block.text)) \
        and not in_capitals(block.text)  # an all-caps line is a link to another story, not a teaser


def is_legal_notice(block: Block) -> bool:
    """Cookie banners, consent and subscription terms, copyright and disclaimer notices:
    several of their cue phrases in one block, close together (a story about spyware or
    a trademark dispute uses some of the words too, spread over long paragraphs)."""
    first = ev.LEGAL_CUES.search(block.text)
    if first is None:
        return False
    cues = [m.group(0).lower() for m in ev.LEGAL_CUES.finditer(block.text, first.start())]
    distinct = len(set(cues))
    return distinct >= ev.LEGAL_MIN_CUES and (len(cues) * ev.LEGAL_WORDS_PER_CUE >= len(block.words)
                                              or distinct >= ev.LEGAL_MANY_CUES)


def _has_phone_number(text: str) -> bool:
    return any(sum(c.isdigit() for c in m.group(0)) >= 6 for m in ev.PHONE.finditer(text))


def is_sign_off(block: Block) -> bool:
    """An agency's sign-off or a release's contact line: "-- Jakarta newsroom +6221
    384-6364", "For more information, media may contact ... at 910-432-3383"."""
    text = block.text
    if len(block.words) > 40:
        return False
    if ev.SIGN_OFF.match(text):
        return _has_phone_number(text) or bool(ev.CONTACT_WORDS.search(text))
    return bool(ev.CONTACT_LEAD.match(text)) and (_has_phone_number(text) or "@" in text)


def widget_family(block: Block) -> str | None:
    """The family of widget phrases a short block opens with ("share", "subscribe"), if any."""
    if len(block.words) > 12:
        return None
    return next((family for family, cue in ev.END_CUES.items() if cue.match(block.text)), None)


def story_ending_reason(block: Block) -> str | None:
    """Why a block is furniture after which the story does not go on, or None."""
    text = block.text
    if is_date_line(text) or is_credited_date_line(text):
        return "date line"
    if ev.BYLINE.match(text) and (len(block.words) <= 8 or is_dated_byline(text)) or ev.BYLINE_ROLE.match(text):
        return "byline"
    if len(block.words) <= 12 and ev.ADDITIONAL_REPORTING.match(text):
        return "reporting credit at the end of the story"
    if is_sign_off(block):
        return "sign-off or contact line (newsroom, telephone)"
    if len(block.words) <= 40 and ev.COMMENTS_HEADER.match(text):
        return "comment section heading"
    if family := widget_family(block):
        return f"widget phrase ({family})"
    if len(block.words) <= 60 and ev.APPEAL.match(text):
        return "appeal to readers (join, subscribe, support)"
    if not block.ends_sentence and ev.SECTION_LABEL.match(text):
        return "section label"
    if is_legal_notice(block):
        return "cookie, consent or legal notice"
    if is_kicker_teaser(block):
        return "kicker-style teaser for another story"
    return None


def inline_reason(block: Block) -> str | None:
    """Why a block is furniture that sits inside a story without interrupting it, or None."""
    if ev.SEPARATOR.match(block.text):
        return "separator line"
    if len(block.words) <= 10 and ev.CREDIT.match(block.text):
        return "photo credit"
    # (Each length is checked before its pattern: a pattern over a long paragraph costs more.)
    if len(block.words) <= ev.CAPTION_MAX_WORDS and ev.CAPTION_CUES.search(block.text):
        return "photo caption"
    if in_capitals(block.text) and not block.ends_sentence \
            and sum(1 for w in block.words if w[0].isalpha()) >= ev.CAPITALS_TEASER_MIN_WORDS:
        return "headline of another story in capitals (a link to it)"
    if (len(block.words) <= 25 or not block.ends_sentence) \
            and (ev.INLINE_CUES.match(block.text) or ev.CLICK_HERE.search(block.text)):
        return "inline link or label (see also, advertisement)"
    if len(block.words) <= 8 and ev.READING_TIME.match(block.text):
        return "reading time"
    if ev.UI_LABEL.match(block.text):
        return "label of a page control (gallery, caption toggle)"
    if ev.SHORTCODE.match(block.text):
        return "unrendered shortcode of the site's software"
    if len(block.words) <= ev.PROMOTION_MAX_WORDS and (m := ev.PROMOTION.search(block.text)):
        return f"the site's promotion of itself ('{m.group(0)}')"
    return None


def is_cut_off_teaser(block: Block, previous: Block | None) -> bool:
    """A teaser's summary, cut off with an ellipsis under its headline ("The most common
    way to invest in the UAE..."). A story's own sentence may trail off too ("... some
    expected a cut in rates ..."), but it follows the story's text, not a headline."""
    return len(block.words) <= ev.TEASER_MAX_WORDS and previous is not None and block.text.endswith(("...", "…")) \
        and bool(ev.TRUNCATED.search(block.text)) \
        and (previous.reason == BOX_HEADING or looks_like_headline(previous))


def interrupting_reason(block: Block, previous: Block | None, following: Block | None) -> str | None:
    """Why a block is furniture that interrupts the story (the story may go on after it
    if it is heavy enough to pay for the gap), or None."""
    if is_name_line(block) and any(b is not None and b.text == block.text for b in (previous, following)):
        return "byline (name printed twice)"
    if ev.BOX_CUES.match(block.text) and len(block.words) <= ev.BOX_HEADING_MAX_WORDS \
            and (len(block.words) <= ev.LABEL_MAX_WORDS or not block.ends_sentence):
        return BOX_HEADING
    return None


_MID_STORY_WIDGETS = frozenset(f"widget phrase ({family})" for family in ev.MID_STORY_WIDGET_FAMILIES)


def mark_parallel_lines(blocks: list[Block]) -> None:
    """Mark as list lines the short lines that share a list's form with their neighbours,
    in runs of at least three: a fixture list ("Arsenal v Stoke"), winners by category
    ("Animation - Brush Head"), a squad by event ("K Wall (Basildon AC).")."""
    for form in ev.LIST_FORMS.values():
        run: list[Block] = []
        for block in [*blocks, None]:
            if block is not None and not block.reason and len(block.words) <= ev.LIST_ITEM_MAX_WORDS \
                    and form.search(block.text):
                run.append(block)
                continue
            if len(run) >= ev.PARALLEL_MIN_RUN:
                for member in run:
                    member.record = True
            run = []


def mark_furniture(blocks: list[Block]) -> None:
    """Give each block that is page furniture its reason and its effect on the story."""
    promotion: str | None = None  # the heading of the promotion the blocks stand under, if any
    for i, block in enumerate(blocks):
        previous = blocks[i - 1] if i else None
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if ev.EMBED_SIGNATURE.match(block.text) or (
                previous is not None and previous.embed_signature and is_date_line(block.text)):
            block.embed_signature = True  # part of a post the story quotes, not furniture
        elif reason := story_ending_reason(block):
            block.reason, block.effect = reason, ENDS
        elif reason := inline_reason(block):
            block.reason, block.effect = reason, INLINE
        elif is_cut_off_teaser(block, previous):
            block.reason, block.effect = "teaser cut off with an ellipsis under a headline", INLINE
        elif promotion and looks_like_headline(block) and not block.ends_sentence:
            block.reason, block.effect = f"teaser under '{promotion}'", INTERRUPTS  # costs a gap line
        elif reason := interrupting_reason(block, previous, following):
            block.reason, block.effect = reason, INTERRUPTS
        if block.reason and ev.PROMOTION_HEADING.match(block.text):
            promotion = block.text  # "DON'T MISS", "More:": the headlines below it are its teasers
        elif not (block.reason or "").startswith("teaser under"):
            promotion = None


# -- 4. The core of the story -----------------------------------------------------------------

def stop_threshold(blocks: list[Block]) -> float:
    """The stop-word density that running text on this page must reach. Pages in a
    language our list covers thinly (their long blocks have few stop words) get a lower
    bar; pages in a language it does not cover at all get none."""
    long_blocks = [b for b in blocks if b.weight >= ev.LONG_TEXT_LENGTH] or blocks
    words = sum(len(b.words) for b in long_blocks)
    density = sum(b.stop_density * len(b.words) for b in long_blocks) / words if words else 0.0
    if density < ev.LANGUAGE_KNOWN_DENSITY:
        return 0.0
    return min(ev.MIN_STOP_DENSITY, ev.PAGE_DENSITY_SHARE * density)


def is_running_text(block: Block, min_stops: float) -> bool:
    """Sentence-shaped prose: enough stop words, and long, or ending like a sentence, or a
    list item, or a line of many words that is not shaped like a headline."""
    if block.reason or block.stop_density < min_stops:
        return False
    if block.weight >= ev.LONG_TEXT_LENGTH:
        return True
    unended_prose = len(block.words) >= ev.UNENDED_TEXT_WORDS and not looks_like_headline(block) \
        and not in_capitals(block.text)
    return block.weight >= ev.SHORT_TEXT_LENGTH and (block.ends_sentence or block.list_item or unended_prose)


@dataclass
class Stretch:
    """Consecutive blocks of running text: indexes into the block list, and their weight."""

    start: int
    end: int  # exclusive
    mass: int


def stretches(blocks: list[Block]) -> list[Stretch]:
    out: list[Stretch] = []
    for i, block in enumerate(blocks):
        if not block.running:
            continue
        if out and out[-1].end == i:
            out[-1].end, out[-1].mass = i + 1, out[-1].mass + block.weight
        else:
            out.append(Stretch(i, i + 1, block.weight))
    return out


def gap_cost(blocks: list[Block], start: int, end: int) -> float:
    """What joining two stretches across the gap blocks[start:end] costs: a penalty per
    line, a high one for furniture after which a story usually ends (a share bar, a
    newsletter box: only a long story goes on after one), or infinity when the gap is too
    long. A list's or a table's lines cost nothing: they are the story's, not a gap in it."""
    gap = blocks[start:end]
    counted = [b for b in gap if b.effect != INLINE and (b.reason or not (b.record or b.list_item))]
    if too_long_a_gap(blocks, counted, end) or any(b.effect == ENDS and not _sits_mid_story(b) for b in counted):
        return float("inf")
    return sum(ev.BOX_HEADING_COST if b.reason == BOX_HEADING else ev.WIDGET_GAP_COST if b.effect == ENDS
               else ev.GAP_LINE_COST + min(b.weight, ev.GAP_LINE_MAX_LENGTH) for b in counted)


def too_long_a_gap(blocks: list[Block], counted: list[Block], end: int) -> bool:
    """More lines than a story's gap holds. A box of other stories (its heading, then
    its teasers) may hold more: a page may set one of a dozen lines between two halves of
    its story, when paragraphs, not a single teaser's line, follow it."""
    if len(counted) <= ev.MAX_GAP_LINES:
        return False
    box = next((n for n, b in enumerate(counted) if b.reason == BOX_HEADING), None)
    resumes = end + 1 < len(blocks) and blocks[end].running and blocks[end + 1].running
    return box is None or not resumes or box > ev.MAX_GAP_LINES or len(counted) - box - 1 > ev.MAX_BOX_LINES


def _sits_mid_story(block: Block) -> bool:
    """A widget that pages also set into a story's middle (share bar, newsletter box),
    unlike a byline, a date line, a section label or a comment prompt, after which the
    story is over."""
    return block.reason in _MID_STORY_WIDGETS


def content_tokens(blocks: list[Block]) -> list[str]:
    """Lower-cased words that carry meaning: no stop words, numbers or tiny words."""
    return [w.lower() for b in blocks for w in b.words
            if len(w) > 2 and not w.isdigit() and w.lower() not in STOP_WORDS]


def shares_story_words(tokens: list[str], core_words: set[str]) -> bool:
    """Whether a stretch talks about the same story: enough of its content words occur in
    the core. Stretches too short to judge pass."""
    if len(tokens) < ev.OVERLAP_MIN_WORDS:
        return True
    return sum(1 for t in tokens if t in core_words) / len(tokens) >= ev.MIN_CORE_OVERLAP


def heaviest_run(blocks: list[Block], found: list[Stretch]) -> tuple[int, int]:
    """The run of stretches (first, last index into `found`) with the most running text
    once every gap line is paid for: a story is mostly text, a teaser list mostly gaps
    (the maximum-subarray idea of Finn et al.'s body text extraction)."""
    best, best_range = float("-inf"), (0, 0)
    run_score, run_start = float("-inf"), 0
    for i, stretch in enumerate(found):
        carried = run_score - gap_cost(blocks, found[i - 1].end, stretch.start) if i else float("-inf")
        if carried > 0:
            run_score = carried + stretch.mass
        else:
            run_score, run_start = stretch.mass, i
        if run_score > best:
            best, best_range = run_score, (run_start, i)
    return best_range


def find_core(blocks: list[Block]) -> tuple[int, int]:
    """The index range of the story's core: the heaviest run of stretches of running text,
    trimmed at either end while the end stretch shares too few words with the rest of the
    run (a teaser for another story). (0, 0) when there is none."""
    found = stretches(blocks)
    if not found:
        return 0, 0
    first, last = heaviest_run(blocks, found)

    def foreign(i: int) -> bool:
        """A small end stretch that shares few words with the rest of the run."""
        rest = [b for j in range(first, last + 1) if j != i for b in blocks[found[j].start:found[j].end]]
        if sum(b.weight for b in blocks[found[i].start:found[i].end]) * 2 > sum(b.weight for b in rest):
            return False
        tokens = content_tokens(blocks[found[i].start:found[i].end])
        return not shares_story_words(tokens, set(content_tokens(rest)))

    while last > first and foreign(last):
        last -= 1
    while first < last and foreign(first):
        first += 1
    return found[first].start, found[last].end


def _item_kind(block: Block) -> str:
    """What a list item starts with: a number, a month, a capitalised word or else."""
    first = block.words[0] if block.words else ""
    if first[:1].isdigit():
        return "number"
    if ev.MONTH_WORD.fullmatch(first):
        return "month"
    return "capitalised" if first[:1].isupper() else "other"


def announced_list_end(blocks: list[Block], first: int) -> int:
    """Where a list that a line announces with a colon ("The tour dates are:") ends: the
    short lines from `first` on that start alike (a date, a number, a name), at least two
    of them; `first` when there are fewer. The items are marked as list items."""
    items = []
    for block in blocks[first:first + ev.LIST_MAX_ITEMS]:
        if block.reason or len(block.words) > ev.LIST_ITEM_MAX_WORDS \
                or (items and _item_kind(block) != _item_kind(items[0])):
            break
        items.append(block)
    if len(items) < ev.LIST_MIN_ITEMS:
        return first
    for block in items:
        block.list_item = True
    return first + len(items)


# -- 5. Short lines inside the core -----------------------------------------------------------

def is_heading(block: Block, previous: Block | None, following: Block | None) -> bool:
    """A short heading line inside the story: a few words that are not just a number,
    between two pieces of story text."""
    words = [w for w in block.words if not w.isdigit()]
    return (following is not None and following.running and previous is not None and previous.running
            and ev.HEADING_MIN_WORDS <= len(words) <= ev.HEADING_MAX_WORDS
            and not block.text.endswith((".", ",", ";")) and not ev.URL.search(block.text))


def core_reason(blocks: list[Block], i: int) -> str | None:
    """Why a block inside the core is dropped, or None to keep it."""
    block = blocks[i]
    if block.reason:
        return block.reason
    if block.running or block.list_item or block.record or block.dateline or block.embed_signature:
        return None
    if block.ends_sentence and len(block.words) >= ev.SENTENCE_MIN_WORDS:
        return None
    previous = next((blocks[j] for j in range(i - 1, -1, -1) if blocks[j].effect != INLINE), None)
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    if is_heading(block, previous, following) or is_list_heading(blocks, i):
        return None
    if block.text.endswith(":") and following is not None and following.list_item:
        return None  # the line that announces a list
    return "short line inside the story (caption, link or label)"


def is_list_heading(blocks: list[Block], i: int) -> bool:
    """A short heading over a list or table ("Men's singles", "KEY FIGURES", "DUMA"): a
    few words that are not a sentence, with a list line or table row just below it
    (perhaps under a second heading: "AMERICAN LEAGUE", "EASTERN DIVISION")."""
    for block in blocks[i:i + ev.TAIL_HEADING_LOOKAHEAD + 1]:
        if block.reason:
            return False
        if block.record or block.list_item:
            return block is not blocks[i]
        if block.running or not ev.HEADING_MIN_WORDS <= len(block.words) <= ev.LABEL_MAX_WORDS * 2 \
                or block.text.endswith((".", ",", ";", "?", "!")):
            return False
    return False


def is_about_the_story(block: Block, story_words: set[str]) -> bool:
    """A sentence that talks about the story: it names someone or something the story
    names, or enough of its words are the story's."""
    tokens = content_tokens([block])
    shared = [t for t in tokens if t in story_words]
    if not shared:
        return False
    names = {w.lower() for w in block.words if w[:1].isupper()}
    return bool(names & set(shared)) or len(shared) >= ev.MIN_CORE_OVERLAP * len(tokens)


def _continues_story(blocks: list[Block], i: int, last: int, story_words: set[str]) -> bool:
    """Whether block i, just below the story (whose last kept block is last - 1), is more
    of it: a list line or table row, a figure line under a table, a list's heading, a
    dateline, or a sentence about the story. Marks a figure line under a table as a row."""
    block = blocks[i]
    in_table = blocks[last - 1].record and any(w[0].isdigit() for w in block.words) \
        and len(block.words) <= ev.UNENDED_TEXT_WORDS  # "Average price 62,450 stg" under a table
    sentence = block.running or (block.ends_sentence and len(block.words) >= ev.SENTENCE_MIN_WORDS)
    if block.record or block.list_item or block.dateline or in_table or is_list_heading(blocks, i) \
            or (sentence and is_about_the_story(block, story_words)):
        block.record = block.record or in_table
        return True
    return False


def _introduces(blocks: list[Block], i: int, last: int, story_words: set[str]) -> bool:
    """A heading or a colon line ("More information:") with more of the story below it."""
    block = blocks[i]
    if not ev.HEADING_MIN_WORDS <= len(block.words) <= ev.HEADING_MAX_WORDS \
            or (block.ends_sentence and not block.text.endswith(":")):
        return False
    following = next((j for j in range(i + 1, len(blocks)) if blocks[j].effect != INLINE), None)
    return following is not None and not blocks[following].reason \
        and _continues_story(blocks, following, last, story_words)


def story_tail_end(blocks: list[Block], end: int, story_words: set[str]) -> int:
    """Where the story ends once what follows its last paragraph and belongs to it is
    included: lists and tables (rows of figures, names with bracketed asides, list items),
    the headings and colon lines that introduce them or more of its text, a dateline, and
    sentences about the same story. It stops at the first block with evidence of
    furniture (a widget phrase, a sign-off, a box of other stories) or the first that is
    none of these."""
    last = i = end
    if end and blocks[end - 1].text.endswith(":"):  # the story's last line announces a list
        last = i = announced_list_end(blocks, end)
    while i < len(blocks):
        block = blocks[i]
        if block.effect == INLINE:
            i += 1
            continue
        if block.reason:
            break
        if block.text.endswith(":") and (items_end := announced_list_end(blocks, i + 1)) > i + 1:
            last = i = items_end
            continue
        if not (_continues_story(blocks, i, last, story_words) or _introduces(blocks, i, last, story_words)):
            break
        last = i = i + 1
    return last


def _byline_or_date(block: Block) -> bool:
    return block.effect == ENDS or "byline" in (block.reason or "")


def head_reason(blocks: list[Block], i: int, title_index: int | None, start: int) -> str | None:
    """Why a block before the story's core is dropped, or None to keep it. Above the
    headline is the page's header; between the headline and the story stand its parts
    that are not prose: a dateline and a key-points list (kept), a byline (the author,
    not body text), a standfirst above the byline or date (the page's summary, dropped),
    the line that introduces the story ("The minister said:", kept), and scraps of the
    page (labels, links, dates: dropped). A text that opens with its headline and has no
    page furniture above the story keeps all of it but the byline."""
    block = blocks[i]
    if block.reason:
        return block.reason
    if block.dateline:
        return None
    if title_index is not None and i < title_index:
        return "above the headline (page header or navigation)"
    if is_name_line(block):
        return "byline (name above the story)"
    introduces = block.text.endswith(":") and len(block.words) >= ev.SENTENCE_MIN_WORDS \
        and all(b.effect == INLINE for b in blocks[i + 1:start])
    if introduces or (title_index is not None and (block.list_item or is_list_heading(blocks, i))):
        return None
    if title_index == 0 and start <= ev.TITLE_LOOKBACK and not any(b.reason for b in blocks[:start]):
        return None  # the head of a text that opens with its headline and has no page furniture
    sentence = block.running or (block.ends_sentence and len(block.words) >= ev.UNENDED_TEXT_WORDS)
    if sentence and title_index is not None:
        # A standfirst stands between the headline and the byline or date line; a
        # paragraph of the story that the core missed stands below them.
        if not any(map(_byline_or_date, blocks[title_index + 1:i])) and any(map(_byline_or_date, blocks[i + 1:start])):
            return "standfirst (summary between the headline and the byline or date)"
        return None
    if title_index is None:
        return "before the story, not part of it (menu, label or teaser)"
    return "between the headline and the story: not a sentence (label, link or date)"


def tail_reason(blocks: list[Block], i: int, previous_reason: str | None, story_words: set[str]) -> str:
    """Why a block after the story (its last paragraph and the lists that belong to it) is
    dropped: its own furniture reason if it has one, else what it is (`previous_reason`
    is why the block before it was dropped)."""
    block = blocks[i]
    if block.reason:
        return block.reason
    if is_name_line(block) and previous_reason is None:
        return "byline (name under the story)"
    if previous_reason and "byline" in previous_reason:
        return "author bio (after the byline)"
    if block.running:
        tokens = content_tokens([block])
        shared = sum(1 for t in tokens if t in story_words) / len(tokens) if tokens else 0.0
        return f"after the story: text about something else ({shared:.0%} of its words are the story's)"
    if looks_like_headline(block):
        return "after the story: headline of another story"
    return "after the story: menu, label or link"


# -- Repetition across the site's pages ---------------------------------------------------------

def mark_repeated(blocks: list[Block], site_blocks: dict[str, int], article_region: bool) -> None:
    """Mark the blocks that other pages of the site print too (searcher.extract.sitewide counts
    them). A short line so printed (a label, a slogan, a footer's line, a box's heading)
    is the site's furniture, unless it heads the story text below it: a subheading on a
    few of a site's stories is theirs, an ad label between paragraphs on many is not. A
    paragraph of running text needs more pages, and must be about something else than
    the story around it (an author's bio, a newsletter's pitch): a site repeats its
    background paragraph on a running story too, and that is story. A table's row, a
    list line, a dateline, a line with a figure ("2000 GMT", "16th PREM") or in a list's
    form ("H Webb (S Yorkshire)") and a quoted post's signature are the story's data,
    repeated or not."""
    counts = [0 if b.reason or b.record or b.dateline or b.embed_signature or (_is_data(b) and not b.running)
              else site_blocks.get(fingerprint(b.text), 0) for b in blocks]
    if not any(counts):
        return
    story_words = set(content_tokens([b for b, n in zip(blocks, counts) if b.running and not n]))
    for block, n in zip(blocks, counts):
        if block.running and n >= ev.SITE_MIN_PAGES_PROSE:
            tokens = content_tokens([block])
            shared = sum(1 for t in tokens if t in story_words) / len(tokens) if tokens else 0.0
            if shared < ev.SITE_PROSE_STORY_SHARE:
                block.reason = f"{SITE_REPEATED} {n} pages of this site, about something else " \
                               f"({shared:.0%} of its words are the story's)"
                block.effect, block.running = INTERRUPTS, False
    for i, (block, n) in enumerate(zip(blocks, counts)):
        if block.reason or block.running or n < ev.SITE_MIN_PAGES or _heads_story(blocks, i, counts, n, article_region):
            continue
        block.reason, block.effect = f"{SITE_REPEATED} {n} pages of this site", INTERRUPTS


def _is_data(block: Block) -> bool:
    """A line that holds a figure or has a list line's form: data of the story."""
    return any(w[0].isdigit() for w in block.words) or any(f.search(block.text) for f in ev.LIST_FORMS.values())


def _heads_story(blocks: list[Block], i: int, counts: list[int], pages: int, article_region: bool) -> bool:
    """Whether a repeated short line introduces the story's own text below it: a heading
    over a list or table, a line that announces what follows with a colon ("Minister
    Ellwood said:"), or a subheading between two of its paragraphs (on fewer pages than
    a paragraph needs to be furniture: an ad's label between paragraphs is on many); in
    a text, its headline (a page's is taken apart from its blocks)."""
    if is_list_heading(blocks, i):
        return True
    following = next((j for j in range(i + 1, len(blocks)) if blocks[j].effect != INLINE), None)
    if following is None or blocks[following].reason:
        return False
    if blocks[i].text.endswith(":"):
        return True
    if counts[following]:
        return False
    previous = next((j for j in range(i - 1, -1, -1) if blocks[j].effect != INLINE), None)
    if not article_region and blocks[following].running and looks_like_headline(blocks[i]) \
            and not any(b.running and not n for b, n in zip(blocks[:i], counts)):
        return True  # a text's headline over its story (two versions of one story share it)
    return previous is not None and pages < ev.SITE_MIN_PAGES_PROSE \
        and is_heading(blocks[i], blocks[previous], blocks[following])


# -- 6. Title -----------------------------------------------------------------------------------

def looks_like_headline(block: Block, *, first_line: bool = False) -> bool:
    """A few words to a line, not ending like a sentence, not starting in lower case, and
    not a list item (a key-points bullet is never the headline). Capitals are a menu's or
    a kicker's on a page, but a text's first line in capitals is a wire story's headline
    ("SOCCER - JAPAN GET LUCKY WIN ."), which may end in a full stop."""
    text = block.text.rstrip(" .") if first_line and in_capitals(block.text) else block.text
    words = text.split()
    cjk = len(CJK.findall(text))
    sized = 3 <= len(words) <= ev.TITLE_MAX_WORDS or 8 <= cjk <= 80
    lowercase_start = bool(words) and words[0][0].islower() and words[0].islower()  # not "iPhone"
    return sized and not text.endswith((".", ":", ",")) and not lowercase_start \
        and not ev.URL.search(text) and (first_line or not in_capitals(text)) and not block.list_item


def opens_plainly(blocks: list[Block], core_start: int) -> bool:
    """Whether the text opens with its headline and goes straight into the story: a
    headline-shaped first line, and above the story only a few lines, none of them page
    furniture (a saved page opens with its <title> and menus instead)."""
    return 0 < core_start <= ev.PLAIN_HEAD_MAX_LINES and len(blocks[0].words) >= ev.TITLE_MIN_WORDS \
        and looks_like_headline(blocks[0], first_line=True) and not any(b.reason for b in blocks[:core_start])


def opens_wire_story(blocks: list[Block]) -> bool:
    """Whether the text opens as a wire story does: a headline line, perhaps a byline,
    then a dateline ("ROME 1996-12-06"). The first line is then the headline, whatever
    its case or final stop."""
    head = blocks[1:3]
    return len(head) >= 1 and not blocks[0].reason and not blocks[0].dateline and len(blocks[0].words) >= 2 \
        and (head[0].dateline or (len(head) == 2 and is_name_line(head[0]) and head[1].dateline))


def _is_caption(blocks: list[Block], i: int) -> bool:
    """A line followed by a picture credit is the picture's caption."""
    return i + 1 < len(blocks) and blocks[i + 1].reason == "photo credit"


def _repeats(block: Block, page_title_words: set[str]) -> bool:
    """Whether a block's words are (almost) all in the page's title line and make up
    most of it (the rest being the site's name)."""
    words = {w.lower() for w in block.words}
    shared = len(words & page_title_words)
    return bool(words) and shared >= ev.TITLE_MATCH_SHARE * len(words) \
        and shared >= ev.TITLE_MATCH_SHARE * len(page_title_words) / 2


def choose_title(blocks: list[Block], core_start: int) -> int | None:
    """Index of the headline among the blocks before the core, or None.

    A block that repeats most of the page's first line (a saved <title> "Headline - Site")
    wins; else the nearest headline-shaped block before the story: the text's first line,
    or another line long enough not to be a widget label ("Join our newsletter")."""
    if opens_wire_story(blocks) or opens_plainly(blocks, core_start):
        return 0
    first = set(ev.WORD.findall(blocks[0].text.lower())) if blocks else set()
    candidates = [i for i in range(core_start)
                  if not blocks[i].reason and looks_like_headline(blocks[i])
                  and not _is_caption(blocks, i) and not is_name_line(blocks[i])]
    in_page_title = [i for i in candidates if i > 0 and _repeats(blocks[i], first)]
    if in_page_title:
        return in_page_title[-1]
    near = [i for i in candidates if i >= core_start - ev.TITLE_LOOKBACK
            and (i == 0 or len(blocks[i].words) >= ev.TITLE_MIN_WORDS)]
    if near:
        return near[-1]
    # A text that opens with a headline-shaped line ("Could the deal fail?") straight
    # into the story: the line was taken for story text, but it is the headline.
    if core_start == 0 and len(blocks) > 1 and looks_like_headline(blocks[0], first_line=True) \
            and not blocks[0].reason and not ends_like_sentence(blocks[0].text.rstrip("?!").rstrip(" .")):
        return 0
    if core_start == 1 and is_short_heading(blocks[0]):
        return 0
    return None


def is_short_heading(block: Block) -> bool:
    """A text's lone first line of two or more words, straight above the story, is its
    headline even when short or shaped like a name ("Opinion Paper", "Adaptive Information
    Dissemination"): a byline stands under a headline, not alone above the story."""
    return not block.reason and not block.list_item and 2 <= len(block.words) <= ev.TITLE_MAX_WORDS \
        and not block.text.endswith((".", ":", ",")) and not ev.URL.search(block.text)


# -- Putting it together ------------------------------------------------------------------------

def clean_blocks(blocks: list[str], *, article_region: bool = False,
                 site_blocks: dict[str, int] | None = None) -> Cleaned:
    """Choose the headline and the story paragraphs among text blocks.

    article_region: the blocks are the story's region, already found from the page's
    structure (HTML); the whole region is the core, and only furniture named by its own
    words goes, not short lines. site_blocks: the blocks other pages of the site print
    too, and on how many pages (searcher.extract.sitewide)."""
    # The HTML cleaner's blocks are whole paragraphs already; a text's lines may be pieces.
    measured = [describe(b) for b in (blocks if article_region else merge_fragments(blocks))]
    mark_furniture(measured)
    mark_parallel_lines(measured)
    min_stops = stop_threshold(measured)
    for block in measured:
        block.running = is_running_text(block, min_stops)
    if site_blocks:
        mark_repeated(measured, site_blocks, article_region)
    start, end = (0, len(measured)) if article_region else find_core(measured)
    story_words = set() if article_region else set(content_tokens(measured[start:end]))
    if not article_region:
        end = story_tail_end(measured, end, story_words)
    title_index = choose_title(measured, start)
    title = measured[title_index].text if title_index is not None else None
    paragraphs: list[str] = []
    kept: set[str] = set()
    removed: list[Removed] = []
    reason: str | None = None
    for i, block in enumerate(measured):
        if i == title_index:
            continue
        if article_region:
            reason = block.reason
        elif start <= i < end:
            reason = core_reason(measured, i)
        elif i < start:
            reason = head_reason(measured, i, title_index, start)
        else:
            reason = tail_reason(measured, i, reason, story_words)
        if reason is None and block.text in kept and len(block.words) >= ev.SENTENCE_MIN_WORDS:
            reason = "repeated paragraph (the page prints the story twice)"
        if reason is None:
            paragraphs.append(block.text)
            kept.add(block.text)
        elif not (i and measured[i - 1].text == block.text and removed and removed[-1].text == block.text):
            removed.append(Removed(block.text, reason))  # a line printed twice is listed once
    return Cleaned(title, paragraphs, removed)


def clean_text(text: str, site_blocks: dict[str, int] | None = None) -> Cleaned:
    """Clean a plain-text article: one block per line (site_blocks: see clean_blocks)."""
    return clean_blocks(split_blocks(text), site_blocks=site_blocks)
