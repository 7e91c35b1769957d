"""The cleaner's evidence, kept apart from its logic (as trafilatura keeps its xpaths):
word families, shapes and thresholds by which a block shows that it is not the story.

Rules elsewhere (`searcher.extract.clean`, `searcher.extract.html`) combine a family here with a
structural signal (where the block stands, what surrounds it, how much of it is links)
and name both in the reason `searcher extract --explain` prints. No entry names one
site's wording: each is a family of the words many sites use for the same widget.
"""

from __future__ import annotations

import re


def cue_phrases(first_characters: str, pattern: str) -> re.Pattern:
    """A case-insensitive pattern of cue phrases, each of which starts with one of
    `first_characters`. Searched for in a long paragraph, such a pattern is tried at
    every character (the engine has no quick way to skip to where a case-insensitive
    phrase may start); told the first characters, it tries the phrases only there, a
    few times quicker. (tests/test_clean.py checks each pattern's first characters.)"""
    return re.compile(f"(?=[{first_characters}])(?:{pattern})", re.I)


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
# Most teaser lines under the heading of a box of other stories in such a gap.
MAX_BOX_LINES = 16
# What a line in a gap costs the run of story across it, in weighted characters: a fixed
# part plus its own length up to a cap.
GAP_LINE_COST, GAP_LINE_MAX_LENGTH = 20, 100
# What a heading of a box of other stories in a gap costs: the story rarely goes on after one.
BOX_HEADING_COST = 200
# What a share bar or a newsletter box in a gap costs: the story usually ends at one, but
# one may stand between two halves of a long story (a byline or a date line ends it).
WIDGET_GAP_COST = 500
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
# Legal cue phrases that make a block a cookie, consent or legal notice: at least this
# many distinct ones, and at least one per this many words (a story about privacy law
# uses the words too, but spread through long paragraphs).
LEGAL_MIN_CUES, LEGAL_WORDS_PER_CUE = 2, 30
# This many distinct legal cue phrases make a notice of a block of any length.
LEGAL_MANY_CUES = 4
# A list that a line of the story announces with a colon: how many items, of how many words.
LIST_MIN_ITEMS, LIST_MAX_ITEMS, LIST_ITEM_MAX_WORDS = 2, 60, 25
# Length in words of a heading inside the story.
HEADING_MIN_WORDS, HEADING_MAX_WORDS = 1, 15
# How far before the core to look for the headline, in blocks.
TITLE_LOOKBACK = 12
# Share of a headline's words that a page's title line repeats when it names the story.
TITLE_MATCH_SHARE = 0.8
# Most lines above the story of a text that opens with its headline and no page furniture
# (headline, subtitle, byline, the line that introduces the story).
PLAIN_HEAD_MAX_LINES = 4
# Headline length in words.
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 5, 30
# Most words of a bare name line (a byline printed without "By").
NAME_MAX_WORDS = 4
# A record line (a row of a results table, a squad list's line) is at least this share numbers.
RECORD_NUMBER_SHARE = 0.25
# A line that lists things names at least this many in brackets ("Maldini (AC Milan)") or
# separated by commas.
RECORD_MIN_BRACKETS, RECORD_MIN_COMMAS = 2, 3
# A line of names separated by commas (a team's line-up) is at least this share names or numbers.
NAME_LIST_SHARE = 0.8
# Lines of one list share a form (each names someone with a bracketed aside, each pairs
# two teams with "v"): a run of at least this many neighbours of one form is a list.
PARALLEL_MIN_RUN = 3
# Most words of a line that is a label or menu item rather than a sentence.
LABEL_MAX_WORDS = 4
# How many lines below a heading (under further headings) a list or table may start.
TAIL_HEADING_LOOKAHEAD = 3

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
OPEN_ENDINGS = frozenset("""
a an the of to for with from and or but nor than via whose which its their his her our your my
after about into onto during including between among against within without through toward
towards per
der die das des dem den ein eine und oder mit von zu le la les du et ou aux el los las y o con
para del em da do dos das e com di il lo gli della che
""".split())
OPENING_BRACKETS = frozenset("([{“‘«")
# A name that was a link stands on a line of its own in a page saved as text: a line of at
# most this many words, capitalised, between a line of at least LINK_FRAGMENT_MIN_WORDS_BEFORE
# words that stops mid-sentence on a lower-case word and one that goes on in lower case.
LINK_FRAGMENT_MAX_WORDS = 6
LINK_FRAGMENT_MIN_WORDS_BEFORE = 4

