"""The HTML cleaner, one signal family at a time, on small pages written for the tests."""

import json

from searcher.extract.html import clean_html

# Story-shaped paragraphs of an invented article about a harbour ferry.
STORY = [
    "The harbour ferry will run every twenty minutes from next spring, the port authority said on Tuesday.",
    "Officials expect the new timetable to cut waiting times for commuters by more than half during the week.",
    "The service was cut back three years ago, when the older boats were taken out of use for repairs.",
    "Two new boats have been built at the yard across the bay and are now being tested in open water.",
]


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>Ferry news</title>{head}</head><body>{body}</body></html>"


def story_html(paragraphs=STORY) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def body_of(html: str) -> str:
    cleaned, _ = clean_html(html)
    return "\n".join(cleaned.paragraphs)


def assert_story_kept_without(html: str, *junk: str) -> None:
    body = body_of(html)
    assert all(p in body for p in STORY)
    assert not [j for j in junk if j in body]


# --- furniture tags and widget markup -------------------------------------------------

def test_navigation_aside_and_footer_are_removed():
    html = page(
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World news today</a></li></ul></nav>"
        f"<h1>Ferry to run every twenty minutes</h1><article>{story_html()}</article>"
        "<aside><p>Most read: a long sentence about another story that people liked a lot today.</p></aside>"
        "<footer><p>Copyright and all the usual terms and conditions of this website apply here.</p></footer>"
        "<div role='contentinfo'><p>Contact the newsroom by phone or by email on any working day of the week.</p></div>")
    assert_story_kept_without(html, "World news", "Most read", "Copyright", "newsroom")


def test_share_cookie_and_comment_widgets_are_removed_even_inside_the_article():
    html = page(
        "<article class='post'>"
        f"{story_html(STORY[:2])}"
        "<div class='share-buttons'><span>Share this story with your friends on every network you use.</span></div>"
        f"{story_html(STORY[2:])}"
        "<div id='cookie-notice'><p>We use cookies to give you the best experience on our website, accept them.</p></div>"
        "<section class='article-comments'><p>Great article, I took this ferry for years and it was always late.</p>"
        "<p>I disagree with the previous commenter, the ferry was usually on time when I took it.</p></section>"
        "</article>")
    assert_story_kept_without(html, "Share this", "cookies", "commenter")


def test_hidden_elements_are_removed():
    html = page(f"<article>{story_html()}<div style='display: none'><p>This hidden paragraph is a "
                "leftover of the page template and must never be shown to readers.</p></div>"
                "<p hidden>Another hidden paragraph that the page keeps for its scripts to use later.</p></article>")
    assert_story_kept_without(html, "hidden paragraph")


def test_a_caption_block_goes_but_a_story_container_with_a_widget_word_in_its_name_stays():
    html = page(
        "<div class='layout-with-sidebar'>"
        "<div class='photo-caption'><p>Passengers board the old ferry at the harbour in a photograph taken last year.</p></div>"
        f"<div class='story-text'>{story_html()}</div></div>")
    assert_story_kept_without(html, "Passengers board")


# --- link density -------------------------------------------------------------------

def test_a_list_of_links_inside_the_story_is_dropped_and_reported():
    related = "".join(f"<li><a href='/s{i}'>Another story about boats and harbours number {i}</a></li>" for i in range(4))
    html = page(f"<article>{story_html(STORY[:2])}<ul>{related}</ul>{story_html(STORY[2:])}</article>")
    cleaned, _ = clean_html(html)
    body = "\n".join(cleaned.paragraphs)
    assert "Another story" not in body
    assert all(p in body for p in STORY)
    assert any("Another story" in r.text and "links" in r.reason for r in cleaned.removed)


def test_a_paragraph_that_is_only_a_link_is_dropped():
    html = page(f"<article>{story_html(STORY[:2])}<p><a href='/promo'>GET OUR FREE APP FOR ALL THE "
                f"LATEST NEWS FROM THE HARBOUR</a></p>{story_html(STORY[2:])}</article>")
    cleaned, _ = clean_html(html)
    assert "FREE APP" not in "\n".join(cleaned.paragraphs)
    assert any("FREE APP" in r.text for r in cleaned.removed)


