"""Title, date, outlet and author rules, and mentioned dates, on small examples written
for the tests (no spaCy here)."""

from datetime import date

import pytest

from searcher.article import Article, Removed
from searcher.dates import date_line, mentioned_dates
from searcher.extract.html import clean_html, lenient_json
from searcher.extract.metadata import (canonical_outlet, clean_author, date_from_url, extract_metadata,
                               outlet_from_domain)
from searcher.extract.pipeline import clean_article


def article(raw: str = "", body: str = "", title: str | None = None, removed=(), source=None,
            page_meta=None, fmt: str = "text") -> Article:
    """An article as the cleaner leaves it."""
    return extract_metadata(Article(path="x.txt", raw=raw or body, format=fmt, title=title, body=body,
                                    removed=[Removed(text, reason) for text, reason in removed],
                                    source=source or {}, page_meta=page_meta or {}))


STORY = ("Harbour officials said on Tuesday that the new cranes will double capacity by next spring.\n"
         "The port authority expects the work to finish before the monsoon season begins.")


def page(head: str = "", header: str = "", aside: str = "") -> str:
    """A news page: the story's <h1>, what is printed by it (`header`), the story, and a
    box of other stories (`aside`)."""
    story = "".join(f"<p>{line} The harbour board met again on the quay to discuss it.</p>"
                    for line in STORY.split("\n"))
    return (f"<html><head><title>Cranes arrive | Harbour Times</title>{head}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/port'>Port</a></nav><article><header><h1>Cranes arrive</h1>"
            f"{header}</header>{story}</article><div class='related-stories'>{aside}</div></body></html>")


def html_article(raw: str, url: str | None = None) -> Article:
    """A page through the real cleaner and metadata stages."""
    return extract_metadata(clean_article(Article(path="x.html", raw=raw, format="html",
                                                  source={"url": url} if url else {})))


# -- published ---------------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("Tuesday, March 5, 2024", date(2024, 3, 5)),
    ("5 March 2024", date(2024, 3, 5)),
    ("Published: March 5, 2024 at 9:30 a.m. EST", date(2024, 3, 5)),
    ("Updated 14:02 GMT, 05.03.2024", date(2024, 3, 5)),  # dotted dates are day.month.year
    ("2024-03-05T09:30:00Z", date(2024, 3, 5)),
    ("The vote on March 5, 2024 was close", None),  # a sentence, not a date line
    ("31.02.24", None),
    ("2024/03/05 09:30", date(2024, 3, 5)),
    ("Posted 21/03/2024", date(2024, 3, 21)),
    ("Posted 03/21/2024", date(2024, 3, 21)),
    ("Posted 03/05/2024", None),  # March 5 or May 3: cannot tell
])
def test_date_lines(line, expected):
    assert date_line(line) == expected


def test_published_from_page_date_line_not_from_dates_the_story_mentions():
    raw = "Monday, 4 November 2024\nCranes arrive\n" + STORY + "\nThe last cranes came on January 9, 2019."
    a = article(raw=raw, body=STORY + "\nThe last cranes came on January 9, 2019.", title="Cranes arrive")
    assert a.published == date(2024, 11, 4)
    undated = article(body="The last cranes came on January 9, 2019, officials said in a long statement.")
    assert undated.published is None


def test_dates_of_other_stories_below_this_one_are_not_its_date():
    raw = f"Cranes arrive\n{STORY}\nShare this\nMore stories\nPrices fall\nJanuary 3, 2022\nRain ahead\n"
    a = article(raw=raw, body=STORY, title="Cranes arrive",
                removed=[("Share this", "widget"), ("More stories", "related"), ("Prices fall", "teaser"),
                         ("January 3, 2022", "date line"), ("Rain ahead", "teaser")])
    assert a.published is None
    raw = f"Cranes arrive\n{STORY}\nPublished January 3, 2022\n"
    assert article(raw=raw, body=STORY, title="Cranes arrive",
                   removed=[("Published January 3, 2022", "date line")]).published == date(2022, 1, 3)