# -- Repetition across the pages of one site (searcher.extract.sitewide) ----------------------------
# A block on at least this many of a site's pages (copies of one story counted once) is
# repeated: a short line (a label, a slogan, a footer's line) so printed is the site's.
SITE_MIN_PAGES = 2
# A paragraph of running text inside the story needs more: this many pages, and less than
# this share of its content words found in the rest of the story (a site's background
# paragraph on a running story is repeated too, and is story: it names the story's people
# and places; an author's bio or a newsletter's pitch shares a common word or two).
SITE_MIN_PAGES_PROSE = 3
SITE_PROSE_STORY_SHARE = 0.34
# On a site of many pages, a block must also be on this share of them (its stories share
# a line now and then: a kick-off time, a referee; its furniture is on page after page).
SITE_MIN_SHARE = 0.05
# Sentences of at least this many words tell one story from another: two pages that share
# at least SITE_COPY_SHARE of the shorter page's are copies of one story, counted once
# (a story saved twice, or updated and saved again).
SITE_LONG_SENTENCE_WORDS = 8
SITE_COPY_SHARE = 0.5
# Pages that share a sentence are compared as copies only when at most this many hold it:
# one story is saved a few times; a sentence on more pages than that is the site's own.
SITE_COPY_MAX_PAGES = 12

# -- Shapes ----------------------------------------------------------------------------------
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,:/-]\d+)*")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# A quotation closed after a comma goes on: "“We got her,” officers said."
OPEN_QUOTE_END = re.compile(r",[\"'”’»]$")
# (Encyclopaedia text ends a sentence with its citation marks: "... in 2008.[4]")
SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’»)\]]*(\[\d+\])*$|[\"”’»]$")
# Cut off mid-sentence: an ellipsis right after a word or comma ("the industry...").
TRUNCATED = re.compile(r"[\w,](\s?\.\.\.|…)$")
SEPARATOR = re.compile(r"^[\W_]{1,5}$")
LIST_MARK = re.compile(r"^([•·▪●◦‣∙*–-]|\d{1,2}[.)])\s+")
URL = re.compile(r"https?://\S+|www\.\S+")
# A sentence may end in a link instead of a full stop ("The report is here: https://...").
TRAILING_URL = re.compile(r"\s(https?://|www\.)\S+$")
# "ALL CAPS KICKER: teaser text" as related-story widgets print them.
KICKER = re.compile(r"^[‘'\"“]?[A-Z][A-Z0-9 '’‘&.,-]{2,}[’'\"”]?:\s")
# "— Jane Roe (@janeroe) March 4, 2025": the signature line of an embedded tweet or post.
EMBED_SIGNATURE = re.compile(r"^[—–-]\s*[^()]{1,60}\(@\w+\)(\s+\S+){0,5}$")
# A bracketed aside in a list line: "Paolo Maldini (AC Milan)", "Ajax 2 (Litmanen 23)".
BRACKETED = re.compile(r"\([^()]{1,40}\)")
# What lines of one list share ("Arsenal v Stoke", "Animation - Brush Head", "K Wall (Basildon AC).").
LIST_FORMS = {"bracketed aside": BRACKETED, "pairing": re.compile(r"\s(v|vs\.?|[-–—])\s"),
              # a scorecard's "A. Stewart b Waqar 44", a gift list's "Sonos Move for $400"
              "closing figure": re.compile(r"\s[$€£¥]?\d[\d.,:/-]*$")}
# A telephone number as contact lines print them: "+49 69 756525", "(662) 652-0642", "910-432-3383".
PHONE = re.compile(r"(?<![\w.])\+?\(?\d{2,5}\)?(?:[ .-]?\(?\d{2,5}\)?){1,4}(?![\w.])")

