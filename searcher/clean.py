"""Strip site boilerplate from article text: keep the headline and the story's
paragraphs, and record every dropped block with the reason it was dropped.

Works on plain text alone; the HTML cleaner (`searcher.html`) hands its text blocks
to the same function for the final pass.

How it decides, in order (each step is one documented function below):

1. `split_blocks`: one block per line; `merge_fragments` glues back sentences that a
   page's inline links broke over several lines.
2. `describe`: measure each block (length, sentence shape, stop-word density, ...).
3. `mark_furniture`: page furniture recognised by its own shape or cue phrase, with its
   effect on the story: some ENDS it (share widget, comment prompt, byline, date line,
   kicker teaser, cookie notice), some sit INLINE and cost nothing to skip (photo credit,
   "See also" link, separator), some INTERRUPT it at a cost (a "Related" box, a name
   printed twice).
4. `find_core`: the story's core is the heaviest run of sentence-shaped text, paying for
   every line in the gaps between its stretches; end stretches that share few words with
   the rest of the story (teasers for other stories) are trimmed off; a list that the
   story's last line announces with a colon is added.
5. `core_reason`: inside the core, short lines are kept when they are in-story headings
   (between pieces of story text), list items or short sentences, and dropped otherwise.
6. `choose_title`: the headline, searched before the core: not a date line, caption,
   kicker, byline or the site's name; None when the text has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .article import Removed

# -- Thresholds (in characters of text; a CJK character counts as CJK_WEIGHT) ---------------
CJK_WEIGHT = 3
# Prose at least this long is running text whatever its shape.
LONG_TEXT_LENGTH = 120
# Prose this long is running text when it ends like a sentence or is a list item.
SHORT_TEXT_LENGTH = 30
# A prose line of this many words is running text even without a full stop (unless it is
# shaped like a headline).
UNENDED_TEXT_WORDS = 8
# Running text has at least this share of stop words (when the page's language has any).
MIN_STOP_DENSITY = 0.15
# A page whose long blocks have fewer stop words than this is in a language we have no
# stop words for; the stop-word test is then skipped.
LANGUAGE_KNOWN_DENSITY = 0.08
# Running text needs at least this share of the page's own stop-word density.
PAGE_DENSITY_SHARE = 0.6
# Most lines (not counting inline furniture) in a gap between two stretches of one story.
MAX_GAP_LINES = 8
# What a line in a gap costs the run of story across it, in weighted characters: a fixed
# part plus its own length up to a cap.
GAP_LINE_COST, GAP_LINE_MAX_LENGTH = 20, 100
# What a heading of a box of other stories in a gap costs: the story rarely goes on after one.
BOX_HEADING_COST = 200
# A small stretch at either end of the core stays only if this share of its content words
# occur in the rest of the core (teasers for other stories share few words).
MIN_CORE_OVERLAP = 0.15
# Stretches with fewer content words than this are too small for a fair overlap test.
OVERLAP_MIN_WORDS = 6
# A line of at least this many words that ends like a sentence is kept inside the story.
SENTENCE_MIN_WORDS = 4
# A kicker-style teaser ("ALL CAPS: ...") runs on for more words than this.
KICKER_MIN_WORDS = 12
# Longest block that a photo credit inside it marks as a caption.
CAPTION_MAX_WORDS = 60
# Longest block that a trailing ellipsis marks as a cut-off teaser.
TEASER_MAX_WORDS = 40
# Distinct legal cue phrases that make a block a cookie, consent or legal notice.
LEGAL_MIN_CUES = 2
# A list that a line of the story announces with a colon: how many items, of how many words.
LIST_MIN_ITEMS, LIST_MAX_ITEMS, LIST_ITEM_MAX_WORDS = 2, 60, 25
# Length in words of a heading inside the story.
HEADING_MIN_WORDS, HEADING_MAX_WORDS = 1, 15
# How far before the core to look for the headline, in blocks.
TITLE_LOOKBACK = 12
# Share of a headline's words that a page's title line repeats when it names the story.
TITLE_MATCH_SHARE = 0.8
# Headline length in words.
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 5, 30
# Most words of a bare name line (a byline printed without "By").
NAME_MAX_WORDS = 4

# Function words of the languages news is most often saved in; their density tells
# running text from headlines, menus and names.
STOP_WORDS = frozenset("""
a about after all also an and any are as at be because been before but by can could did do
does for from had has have he her his how i if in into is it its just more most my no not
of on one only or our out over she so some than that the their them then there these they
this those to up was we were what when which who will with would you your said says while
where very through about against between during without under again further own same such
until off both each few other nor too s t don should now am being having here why whom
der die das und ist nicht sie ich es ein eine zu den dem mit von auf für im sich des auch
als an noch wie bei aus wird werden hat oder nach dass zum zur war sind um wenn nur einer
le la les et est un une des du en dans que qui pour pas sur au avec ce il elle se ne plus par
el los las y es por con para lo una su al como más pero sus le ya o fue este ha sí porque
o os as um uma é não na no da do dos das em com se mais ao foi ele ela são pelo pela
il di che è per non della sono gli nel alla una dei
de het een en is dat op te van voor zijn met niet aan er maar ook
yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada
""".split())

# Words that cannot end a sentence or a headline: a line ending in one goes on on the next.
_OPEN_ENDINGS = frozenset("""
a an the of to for with from and or but nor than via whose which its their his her our your my
after about into onto during including between among against within without through toward
towards per
der die das des dem den ein eine und oder mit von zu le la les du et ou aux el los las y o con
para del em da do dos das e com di il lo gli della che
""".split())
_OPENING_BRACKETS = frozenset("([{“‘«")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,:/-]\d+)*")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# A quotation closed after a comma goes on: "“We got her,” officers said."
_OPEN_QUOTE_END = re.compile(r",[\"'”’»]$")
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’»)\]]*$|[\"”’»]$")
# Cut off mid-sentence: an ellipsis right after a word or comma ("the industry...").
_TRUNCATED = re.compile(r"[\w,](\.\.\.|…)$")
_SEPARATOR = re.compile(r"^[\W_]{1,5}$")
_LIST_MARK = re.compile(r"^([•·▪●◦‣∙*–-]|\d{1,2}[.)])\s+")
_URL = re.compile(r"https?://\S+|www\.\S+")
# A sentence may end in a link instead of a full stop ("The report is here: https://...").
_TRAILING_URL = re.compile(r"\s(https?://|www\.)\S+$")
# "ALL CAPS KICKER: teaser text" as related-story widgets print them.
_KICKER = re.compile(r"^[‘'\"“]?[A-Z][A-Z0-9 '’‘&.,-]{2,}[’'\"”]?:\s")
# Agencies and picture libraries whose bare name (or "Photo: ...") marks a picture credit.
_AGENCIES = (r"afp|ap|reuters|getty images|getty|epa|shutterstock|alamy|dpa|xinhua|"
             r"anadolu|bloomberg|ians|pti|efe|ansa|associated press|istock|istockphoto")
_CREDIT = re.compile(
    rf"^((photo|image|picture|video|graphic|illustration|credit|source|file photo)s?"
    rf"( credit)?\s*[:|/©]|©|\(?({_AGENCIES})\)?(\s*(photo|file|via [\w .]+))?$|"
    rf"([\w.-]+\s+){{0,3}}[/|]\s*({_AGENCIES})(\s*[-–]\s*\w+)?$)", re.I)
# Words by which a picture caption credits or describes its photo.
_CAPTION_CUES = re.compile(
    rf"\bfile (photo|image|picture)\b|\((photo|image|picture)s?:?[^)]*\)\s*$|"
    rf"\(({_AGENCIES})( photo)?[^)]*\)\s*$|\bphoto(graph)?:\s|\b(photo|picture|image) (by|credit)\b", re.I)
# "— Jane Roe (@janeroe) March 4, 2025": the signature line of an embedded tweet or post.
_EMBED_SIGNATURE = re.compile(r"^[—–-]\s*[^()]{1,60}\(@\w+\)(\s+\S+){0,5}$")
_BYLINE = re.compile(
    r"^(by|posted by|written by|words by|story by|reporting by|author:?|von|por|par|oleh)\s+"
    r"[A-Z][^\s]*(\s+\S+){0,6}$", re.I)
_ADDITIONAL_REPORTING = re.compile(r"^(additional )?reporting by\b|^(editing|edited) by\b|"
                                   r"^contributed by\b|^compiled by\b", re.I)
_SECTION_LABEL = re.compile(r"^(in|more in|filed under|category|categories|section|tags?|"
                            r"topics?)\s*:?\s+\S+(\s+\S+)?$", re.I)
# Widgets and prompts that end a stretch of story: after them comes page furniture.
_END_CUES = re.compile(
    r"^(share(( (this|post|on|article|via|the story|story))\b|:|$)|click to (share|email|print)|"
    r"leave a (reply|comment|review)|post a comment|add a comment|comments?\b|"
    r"\d+\s+(comments?|responses?|replies|thoughts?)\b|one (thought|response|comment) on\b|"
    r"join the (discussion|conversation)|sign up\b|subscribe\b|newsletter\b|follow us\b|"
    r"follow (\S+ ){1,4}on (twitter|facebook|instagram|x)\b|(log in to )?reply$|report (this )?comment|"
    r"about the author|all rights reserved|copyright\b|previous (post|article)|"
    r"next (post|article)|tags?:|filed under|posted in\b|categories:|"
    r"this (entry|article|story) was posted|print this|email this|(\w+\s+)?says:$)", re.I)
# Headings of boxes that list other stories ("Related", "Most popular"). The box is
# dropped; the story may go on after it if it is heavy enough to pay for the gap.
_BOX_CUES = re.compile(
    r"^(related\b|more (like this|from|stories|on this)\b|read next\b|you (may|might) (also )?like|"
    r"recommended( for you)?\b|most (popular|read|viewed|shared)\b|trending\b|popular\b|"
    r"latest (news|stories|articles|videos)\b|also read\b|further reading|top stories\b|"
    r"(more )?videos?\b|editor'?s picks?)", re.I)
# "12 thoughts on "Headline"" and the like open a comment section.
_COMMENTS_HEADER = re.compile(r"^(\d+|one|two|three|no)\s+(comments?|responses?|replies|thoughts?)"
                              r"\s+(on|to)\b", re.I)
# Words of cookie banners, consent forms and legal notices.
_LEGAL_CUES = re.compile(
    r"\b(cookies?|privacy (policy|notice|statement)|terms of (use|service)|terms and conditions|"
    r"consent|opt[- ]out|this (web)?site uses|by (clicking|continuing|registering|subscribing|"
    r"using this)|all rights reserved|trademarks?|disclaimer|not (been )?evaluated by|"
    r"unsubscribe|personal (data|information)|third[- ]part(y|ies)|browser)\b", re.I)
# Page furniture inside the story: dropped, but the story continues after it.
_INLINE_CUES = re.compile(
    r"^(see (also|more)|also see|read also|related:|recommended:|advertisement|sponsored|"
    r"story continues|continue reading|article continues|scroll to continue|"
    r"click here\b|read more\b|watch:|listen:|read:|getty images\b|(image|media|video) caption\b)", re.I)

# A call to click, anywhere in a short line ("Get the app by clicking here").
_CLICK_HERE = re.compile(r"\bclick(ing)? (here|below|to)\b", re.I)

_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
           "june|july|august|september|october|november|december|januar|februar|märz|mai|juni|"
           "juli|oktober|dezember|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|"
           "setembro|outubro|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|"
           "septiembre|octubre|noviembre|diciembre|janvier|février|mars|avril|juin|juillet|"
           "août|septembre|octobre|novembre|décembre")
_DATE_WORDS = frozenset((_MONTHS + "|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                         "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|am|pm|a|p|m|at|on|et|est|"
                         "edt|gmt|utc|bst|cet|cest|pst|pdt|updated|published|posted|last|"
                         "modified|date|de|el|le|um|uhr|h|t|z|th|st|nd|rd|of").split("|"))
# A bare time or age stamp: "08:51", "7H ago", "2 hours ago", "yesterday".
_CLOCK_OR_AGO = re.compile(r"^((updated|published|posted):?\s+)?(\d{1,2}:\d{2}(:\d{2})?(\s*[ap]\.?m\.?)?|"
                           r"((\d+|an?)\s*(s|sec|m|min|h|hr|d|seconds?|minutes?|hours?|days?|weeks?|months?)"
                           r"\s+ago)|yesterday|today)$", re.I)
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")
_MONTH_WORD = re.compile(rf"\b({_MONTHS})\b\.?", re.I)


@dataclass
class Cleaned:
    title: str | None
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)


# What a piece of furniture does to the story around it.
ENDS = "ends"  # the story does not go on after it (share widget, comments, byline, date line)
INLINE = "inline"  # it sits inside the story and costs nothing to skip (photo credit, "See also")
INTERRUPTS = "interrupts"  # the story may go on after it, at a cost (a box of other stories)
BOX_HEADING = "heading of a box of other stories (related, most popular)"


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


def _continues(previous: str, block: str) -> bool:
    """True when `block` is the rest of a sentence that `previous` left open, as when a
    page's links and emphasis put parts of one paragraph on separate lines."""
    if _LIST_MARK.match(block) or _SEPARATOR.match(previous):
        return False
    if _SENTENCE_END.search(previous) and not _OPEN_QUOTE_END.search(previous):
        return False
    first = block[0]
    if first.islower() or first in ",.;:)]”’»!?":
        return True
    if block in _OPENING_BRACKETS:
        return True
    last_word = previous.rsplit(" ", 1)[-1].lower()
    possessive = last_word.endswith(("'s", "’s")) and len(last_word) > 3  # "Japan's" + "Nikkei index"
    return previous[-1] in ",;(“‘«-–—" or possessive \
        or last_word in _OPEN_ENDINGS


