"""The plain-text cleaner, one rule family at a time, on small articles written for the tests."""

import re
from collections import Counter
from datetime import date

import pytest

from searcher.extract.clean import Cleaned, clean_blocks, clean_text, is_date_line, merge_fragments

from .wire_stories import STORIES as WIRE_STORIES

STORY = [
    "The harbour board voted on Tuesday to close the old ferry terminal at the end of the summer, "
    "ending more than a century of crossings from the north quay to the island.",
    "Board members said the building had become too costly to repair after two winters of storms, "
    "and that a new terminal on the south side of the bay would open next spring.",
    "Residents who rely on the morning crossing said they were worried about the longer drive to the "
    "new site, which is about four miles from the town centre.",
    "The board said it would run a shuttle bus from the old terminal to the new one for the first year "
    "and would publish a timetable in the coming weeks.",
]


def cleaned(*lines: str) -> Cleaned:
    return clean_text("\n".join(lines))


def reasons(result: Cleaned) -> dict[str, str]:
    return {r.text: r.reason for r in result.removed}


def test_story_paragraphs_are_kept_in_order():
    result = cleaned(*STORY)
    assert result.paragraphs == STORY


def test_every_block_is_kept_removed_or_the_title():
    lines = ["Ferry terminal to close after a century", "Home", "News", *STORY, "Share this:", "Leave a Reply"]
    result = cleaned(*lines)
    accounted = result.paragraphs + [r.text for r in result.removed] + [result.title]
    assert sorted(accounted) == sorted(lines)


# -- position: navigation before the core, furniture after it --------------------------------------

def test_navigation_before_the_story_is_dropped():
    result = cleaned("Home", "World", "Business", "Sport", "Weather", "Log in", *STORY)
    assert result.paragraphs == STORY
    assert all("before the story" in reasons(result)[w] for w in ("Home", "Sport", "Log in"))


def test_teaser_list_after_a_related_heading_is_dropped():
    teasers = ["Council approves new cycle lanes for the high street",
               "Plans for the cycle lanes were first drawn up in 2019 and have been revised twice since then.",
               "Bakery wins regional prize for its sourdough loaf",
               "The family-run bakery beat forty entries from across the county to take the top award."]
    result = cleaned(*STORY, "More like this", *teasers)
    assert result.paragraphs == STORY
    assert "other stories" in reasons(result)["More like this"]
    assert all(t in reasons(result) for t in teasers)


def test_teasers_separated_by_dash_lines_after_a_section_label_are_dropped():
    teasers = ["Two rival unions agreed on Monday to merge, creating the largest workers' group in the region.",
               "The central bank left interest rates unchanged for the fourth month in a row, citing inflation."]
    result = cleaned(*STORY, "In Business", "-", teasers[0], "-", teasers[1])
    assert result.paragraphs == STORY
    assert reasons(result)["In Business"] == "section label"
    assert reasons(result)["-"] == "separator line"


def test_heavy_teasers_on_the_same_topic_after_a_byline_and_section_label_stay_out():
    # A byline and a section label end the story, however much text about the same
    # things follows (a share bar in the story's middle does not: see below).
    story = [" ".join([p] * 3) for p in STORY]
    teasers = [f"The ferry board and the island council met again on {day} to discuss the terminal, the new "
               f"boats and the timetable for the summer, and residents asked again about the longer drive."
               for day in ("Monday", "Tuesday", "Wednesday", "Thursday")]
    result = cleaned(*story, "Maria Okafor", "In Business", "-", teasers[0], "-", teasers[1], "-", teasers[2],
                     "-", teasers[3])
    assert result.paragraphs == story


def test_a_long_story_beats_a_list_of_short_teasers_with_gaps():
    teaser_list = []
    for n in range(6):
        teaser_list += [f"Watch {n}", "3H ago", f"A local charity opened its {n}th shop on the high street today, "
                        "volunteers said at the opening."]
    result = cleaned(*teaser_list, "Trending", *STORY)
    assert result.paragraphs == STORY


# -- shape: fragments, length, sentence shape, stop words ---------------------------------------

def test_a_sentence_broken_over_lines_by_links_is_glued_back():
    lines = ["The mayor said, according to the", "Daily Courier", ", that the plan", "would go ahead."]
    assert merge_fragments(lines) == ["The mayor said, according to the Daily Courier, that the plan would go ahead."]