def test_published_from_dotted_dateline_is_day_month_year():
    body = "Ankara/03.04.22/Anka: Officials said the new line opens in May, well ahead of schedule."
    a = article(body=body)
    assert a.published == date(2022, 4, 3)
    assert a.outlet == "Anka"


def test_published_precedence_sidecar_then_page_then_text_then_url():
    raw = "June 2, 2021\n" + STORY
    url = "https://example-news.com/2020/01/15/cranes"
    assert article(raw=raw, body=STORY, source={"published": "2019-05-05", "url": url}).published == date(2019, 5, 5)
    assert article(raw=raw, body=STORY, page_meta={"published": "2018-03-03T10:00:00+02:00"},
                   source={"url": url}).published == date(2018, 3, 3)
    assert article(raw=raw, body=STORY, source={"url": url}).published == date(2021, 6, 2)
    assert article(body=STORY, source={"url": url}).published == date(2020, 1, 15)


def test_published_from_html_markup():
    page = ('<html><body><nav><time datetime="2020-01-01">Today</time></nav><h1>Cranes arrive</h1>'
            '<p>By Ana Ruiz <time datetime="2023-03-07T09:00:00Z">March 7</time></p><p>{}</p></body></html>')
    def html_article(raw: str) -> Article:  # with the page metadata the HTML cleaner reads
        return article(raw=raw, body=STORY, fmt="html", page_meta=clean_html(raw)[1])

    assert html_article(page.format(STORY)).published == date(2023, 3, 7)
    marked = '<meta itemprop="datePublished" content="2022-02-02"><h1>X</h1><time datetime="2023-03-07">'
    assert html_article(marked).published == date(2022, 2, 2)
    assert html_article("<h1>X</h1><p>no date</p>").published is None


UTC_EVENING = '<meta property="article:published_time" content="2019-11-20T01:53:00Z">'


def test_published_is_the_local_date_the_page_prints_not_the_utc_one():
    # 5:53 PM in Los Angeles on the 19th is 01:53 UTC on the 20th
    shown = '<div class="story-date">Nov. 19, 2019 5:53 PM</div>'
    assert html_article(page(UTC_EVENING, shown)).published == date(2019, 11, 19)
    local = '<time datetime="2019-11-19T17:53:00-08:00">5:53 PM</time>'
    assert html_article(page(UTC_EVENING, local)).published == date(2019, 11, 19)
    assert html_article(page(UTC_EVENING), url="https://x.com/2019/11/19/cranes").published == date(2019, 11, 19)
    declared_local = '<meta property="article:published_time" content="2019-11-19T17:53:00-08:00">'
    assert html_article(page(declared_local)).published == date(2019, 11, 19)
    # with nothing that says otherwise, the declared date stands
    assert html_article(page(UTC_EVENING)).published == date(2019, 11, 20)


def test_published_ignores_printed_dates_the_declared_instant_cannot_be():
    afternoon = '<meta property="article:published_time" content="2019-11-20T14:00:00Z">'
    # 14:00 UTC is the 20th everywhere from UTC-12 to UTC+14
    assert html_article(page(afternoon), url="https://x.com/2019/11/19/cranes").published == date(2019, 11, 20)
    revised = '<div class="story-date">Updated Nov. 23, 2019 9:00 AM</div>'
    assert html_article(page(afternoon, revised)).published == date(2019, 11, 20)


def test_published_prefers_the_posted_date_to_the_updated_one():
    late = '<meta property="article:published_time" content="2019-11-19T01:19:00Z">'
    dateline = '<div class="dateline">Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM</div>'
    assert html_article(page(late, dateline)).published == date(2019, 11, 18)