def merge_fragments(blocks: list[str]) -> list[str]:
    """Join lines that continue an open sentence onto the line before them."""
    merged: list[str] = []
    for block in blocks:
        if merged and _continues(merged[-1], block):
            joiner = "" if block[0] in ",.;:)]”’»!?" or merged[-1][-1] in _OPENING_BRACKETS else " "
            merged[-1] = merged[-1] + joiner + block
        else:
            merged.append(block)
    return merged


# -- 2. Measurements ------------------------------------------------------------------------

def text_weight(text: str) -> int:
    """Length in characters, counting a CJK character as several (it carries a word)."""
    return len(text) + (CJK_WEIGHT - 1) * len(CJK.findall(text))


def describe(text: str) -> Block:
    words = _WORD.findall(_URL.sub(" ", text))
    stops = sum(1 for w in words if w.lower() in STOP_WORDS)
    return Block(text=text, weight=text_weight(text), words=words,
                 stop_density=stops / len(words) if words else 0.0,
                 ends_sentence=bool(_SENTENCE_END.search(text) or _TRAILING_URL.search(text)),
                 list_item=bool(_LIST_MARK.match(text)))


# -- 3. Furniture recognised by shape and cue phrases -----------------------------------------

def is_date_line(text: str) -> bool:
    """A line that is only a date and time ("Friday, June 21, 2024", "Nov. 19, 2019 8:03 am
    ET", "2018-08-16"), perhaps with "Updated"/"Published"."""
    if len(text) > 60:
        return False
    if _CLOCK_OR_AGO.match(text):
        return True
    tokens = re.findall(r"[^\W\d_]+|\d+", text.lower())
    if not tokens or not any(t.isdigit() for t in tokens):
        return False
    if not (_MONTH_WORD.search(text) or _NUMERIC_DATE.search(text)):
        return False
    return all(t.isdigit() or t in _DATE_WORDS for t in tokens)