def test_a_quotation_closed_after_a_comma_goes_on_on_the_next_line():
    assert merge_fragments(["“We will reopen next year,”", "the harbour master said."]) == [
        "“We will reopen next year,” the harbour master said."]


def test_a_ticker_link_in_brackets_is_glued_back_into_its_sentence():
    lines = ["Shares in the", "Harbour Ferry Company", "(", "HFC) fell 3% after the announcement, while the island's",
             "Tourism Index", "(", "TIX) rose."]
    assert merge_fragments(lines) == [
        "Shares in the Harbour Ferry Company (HFC) fell 3% after the announcement, while the island's "
        "Tourism Index (TIX) rose."]


def test_list_items_and_new_sentences_are_not_glued():
    assert merge_fragments(["Key points", "• First point here"]) == ["Key points", "• First point here"]
    assert merge_fragments(["It rained.", "then it stopped"]) == ["It rained.", "then it stopped"]


def test_text_in_a_language_without_stop_words_is_still_found():
    story = ["東京の古い映画館が来月閉館することになり、多くの常連客が最後の上映会に集まった。館主は建物の老朽化を理由に挙げた。",
             "映画館は六十年前に開館し、地元の人々に長く親しまれてきた。閉館後の跡地の利用はまだ決まっていない。"]
    result = cleaned("ホーム", "ニュース", *story, "関連記事")
    assert result.paragraphs == story


# -- cue phrases: widgets, prompts, credits, inline links ---------------------------------------

def test_share_and_comment_widgets_end_the_story():
    result = cleaned(*STORY, "Share post:", "Leave a Reply", "2 thoughts on “Ferry terminal to close”",
                     "What a shame, I took that ferry every morning for years and will miss it.")
    assert result.paragraphs == STORY
    assert "widget" in reasons(result)["Share post:"]
    assert "comment section" in reasons(result)["2 thoughts on “Ferry terminal to close”"]


def test_a_long_story_goes_on_past_a_share_bar_and_newsletter_box_in_its_middle():
    half = [" ".join([p] * 6) for p in STORY]  # long paragraphs: a story heavy enough to pay for the box
    result = cleaned(*half[:2], "Share this article", "Newsletter", "Get the Island Times delivered to your inbox",
                     "Subscribe now", *half[2:])
    assert result.paragraphs == half
    assert "widget phrase (share)" == reasons(result)["Share this article"]


def test_gallery_controls_capitals_teasers_and_a_byline_with_its_role_are_furniture():
    teaser = "'ISLAND FERRIES' CREW MEMBER OPENS UP ABOUT LIFE AT SEA"
    result = cleaned("Ferry terminal to close after a century", "Robert Burns, AP National Security Writer",
                     "Caption", "Close", "Image", "1 of 8", STORY[0], STORY[1], teaser, STORY[2], STORY[3])
    assert result.paragraphs == STORY
    found = reasons(result)
    assert found["Robert Burns, AP National Security Writer"] == "byline"
    assert "page control" in found["1 of 8"] and "page control" in found["Close"]
    assert "capitals" in found[teaser]


def test_inline_see_also_link_and_photo_credit_are_dropped_but_the_story_goes_on():
    result = cleaned(STORY[0], "See also Storm damage closes coastal road for a week", STORY[1],
                     "Photo: AP", STORY[2], STORY[3])
    assert result.paragraphs == STORY
    assert "see also" in reasons(result)["See also Storm damage closes coastal road for a week"]
    assert reasons(result)["Photo: AP"] == "photo credit"
    result = cleaned(STORY[0], STORY[1], "GET THE FERRY TIMES APP BY CLICKING HERE", STORY[2], STORY[3])
    assert result.paragraphs == STORY


def test_photo_caption_with_a_credit_inside_the_story_is_dropped():
    caption = "The old terminal building seen from the north quay in 2019. (AP Photo/Jane Roe)"
    result = cleaned(STORY[0], caption, *STORY[1:])
    assert result.paragraphs == STORY
    assert reasons(result)[caption] == "photo caption"


def test_an_embedded_post_with_its_signature_and_date_stays_in_the_story():
    post = ["Goodbye old ferry, you served us well https://t.co/abc123", "— Island Life (@islandlife)",
            "March 4, 2025"]
    result = cleaned(STORY[0], STORY[1], *post, STORY[2], STORY[3])
    assert result.paragraphs == [STORY[0], STORY[1], *post, STORY[2], STORY[3]]


