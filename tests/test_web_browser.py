"""The page in a real browser: Debian's Chromium driven by Playwright against `searcher
serve` on 127.0.0.1, as a person would use it. Screenshots go to each test's tmp folder."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest

from tests.test_web_serve import start_server, stop

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="browser tests need Debian's Chromium at /usr/bin/chromium "
                                       "(apt-get install chromium; .ci/run installs it)")
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (pip install -e '.[test]')")
expect = sync_api.expect
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def seeds_server(seeds_index):
    proc, url = start_server(seeds_index)
    yield url
    stop(proc)


@pytest.fixture
def page(browser):
    """A fresh page that records what should never happen: script errors, refusals by the
    Content-Security-Policy (what an injected script would meet) and dialogs (alert())."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield page
    context.close()


def api(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def test_search_filter_by_facet_and_month_then_read_an_article(page, seeds_server, tmp_path):
    page.goto(seeds_server)
    box = page.locator("#search input[name=q]")
    box.fill("drones")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=drones"))
    everything = api(seeds_server + "api/search?q=drones")["total"]
    count = page.locator("#count")
    expect(count).to_have_attribute("data-total", str(everything))
    expect(count).to_contain_text(f"{everything} matching articles")

    page.locator('section[data-facet="outlet"] a', has_text="CNN").click()
    expect(count).to_have_attribute("data-total", "2")
    expect(page.locator(".chip")).to_have_text(re.compile(r"outlet: CNN"))
    expect(page.locator('section[data-facet="outlet"] a.selected')).to_contain_text("CNN")
    page.screenshot(path=tmp_path / "filtered.png", full_page=True)

    page.locator(".chip").click()  # the filter goes
    expect(count).to_have_attribute("data-total", str(everything))
    expect(page.locator(".chip")).to_have_count(0)

    page.locator('svg a.bar[data-month="2024-06"]').click()
    expect(page.locator(".chip")).to_have_text(re.compile(r"published: June 2024"))
    expect(count).to_have_attribute("data-total", "1")
    page.screenshot(path=tmp_path / "month.png", full_page=True)

    page.locator("li.hit h3 a").first.click()
    expect(page.locator("article h1")).to_contain_text("US reveals details")
    expect(page.locator(".body mark").first).to_be_visible()
    assert page.locator(".body mark").first.inner_text().lower().startswith("drone")
    page.screenshot(path=tmp_path / "article.png", full_page=True)
    page.locator(".back a").click()
    expect(count).to_have_attribute("data-total", "1")  # back to the same search
    assert page.problems == []
    assert all((tmp_path / name).stat().st_size > 10_000 for name in ("filtered.png", "month.png", "article.png"))


def test_speaker_facet_filters_and_the_quotations_view_finds_who_said_what(page, seeds_server, tmp_path):
    page.goto(seeds_server + "search?q=drones")
    count = page.locator("#count")
    everything = int(count.get_attribute("data-total"))
    speakers = page.locator('section[data-facet="speaker"]')
    expect(speakers.locator("h2")).to_have_text("Speakers")
    speakers.locator("a", has_text="John Kirby").click()
    expect(page.locator(".chip")).to_have_text(re.compile(r"speaker: John Kirby"))
    expect(count).to_have_attribute("data-total", "3")
    expect(speakers.locator("a.selected")).to_contain_text("John Kirby")
    page.screenshot(path=tmp_path / "speaker.png", full_page=True)
    speakers.locator("a.selected").click()  # clicked again, the filter goes
    expect(page.locator(".chip")).to_have_count(0)
    expect(count).to_have_attribute("data-total", str(everything))

    # the same words as quotations: who said "partnership", then only Kirby, then one in its article
    box = page.locator("#search input[name=q]")
    box.fill("partnership")
    box.press("Enter")
    page.locator("a.quotes-link").click()
    page.wait_for_url(re.compile(r"/quotes\?q=partnership"))
    expect(page.locator("blockquote mark").first).to_be_visible()
    page.locator('section[data-facet="speaker"] a', has_text="John Kirby").click()
    expect(page.locator(".chip")).to_have_text(re.compile(r"speaker: John Kirby"))
    expect(page.locator("li.quote-hit .speaker").first).to_have_text("John Kirby")
    page.screenshot(path=tmp_path / "quotes.png", full_page=True)
    quoted = page.locator("li.quote-hit blockquote").first.inner_text()
    page.locator("li.quote-hit a.article").first.click()
    target = page.locator("li.quote:target")
    expect(target).to_be_in_viewport()
    expect(target.locator("blockquote")).to_have_text(quoted)
    assert page.problems == []
    assert all((tmp_path / name).stat().st_size > 10_000 for name in ("speaker.png", "quotes.png"))


def test_copies_under_a_story_all_copies_and_an_article_with_its_quotes_and_copies(page, republished_index, tmp_path):
    proc, url = start_server(republished_index)
    try:
        page.goto(url + "search?q=Caspian")
        count = page.locator("#count")
        expect(count).to_have_text("4 matching stories (and 2 copies of them)")
        expect(page.locator("li.hit .copies")).to_have_count(2)
        expect(page.locator("li.hit .copies").first).to_contain_text("also in:")
        page.screenshot(path=tmp_path / "stories.png", full_page=True)
        page.locator("#all-copies").click()
        expect(count).to_have_text("6 matching articles (2 of them copies of another)")
        expect(page.locator("#all-copies")).to_have_attribute("aria-checked", "true")
        page.locator("#all-copies").click()
        expect(count).to_have_attribute("data-total", "4")

        # the hit whose copy is CNN's: Yahoo News' shortened republication, or CNN's own with Yahoo's under it
        hit = page.locator("li.hit", has=page.locator(".copies a", has_text=re.compile(r"^(CNN|Yahoo News) \(")))
        hit.locator("h3 a").click()
        expect(page.locator("article h1")).to_contain_text("US reveals details")
        copy = page.locator(".meta .copies a")
        expect(copy).to_have_count(1)
        expect(copy).to_have_text(re.compile(r"^(CNN \(2024-06-21\)|Yahoo News \(2024-06-22\))$"))
        quotes = page.locator("#quotes li.quote")
        expect(quotes.first).to_be_attached()
        assert quotes.count() >= 5
        page.locator('.meta a[href="#quotes"]').click()
        expect(quotes.first.locator("a.speaker")).to_be_in_viewport()
        expect(quotes.first.locator("a.speaker")).to_have_text("John Kirby")
        expect(page.locator("#quotes .badge").first).to_have_text("partial")
        expect(page.locator(".related li").first).to_contain_text("shared")
        page.screenshot(path=tmp_path / "article-quotes.png", full_page=True)
        before = page.locator("article").get_attribute("data-id")
        copy.click()
        expect(page.locator(".meta .copies a")).to_have_attribute("data-id", before)  # and back, from the copy
    finally:
        stop(proc)
    assert page.problems == []
    assert all((tmp_path / name).stat().st_size > 10_000 for name in ("stories.png", "article-quotes.png"))


def test_date_range_and_a_new_query_keep_the_other_filters(page, seeds_server):
    page.goto(seeds_server + "search?q=Iran&outlet=CNN&outlet=Turan")
    page.fill("input[name=since]", "2023")
    page.fill("input[name=until]", "2023-12")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"since=2023&until=2023-12"))
    expect(page.locator("#count")).to_have_attribute("data-total", "1")
    expect(page.locator("li.hit time")).to_have_text("2023-06-10")
    box = page.locator("#search input[name=q]")
    box.fill("drones")
    box.press("Enter")
    page.wait_for_url(re.compile(r"q=drones"))
    assert page.locator(".chip").all_inner_texts() == ["outlet: CNN ×", "outlet: Turan ×", "since 2023 ×",
                                                       "until 2023-12 ×"]
    page.fill("input[name=since]", "June")  # not a date: the browser holds the form back
    assert page.locator("input[name=since]").evaluate("input => input.validity.valid") is False
    assert page.problems == []