def is_name_line(block: Block) -> bool:
    """A bare personal name: two to four capitalised words and nothing else."""
    words = block.text.split()
    if not 2 <= len(words) <= NAME_MAX_WORDS or block.text.endswith(("?", "!", "”", '"')):
        return False
    return all(re.fullmatch(r"[A-Z][a-z]*\.?|[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*", w) for w in words) \
        and block.stop_density == 0


def is_kicker_teaser(block: Block) -> bool:
    """"ALL CAPS KICKER: teaser text" as related-story lists print them: long, and cut
    off before the sentence ends."""
    return bool(_KICKER.match(block.text)) and not block.ends_sentence and len(block.words) > KICKER_MIN_WORDS \
        and not block.text.isupper()  # an all-caps line is a link to another story, not a teaser


def is_legal_notice(text: str) -> bool:
    """Cookie banners, consent and subscription terms, copyright and disclaimer notices:
    several of their cue phrases in one block."""
    first = _LEGAL_CUES.search(text)
    return first is not None and len({m.group(0).lower() for m in _LEGAL_CUES.finditer(text, first.start())}) \
        >= LEGAL_MIN_CUES


def story_ending_reason(block: Block) -> str | None:
    """Why a block is furniture after which the story does not go on, or None."""
    text = block.text
    if is_date_line(text):
        return "date line"
    if _BYLINE.match(text) and len(block.words) <= 8:
        return "byline"
    if _ADDITIONAL_REPORTING.match(text) and len(block.words) <= 12:
        return "reporting credit at the end of the story"
    if _COMMENTS_HEADER.match(text) and len(block.words) <= 40:
        return "comment section heading"
    if _END_CUES.match(text) and len(block.words) <= 12:
        return "widget or prompt phrase (share, comments, subscribe)"
    if _SECTION_LABEL.match(text) and not block.ends_sentence:
        return "section label"
    if is_legal_notice(text):
        return "cookie, consent or legal notice"
    if is_kicker_teaser(block):
        return "kicker-style teaser for another story"
    return None