def test_additional_reporting_credit_is_dropped():
    result = cleaned(*STORY, "Additional reporting by Jane Roe")
    assert result.paragraphs == STORY
    assert "reporting credit" in reasons(result)["Additional reporting by Jane Roe"]


def test_a_copyright_line_is_a_site_notice_but_a_photo_credit_is_inline():
    result = cleaned(*STORY[:2], "© Harbour Photos", *STORY[2:], "© 2025 The Island Times. All rights reserved.")
    assert result.paragraphs == STORY
    assert reasons(result)["© Harbour Photos"] == "photo credit"
    assert reasons(result)["© 2025 The Island Times. All rights reserved."] == "widget phrase (site notice)"


def test_cookie_notice_is_dropped_even_when_long():
    notice = ("This website uses cookies to improve your experience. By continuing to browse you consent "
              "to our use of cookies as described in our privacy policy.")
    result = cleaned(*STORY, notice)
    assert result.paragraphs == STORY
    assert "cookie" in reasons(result)[notice]


# -- bylines and date lines (the metadata module reads these reasons) ---------------------------

def test_a_name_printed_twice_is_a_byline():
    result = cleaned(*STORY, "Maria Okafor", "Maria Okafor", "Gardener. Coffee lover. Writes about towns.")
    assert result.paragraphs == STORY
    assert "byline" in reasons(result)["Maria Okafor"]
    assert reasons(result)["Gardener. Coffee lover. Writes about towns."] == "author bio (after the byline)"


def test_a_headline_shaped_like_a_name_is_not_the_author(tmp_path):
    article = extracted(f"Abu Talib\n{STORY[0]}\n{STORY[1]}", tmp_path)
    assert article.title == "Abu Talib" and article.author is None


def test_by_line_and_bare_name_after_the_story_are_bylines():
    assert "byline" in reasons(cleaned(*STORY, "By Tomas Lindqvist"))["By Tomas Lindqvist"]
    assert "byline" in reasons(cleaned(*STORY, "Tomas Lindqvist", "In Politics"))["Tomas Lindqvist"]


def test_date_lines():
    for line in ("Tuesday, March 4, 2025", "Nov. 19, 2019 8:03 am ET", "2018-08-16", "Updated: 12 May 2021"):
        assert is_date_line(line), line
    assert not is_date_line("The vote is on March 4, 2025")
    result = cleaned("Tuesday, March 4, 2025", "Ferry terminal to close after a century", *STORY)
    assert reasons(result)["Tuesday, March 4, 2025"] == "date line"


# -- teasers: kickers and cut-off text ----------------------------------------------------------

def test_kicker_style_teasers_are_dropped():
    kicker = ("BIG SPLASH: The new pool is twice the size of the old one, officials said The city council "
              "approved the pool last year after a long campaign by swimmers and local schools for a")
    result = cleaned(*STORY, kicker)
    assert result.paragraphs == STORY
    assert "kicker" in reasons(result)[kicker]


def test_teaser_cut_off_with_an_ellipsis_is_dropped():
    result = cleaned(*STORY, "Read next", "Island school to get new roof", "The island's only school has...")
    assert "cut off" in reasons(result)["The island's only school has..."]


# -- things inside the story that look short but belong to it ----------------------------------

def test_heading_inside_the_story_is_kept():
    result = cleaned(STORY[0], STORY[1], "What happens next", STORY[2], STORY[3])
    assert "What happens next" in result.paragraphs


def test_labels_and_numbers_between_story_paragraphs_are_dropped():
    result = cleaned(STORY[0], STORY[1], "3", "Back to gallery", "Close", STORY[2], STORY[3])
    assert result.paragraphs == STORY
    assert "short line inside the story" in reasons(result)["Back to gallery"]


def test_a_story_printed_twice_on_the_page_is_kept_once():
    result = cleaned(*STORY, "Advertisement", *STORY)
    assert result.paragraphs == STORY
    assert "repeated" in reasons(result)[STORY[0]]


def test_key_point_bullets_are_kept():
    bullets = ["• The ferry terminal closes at the end of the summer",
               "• A new terminal opens on the south side next spring"]
    result = cleaned("Ferry terminal to close after a century", "KEY POINTS", *bullets, *STORY)
    assert all(b in result.paragraphs for b in bullets)