# -- Word families ---------------------------------------------------------------------------
# Agencies and picture libraries whose bare name (or "Photo: ...") marks a picture credit.
AGENCIES = (r"afp|ap|reuters|getty images|getty|epa|shutterstock|alamy|dpa|xinhua|"
            r"anadolu|bloomberg|ians|pti|efe|ansa|associated press|istock|istockphoto")
CREDIT = re.compile(
    rf"^((photo|image|picture|video|graphic|illustration|credit|source|file photo)s?"
    rf"( credit)?\s*[:|/©]|©|\(?({AGENCIES})\)?(\s*(photo|file|via [\w .]+))?$|"
    rf"([\w.-]+\s+){{0,3}}[/|]\s*({AGENCIES})(\s*[-–]\s*\w+)?$)", re.I)
# Words by which a picture caption credits or describes its photo.
CAPTION_CUES = cue_phrases("(fpi",
    rf"\bfile (photo|image|picture)\b|\((photo|image|picture)s?:?[^)]*\)\s*$|"
    rf"\(({AGENCIES})( photo)?[^)]*\)\s*$|\bphoto(graph)?:\s|\b(photo|picture|image) (by|credit)\b|"
    rf"\b(photos?|images?|pictures?) ©")
BYLINE = re.compile(
    r"^(by|posted by|written by|words by|story by|reporting by|author:?|von|por|par|oleh)\s+"
    r"[A-Z][^\s]*(\s+\S+){0,6}$", re.I)
ADDITIONAL_REPORTING = re.compile(r"^\(?(additional )?reporting by\b|^\(?(editing|edited) by\b|"
                                  r"^contributed by\b|^compiled by\b|"
                                  # Chinese sites' editor credit: "【责任编辑:…】" (editor in charge), perhaps
                                  # after a "【纠错】" (report an error) link. ("记者：", reporter, is
                                  # also the interviewer's label in a transcript: not a credit.)
                                  r"^([【\[(（]\s*纠错\s*[】\])）]\s*)?[【\[(（]?\s*(责任编辑|编辑)\s*[:：]", re.I)
SECTION_LABEL = re.compile(r"^(in|more in|filed under|category|categories|section|tags?|"
                           r"topics?)\s*:?\s+\S+(\s+\S+)?$", re.I)
# Widgets and prompts that end a stretch of story, by family; after them comes page
# furniture. Each family is one kind of widget, named in `--explain`.
WIDGET_FAMILIES: dict[str, str] = {
    "share": r"share(( (this|post|on|article|via|the story|story))\b|:|$)|click to (share|email|print)|"
             r"print this|email this",
    "comments": r"leave a (reply|comment|review)|post a comment|add a comment|comments?\b|"
                r"\d+\s+(comments?|responses?|replies|thoughts?)\b|one (thought|response|comment) on\b|"
                r"join the (discussion|conversation)|(log in to )?reply$|report (this )?comment|(\w+\s+)?says:$|"
                r"tell us what you think|what do you think\?|have your say\b|share your (thoughts|views)",
    "subscribe": r"sign up\b|subscribe\b|newsletter\b|get (our|the) (\w+ )?(newsletter|daily|weekly|briefing)|"
                 r"don'?t miss (a|an|the|our)\b",
    "follow": r"follow us\b|follow (\S+ ){1,4}on (twitter|facebook|instagram|x)\b",
    "site notice": r"about the author|all rights reserved|copyright\b|(©|\(c\)).{0,60}all rights reserved|"
                   r"previous (post|article)|"
            r"next (post|article)|tags?:|filed under|posted in\b|categories:|"
            r"this (entry|article|story) was posted",
}
END_CUES = {family: re.compile(rf"^({pattern})", re.I) for family, pattern in WIDGET_FAMILIES.items()}
# Widget families that pages also set into a story's middle (a share bar, a newsletter box).
MID_STORY_WIDGET_FAMILIES = ("share", "subscribe", "follow")
# Headings of boxes that list other stories ("Related", "Most popular"). The box is
# dropped; the story may go on after it if it is heavy enough to pay for the gap.
BOX_CUES = re.compile(
    r"^(related\b|more (like this|from|stories|on this|news|to explore)\b|read next\b|"
    r"you (may|might) (also )?like|recommended( for you)?\b|most (popular|read|viewed|shared)\b|"
    r"trending\b|popular\b|latest (news|stories|articles|videos)\b|further reading|"
    r"top stories\b|(more )?videos?\b|editor'?s picks?|explore further\b|what to read next|topics:?$)", re.I)