def test_a_story_paragraph_with_one_inline_link_is_kept():
    linked = ("The port authority published <a href='/timetable'>the full timetable</a> on its website, "
              "and printed copies will be handed out at the pier.")
    html = page(f"<article>{story_html()}<p>{linked}</p></article>")
    assert "the full timetable on its website" in body_of(html)


# --- choosing the article region ------------------------------------------------------

def teaser_cards(n: int = 5) -> str:
    return "".join(
        f"<div class='card'><h3><a href='/t{i}'>Headline of another story number {i}</a></h3>"
        f"<p>A short summary of another story number {i}, which is not about the ferry at all.</p></div>"
        for i in range(n))


def test_the_story_container_wins_over_teasers_scattered_over_the_page():
    html = page(f"<div id='wrap'><div><div><div class='body'>{story_html()}</div></div></div>"
                f"<div><div><div>{teaser_cards()}</div></div></div></div>")
    assert_story_kept_without(html, "another story")


def test_div_soup_without_article_markup_still_finds_the_densest_text():
    html = page("<div><div><a href='/a'>Section one</a> <a href='/b'>Section two</a></div>"
                f"<div><div>{''.join(f'<div>{p}</div>' for p in STORY)}</div></div>"
                "<div>Short line. <a href='/c'>Contact</a></div></div>")
    assert_story_kept_without(html, "Section one", "Contact")


def test_a_story_split_into_sibling_sections_is_joined():
    first = STORY + ["The authority said the fares would stay the same for at least the first two years."]
    second = ["Local businesses near the pier welcomed the decision and expect more visitors in summer.",
              "A public meeting about the new timetable will be held at the town hall next month.",
              "Residents can also send their questions to the port authority by post or by email."]
    html = page(f"<main><div class='section'><div><div>{story_html(first)}</div></div></div>"
                f"<div class='ad-slot'></div><div class='section'><div><div>{story_html(second)}</div></div></div></main>")
    body = body_of(html)
    assert all(p in body for p in first + second)


def test_a_hidden_copy_of_the_story_run_together_does_not_win():
    blob = " ".join(STORY * 5)
    real = story_html(STORY * 5)  # the same story, paragraph by paragraph, with links in it
    html = page(f"<div class='real'>{real}<p><a href='/x'>link one</a> <a href='/y'>link two</a></p></div>"
                f"<div class='data'><div>{blob}</div></div>")
    cleaned, _ = clean_html(html)
    assert blob not in cleaned.paragraphs
    assert STORY[0] in cleaned.paragraphs


def test_json_ld_article_body_settles_which_container_is_the_story():
    other = ["A tram line through the old town was approved by the council after a long and heated debate.",
             "Shopkeepers along the route fear that two years of building work will keep their customers away.",
             "The first trams are expected to carry passengers before the end of the decade, if all goes well."]
    ld = json.dumps({"@type": "NewsArticle", "headline": "Ferry", "articleBody": " ".join(STORY)})
    html = page(f"<div class='content'>{story_html(other)}</div><div class='content'>{story_html(STORY)}</div>",
                head=f"<script type='application/ld+json'>{ld}</script>")
    body = body_of(html)
    assert all(p in body for p in STORY)
    assert "tram" not in body.lower()


# --- blocks inside the story ----------------------------------------------------------

def test_subheadings_list_items_and_table_rows_inside_the_story_are_kept():
    html = page(
        "<h1>Ferry to run every twenty minutes</h1><article>"
        f"{story_html(STORY[:2])}<h2>New boats</h2>{story_html(STORY[2:])}"
        "<ul><li>Faster boarding</li><li>Heated cabins</li><li>Subscribe: a monthly pass for 40 euros</li></ul>"
        "<table><tr><th>Stop</th><th>Minutes</th></tr><tr><td>North pier</td><td>12</td></tr></table>"
        "</article>")
    cleaned, _ = clean_html(html)
    assert cleaned.title == "Ferry to run every twenty minutes"
    assert "New boats" in cleaned.paragraphs
    assert "Faster boarding" in cleaned.paragraphs and "Heated cabins" in cleaned.paragraphs
    assert "Subscribe: a monthly pass for 40 euros" in cleaned.paragraphs  # the list's item, not a widget
    assert "North pier 12" in cleaned.paragraphs
    assert cleaned.paragraphs.index("New boats") == 2  # in place, between the story's paragraphs
    assert cleaned.title not in cleaned.paragraphs