def test_a_list_announced_with_a_colon_after_the_story_is_kept():
    dates = ["June 9 -- North Quay, Port Ellen", "June 12 -- South Pier, Port Ellen", "July 2 -- Ferry House, Craighouse"]
    result = cleaned(*STORY, "The last sailings are:", *dates, "Most popular", "Council approves new cycle lanes")
    assert result.paragraphs == [*STORY, "The last sailings are:", *dates]


# -- a wire story's parts that are not prose ----------------------------------------------------
# Synthetic stories in the shape agencies file them (tokenised as news corpora print them):
# a capitals headline, a byline, a dateline, then the story and its tables and lists.

WIRE_HEAD = ["ROWING - HARBOUR CREWS TAKE FIRST TWO PLACES IN ISLAND REGATTA .", "Mairi Sutherland",
             "PORT ELLEN , Islay 2025-06-14"]
WIRE_STORY = ["The two crews from the north quay took the first two places in the island regatta on "
              "Saturday , beating the holders by more than a length in the final .",
              "Heavy rain and a strong wind from the west made the course slower than last year 's , "
              "the organisers said ."]


def test_a_wire_story_keeps_its_headline_byline_and_dateline_apart():
    result = cleaned(*WIRE_HEAD, *WIRE_STORY)
    assert result.title == WIRE_HEAD[0]
    assert "byline" in reasons(result)["Mairi Sutherland"]
    assert result.paragraphs == [WIRE_HEAD[2], *WIRE_STORY]


def test_results_tables_and_squad_lists_after_the_story_stay():
    table = ["Results of the final on Saturday :", "North Quay 7:02.4 ( 1 )", "Harbour 7:05.9 ( 2 )",
             "Standings ( tabulate under races , wins , points ) :", "North Quay 4 3 19", "Harbour 4 2 15",
             "Crews :", "North Quay - Ann Bell ( stroke ) , Iain Shaw ( bow ) , Jo Kerr ( cox )",
             "Harbour - Tam Reid ( stroke ) , Ali Munro ( bow ) , Eve Grant ( cox )",
             "KEY FIGURES", "Entries 42 ( 2024 : 35 )", "Spectators about 1,200"]
    result = cleaned(*WIRE_HEAD, *WIRE_STORY, *table)
    assert result.paragraphs == [WIRE_HEAD[2], *WIRE_STORY, *table]


def test_lists_whose_lines_share_a_form_stay():
    fixtures = ["North Quay v Harbour", "Craighouse v Port Askaig", "Bowmore v Port Charlotte",
                "Ardbeg v Bruichladdich"]
    squad = ["I Shaw (Port Ellen RC).", "A Bell (North Quay RC), T Reid (Harbour RC).", "E Grant (Bowmore RC)."]
    line_up = ["Shaw, Bell, Reid, Munro (Grant 79), Kerr, MacLeod."]
    result = cleaned("Island regatta draw made", *STORY, *fixtures, *squad, *line_up)
    assert result.paragraphs == [*STORY, *fixtures, *squad, *line_up]


def test_a_scorecard_and_a_results_list_around_a_short_story_stay():
    scorecard = ["Harbour first innings", "A. Bell c Reid b Munro 31", "I. Shaw b Grant 44",
                 "J. Kerr not out 12", "Extras ( b-4 lb-6 ) 10", "Total ( for two wickets ) 97"]
    result = cleaned("CRICKET - HARBOUR V NORTH QUAY SCOREBOARD .", "PORT ELLEN 2025-06-14",
                     "Scoreboard on the first day of the island cup final at Port Ellen on Saturday :", *scorecard)
    assert result.paragraphs[2:] == scorecard
    results = ["1. Sea Breeze ( Ann Bell ) 5-2 favourite", "2. Harbour Light ( Iain Shaw ) 7-1",
               "Distances : two lengths , a neck . Runners : 9 ."]
    result = cleaned("RACING - RESULTS FROM BOWMORE .", "BOWMORE 2025-06-14", "Results of the race run on Saturday :",
                     *results, "The winner is owned by the Bowmore Distillery and trained by Jo Kerr .")
    assert all(line in result.paragraphs for line in results)


def test_a_table_under_several_headings_stays():
    table = ["NORTH DIVISION", "EAST SECTION", "W L PTS", "HARBOUR 7 2 21", "NORTH QUAY 6 3 18",
             "SATURDAY 'S RESULTS", "HARBOUR 3 Craighouse 1"]
    result = cleaned(*WIRE_HEAD, *WIRE_STORY, *table)
    assert result.paragraphs == [WIRE_HEAD[2], *WIRE_STORY, *table]