def test_published_from_the_date_printed_by_the_headline_when_nothing_is_declared():
    shown = '<div class="article-info"><span class="publish-date">November 19, 2019, 9:02 AM</span></div>'
    assert html_article(page(header=shown)).published == date(2019, 11, 19)
    assert html_article(page(header="<div>October 12, 2017</div>")).published == date(2017, 10, 12)
    byline = '<div class="css-1x7k2">Written by Ana Ruiz, MS, RD on November 14, 2019</div>'
    assert html_article(page(header=byline)).published == date(2019, 11, 14)
    # another story's date, in the box of related stories, is not this one's
    teaser = '<h3>Prices fall</h3><span class="date">March 3, 2018</span>'
    assert html_article(page(aside=teaser)).published is None


def test_json_read_leniently():
    assert lenient_json('{"a": [1, 2, ], "b": {"c": "d",},}') == {"a": [1, 2], "b": {"c": "d"}}
    assert lenient_json('{"a": "line one\nline two\ttab"}') == {"a": "line one\nline two\ttab"}
    assert lenient_json('<!--\n{"a": 1} // the story\n-->') == {"a": 1}
    assert lenient_json('{"a": /* old */ 1}') == {"a": 1}
    assert lenient_json('{"d": "the "Jewels", a light show", "e": 2}') == {"d": 'the "Jewels", a light show', "e": 2}
    assert lenient_json('{"a": 1}\n{"b": 2};') == [{"a": 1}, {"b": 2}]
    assert lenient_json('{"a": "x" "b"') is None
    assert lenient_json("[" * 100_000 + "]" * 100_000) is None  # too deep to read: skipped, not a crash


def test_json_ld_with_a_trailing_comma_is_read():
    broken = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2019-11-19T08:00:00-05:00",'
              ' "author": {"@type": "Person", "name": "Ana Ruiz"}, "keywords": ["ports", "cranes", ],}</script>')
    a = html_article(page(broken))
    assert a.published == date(2019, 11, 19) and a.author == "Ana Ruiz"


def test_date_from_url():
    assert date_from_url("https://x.com/news/2022/12/11/2003790518") == date(2022, 12, 11)
    assert date_from_url("https://x.com/news/story-3688768") is None
    assert date_from_url("https://x.com/statements/2019/nov/18/who/") == date(2019, 11, 18)
    assert date_from_url("https://x.com/cells-set-off-immune-responses-20191115/") == date(2019, 11, 15)
    assert date_from_url("https://x.com/a/2003790518") is None


def test_date_printed_with_the_byline():
    a = article(body=STORY, removed=[("By Ana Ruiz | March 7, 2023", "byline")])
    assert a.published == date(2023, 3, 7) and a.author == "Ana Ruiz"


# -- mentioned dates ---------------------------------------------------------------------

def test_date_mentions_are_told_every_character_they_start_with():
    # Told in the case they are written in: the month and weekday names' capitals, the
    # cue words' letters in either case (and no small "a", "o" or "w").
    from searcher.dates import _MENTIONS
    from tests.test_clean import told_first_characters

    told, starts = told_first_characters(_MENTIONS.pattern)
    assert starts <= told and {"s", "S", r"\d"} <= starts and not {"a", "o", "w"} & told


def test_mentioned_dates_resolve_against_publication_date():
    text = ("Images taken on April 3 show the site. Traffic rose between August and September 2022. "
            "The minister spoke on Friday and will return on December 28.")
    published = date(2023, 1, 6)  # a Friday
    # "taken on April 3" is last April; "will return on December 28" the coming one
    assert mentioned_dates(text, published) == [
        date(2022, 4, 3), date(2022, 8, 1), date(2022, 9, 1), date(2023, 1, 6), date(2023, 12, 28)]


def test_mentioned_dates_without_publication_date_keep_only_complete_ones():
    text = "Shipments grew from May 2021 to March 14, 2022. More came on June 2 and on Friday. May we?"
    assert mentioned_dates(text) == [date(2021, 5, 1), date(2022, 3, 14)]