# Most words of a box's heading ("Related coverage from How to Do Everything: Money:").
BOX_HEADING_MAX_WORDS = 10
# "12 thoughts on "Headline"" and the like open a comment section.
COMMENTS_HEADER = re.compile(r"^(\d+|one|two|three|no)\s+(comments?|responses?|replies|thoughts?)"
                             r"\s+(on|to)\b", re.I)
# Words of cookie banners, consent forms and legal notices.
LEGAL_CUES = cue_phrases("abcdnoptu",
    r"\b(cookies?|privacy (policy|notice|statement)|terms of (use|service)|terms and conditions|"
    r"consent|opt[- ]out|this (web)?site uses|by (clicking|continuing|registering|subscribing|"
    r"using this)|all rights reserved|trademarks?|disclaimer|not (been )?evaluated by|"
    r"unsubscribe|personal (data|information)|third[- ]part(y|ies)|browser)\b")
# A reader's appeal to support or join the site, which closes a post: "If you enjoyed
# this article, join ...", "Support our journalism", "Become a member".
APPEAL = re.compile(
    r"^(if you (enjoyed|liked|like|value|found) (this|our|reading)\b.{0,120}\b(join|subscribe|support|"
    r"donate|become|sign up|share)|(please )?(support|donate to) (our|independent) (journalism|work|"
    r"reporting)|become a (member|subscriber|patron)\b)", re.I)
# A site's promotion of itself, anywhere in a short block: newsletters and alerts, its
# social accounts and forums, how to reach the writer ("may be reached at ...@..."), the
# rest of its coverage. A story's sentence about a newsletter or a forum names it, not "our".
PROMOTION = cue_phrases("cdfjlmprs",
    r"\b((subscribe|sign up) (to|for) (our|the|[\w.]+['’]s) ([\w’'-]+ ){0,3}(newsletters?|alerts?|emails?|"
    r"podcasts?)|(delivered|straight|right) (to|in|into) your inbox|successfully subscribed|"
    r"problem subscribing|follow (him|her|them|us|me) (on|at) (twitter|facebook|instagram|x)\b|"
    r"join our ([\w-]+ ){0,2}(forums?|community|newsletter|mailing list)|(may|can) be reached at\b|"
    r"follow ([\w’'.-]+ ){1,2}(full )?coverage of\b|let us know at\s+\S+@)")
# Most words of a block that a promotion inside it makes furniture (a story paragraph may
# mention a newsletter in passing).
PROMOTION_MAX_WORDS = 50
# An unrendered content-management shortcode: "[button link=...]Send us YOUR review[/button]".
SHORTCODE = re.compile(r"^\[\w+[^\]]*\].*\[/\w+\]$")
# Page furniture inside the story: dropped, but the story continues after it.
# Promotions set into the story ("Don't miss", "More:") are inline too: the story goes on below
# the links they head.
INLINE_CUES = re.compile(
    r"^(see (also|more)|also see|read also|also read\b|related:|recommended:|don'?t miss\b|"
    r"in case you missed it|more:$|also:|advert(isement)?$|advertisement\b|anzeige$|publicidad$|publicité$|"
    r"pubblicità$|iklan$|sponsored|"
    r"story continues|continue reading|article continues|scroll to continue|"
    r"click here\b|read more\b|watch:|listen:|read:|getty images\b|(image|media|video) caption\b)", re.I)
# The words of a page's controls, alone on a line: a gallery's "Caption", "Close", "Image",
# "1 of 8", a caption's "less"/"more" toggle, an "Updated" label without its date.
UI_LABEL = re.compile(r"^(caption|close|image|photo|less|more|expand|collapse|enlarge|full ?screen|"
                      r"play|pause|replay|updated|published|\d+\s*(of|/)\s*\d+|"
                      r"(hide|show|expand|collapse|toggle|close|open|view) (the )?(captions?|gallery|images?|photos?|"
                      r"transcript|all))$", re.I)