def test_a_text_opening_with_its_headline_keeps_its_subtitle():
    result = cleaned("Harbour board closes the old ferry terminal",
                     "Board members say the building had become too costly to repair after two winters",
                     *STORY)
    assert result.title == "Harbour board closes the old ferry terminal"
    assert result.paragraphs[0].startswith("Board members say")


def test_an_encyclopaedia_sentence_ends_with_its_citation_mark():
    result = cleaned(*STORY, "The terminal was listed as a historic building in 1987.[4]")
    assert "The terminal was listed as a historic building in 1987.[4]" in result.paragraphs


def test_a_sentence_trailing_off_inside_the_story_stays():
    trailing = "Some of the crews said the course should be moved to the south side of the bay ..."
    result = cleaned(*WIRE_HEAD, WIRE_STORY[0], trailing, WIRE_STORY[1])
    assert trailing in result.paragraphs


def test_agency_sign_off_and_contact_line_are_dropped():
    for line in ("-- Glasgow newsroom +44 141 555 0123", "-- Port Ellen Newsroom , 44-1496-555",
                 "For more information, media may contact the regatta office at 01496 555 0199."):
        result = cleaned(*WIRE_HEAD, *WIRE_STORY, line)
        assert result.paragraphs == [WIRE_HEAD[2], *WIRE_STORY]
        assert "sign-off" in reasons(result)[line]
    call = "Anyone who saw the collision at the start is asked to call the coastguard on 01496 555 0100."
    assert call in cleaned(*WIRE_HEAD, *WIRE_STORY, call).paragraphs


def test_a_line_introducing_the_story_stays():
    result = cleaned("Minister condemns attack on ferry crew", "The transport minister, Ruth Lamont, said:",
                     "\u201cThis was a cowardly attack on people who keep the islands connected, and those "
                     "responsible will be found.\u201d")
    assert "The transport minister, Ruth Lamont, said:" in result.paragraphs


def test_legal_words_in_a_long_story_paragraph_do_not_make_a_notice():
    paragraph = ("The ferry company said on Monday that its new booking site, which replaces one that had "
                 "run since 2009, would not store personal data for longer than a year. The change follows "
                 "a complaint from a group of island residents that the old site had shared passenger lists "
                 "with a third party marketing firm without asking them, which the company has denied. "
                 "Travellers who cannot use the new site because of an older browser or a slow connection "
                 "will still be able to book by telephone or at the harbour office during the summer months, "
                 "the company added.")
    result = cleaned(*STORY, paragraph)
    assert paragraph in result.paragraphs


def test_a_promotion_set_into_the_story_does_not_end_it():
    result = cleaned(STORY[0], STORY[1], "DON'T MISS", "Island school to get new roof",
                     "Council approves new cycle lanes", STORY[2], STORY[3])
    assert result.paragraphs == STORY
    assert "inline" in reasons(result)["DON'T MISS"]
    assert reasons(result)["Island school to get new roof"] == "teaser under 'DON'T MISS'"


def _shingles(text: str) -> Counter:
    """4-word shingles, as the project's scorers count kept text."""
    words = re.findall(r"\w+", text)
    return Counter(tuple(words[i:i + 4]) for i in range(max(1, len(words) - 3)))


def _detokenised(line: str) -> str:
    """A tokenised line as ordinary prose prints it: "Italy 's coach ( AP ) ." -> "Italy's coach (AP)."."""
    line = re.sub(r" ([.,:;?!)%])", r"\1", re.sub(r"([($]) ", r"\1", line))
    return re.sub(r" ('s|n't)\b", r"\1", line)


@pytest.mark.parametrize("tokenised", [True, False], ids=["tokenised", "prose"])
def test_wire_stories_keep_everything_but_the_sign_off(tokenised):
    keeps = []
    for story in WIRE_STORIES:
        lines = story.strip().split("\n") if tokenised else [_detokenised(l) for l in story.strip().split("\n")]
        result = cleaned(*lines)
        sign_off = [l for l in lines if l.startswith("--")]
        assert not any(l in result.paragraphs for l in sign_off), sign_off
        source = _shingles("\n".join(l for l in lines if l not in sign_off))
        got = _shingles(f"{result.title or ''}\n" + "\n".join(result.paragraphs))
        keeps.append(sum(min(n, got[s]) for s, n in source.items()) / sum(source.values()))
        assert keeps[-1] >= 0.85, (lines[0], keeps[-1])  # a byline (the author, not text) costs a short story
    assert sum(keeps) / len(keeps) >= 0.97