def test_month_alone_is_the_nearest_one_unless_the_cue_or_the_tense_says_which():
    text = "In November, the board met. Since March, nothing. The harvest is in June; next February too."
    assert mentioned_dates(text, date(2024, 2, 1)) == [
        date(2023, 3, 1), date(2023, 11, 1), date(2024, 6, 1), date(2025, 2, 1)]
    published = date(2019, 11, 20)
    assert mentioned_dates("The new model goes on sale in late January.", published) == [date(2020, 1, 1)]
    assert mentioned_dates("The partnership began last November.", published) == [date(2018, 11, 1)]
    assert mentioned_dates("The plant will be rebuilt by October.", published) == [date(2020, 10, 1)]


PUBLISHED = date(2019, 11, 19)  # a Tuesday


@pytest.mark.parametrize("sentence, expected", [
    # a date without a year in a sentence that looks ahead is the next one, else the last one
    ("The band will tour again next year: the trek kicks off June 9th in Tampa.", date(2020, 6, 9)),
    ("The quartet plans a reunion, and the tour stops in Leeds on July 22.", date(2020, 7, 22)),
    ("Her sentencing is scheduled for Feb. 14, prosecutors said.", date(2020, 2, 14)),
    ("The new speeds come into effect on 17 February for home customers.", date(2020, 2, 17)),
    ("The final is to be played on 11 June in Accra.", date(2020, 6, 11)),
    ("The festival itself runs until 24 January.", date(2020, 1, 24)),
    ("The suspect was arrested on June 9 after a long search.", date(2019, 6, 9)),
    ("Officials said the ship arrived in port on March 14.", date(2019, 3, 14)),
    ("On 10 March, the committee reportedly asked for a second opinion.", date(2019, 3, 10)),
    ("Sales have risen sharply since August 2 across the region.", date(2019, 8, 2)),
    ("The June 9 incident is still under review.", date(2019, 6, 9)),  # nothing says: the past
    ("The Harbour United club met its rivals on June 9.", date(2019, 6, 9)),  # a name is no verb
])
def test_month_day_without_year_goes_the_way_its_sentence_looks(sentence, expected):
    assert mentioned_dates(sentence, PUBLISHED) == [expected]


def test_list_of_dates_under_a_forward_looking_sentence_looks_ahead_too():
    text = ("The quartet will tour North America next summer. Dates:\n"
            "June 9 – Tampa, FL @ Harbour Amphitheatre\nJuly 2 – Austin, TX @ Riverside Hall\n"
            "Oct. 10 – Denver, CO @ Summit Arena")
    assert mentioned_dates(text, PUBLISHED) == [date(2020, 6, 9), date(2020, 7, 2), date(2020, 10, 10)]


@pytest.mark.parametrize("sentence, expected", [
    ("The show opens to the public on Friday.", [date(2019, 11, 22)]),
    ("Tickets go on sale Friday, Dec. 6, at 10 a.m.", [date(2019, 12, 6)]),  # the weekday of that date
    ("The agency said Monday that the study was complete.", [date(2019, 11, 18)]),
    ("Hopes faded after Monday night's loss to the Rovers.", [date(2019, 11, 18)]),
    ("Russia beat Croatia on Monday.", [date(2019, 11, 18)]),
    ("Black Friday deals are already live at most stores.", []),  # a named day, not this week's Friday
    ("The Rovers won't have their captain in the lineup Wednesday night.", [date(2019, 11, 20)]),
    ("The minister spoke this Tuesday.", [date(2019, 11, 19)]),
])
def test_weekdays_go_the_way_their_sentence_looks(sentence, expected):
    assert mentioned_dates(sentence, PUBLISHED) == expected


def test_abbreviated_months_and_written_years():
    text = "The vote is set for Dec. 12; the count ended Sept. 29. It began on 1 May, 2002 and in October of 2006."
    assert mentioned_dates(text, PUBLISHED) == [date(2002, 5, 1), date(2006, 10, 1), date(2019, 9, 29),
                                                date(2019, 12, 12)]