# A byline without "By", its writer's role after the name: "Robert Burns, AP National Security Writer".
BYLINE_ROLE = re.compile(r"^[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){1,3}, ([\w&.'’]+ ){0,5}(writer|correspondent|"
                         r"reporter|editor|columnist|contributor|producer)s?$", re.I)
# A headline of another story printed in capitals inside the story (a link to it): at
# least this many words. A table's or list's heading in capitals is shorter ("KEY FIGURES").
CAPITALS_TEASER_MIN_WORDS = 6
# The heading of a promotion set into the story, with headlines of other stories below it.
PROMOTION_HEADING = re.compile(r"^(see also|also see|read also|also read|related|recommended|don'?t miss|"
                               r"in case you missed it|more|also|read more|more on this)\b\W*$", re.I)
# A call to click, anywhere in a short line ("Get the app by clicking here").
CLICK_HERE = re.compile(r"\bclick(ing)? (here|below|to)\b", re.I)
# An agency's sign-off or a contact line closing a release: "-- Jakarta newsroom +6221
# 384-6364", "For more information, media may contact ... at 910-432-3383", "Contact: ...".
# A story's own sentence with a number to call ("Anyone with information should call ...")
# starts otherwise.
SIGN_OFF = re.compile(r"^(--|—|–)\s*\S")
CONTACT_LEAD = re.compile(
    r"^(\(?for (more|further) (information|details)\b|media (contacts?|inquiries|enquiries)\b|"
    r"(press|media) (office|contacts?)\b|contacts?:|tel(ephone)?\b|phone:|fax:|e-?mail:)", re.I)
CONTACT_WORDS = re.compile(r"\b(newsroom|news desk|desk|bureau|contact|tel|phone|fax|e-?mail)\b", re.I)

MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
          "june|july|august|september|october|november|december|januar|februar|märz|mai|juni|"
          "juli|oktober|dezember|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|"
          "setembro|outubro|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|"
          "septiembre|octubre|noviembre|diciembre|janvier|février|mars|avril|juin|juillet|"
          "août|septembre|octobre|novembre|décembre")
DATE_WORDS = frozenset((MONTHS + "|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                        "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|am|pm|a|p|m|at|on|et|est|"
                        "edt|gmt|utc|bst|cet|cest|pst|pdt|updated|published|posted|last|"
                        "modified|date|de|el|le|um|uhr|h|t|z|th|st|nd|rd|of|by|first").split("|"))
# How long the story takes to read, printed beside the date: "4 min read", "Reading time: 3 minutes".
READING_TIME = re.compile(r"^[•·|-]?\s*(\d+\s*(min(ute)?s?|mins?)\.? read|(estimated )?reading time\b|"
                          r"tempo de leitura\b|lesezeit\b|temps de lecture\b|tiempo de lectura\b)", re.I)
# A bare time or age stamp: "08:51", "7H ago", "2 hours ago", "yesterday".
CLOCK_OR_AGO = re.compile(r"^((updated|published|posted)( at|:)?\s+)?(\d{1,2}:\d{2}(:\d{2})?(\s*[ap]\.?m\.?)?|"
                          r"((\d+|an?)\s*(s|sec|m|min|h|hr|d|seconds?|minutes?|hours?|days?|weeks?|months?)"
                          r"\s+ago)|yesterday|today)$", re.I)
NUMERIC_DATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")
MONTH_WORD = re.compile(rf"\b({MONTHS})\b\.?", re.I)

# -- Story parts that are not prose: kept, and put where they belong ---------------------------
# A list's line that names its label first: "Backs: Mike Blair, Andy Craig", "Goalkeepers - ...".
LABELLED_LIST = re.compile(r"^[A-Z][\w'’ .]{0,30}?\s?[:–—-]\s")
# A dateline: where (and when) the story was filed. The place is in capitals, perhaps with
# its country or state after a comma in any case ("NOVYE ATAGI, Russia").
_PLACE = r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?: ?, ?[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2})?"
_DAY = rf"(?i:{MONTHS})\.? \d{{1,2}}"
# On a line of its own, with the date: "ROME 1996-12-06", "LONDON, Dec 6".
DATELINE_LINE = re.compile(rf"^(?P<place>{_PLACE})\s?,?\s(?P<date>\d{{4}}-\d{{2}}-\d{{2}}|{_DAY}(?:,? \d{{4}})?)$")
# Opening the first paragraph: "LONDON (Reuters) - ", "KABUL, Afghanistan (AP) — ",
# "ROME, Dec 6 (Reuters) - ", "BEIRUT — ".
DATELINE_LEAD = re.compile(rf"^(?P<place>{_PLACE})(?:,? (?P<date>{_DAY}))?(?: \((?P<agency>[A-Z][\w.&'’ -]{{0,30}})\))?"
                           rf" ?[—–-]{{1,2}} ")