def inline_reason(block: Block) -> str | None:
    """Why a block is furniture that sits inside a story without interrupting it, or None."""
    if _SEPARATOR.match(block.text):
        return "separator line"
    if _CREDIT.match(block.text) and len(block.words) <= 10:
        return "photo credit"
    if _CAPTION_CUES.search(block.text) and len(block.words) <= CAPTION_MAX_WORDS:
        return "photo caption"
    if _TRUNCATED.search(block.text) and len(block.words) <= TEASER_MAX_WORDS:
        return "teaser cut off with an ellipsis"
    if (_INLINE_CUES.match(block.text) or _CLICK_HERE.search(block.text)) \
            and (len(block.words) <= 25 or not block.ends_sentence):
        return "inline link or label (see also, advertisement)"
    return None


def interrupting_reason(block: Block, previous: Block | None, following: Block | None) -> str | None:
    """Why a block is furniture that interrupts the story (the story may go on after it
    if it is heavy enough to pay for the gap), or None."""
    if is_name_line(block) and any(b is not None and b.text == block.text for b in (previous, following)):
        return "byline (name printed twice)"
    if _BOX_CUES.match(block.text) and len(block.words) <= 6:
        return BOX_HEADING
    return None


def mark_furniture(blocks: list[Block]) -> None:
    """Give each block that is page furniture its reason and its effect on the story."""
    for i, block in enumerate(blocks):
        previous = blocks[i - 1] if i else None
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if _EMBED_SIGNATURE.match(block.text) or (
                previous is not None and previous.embed_signature and is_date_line(block.text)):
            block.embed_signature = True  # part of a post the story quotes, not furniture
        elif reason := story_ending_reason(block):
            block.reason, block.effect = reason, ENDS
        elif reason := inline_reason(block):
            block.reason, block.effect = reason, INLINE
        elif reason := interrupting_reason(block, previous, following):
            block.reason, block.effect = reason, INTERRUPTS