def test_text_broken_by_br_and_empty_divs_counts_as_story():
    html = page("<div class='g-row'><div itemprop='articleBody'>" + "<br><div class='fake-br'></div>".join(STORY)
                + "</div></div><div class='footer-text'><p>A line about the company that publishes this site.</p></div>")
    body = body_of(html)
    assert all(p in body for p in STORY)


# --- metadata ----------------------------------------------------------------------

def test_opengraph_and_meta_tags():
    head = ("<meta property='og:title' content='Ferry to run every twenty minutes'>"
            "<meta property='og:site_name' content='Harbour Gazette'>"
            "<meta property='article:published_time' content='2024-03-05T09:00:00Z'>"
            "<meta name='author' content='Ann Example'>"
            "<meta property='og:description' content='More boats from spring.'>"
            "<meta property='article:section' content='Local'>"
            "<link rel='canonical' href='https://gazette.example/ferry'>")
    _, meta = clean_html(page(f"<article>{story_html()}</article>", head=head))
    assert meta == {"title": "Ferry to run every twenty minutes", "site_name": "Harbour Gazette",
                    "published": "2024-03-05T09:00:00Z", "author": "Ann Example",
                    "description": "More boats from spring.", "section": "Local",
                    "url": "https://gazette.example/ferry"}


def test_json_ld_metadata_from_a_graph_with_people_and_organisations():
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Not the article"},
        {"@type": ["NewsArticle"], "headline": "Ferry to run every twenty minutes",
         "datePublished": "2024-03-05", "publisher": {"@type": "Organization", "name": "Harbour Gazette"},
         "author": [{"@type": "Person", "name": "Ann Example"}, {"@type": "Person", "name": "Bo Sample"}]}]}
    head = ("<meta property='article:author' content='https://social.example/harbourgazette'>"
            f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
            "<script type='application/ld+json'>{not json</script>")
    _, meta = clean_html(page(f"<article>{story_html()}</article>", head=head))
    assert meta["title"] == "Ferry to run every twenty minutes"
    assert meta["published"] == "2024-03-05"
    assert meta["site_name"] == "Harbour Gazette"
    assert meta["author"] == "Ann Example, Bo Sample"


def test_the_title_tag_is_the_last_resort_for_the_title():
    _, meta = clean_html(page(f"<article>{story_html()}</article>"))
    assert meta["title"] == "Ferry news"


# --- odd input ---------------------------------------------------------------------

def test_empty_and_markup_free_input():
    assert clean_html("")[0].paragraphs == []
    assert clean_html("   \n")[1] == {}
    cleaned, _ = clean_html("\n".join(STORY))
    assert STORY[0] in " ".join(cleaned.paragraphs)


def test_xml_declaration_is_accepted():
    html = '<?xml version="1.0" encoding="utf-8"?>' + page(f"<article>{story_html()}</article>")
    assert all(p in body_of(html) for p in STORY)


def test_a_post_embedded_in_the_story_is_quoted_not_dropped_with_its_social_box():
    tweet = ("<div class='social-media-embed'><blockquote class='tweet'><p>The new ferry timetable is "
             "the best news our town has had in years, thank you to everyone involved!</p>"
             "— A Resident (@resident) March 5, 2024</blockquote></div>")
    html = page(f"<article>{story_html(STORY[:2])}{tweet}{story_html(STORY[2:])}"
                "<div class='social-share'><p>Share on the networks you like best, and tell your friends.</p></div>"
                "</article>")
    body = body_of(html)
    assert "best news our town has had" in body
    assert "Share on" not in body