def test_article_dates_come_from_the_body():
    a = article(raw="January 10, 2024\n" + STORY, body=STORY)
    assert a.dates == [date(2024, 1, 9)]  # "on Tuesday" before Wednesday January 10


# -- outlet ------------------------------------------------------------------------------

def test_outlet_precedence():
    paren = "(Zenit) — " + STORY
    assert article(body=paren, source={"outlet": "Side Post", "url": "https://www.cnn.com/x"}).outlet == "Side Post"
    assert article(body=paren, source={"outlet": "wsj"}).outlet == "The Wall Street Journal"  # one spelling
    assert article(body=paren, page_meta={"site_name": "Meta Daily"},
                   source={"url": "https://www.cnn.com/x"}).outlet == "Meta Daily"
    assert article(body=paren, source={"url": "https://edition.cnn.com/x"}).outlet == "CNN"
    # an unknown domain: the text's own attribution says whose story it is
    assert article(body=paren, source={"url": "https://reposts.example.org/x"}).outlet == "Zenit"
    assert article(body=STORY, source={"url": "https://www.harbourtimes.com.au/x"}).outlet == "Harbour Times"


def test_outlet_from_text_attribution():
    assert article(body="LAGOS (Reuters) - " + STORY).outlet == "Reuters"
    assert article(body="(AP) — " + STORY).outlet == "Associated Press"
    assert article(body="(Updated) — " + STORY).outlet is None
    assert article(body="Officials met today, ZENIT's Lagos correspondent reports. " + STORY).outlet == "Zenit"


def test_republished_story_credits_the_outlet_it_keeps_naming():
    body = ("Ferries now carry twice as many trucks across the bay, Harbour Wire reported.\n"
            "Harbour Wire reached out to the operator for comment.\n"
            "Data seen by Harbour Wire shows the trend began last year.")
    assert article(body=body).outlet == "Harbour Wire"
    cited_once = "Ferries now carry twice as many trucks, the Daily Planet reported.\nOfficials agreed."
    assert article(body=cited_once).outlet is None
    # a company named all through a business story, which "reported" its results once
    company = ("Brewer Hopfield said profits rose 40% last year.\nDemand for Hopfield beer grew in Asia.\n"
               "Sales in Europe fell, Hopfield reported.\nHopfield expects growth to continue.")
    assert article(body=company).outlet is None


def test_outlet_named_in_the_byline_or_a_contributor_line():
    assert article(body=STORY, removed=[("By Ana Ruiz, Reuters", "byline")]).outlet == "Reuters"
    assert article(body=STORY, removed=[("By Ana Ruiz, Harbour Daily", "byline")]).outlet is None  # unknown
    body = STORY + "\nThe Associated Press' Li Wei contributed to this report."
    assert article(body=body).outlet == "Associated Press"


def test_republished_story_with_a_source_line():
    assert article(body=STORY, removed=[("Source: Harbour Wire", "widget")]).outlet == "Harbour Wire"
    raw = STORY + "\nThis article originally appeared on harbourtimes.com."
    assert article(raw=raw, body=STORY).outlet == "Harbour Times"


def test_date_inside_a_byline():
    byline = "By Ana Ruiz, Harbour Times Updated 10:02 AM EST, Tue March 5, 2024"
    a = article(raw=f"Cranes arrive\n{byline}\n{STORY}", body=STORY, title="Cranes arrive",
                removed=[(byline, "byline")])
    assert a.published == date(2024, 3, 5) and a.author == "Ana Ruiz"


def test_photo_credit_and_additional_reporting_never_name_the_outlet():
    a = article(body=STORY, removed=[("Photo: Reuters", "photo credit"), ("AFP", "photo credit"),
                                     ("Additional reporting by Reuters", "byline")])
    assert a.outlet is None and a.author is None