# -- 4. The core of the story -----------------------------------------------------------------

def stop_threshold(blocks: list[Block]) -> float:
    """The stop-word density that running text on this page must reach. Pages in a
    language our list covers thinly (their long blocks have few stop words) get a lower
    bar; pages in a language it does not cover at all get none."""
    long_blocks = [b for b in blocks if b.weight >= LONG_TEXT_LENGTH] or blocks
    words = sum(len(b.words) for b in long_blocks)
    density = sum(b.stop_density * len(b.words) for b in long_blocks) / words if words else 0.0
    if density < LANGUAGE_KNOWN_DENSITY:
        return 0.0
    return min(MIN_STOP_DENSITY, PAGE_DENSITY_SHARE * density)


def is_running_text(block: Block, min_stops: float) -> bool:
    """Sentence-shaped prose: enough stop words, and long, or ending like a sentence, or a
    list item, or a line of many words that is not shaped like a headline."""
    if block.reason or block.stop_density < min_stops:
        return False
    if block.weight >= LONG_TEXT_LENGTH:
        return True
    unended_prose = len(block.words) >= UNENDED_TEXT_WORDS and not looks_like_headline(block) \
        and not block.text.isupper()
    return block.weight >= SHORT_TEXT_LENGTH and (block.ends_sentence or block.list_item or unended_prose)


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
    line, or infinity when the gap holds furniture that ends a story or is too long."""
    gap = blocks[start:end]
    if any(b.effect == ENDS for b in gap):
        return float("inf")
    counted = [b for b in gap if b.effect != INLINE]
    if len(counted) > MAX_GAP_LINES:
        return float("inf")
    return sum(BOX_HEADING_COST if b.reason == BOX_HEADING else GAP_LINE_COST + min(b.weight, GAP_LINE_MAX_LENGTH)
               for b in counted)


def content_tokens(blocks: list[Block]) -> list[str]:
    """Lower-cased words that carry meaning: no stop words, numbers or tiny words."""
    return [w.lower() for b in blocks for w in b.words
            if len(w) > 2 and not w.isdigit() and w.lower() not in STOP_WORDS]


def shares_story_words(tokens: list[str], core_words: set[str]) -> bool:
    """Whether a stretch talks about the same story: enough of its content words occur in
    the core. Stretches too short to judge pass."""
    if len(tokens) < OVERLAP_MIN_WORDS:
        return True
    return sum(1 for t in tokens if t in core_words) / len(tokens) >= MIN_CORE_OVERLAP


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
    return found[first].start, announced_list_end(blocks, found[last].end)


def _item_kind(block: Block) -> str:
    """What a list item starts with: a number, a month, a capitalised word or else."""
    first = block.words[0] if block.words else ""
    if first[:1].isdigit():
        return "number"
    if _MONTH_WORD.fullmatch(first):
        return "month"
    return "capitalised" if first[:1].isupper() else "other"


def announced_list_end(blocks: list[Block], end: int) -> int:
    """Where the story ends once a list that its last line announces with a colon ("The
    tour dates are:") is included: the short lines after it that start alike (a date, a
    number, a name). The items are marked as list items."""
    intro = end
    if intro < len(blocks) and blocks[intro].text.endswith(":") and not blocks[intro].reason:
        intro += 1  # the announcing line itself follows the last stretch of running text
    elif not blocks[end - 1].text.endswith(":"):
        return end
    items = []
    for block in blocks[intro:intro + LIST_MAX_ITEMS]:
        if block.reason or block.running or len(block.words) > LIST_ITEM_MAX_WORDS \
                or (items and _item_kind(block) != _item_kind(items[0])):
            break
        items.append(block)
    if len(items) < LIST_MIN_ITEMS:
        return end
    for block in items:
        block.list_item = True
    return intro + len(items)


# -- 5. Short lines inside the core -----------------------------------------------------------

def is_heading(block: Block, previous: Block | None, following: Block | None) -> bool:
    """A short heading line inside the story: a few words that are not just a number,
    between two pieces of story text."""
    words = [w for w in block.words if not w.isdigit()]
    return (following is not None and following.running and previous is not None and previous.running
            and HEADING_MIN_WORDS <= len(words) <= HEADING_MAX_WORDS
            and not block.text.endswith((".", ",", ";")) and not _URL.search(block.text))


def core_reason(blocks: list[Block], i: int) -> str | None:
    """Why a block inside the core is dropped, or None to keep it."""
    block = blocks[i]
    if block.reason:
        return block.reason
    if block.running or block.list_item or block.embed_signature:
        return None
    if block.ends_sentence and len(block.words) >= SENTENCE_MIN_WORDS:
        return None
    previous = next((blocks[j] for j in range(i - 1, -1, -1) if blocks[j].effect != INLINE), None)
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    if is_heading(block, previous, following):
        return None
    if block.text.endswith(":") and following is not None and following.list_item:
        return None  # the line that announces a list
    return "short line inside the story (caption, link or label)"


def outside_reason(blocks: list[Block], i: int, core: tuple[int, int], previous_reason: str | None) -> str:
    """Why a block outside the core is dropped: its own furniture reason if it has one, else
    where it stands (`previous_reason` is why the block before it was dropped)."""
    block = blocks[i]
    if block.reason:
        return block.reason
    start, end = core
    if is_name_line(block) and (i == end or i == start - 1):
        return "byline (name next to the story)"
    if i >= end and previous_reason and "byline" in previous_reason:
        return "author bio (after the byline)"
    if i >= end and block.running:
        return "after the end of the story (teaser, comment or bio)"
    if i >= end:
        return "after the end of the story"
    return "before the start of the story (navigation or header)"


# -- 6. Title -----------------------------------------------------------------------------------

def looks_like_headline(block: Block) -> bool:
    """A few words to a line, not ending like a sentence, not starting in lower case, and
    not a list item (a key-points bullet is never the headline)."""
    words = block.text.split()
    cjk = len(CJK.findall(block.text))
    sized = 3 <= len(words) <= TITLE_MAX_WORDS or 8 <= cjk <= 80
    lowercase_start = bool(words) and words[0][0].islower() and words[0].islower()  # not "iPhone"
    return sized and not block.text.endswith((".", ":", ",")) and not lowercase_start \
        and not _URL.search(block.text) and not block.text.isupper() and not block.list_item


def _is_caption(blocks: list[Block], i: int) -> bool:
    """A line followed by a picture credit is the picture's caption."""
    return i + 1 < len(blocks) and blocks[i + 1].reason == "photo credit"