def test_japanese_paragraphs_without_spaces_count_as_story():
    jp = ["港のフェリーは来年の春から二十分ごとに運航すると、港湾局が火曜日に発表しました。",
          "新しい時刻表によって、平日の通勤客の待ち時間は半分以下になる見込みです。",
          "三年前、古い船が修理のために運航を停止してから、便数は減っていました。"]
    html = page(f"<div class='menu-list'><p>ホーム</p><p>ニュース</p></div><div class='entry'>{story_html(jp)}</div>"
                "<div><p>関連記事</p></div>")
    body = body_of(html)
    assert all(p in body for p in jp)
    assert "関連記事" not in body


def test_a_wrapper_holding_most_of_the_story_stays_whatever_its_name_or_style():
    short_story = "<p>" + STORY[0] + "</p>"
    html = page(f"<div id='__next'><div class='page-hidden' style='display:none'>{short_story}</div>"
                "<div class='teaser-card'><p>A teaser for something else entirely, with a link below it.</p></div></div>")
    assert STORY[0] in body_of(html)


def test_every_removal_is_reported_with_its_reason():
    html = page("<nav><a href='/'>Home</a> <a href='/local'>Local</a></nav>"
                f"<article>{story_html()}<div class='newsletter-signup'><p>Get the morning briefing in your "
                "inbox every day, it is free and you can stop it at any time.</p></div></article>"
                f"<div class='more'><div><div>{teaser_cards(1)}</div></div></div>")
    cleaned, _ = clean_html(html)
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Home Local"] == "page furniture (<nav>)"
    assert any("morning briefing" in t and "'newsletter'" in r for t, r in reasons.items())
    assert all(p not in reasons for p in STORY)


def test_story_shaped_text_outside_the_region_is_reported():
    other = "A summary of another story about the town council, which met on Monday evening to vote."
    html = page(f"<div><div><div><div>{story_html()}</div></div></div><div><div><div><p>{other}</p></div></div></div></div>")
    cleaned, _ = clean_html(html)
    assert other not in cleaned.paragraphs
    assert any(r.text == other and r.reason.startswith("outside the article region") for r in cleaned.removed)


def test_the_headline_is_the_h1_that_matches_the_declared_title_not_the_logo():
    head = "<meta property='og:title' content='Ferry to run every twenty minutes | Harbour Gazette'>"
    html = page(f"<h1 class='logo'>Harbour Gazette</h1><article><h1>Ferry to run every twenty minutes</h1>"
                f"{story_html()}</article>", head=head)
    cleaned, _ = clean_html(html)
    assert cleaned.title == "Ferry to run every twenty minutes"
    assert cleaned.title not in cleaned.paragraphs


def test_a_json_ld_summary_does_not_shrink_the_story_to_its_first_paragraphs():
    more = ["The authority said the fares would stay the same for at least the first two years.",
            "Local businesses near the pier welcomed the decision and expect more visitors in summer."]
    ld = json.dumps({"@type": "NewsArticle", "articleBody": " ".join(STORY[:2]) + " ..."})
    html = page(f"<article><div><p>{STORY[0]}</p><p>{STORY[1]}</p></div>{story_html(STORY[2:] + more)}</article>",
                head=f"<script type='application/ld+json'>{ld}</script>")
    body = body_of(html)
    assert all(p in body for p in STORY + more)


def test_recurring_lines_are_kept_each_time_but_a_story_printed_twice_once():
    long_paragraph = " ".join(STORY[:3])  # one long paragraph, printed twice by the page
    plan = "".join(f"<h3>Day {d}</h3><p>Take the first ferry at seven, it is the quietest one.</p>" for d in (1, 2))
    html = page(f"<article><p>{long_paragraph}</p>{story_html(STORY[3:])}{plan}<p>{long_paragraph}</p></article>")
    cleaned, _ = clean_html(html)
    assert cleaned.paragraphs.count(long_paragraph) == 1
    assert cleaned.paragraphs.count("Take the first ferry at seven, it is the quietest one.") == 2


# --- inline markup and pop-up cards inside a paragraph -------------------------------------