def test_sort_applies_at_once_and_slash_finds_the_box(page, seeds_server):
    page.goto(seeds_server + "search?q=Iran")
    page.select_option("select[name=sort]", "-date")  # our script, allowed by the policy, submits it
    page.wait_for_url(re.compile(r"sort=-date"))
    expect(page.locator("li.hit time").first).to_have_text("2024-06-21")
    expect(page.locator("button.nojs")).to_be_hidden()
    page.locator("body").click()
    page.keyboard.press("/")
    expect(page.locator("#search input[name=q]")).to_be_focused()
    assert page.problems == []


def test_hostile_articles_run_nothing(page, hostile_index, tmp_path):
    proc, url = start_server(hostile_index)
    try:
        hits = api(url + "api/search?q=*")["hits"]
        for path in ["search?q=Caspian", "search?q=drones", "search?q=Caspian&all_copies=1", "quotes?q=drones",
                     "quotes?speaker=kirby", *(f"article/{h['id']}?q=drones" for h in hits)]:
            page.goto(url + path)
            expect(page.locator("main")).to_be_visible()
        page.goto(url + "search?q=Caspian")
        expect(page.locator("li.hit h3", has_text='<script>alert("title")</script>')).to_be_visible()
        page.screenshot(path=tmp_path / "hostile.png", full_page=True)
        assert page.evaluate("document.scripts.length") == 1  # our own app.js only
    finally:
        stop(proc)
    assert page.problems == []