# -- title ---------------------------------------------------------------------------------------

def test_title_is_the_headline_not_the_date_line():
    result = cleaned("Tuesday, March 4, 2025", "Ferry terminal to close after a century", *STORY)
    assert result.title == "Ferry terminal to close after a century"


def test_photo_caption_with_credit_is_not_the_title():
    result = cleaned("The old ferry terminal seen from the north quay last winter", "Reuters", *STORY)
    assert result.title is None


def test_no_headline_means_no_title():
    assert cleaned(*STORY).title is None


def test_page_title_line_picks_the_headline_among_candidates():
    result = cleaned("Ferry terminal to close after a century | The Island Times", "Home", "News",
                     "Ferry terminal to close after a century", "By Jane Roe", *STORY)
    assert result.title == "Ferry terminal to close after a century"


def test_short_headline_on_the_first_line_is_the_title():
    for headline in ("Ferry service battles on", "Shares slide on ferry news", "iFerry app launches"):
        result = cleaned(headline, *STORY)
        assert result.title == headline
        assert result.paragraphs == STORY


def test_question_headline_leading_straight_into_the_story_is_the_title():
    result = cleaned("Is this the end of the island ferry?", *STORY)
    assert result.title == "Is this the end of the island ferry?"
    assert result.paragraphs == STORY


def test_clean_blocks_takes_blocks_from_the_html_cleaner():
    result = clean_blocks(["Ferry terminal to close after a century", *STORY, "Share this:"])
    assert result.title == "Ferry terminal to close after a century"
    assert result.paragraphs == STORY


# -- `searcher extract --explain` ---------------------------------------------------------------