def test_outlet_names():
    assert outlet_from_domain("ibtimes.co.uk") == "International Business Times"
    assert outlet_from_domain("news.kyivpost.com") == "Kyiv Post"
    assert outlet_from_domain("the-daily-star.net") == "The Daily Star"
    assert canonical_outlet("TURAN") == "Turan"
    assert canonical_outlet("CNN") == "CNN"
    assert canonical_outlet("KWCHCIK") == "KWCHCIK"  # an acronym, not a word in capitals
    assert canonical_outlet("THE HARBOUR TIMES") == "The Harbour Times"
    assert canonical_outlet("Wall Street Journal") == "The Wall Street Journal"


def test_outlet_from_page_site_name():
    def outlet(site_name, url="https://www.metrodesk.com/a"):
        return article(body=STORY, page_meta={"site_name": site_name}, source={"url": url}).outlet
    assert outlet("Harbour Times | Your port, your news") == "Harbour Times"
    assert outlet("@HarbourTimes") == "HarbourTimes"
    assert outlet("metrodesk") == "Metrodesk"  # a lower-case handle: the domain reads better
    assert outlet("harbourtimes", "https://harbourtimes.net/a") == "Harbour Times"
    assert outlet("WSJ", "https://www.wsj.com/a") == "The Wall Street Journal"


def test_outlet_credited_as_author_is_no_author():
    a = article(body=STORY, page_meta={"site_name": "Harbour Times", "author": "The Harbour Times"})
    assert a.author is None and a.outlet == "Harbour Times"


def test_site_is_the_saved_from_domain():
    a = article(body=STORY, source={"url": "https://www.example.org/a/b"})
    assert a.site == "example.org" and a.url == "https://www.example.org/a/b"


# -- author ------------------------------------------------------------------------------

@pytest.mark.parametrize("byline, expected", [
    ("By Ana Ruiz", "Ana Ruiz"),
    ("By ANA RUIZ", "Ana Ruiz"),
    ("By Ana Ruiz, Harbour Times", "Ana Ruiz"),
    ("Ana Ruiz Senior Correspondent", "Ana Ruiz"),
    ("Chief Reporter", None),
    ("(Reporting by Ana Ruiz; Editing by Tom Fox)", "Ana Ruiz"),
    ("By Ana Ruiz, Li Wei and Tom Fox", "Ana Ruiz, Li Wei and Tom Fox"),
    ("Written by Ana Ruiz and Tom O'Neil, Reuters", "Ana Ruiz and Tom O'Neil"),
    ("By Editor", None),
    ("Creator. Award-winning coffee fanatic. Gamer.", None),  # a bio line
    ("Additional reporting by Ana Ruiz", None),
    ("https://facebook.com/anaruiz", None),
    ("Lucía Fernández", "Lucía Fernández"),
    ("By Rubén del Campo and Siobhán O'Neil", "Rubén del Campo and Siobhán O'Neil"),
    ("By J. R. Okafor", "J. R. Okafor"),
    ("by Oskar Brandt", "Oskar Brandt"),
    ("By Tom DeVries @TomDeVries Nov 18, 2019 at 9:24 pm ET • 2 min read", "Tom DeVries"),
    ("by Oskar Brandt | November 19, 2019 12:01 PM", "Oskar Brandt"),
    ("Oskar Brandt. Harbour Wire International", "Oskar Brandt"),
    ("Ana Ruiz, Li Wei", "Ana Ruiz and Li Wei"),
    ("By Ana Ruiz , Li Wei on Monday, November 18th, 2019 at 11:08 a.m.", "Ana Ruiz and Li Wei"),
    ("By ANA RUIZ and LI WEI Associated Press", "Ana Ruiz and Li Wei"),
    ("Ana Ruiz Harbour Today", "Ana Ruiz"),
    ("Written by Ana Ruiz, MS, RD on November 14, 2019", "Ana Ruiz"),
    ("| BY: Ana Ruiz", "Ana Ruiz"),
    ("By Ana Ruiz harbourtimes.com November 18, 2019", "Ana Ruiz"),
    ("By Ana Ruiz - Harbour Times Contributor", "Ana Ruiz"),
    ("By HARBOUR POST STAFF", None),
    ("Harbour News wire services", None),
    ("Ana Ruiz is a reporter covering the port", None),
    ("By", None),
    ("PTI", "PTI"),  # an agency's acronym stays one
    ("PTI, Lagos, Nov 20 2019, 10:18am IST", "PTI"),
])
def test_clean_author(byline, expected):
    assert clean_author(byline) == expected