def test_names_marked_up_as_links_stay_in_their_sentence_whatever_the_links_are_named():
    # The shape of a music site's page: artists' names are tag links ("auto-tag_...") in
    # the lead sentence; a tag link is furniture on its own, never inside a sentence.
    lead = ("<p><span class='s1'>The <a href='/t/harbour-singers/' id='auto-tag_harbour-singers' "
            "data-tag='harbour-singers'>Harbour Singers</a> will reunite with former frontman "
            "<a href='/t/ewan-bell/' id='auto-tag_ewan-bell' class='tag-link'>Ewan Bell</a> for a 2026 island "
            "tour celebrating the choir's 50th anniversary.</span></p>")
    html = page(f"<article>{lead}{story_html()}"
                "<div class='tags'><a href='/t/harbour-singers/'>Harbour Singers</a></div></article>")
    body = body_of(html)
    assert ("The Harbour Singers will reunite with former frontman Ewan Bell for a 2026 island tour "
            "celebrating the choir's 50th anniversary.") in body
    assert all(p in body for p in STORY)


def test_a_hover_card_is_removed_whole_not_glued_into_the_sentence():
    # The shape of a political news page: a person's name is a link followed, with nothing
    # between, by a pop-up card (photo, full name, links to other stories, "MORE").
    card = ("<span class='rollover-people'><a class='rollover-people-link' href='/people/ann-macleod'>Ann "
            "MacLeod</a><span class='rollover-people-block'><span class='rollover-block'><img src='/a.jpg'>"
            "<a class='name' href='/people/ann-macleod'>Ann Morag MacLeod</a>"
            "<a class='people-articles' href='/1'>Harbour chief defends ferry timetable</a> "
            "<a class='people-articles' href='/2'>Island council backs pier repairs</a>"
            "<a class='more' href='/people/ann-macleod'>MORE</a></span></span></span>")
    lead = f"<p>Harbour master {card} (Ind) said the new boats had passed their sea trials on Monday.</p>"
    cleaned, _ = clean_html(page(f"<article>{lead}{story_html()}</article>"))
    assert cleaned.paragraphs[0] == "Harbour master Ann MacLeod (Ind) said the new boats had passed their sea trials on Monday."
    assert not any("Ann Morag MacLeod" in p or "MORE" in p for p in cleaned.paragraphs)
    assert any("pop-up card" in r.reason and "Ann Morag MacLeod" in r.text for r in cleaned.removed)


def test_tooltips_and_dialogs_are_removed_whole():
    lead = ("<p>The <abbr class='tooltip-trigger'>CMAL<span class='tooltip'>Caledonian Maritime Assets, "
            "the state body that owns the ferries</span></abbr> board met on Monday "
            "<span role='tooltip'>Opens in a new window</span>to approve the order.</p>")
    cleaned, _ = clean_html(page(f"<article>{lead}{story_html()}</article>"))
    assert cleaned.paragraphs[0] == "The CMAL board met on Monday to approve the order."
    assert {r.reason for r in cleaned.removed} >= {"pop-up named 'tooltip' in its class or id",
                                                  "pop-up shown on demand (role=tooltip)"}


# --- furniture set into the story's own container ------------------------------------------

def test_a_promotion_heading_and_its_teaser_links_go_and_the_story_goes_on():
    promo = ("<p><strong>DON'T MISS</strong></p><p><a href='/a'>Island school to get a new roof</a> [VIDEO]<br>"
             "<a href='/b'>Council approves new cycle lanes on the quay</a> [INSIGHT]</p>")
    cleaned, _ = clean_html(page(f"<article>{story_html(STORY[:2])}{promo}{story_html(STORY[2:])}</article>"))
    assert cleaned.paragraphs == STORY
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Island school to get a new roof [VIDEO]"].startswith("teaser under 'DON'T MISS'")


def test_site_promotions_inside_the_article_go_with_the_evidence_named():
    furniture = ["<h2>Subscribe to the Harbour Review newsletter</h2>",
                 "<p>Get the day's top ferry news delivered to your inbox every morning.</p>",
                 "<p>Have a tip? Jane Roe may be reached at jroe@example.com. Follow her on Twitter @janeroe.</p>",
                 "<p>Advert</p>", "<p>Reading time: 3 minutes</p>",
                 "<ul><li>previous post</li><li>next post</li></ul>"]
    cleaned, _ = clean_html(page(f"<article>{story_html()}{''.join(furniture)}</article>"))
    assert cleaned.paragraphs == STORY
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Subscribe to the Harbour Review newsletter"] == "widget phrase (subscribe)"
    assert "promotion" in reasons["Get the day's top ferry news delivered to your inbox every morning."]
    assert "reading time" in reasons["Reading time: 3 minutes"]