def test_extract_explain_lists_removed_blocks_with_reasons(tmp_path):
    from click.testing import CliRunner

    from searcher.cli import main

    path = tmp_path / "ferry.txt"
    path.write_text("\n".join(["Tuesday, March 4, 2025", "Ferry terminal to close after a century", *STORY,
                               "Maria Okafor", "Maria Okafor", "Share this:", "Leave a Reply"]), encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--explain", str(path)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "removed 4 block(s):" in out
    assert "[date line] Tuesday, March 4, 2025" in out
    assert out.count("[byline (name printed twice)] Maria Okafor") == 1  # listed once, not twice
    assert "Leave a Reply" in out.split("removed 4 block(s):")[1]
    body = out.split("removed 4 block(s):")[0]
    assert STORY[0] in body and "Leave a Reply" not in body


def test_a_short_or_name_shaped_first_line_above_the_story_is_the_title():
    story = ("Libraries that lend e-readers saw loans rise by a third last year, the survey of forty "
             "county services found, with the largest gains among readers over sixty.\n\n"
             "The authors say the devices are cheap to keep and that training staff mattered more "
             "than the choice of model when services were planned.\n")
    for heading in ("Opinion Paper", "Adaptive Lending Services"):
        cleaned = clean_text(f"{heading}\n\n{story}")
        assert cleaned.title == heading
        assert not any("byline" in r.reason for r in cleaned.removed)


# -- the dateline: a field of its own, and a place the story names -------------------------------

def extracted(text: str, tmp_path, *, entities: bool = False):
    from searcher.extract.pipeline import extract_files

    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    return next(extract_files([path], entities=entities))


def test_a_wire_dateline_gives_place_and_date(tmp_path):
    article = extracted("\n".join([*WIRE_HEAD, *WIRE_STORY]), tmp_path)
    assert (article.dateline.place, str(article.dateline.date)) == ("Port Ellen, Islay", "2025-06-14")
    assert str(article.published) == "2025-06-14"  # no other date: the dateline's
    assert article.author == "Mairi Sutherland"
    assert article.to_json()["dateline"] == {"place": "Port Ellen, Islay", "date": "2025-06-14"}


def test_datelines_that_open_the_first_paragraph(tmp_path):
    from searcher.article import Dateline

    cases = {
        "OBAN (Reuters) - The ferry company said on Monday it would add a second boat.": Dateline("Oban"),
        "KIRKWALL, Orkney (AP) — Islanders voted on Tuesday to keep the old pier.": Dateline("Kirkwall, Orkney"),
        "Stornoway/14.06.25/Hebrides News: The council met on Friday to discuss the pier.":
            Dateline("Stornoway", date(2025, 6, 14)),
    }
    for lead, expected in cases.items():
        assert extracted(f"Ferry news\n{lead}\n{STORY[1]}", tmp_path).dateline == expected
    for lead in ("UPDATE - The ferry company said on Monday it would add a second boat.",
                 "ROWING - HARBOUR CREWS WIN", "The ferry company said on Monday it would add a boat."):
        assert extracted(f"{lead}\n{STORY[1]}\n{STORY[2]}", tmp_path).dateline is None


def test_the_dateline_place_is_a_place_the_story_names(tmp_path):
    article = extracted("\n".join([*WIRE_HEAD, *WIRE_STORY]), tmp_path, entities=True)
    assert "Port Ellen" in article.entities["place"] and "Islay" in article.entities["place"]
    assert len({p.casefold() for p in article.entities["place"]}) == len(article.entities["place"])


def test_extract_prints_the_dateline(tmp_path):
    from click.testing import CliRunner

    from searcher.cli import main

    path = tmp_path / "regatta.txt"
    path.write_text("\n".join([*WIRE_HEAD, *WIRE_STORY]), encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert "dateline:  Port Ellen, Islay, 2025-06-14" in result.stdout


def test_show_prints_the_stored_dateline(run):
    result = run("show", "000_3beb9d8efec4f5e2")
    assert result.exit_code == 0, result.output
    assert "dateline:  Washington D.C., 2023-06-10" in result.stdout
    assert run("show", "--json", "000_3beb9d8efec4f5e2").stdout.count('"dateline": {"place": "Washington D.C."') == 1


def test_a_paragraph_whose_only_cased_letters_are_capitals_is_not_in_capitals():
    # Thai has no letter case; a story paragraph that names "DNA" is not a headline in capitals.
    thai = ("ผลการตรวจ DNA โดยใช้เนื้อเยื่อของศพที่ลอยมาติดที่ริมแม่น้ำโขง ยืนยันว่าเป็นคนสนิทของนักเคลื่อนไหว "
            "ที่หายตัวไปตั้งแต่เดือนธันวาคม ครอบครัวได้รับแจ้งผลเมื่อวันจันทร์")
    result = clean_blocks([thai], article_region=True)
    assert result.paragraphs == [thai]


def test_a_page_control_to_show_or_hide_captions_is_no_story_line():
    result = cleaned(*STORY[:2], "HIDE CAPTION", *STORY[2:])
    assert reasons(result)["HIDE CAPTION"] == "label of a page control (gallery, caption toggle)"


def test_a_chinese_editor_credit_goes_but_an_interviewers_label_stays():
    story = ["新华社北京11月17日电 国家统计局17日发布数据显示，前十个月全国规模以上工业增加值同比增长百分之四点一，比前三季度加快零点一个百分点。",
             "记者：这些数据说明了什么？",
             "专家表示，工业生产保持恢复态势，但仍需关注外部需求变化带来的不确定性，政策支持还需加力。"]
    result = clean_blocks([*story, "【纠错】 【责任编辑:张三 】"], article_region=True)
    assert result.paragraphs == story


try:  # the regex parser's tree: re._parser since Python 3.11, sre_parse before
    from re import _constants as REGEX_OPS, _parser as regex_parser
except ImportError:
    import sre_constants as REGEX_OPS, sre_parse as regex_parser


def _first_characters(items, folded: bool = False) -> set[str]:
    r"""The characters a parsed pattern's matches can start with (a digit as r"\d", any
    digit; a letter in both cases where the pattern ignores case: `folded`), read from the
    regex parser's tree: literals, sets, alternations and repeats after zero-width anchors."""
    c = REGEX_OPS

    def characters(code: int) -> set[str]:
        if chr(code).isdigit():
            return {r"\d"}
        return {chr(code).lower(), chr(code).upper()} if folded else {chr(code)}

    for i, (op, av) in enumerate(items):
        if op is c.AT:
            continue
        if op is c.LITERAL:
            return characters(av)
        if op is c.IN:
            told = {r"\d" if item == (c.CATEGORY, c.CATEGORY_DIGIT) else None for item in av if item[0] is c.CATEGORY}
            for kind, value in av:
                if kind is c.LITERAL:
                    told |= characters(value)
                elif kind is c.RANGE:
                    told.update(*(characters(code) for code in range(value[0], value[1] + 1)))
            assert None not in told, "a set of a category other than digits"
            return told
        if op is c.SUBPATTERN:
            _, add_flags, del_flags, inner = av
            return _first_characters(inner, (folded or bool(add_flags & re.I)) and not del_flags & re.I)
        if op is c.BRANCH:
            return set().union(*(_first_characters(branch, folded) for branch in av[1]))
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            inner = _first_characters(av[2], folded)
            return inner if av[0] else inner | _first_characters(items[i + 1:], folded)
        raise AssertionError(f"a pattern that does not start with a literal or a set ({op})")
    raise AssertionError("an empty pattern")


def told_first_characters(pattern: str, flags: int = 0) -> tuple[set[str], set[str]]:
    """The characters a pattern's leading lookahead tells it to start at, and those its
    matches can start with (see _first_characters), each in the case it is told in. The
    lookahead is a filter only: were a match to start with a character it does not list,
    it would never be found."""
    (op, (_, lookahead)), *rest = regex_parser.parse(pattern, flags)
    assert op is REGEX_OPS.ASSERT
    folded = bool(flags & re.I)
    return _first_characters(lookahead, folded), _first_characters(rest, folded)


@pytest.mark.parametrize("name", ["CAPTION_CUES", "LEGAL_CUES", "PROMOTION"])
def test_cue_phrases_are_told_every_character_they_start_with(name):
    # The lookahead is a filter only: were a phrase to start with a character it does not
    # list, the phrase would never be found.
    from searcher.extract import cleaning_evidence as ev

    told, starts = told_first_characters(getattr(ev, name).pattern, re.I)
    assert starts <= told


def test_a_name_that_was_a_link_is_glued_back_between_the_words_around_it():
    # A name linked mid-sentence stands on a line of its own, capitalised, between a line
    # that stops on a lower-case word and one that goes on in lower case or punctuation.
    lines = ["Two ferries were held in port after a collision involving the harbour pilot", "Dana Whitfield",
             "and the tug skipper", "Tom Okafor", ", the port authority said."]
    assert merge_fragments(lines) == ["Two ferries were held in port after a collision involving the harbour pilot "
                                      "Dana Whitfield and the tug skipper Tom Okafor, the port authority said."]


def test_a_label_or_a_name_is_not_glued_to_the_sentence_after_it():
    # The line before stops on a label or a name, not mid-sentence: the next line starts a sentence.
    for before in ("2 days ago", "Print this article", "Hong Kong (Island Times)", "Photo: Dana Whitfield"):
        assert merge_fragments([before, "At first,", "the ferry ran late."]) == [before, "At first, the ferry ran late."]


def test_a_story_goes_on_after_a_box_of_other_stories_set_into_it():
    box = ["Most Popular"]
    for n, section in enumerate(["Business", "Culture", "Science", "Sport"]):
        box += [section, f"Teaser headline number {n} about another matter", f"Writer Number{n}"]
    second_half = [
        "Harbour staff said the new terminal would also house a small museum of the crossings, with "
        "photographs and tickets given by families whose parents worked on the ferries.",
        "The museum will open a month after the terminal, the board said, and entry will be free for "
        "islanders for its first year.",
        "A group of former crew members has offered to guide visitors on weekends, and the board said it "
        "would pay for the training of any who want to take part.",
        "The old terminal will be sold at auction in the autumn, and the board expects the sale to cover "
        "about a third of the cost of the new building on the south side of the bay.",
        "Two developers have already asked to see the building, the board said, one of them with plans "
        "for flats and a restaurant on the ground floor facing the water.",
        "Islanders will be asked for their views on the sale at a meeting in the village hall next month, "
        "and the board has promised to publish a summary of what they say.",
    ]
    first_half = STORY + [
        "The terminal opened in 1911 and was rebuilt twice, after a fire in 1938 and after the great storm "
        "of 1987, which tore the roof from the waiting hall.",
        "Its last regular crossing will leave the north quay at seven in the morning on the final Sunday "
        "of August, the board said, with a brass band on the quay.",
    ]
    result = cleaned("Harbour board votes to close the old ferry terminal", *first_half, *box, *second_half)
    assert result.paragraphs == first_half + second_half
    assert all(line in reasons(result) for line in box[:2])