def _repeats(block: Block, page_title_words: set[str]) -> bool:
    """Whether a block's words are (almost) all in the page's title line and make up
    most of it (the rest being the site's name)."""
    words = {w.lower() for w in block.words}
    shared = len(words & page_title_words)
    return bool(words) and shared >= TITLE_MATCH_SHARE * len(words) \
        and shared >= TITLE_MATCH_SHARE * len(page_title_words) / 2


def choose_title(blocks: list[Block], core_start: int) -> int | None:
    """Index of the headline among the blocks before the core, or None.

    A block that repeats most of the page's first line (a saved <title> "Headline - Site")
    wins; else the nearest headline-shaped block before the story: the text's first line,
    or another line long enough not to be a widget label ("Join our newsletter")."""
    first = set(_WORD.findall(blocks[0].text.lower())) if blocks else set()
    candidates = [i for i in range(core_start)
                  if not blocks[i].reason and looks_like_headline(blocks[i])
                  and not _is_caption(blocks, i) and not is_name_line(blocks[i])]
    in_page_title = [i for i in candidates if i > 0 and _repeats(blocks[i], first)]
    if in_page_title:
        return in_page_title[-1]
    near = [i for i in candidates if i >= core_start - TITLE_LOOKBACK
            and (i == 0 or len(blocks[i].words) >= TITLE_MIN_WORDS)]
    if near:
        return near[-1]
    # A text that opens with a headline-shaped line ("Could the deal fail?") straight
    # into the story: the line was taken for story text, but it is the headline.
    if core_start == 0 and len(blocks) > 1 and looks_like_headline(blocks[0]) and not blocks[0].reason \
            and not _SENTENCE_END.search(blocks[0].text.rstrip("?!")):
        return 0
    if core_start == 1 and is_short_heading(blocks[0]):
        return 0
    return None