def test_author_from_the_byline_printed_by_the_headline():
    byline = ('<ul class="article-author"><li class="author-name">by Tom DeVries @TomDeVries Nov 18, 2019 at '
              '9:24 pm ET &bull; 2 min read</li></ul>')
    assert html_article(page(header=byline)).author == "Tom DeVries"
    linked = '<div class="story-meta"><a rel="author" href="/people/lindqvist">Mara Lindqvist</a> 4 min read</div>'
    assert html_article(page(header=linked)).author == "Mara Lindqvist"
    refs = '<div class="b-article__refs-author">by Oskar Brandt</div>'
    declared = '<meta name="author" content="Oskar Brandt. Harbour Wire International">'
    assert html_article(page(declared, refs)).author == "Oskar Brandt"
    assert html_article(page(declared)).author == "Oskar Brandt"


def test_author_from_the_printed_byline_when_metadata_names_fewer():
    declared = '<meta name="author" content="Ana Ruiz">'
    byline = '<p class="byline">By Ana Ruiz and Li Wei</p>'
    assert html_article(page(declared, byline)).author == "Ana Ruiz and Li Wei"
    assert html_article(page(declared, '<p class="byline">By Tom Fox</p>')).author == "Ana Ruiz"


def test_a_byline_naming_a_desk_is_not_overruled_by_other_stories_bylines():
    desk = '<div class="author">By HARBOUR TIMES STAFF</div>'
    teasers = '<ul class="breaking-news"><li>Prices fall</li><li>By REUTERS 11/20/2019</li></ul>'
    assert html_article(page(header=desk + teasers)).author is None


def test_author_keeps_an_agency_acronym():
    assert article(body=STORY, page_meta={"author": "PTI"}).author == "PTI"


def test_author_from_a_byline_line_at_the_top_of_the_story():
    body = "By Oskar Brandt | November 19, 2019\n" + STORY
    assert article(body=body).author == "Oskar Brandt"


def test_author_from_labelled_byline_not_bio():
    a = article(body=STORY, removed=[("Mara Lindqvist", "byline (name printed twice)"),
                                     ("\"Explorer. Lifelong writer.\"", "author bio")])
    assert a.author == "Mara Lindqvist"


def test_author_from_signature_line_after_the_story():
    raw = "Cranes arrive\n" + STORY + "\nMara Lindqvist\nIn Business\n"
    a = article(raw=raw, body=STORY, title="Cranes arrive", removed=[("Mara Lindqvist", "short line"),
                                                                     ("In Business", "section label")])
    assert a.author == "Mara Lindqvist"
    assert article(body=STORY).author is None


# -- title -------------------------------------------------------------------------------

def test_title_precedence_and_rejections():
    assert article(body=STORY, title="Cranes arrive", source={"title": "Sidecar title"}).title == "Sidecar title"
    assert article(body=STORY, title="Cranes arrive", page_meta={"title": "Other"}).title == "Cranes arrive"
    # a date line or the site's name is not a headline; the page's title minus the site name is used
    meta = {"title": "Cranes arrive at last | Harbour Times", "site_name": "Harbour Times"}
    assert article(body=STORY, title="Monday, 4 November 2024", page_meta=meta).title == "Cranes arrive at last"
    assert article(body=STORY, title="Harbour Times", page_meta={"site_name": "Harbour Times"}).title is None
    assert article(body=STORY).title is None