# "Washington D.C./10.06.23/Turan: ": place, day.month.year and agency between slashes.
DATELINE_DOTTED = re.compile(r"^(?P<place>[^/\n]{2,40})/(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{2,4})/"
                             r"\s*(?P<agency>[^:/\n]{2,40}):")
# Capital words that open a paragraph like a dateline's place but label it instead.
NOT_PLACES = frozenset({"update", "updated", "breaking", "exclusive", "analysis", "opinion", "editorial",
                        "watch", "video", "live", "photos", "listen", "audio", "sponsored", "correction",
                        "note", "editor's note", "warning", "spoiler", "recap", "review", "q&a"})

# -- HTML: names and attributes of elements ----------------------------------------------------
# Elements that never hold story text.
FURNITURE_TAGS = ("script", "style", "noscript", "template", "svg", "math", "nav", "header",
                  "footer", "aside", "button", "select", "input", "textarea", "label", "iframe",
                  "figure", "figcaption", "picture", "video", "audio", "canvas", "object",
                  "embed", "map", "dialog", "menu", "link", "meta", "head")
# class/id/role words of widgets and page furniture. A word matches when one of the
# name's tokens (split at spaces, dashes, underscores and camelCase) starts with it.
# Widget words name things that are never story text, even inside the story's container
# ("article-comments", "post-share").
WIDGET_WORDS = (
    "comment", "disqus", "respond", "reply", "share", "sharing", "social", "related", "promo",
    "newsletter", "sidebar", "cookie", "consent", "gdpr", "subscribe", "signup", "breadcrumb",
    "outbrain", "taboola", "recommend", "advert", "sponsor", "popup", "modal", "footer", "nav",
    "menu", "trending", "popular", "most", "paywall", "login", "signin", "tooltip", "popover",
    "hovercard", "flyout")
# Furniture words name things that are usually not story text (captions, bylines, tag
# lists); an element so named goes unless it holds several story-shaped paragraphs
# (a caption or a teaser card holds one).
FURNITURE_WORDS = (
    "caption", "credit", "byline", "author", "widget", "meta", "tags", "tag", "toolbar", "tools",
    "print", "masthead", "skip", "hidden", "rating", "follow", "gallery", "slideshow", "carousel",
    "timestamp", "date", "dek", "headline", "title", "pagination", "pager", "bio", "icon",
    "badge", "alert", "ticker", "banner", "teaser", "tease", "card", "feed", "rail", "embed",
    "video", "playlist", "readmore", "more", "next", "prev", "image", "img", "photo", "media",
    "figure", "thumb")
# Tokens that are widgets only as whole words ("ad" must not match "adapt" or "address"),
# and the ARIA roles of asides and footers ("contentinfo" must not count as "content").
WIDGET_TOKENS = frozenset({"ad", "ads", "adv", "advertisement", "aside", "hed", "kicker",
                           "overlay", "sticky", "partner", "complementary", "contentinfo"})
POSITIVE_WORDS = ("article", "story", "content", "body", "post", "entry", "text", "main",
                  "blog", "prose", "paragraph")
# class/id words of content shown only on demand (a name's hover card, a tooltip): removed
# whole even from inside a sentence, never glued into it.
POPUP_WORDS = ("tooltip", "popover", "hovercard", "popup", "flyout", "modal")
# A pop-up card glued to the link before it holds an image, links or a block of its own, or
# at least this much text (a footnote mark or a plural "s" glued to a link is not a card).
CARD_MIN_CHARS = 20
# ARIA roles of content shown only on demand (a tooltip, a pop-up dialog): never part of a sentence.
POPUP_ROLES = frozenset({"tooltip", "dialog", "alertdialog"})
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