def is_short_heading(block: Block) -> bool:
    """A text's lone first line of two or more words, straight above the story, is its
    headline even when short or shaped like a name ("Opinion Paper", "Adaptive Information
    Dissemination"): a byline stands under a headline, not alone above the story."""
    return not block.reason and not block.list_item and 2 <= len(block.words) <= TITLE_MAX_WORDS \
        and not block.text.endswith((".", ":", ",")) and not _URL.search(block.text)


# -- Putting it together ------------------------------------------------------------------------

def clean_blocks(blocks: list[str], *, article_region: bool = False) -> Cleaned:
    """Choose the headline and the story paragraphs among text blocks.

    article_region: the blocks are the story's region, already found from the page's
    structure (HTML); the whole region is the core, and only furniture named by its own
    words goes, not short lines."""
    measured = [describe(b) for b in merge_fragments(blocks)]
    mark_furniture(measured)
    min_stops = stop_threshold(measured)
    for block in measured:
        block.running = is_running_text(block, min_stops)
    start, end = (0, len(measured)) if article_region else find_core(measured)
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
        else:
            reason = outside_reason(measured, i, (start, end), reason)
        if reason is None and block.text in kept and len(block.words) >= SENTENCE_MIN_WORDS:
            reason = "repeated paragraph (the page prints the story twice)"
        if reason is None:
            paragraphs.append(block.text)
            kept.add(block.text)
        else:
            removed.append(Removed(block.text, reason))
    return Cleaned(title, paragraphs, removed)


def clean_text(text: str) -> Cleaned:
    """Clean a plain-text article: one block per line."""
    return clean_blocks(split_blocks(text))
