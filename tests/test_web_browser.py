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
        for path in ["search?q=Caspian", "search?q=drones", *(f"article/{h['id']}?q=drones" for h in hits)]:
            page.goto(url + path)
            expect(page.locator("main")).to_be_visible()
        page.goto(url + "search?q=Caspian")
        expect(page.locator("li.hit h3", has_text='<script>alert("title")</script>')).to_be_visible()
        page.screenshot(path=tmp_path / "hostile.png", full_page=True)
        assert page.evaluate("document.scripts.length") == 1  # our own app.js only
    finally:
        stop(proc)
    assert page.problems == []