def test_paragraphs_each_named_as_a_widget_are_the_story_when_they_make_up_most_of_it():
    # A metered story marks each of its paragraphs "paywall": that many pieces of one
    # name holding most of the story are the story, not a widget.
    paragraphs = "".join(f"<div class='paywall'><p>{p}</p></div>" for p in STORY[1:])
    html = page(f"<h1>Ferry to run every twenty minutes</h1><div class='body'><p>{STORY[0]}</p>{paragraphs}</div>"
                "<div class='paywall-prompt'><p>Subscribe now to keep reading every story on the site.</p></div>")
    assert_story_kept_without(html, "Subscribe now")


def test_a_comment_section_in_two_boxes_holding_more_text_than_the_story_still_goes():
    comments = "".join(f"<li><p>{p.replace('ferry', 'boat')} I think so too.</p></li>" for p in STORY[:3])
    html = page(f"<h1>Ferry to run every twenty minutes</h1><article>{story_html()}</article>"
                f"<div class='comments-top'><ol>{comments}</ol></div><div class='comments-more'><ol>{comments}</ol></div>")
    assert_story_kept_without(html, "I think so too")


def test_the_elements_near_an_element_are_those_xpath_finds_first():
    from searcher.extract.html import _following, _preceding, parse_html

    root = parse_html("<html><head><title>T</title></head><body><header><nav><a>Home</a><a>World</a></nav>"
                      "</header><main><article><h1>Headline</h1><p>By <b>Jo</b></p><time>Today</time>"
                      "<div><p>One</p><p>Two <i>x</i></p></div></article><aside><ul><li>A</li><li>B</li>"
                      "</ul></aside></main><footer><p>End</p></footer></body></html>")
    for el in root.iter():
        for n in (1, 3, 50):
            assert _following(el, n) == el.xpath(f"following::*[position() <= {n}]")
            assert _preceding(el, n) == el.xpath(f"preceding::*[position() <= {n}]")


def test_a_page_measured_again_after_its_furniture_goes_is_measured_as_if_afresh():
    # The second measure takes over what the drops left alone, and walks again what they
    # changed: the widget's container, and the story's first paragraph, a copy of the
    # hidden one's until that went.
    from searcher.extract.html import measure, parse_html, strip_furniture

    root = parse_html(page(f"<div hidden><p>{STORY[0]}</p></div><main><div class='story'><section>{story_html()}"
                           f"<div class='share-bar'><p>Share this story on your networks today, please.</p></div>"
                           f"</section><section><p>{STORY[1]} More.</p></section></div></main>"
                           f"<div class='more'><div><p>{STORY[2]} Again.</p><p>{STORY[3]}</p></div></div>"))
    _, before = strip_furniture(root)
    body = root.find("body")
    fresh, again = measure(body), measure(body, before)
    assert list(fresh.stats) == list(again.stats)
    fields = ("chars", "link_chars", "story_chars", "near_story_chars", "paragraphs", "paragraph")
    for el, st in fresh.stats.items():
        assert [getattr(st, f) for f in fields] == [getattr(again.stats[el], f) for f in fields], el.tag
    assert any(st is before.stats[el] for el, st in again.stats.items())  # some measures were kept
    assert sum(st.paragraph == STORY[0] for st in again.stats.values()) == 1  # counted once the hidden copy went


def test_a_date_line_names_a_date():
    # printed_credits asks of an element that its markup does not name for a date only
    # whether its text is a date line, not also whether it names a date: one implies the other.
    from searcher.dates import date_line, names_a_date

    for line in ("Tuesday, March 5, 2024", "Published: March 5, 2024 at 9:30 a.m. EST", "Updated 14:02 GMT, 05.03.2024",
                 "2024-03-05T09:30:00Z", "Posted 21/03/2024", "5 March 2024", "2024/03/05 09:30"):
        assert date_line(line) is not None and names_a_date(line), line
