"""The web app through Starlette's test client, on real indexes: the seeds, and a hostile
corpus whose titles, names, URLs and text are made to break out of HTML."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from searcher.indexing.build import update_index
from searcher.cli import main
from searcher.web import create_app
from searcher.web.params import API_PARAMS, MAX_QUERY_CHARS, QUOTE_PARAMS

pytest.importorskip("httpx2", reason="the test client needs httpx2 (pip install -e '.[test]')")
from starlette.testclient import TestClient  # noqa: E402

CNN_ARTICLE = "001_9236aacd133b9ed3"  # a seed by its file name, as `searcher show` takes it


@pytest.fixture(scope="module")
def client(seeds_index) -> TestClient:
    return TestClient(create_app(seeds_index), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def copies_client(republished_index) -> TestClient:
    return TestClient(create_app(republished_index), raise_server_exceptions=False)


def page(response) -> BeautifulSoup:
    assert response.headers["content-type"].startswith("text/html"), response.headers["content-type"]
    return BeautifulSoup(response.text, "html.parser")


def count(soup: BeautifulSoup) -> int:
    return int(soup.select_one("#count")["data-total"])


def facet_link(soup: BeautifulSoup, facet: str, value: str):
    for link in soup.select(f'section[data-facet="{facet}"] li a'):
        if link.select_one(".value").get_text() == value:
            return link
    raise AssertionError(f"no {facet} facet value {value!r}")


def cli_json(index: Path, *args: str) -> dict:
    result = CliRunner().invoke(main, ["--index", str(index), *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


# -- the search page

def test_search_page_shows_hits_facets_and_count(client):
    soup = page(client.get("/search", params={"q": "Caspian"}))
    assert count(soup) == 4
    hits = soup.select("li.hit")
    assert len(hits) == 4
    assert all(hit.select_one("mark") for hit in hits), "every hit marks the word it matched"
    assert {m.get_text().lower() for m in soup.select("li.hit .passage mark")} == {"caspian"}
    assert facet_link(soup, "outlet", "CNN").select_one(".n").get_text() == "2"
    assert soup.select_one('input[name="q"]')["value"] == "Caspian"


def test_clicking_a_facet_filters_and_clicking_again_removes_it(client):
    soup = page(client.get("/search", params={"q": "drones"}))
    everything = count(soup)
    cnn = facet_link(soup, "outlet", "CNN")
    assert "selected" not in (cnn.get("class") or [])
    filtered = page(client.get(cnn["href"]))
    assert count(filtered) == 2 < everything
    assert [c.get_text(" ", strip=True) for c in filtered.select(".chip")] == ["outlet: CNN ×"]
    assert {h.select_one(".outlet").get_text() for h in filtered.select("li.hit")} == {"CNN"}
    again = facet_link(filtered, "outlet", "CNN")
    assert "selected" in again["class"]
    assert count(page(client.get(again["href"]))) == everything
    # the chip removes it too, and the search box keeps the filter for a new query
    assert count(page(client.get(filtered.select_one(".chip")["href"]))) == everything
    assert [(i["name"], i["value"]) for i in filtered.select('#search input[type="hidden"]')] == [("outlet", "CNN")]


def test_two_values_of_a_facet_are_either_and_two_facets_are_both(client):
    either = page(client.get("/search?q=drones&outlet=CNN&outlet=Turan"))
    assert count(either) == 3
    both = page(client.get("/search?q=drones&outlet=CNN&person=John+Kirby"))
    assert 0 < count(both) <= 2
    assert len(both.select(".chip")) == 2 and both.select_one(".chips .clear")


def test_year_facet_and_date_range_filter_by_publication_date(client):
    soup = page(client.get("/search?q=Iran"))
    in_2023 = page(client.get(facet_link(soup, "year", "2023")["href"]))
    assert count(in_2023) == 1
    assert in_2023.select_one("li.hit time").get_text() == "2023-06-10"
    assert "published: 2023" in in_2023.select_one(".chip").get_text()
    ranged = page(client.get("/search?q=Iran&since=2023-01&until=2024-06-20"))
    assert [h.select_one("time").get_text() for h in ranged.select("li.hit")] == ["2023-06-10"]
    assert {c.get_text(" ", strip=True) for c in ranged.select(".chip")} == {"since 2023-01 ×", "until 2024-06-20 ×"}


def test_sort_and_paging(client):
    newest = page(client.get("/search?q=Iran&sort=-date&limit=2"))
    assert [h.select_one("time").get_text() for h in newest.select("li.hit")] == ["2024-06-21", "2023-06-10"]
    pages = {a.get_text(): a["href"] for a in newest.select(".pager a")}
    assert set(pages) == {"2", "3", "next"}
    second = page(client.get(pages["2"]))
    assert second.select_one("ol.hits")["start"] == "3"
    assert [h.select_one("time").get_text() for h in second.select("li.hit")] == ["2022-12-11", "undated"]
    assert "showing 3–4" in second.select_one("#count").get_text()


def test_empty_query_lists_every_article_newest_first(client):
    soup = page(client.get("/"))
    assert count(soup) == 5
    assert soup.select_one("select[name=sort] option[selected]")["value"] == "-date"
    assert soup.select_one("li.hit time").get_text() == "2024-06-21"


def test_a_story_is_one_hit_with_links_to_its_copies_and_all_copies_lists_them(copies_client):
    soup = page(copies_client.get("/search?q=Caspian"))
    assert soup.select_one("#count").get_text(" ", strip=True) == "4 matching stories (and 2 copies of them)"
    also = {a.get_text(): a["href"] for a in soup.select("li.hit .copies a")}
    assert set(also) == {"CNN (2024-06-21)", "MSN (2024-06-23)"} or set(also) == {
        "Yahoo News (2024-06-22)", "International Business Times (undated)"}, also
    for text, href in also.items():
        copy = page(copies_client.get(href))
        assert copy.select_one(".meta dd").get_text() == text.split(" (")[0]  # its outlet
        assert copy.select_one(".back a")["href"] == "/search?q=Caspian"
    toggle = soup.select_one("#all-copies")
    assert toggle["aria-checked"] == "false"
    every = page(copies_client.get(toggle["href"]))
    assert every.select_one("#count").get_text(" ", strip=True) == "6 matching articles (2 of them copies of another)"
    assert len(every.select("li.hit")) == 6 and every.select_one("#all-copies")["aria-checked"] == "true"
    assert ("all_copies", "1") in [(i["name"], i["value"]) for i in every.select('#search input[type="hidden"]')]
    # a facet, a page or a new sort keeps it; the toggle turns it off
    assert "all_copies=1" in facet_link(every, "outlet", "MSN")["href"]
    assert count(page(copies_client.get(every.select_one("#all-copies")["href"]))) == 4
    assert not page(copies_client.get("/search?q=Caspian&outlet=Turan")).select("#all-copies"), "no copies: no toggle"


def test_speaker_facet_filters_shows_a_chip_and_clicking_again_removes_it(client, seeds_index):
    soup = page(client.get("/search?q=drones"))
    kirby = facet_link(soup, "speaker", "John Kirby")
    assert soup.select_one('section[data-facet="speaker"] h2').get_text() == "Speakers"
    filtered = page(client.get(kirby["href"]))
    expected = cli_json(seeds_index, "query", "drones", "--speaker", "John Kirby", "--json")
    assert count(filtered) == expected["total"] == int(kirby.select_one(".n").get_text()) == 3
    assert [c.get_text(" ", strip=True) for c in filtered.select(".chip")] == ["speaker: John Kirby ×"]
    again = facet_link(filtered, "speaker", "John Kirby")
    assert "selected" in again["class"]
    assert count(page(client.get(again["href"]))) == count(soup)
    assert count(page(client.get("/search?speaker=kirby&speaker=zakharova"))) == 4  # either of them


def test_did_you_mean_links_to_the_corrected_search(client):
    soup = page(client.get("/search?q=Caspain&outlet=CNN"))
    link = soup.select_one(".suggestion a")
    assert link.get_text() == "Caspian"
    assert count(page(client.get(link["href"]))) == 2  # the filter is kept


def test_timeline_bars_link_to_their_month(client):
    soup = page(client.get("/search?q=Iran"))
    bars = {bar["data-month"]: bar for bar in soup.select("svg a.bar")}
    assert set(bars) == {"2022-12", "2023-06", "2024-06"}  # months without articles have no link
    june = page(client.get(bars["2024-06"]["href"]))
    assert count(june) == 1 and june.select_one("li.hit time").get_text() == "2024-06-21"
    assert "published: June 2024" in june.select_one(".chip").get_text()
    assert "selected" in june.select_one('svg a.bar[data-month="2024-06"]')["class"]
    assert "2 undated articles not shown" in soup.select_one(".timeline figcaption").get_text()


# -- one article

def test_article_page_marks_the_query_and_links_entities_and_original(client):
    soup = page(client.get(f"/article/{CNN_ARTICLE}", params={"q": "drone factory", "outlet": "CNN"}))
    assert soup.select_one("h1").get_text().startswith("US reveals details")
    marked = {m.get_text().lower() for m in soup.select(".body mark")}
    assert {"drone", "drones", "factory"} <= marked
    kirby = next(a for a in soup.select(".entities a") if a.get_text() == "John Kirby")
    assert kirby["href"] == "/search?person=John+Kirby"
    assert count(page(client.get(kirby["href"]))) == 3
    assert soup.select_one(".back a")["href"] == "/search?q=drone+factory&outlet=CNN"
    raw = client.get(soup.select_one("a.raw")["href"])
    assert raw.status_code == 200 and raw.headers["content-type"].startswith("text/plain")
    assert "sandbox" in raw.headers["content-security-policy"]
    assert "Kirby" in raw.text
    assert soup.select_one(".dates-mentioned a")["href"].startswith("/search?since=")


def test_article_page_lists_quotations_copies_and_related_coverage(copies_client, republished_index):
    shown = cli_json(republished_index, "show", "101_yahoo", "--json")
    soup = page(copies_client.get("/article/101_yahoo", params={"q": "drones"}))
    quotes = soup.select("#quotes li.quote")
    assert [q.select_one("blockquote").get_text() for q in quotes] == [f"“{q['text']}”" for q in shown["quotes"]]
    assert [bool(q.select(".badge")) for q in quotes] == [q["partial"] for q in shown["quotes"]]
    assert any(q["partial"] for q in shown["quotes"]) and not all(q["partial"] for q in shown["quotes"])
    speaker = quotes[0].select_one("a.speaker")
    assert (speaker.get_text(), speaker["href"]) == ("John Kirby", "/search?speaker=John+Kirby")
    assert count(page(copies_client.get(speaker["href"]))) == 3  # Turan, Taipei Times, and CNN's story once
    assert soup.select_one('.meta a[href="#quotes"]').get_text() == f"{len(shown['quotes'])}, below the text"
    quoted = soup.select_one(".speakers a")
    assert quoted["href"] == "/quotes?speaker=John+Kirby"
    assert quoted.select_one(".n").get_text() == str(sum(q["speaker"] == "John Kirby" for q in shown["quotes"]))
    # its copy, linked with the search it came from
    [copy] = soup.select(".meta .copies a")
    assert copy.get_text() == "CNN (2024-06-21)" and copy["href"] == f"/article/{shown['copies'][0]['id']}?q=drones"
    # related coverage: each an article page, with the reason; an untitled one by its lead, as everywhere
    related = soup.select(".related li")
    assert [r.select_one(".why").get_text() for r in related] == [r["reason"] for r in shown["related"]]
    assert related[0].select_one(".title").get_text().startswith("[lead] The US on Friday expressed alarm")
    first = page(copies_client.get(related[0].select_one("a")["href"]))
    assert first.select_one("article")["data-id"] == shown["related"][0]["id"]


def test_quotations_view_is_searcher_quotes(client, seeds_index):
    expected = cli_json(seeds_index, "quotes", "--speaker", "kirby", "--json")
    assert client.get("/api/quotes?speaker=kirby").json() == expected
    assert client.get("/api/quotes?q=partnership&page=2&limit=2").json() == cli_json(
        seeds_index, "quotes", "partnership", "-n", "2", "--page", "2", "--json")
    soup = page(client.get("/quotes?speaker=kirby"))
    assert count(soup) == expected["total"] and len(soup.select("li.quote-hit")) == min(20, expected["total"])
    assert {a.get_text() for a in soup.select("li.quote-hit .article")} >= {
        "U.S. Says Iran Helps Russia Build Drone Factory, Ships Equipment Over Caspian Sea"}
    assert any("full-scale defense partnership" in q.get_text() for q in soup.select("blockquote"))
    assert [c.get_text(" ", strip=True) for c in soup.select(".chip")] == ["speaker: kirby ×"]

    words = page(client.get("/quotes?q=partnership"))
    assert {m.get_text().lower() for m in words.select("blockquote mark")} == {"partnership", "partnerships"}
    kirby = facet_link(words, "speaker", "John Kirby")
    only_kirby = page(client.get(kirby["href"]))
    assert count(only_kirby) == int(kirby.select_one(".n").get_text()) < count(words)
    assert "selected" in facet_link(only_kirby, "speaker", "John Kirby")["class"]
    # a quotation links to itself in its article, the words marked there
    hit = only_kirby.select_one("li.quote-hit")
    href = hit.select_one("a.article")["href"]
    path, anchor = href.split("#")
    assert path.endswith("?q=partnership") and anchor.startswith("quote-")
    article = page(client.get(path))
    assert article.select_one(f"#{anchor} blockquote").get_text() == hit.select_one("blockquote").get_text()
    assert article.select(".body mark")


def test_search_and_quotations_views_link_to_each_other(client):
    soup = page(client.get("/search?q=partnership&outlet=CNN&speaker=John+Kirby"))
    quotes_href = soup.select_one("a.quotes-link")["href"]
    assert quotes_href == "/quotes?q=partnership&outlet=CNN&speaker=John+Kirby"
    quotes = page(client.get(quotes_href))
    assert {h.select_one(".outlet").get_text() for h in quotes.select("li.quote-hit")} == {"CNN"}
    assert {h.select_one(".speaker").get_text() for h in quotes.select("li.quote-hit")} == {"John Kirby"}
    assert quotes.select_one("a.articles-link")["href"] == "/search?q=partnership&outlet=CNN&speaker=John+Kirby"
    assert quotes.select_one("#search")["action"] == "/quotes"
    assert [(i["name"], i["value"]) for i in quotes.select('#search input[type="hidden"]')] == [
        ("outlet", "CNN"), ("speaker", "John Kirby")]
    assert page(client.get("/")).select_one('nav.links a[href="/quotes"]')


def test_article_source_url_is_a_link_when_it_is_http(client, seeds_index):
    article = cli_json(seeds_index, "show", "002_a934f1b5838958a7", "--json")
    soup = page(client.get(f"/article/{article['id']}"))
    assert soup.select_one("a.source")["href"] == article["url"].strip()


def test_raw_refuses_anything_not_indexed(client, seeds_index, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("not indexed\n")
    for key in ["..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "/etc/passwd", str(outside),
                "..%2Fseeds%2Fsources.csv", "sources.csv", "nothing-here"]:
        response = client.get(f"/raw/{key}")
        assert response.status_code == 404, key
        assert "root:" not in response.text and "not indexed" not in response.text
    assert client.get(f"/api/article/{CNN_ARTICLE}x").status_code == 404


# -- the JSON API: the command line's --json documents

def test_api_search_is_query_json(client, seeds_index):
    args = ["Iran", "--outlet", "CNN", "--since", "2024", "--facet", "person", "--facet", "month", "--passages", "1", "--json"]
    expected = cli_json(seeds_index, "query", *args)
    got = client.get("/api/search?q=Iran&outlet=CNN&since=2024&facet=person&facet=month&passages=1&sort=relevance")
    assert got.status_code == 200 and got.headers["content-type"] == "application/json"
    assert got.json() == expected
    assert expected["facets"]["month"] == {"2024-06": 1}


def test_api_search_with_copies_and_speakers_is_query_json(copies_client, republished_index):
    for args, url in [(["Caspian"], "q=Caspian"),
                      (["Caspian", "--all-copies"], "q=Caspian&all_copies=1"),
                      (["drones", "--speaker", "kirby", "--facet", "speaker"], "q=drones&speaker=kirby&facet=speaker"),
                      (["*", "--sort", "-date", "--all-copies", "-n", "3"], "all_copies=true&limit=3")]:
        assert copies_client.get(f"/api/search?{url}").json() == cli_json(republished_index, "query", *args, "--json"), url
    assert copies_client.get("/api/search?all_copies=maybe").json() == {
        "error": "all_copies must be true or false (1 or 0), not 'maybe'"}


def test_api_article_stats_and_timeline_are_show_stats_and_timeline_json(client, seeds_index):
    article = cli_json(seeds_index, "show", CNN_ARTICLE, "--json")
    assert client.get(f"/api/article/{article['id']}").json() == article
    assert client.get("/api/stats").json() == cli_json(seeds_index, "stats", "--json")
    assert client.get("/api/timeline?q=Iran").json() == cli_json(seeds_index, "timeline", "Iran", "--json")


def test_api_errors_are_one_line_json(client):
    bad = client.get("/api/search?q=title:(drones")
    assert bad.status_code == 400 and bad.json() == {"error": "bad query: this ( is never closed at column 7"}
    assert client.get("/api/search?facet=colour").json()["error"].startswith("facet must be one of")
    assert client.get("/api/article/nothing-here").status_code == 404


def test_openapi_describes_every_api_parameter(client):
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    search = doc["paths"]["/api/search"]["get"]
    assert [p["name"] for p in search["parameters"]] == [p.name for p in API_PARAMS]
    assert {"outlet", "person", "org", "place", "since", "until", "sort", "facet"} <= {p["name"] for p in search["parameters"]}
    assert {"speaker", "all_copies"} <= {p["name"] for p in search["parameters"]}
    assert next(p for p in search["parameters"] if p["name"] == "all_copies")["schema"]["type"] == "boolean"
    for path in ("/api/timeline", "/api/article/{key}", "/api/stats", "/api/quotes"):
        assert path in doc["paths"]
    assert [p["name"] for p in doc["paths"]["/api/quotes"]["get"]["parameters"]] == [p.name for p in QUOTE_PARAMS]
    schemas = doc["components"]["schemas"]
    assert {"story", "copies"} <= set(schemas["Hit"]["properties"]) and "copies" in schemas["Results"]["properties"]
    assert {"quotes", "story", "copies", "related"} <= set(schemas["Article"]["properties"])
    assert {"stories", "largest_stories"} <= set(schemas["Stats"]["properties"])
    ref = search["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.rsplit("/", 1)[-1] in doc["components"]["schemas"]
    listed = page(client.get("/api")).get_text()
    assert "/api/search" in listed and search["summary"] in listed and "passage_length" in listed


def test_csv_download_has_every_hit(client):
    response = client.get("/search.csv?q=Iran&limit=2")
    assert response.headers["content-type"].startswith("text/csv")
    assert 'attachment; filename="searcher-Iran.csv"' == response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5  # all matches, not the page of 2
    assert [r["rank"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert {"title", "outlet", "published", "author", "url", "path", "id", "passage", "score"} <= set(rows[0])
    assert all("Iran" in r["passage"] or "Iran" in r["title"] for r in rows)


# -- safety

def test_every_page_has_a_policy_that_forbids_inline_script(client):
    for url in ["/", "/search?q=x", f"/article/{CNN_ARTICLE}", "/help", "/api", "/nothing", "/api/stats"]:
        headers = client.get(url).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert "default-src 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_read_only(client):
    for method in ("post", "put", "delete", "patch"):
        for url in ("/search", "/api/search", f"/api/article/{CNN_ARTICLE}", f"/raw/{CNN_ARTICLE}"):
            assert getattr(client, method)(url).status_code == 405, (method, url)


def test_errors_are_one_line_never_a_traceback(client, seeds_index, monkeypatch):
    def one_line(response, status: int, text: str) -> None:
        assert response.status_code == status
        soup = page(response)
        lines = [p.get_text() for p in soup.select("main p")]
        assert len(lines) == 1 and text in lines[0], lines
        assert "Traceback" not in response.text

    one_line(client.get("/search?q=title:(drones"), 400, "this ( is never closed at column 7")
    one_line(client.get("/search", params={"q": "x" * (MAX_QUERY_CHARS + 1)}), 400, "q is too long")
    one_line(client.get("/search?page=0"), 400, "page must be a whole number")
    one_line(client.get("/search?sort=sideways"), 400, "sort must be one of")
    one_line(client.get("/search?since=2023-13"), 400, "since: '2023-13' is not a date")
    one_line(client.get("/article/nothing-here"), 404, "no indexed article has the id")
    one_line(client.get("/no/such/page"), 404, "no such page")
    one_line(TestClient(create_app(seeds_index.parent / "missing")).get("/"), 503, "no index in")

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail of the failure")

    app = create_app(seeds_index)
    monkeypatch.setattr(app.state.collection, "search", broken)
    response = TestClient(app, raise_server_exceptions=False).get("/search?q=x")
    one_line(response, 500, "internal error (RuntimeError)")
    assert "secret detail" not in response.text


def test_only_loopback_names_when_local(seeds_index):
    local = TestClient(create_app(seeds_index, local_only=True), base_url="http://127.0.0.1:8000")
    assert local.get("/api/stats").status_code == 200
    assert local.get("/api/stats", headers={"host": "localhost:8000"}).status_code == 200
    assert local.get("/api/stats", headers={"host": "[::1]:8000"}).status_code == 200
    rebound = local.get("/api/stats", headers={"host": "attacker.example:8000"})
    assert rebound.status_code == 400 and "documents" not in rebound.text


# Markup that must never reach a page as markup ("javascript:alert(4)" may, as text: the
# links are checked on their own).
INJECTED = ["<script>alert", "<img src=x onerror", "<b onmouseover", "<b>Navy", '"onmouseover="alert', '="javascript:']


def test_hostile_text_reaches_the_index_as_written(hostile_index):
    """Else the escaping tests below would pass for want of anything to escape."""
    client = TestClient(create_app(hostile_index))
    doc = client.get("/api/search?q=Caspian&limit=10&all_copies=1").json()
    hits = {h["outlet"]: h for h in doc["hits"]}
    evil = hits["<b onmouseover=alert(5)>Evil</b> News"]
    assert evil["title"] == 'Drones <script>alert("title")</script> over the "Caspian" & sea'
    assert evil["author"] == '"><script>alert(2)</script>' and evil["url"].startswith("javascript:")
    assert "<img src=x onerror=alert(3)>" in " ".join(p["text"] for p in evil["highlights"])
    assert hits["Example Wire"]["title"] == 'Ships <script>alert(6)</script> cross the "Caspian"'
    assert [c["outlet"] for c in evil["copies"]] == ["<img src=x onerror=alert(13)> Post"]
    quotes = client.get(f"/api/article/{evil['id']}").json()["quotes"]
    assert {"Drones <script>alert(10)</script> will keep coming", "They <img src=x onerror=alert(11)> will not stop"} <= {
        q["text"] for q in quotes}
    assert any("<b>Navy" in (q["speaker"] or "") for q in quotes), "a speaker in markup"


def test_hostile_text_is_escaped_everywhere(hostile_index):
    client = TestClient(create_app(hostile_index))
    ids = [h["id"] for h in client.get("/api/search?q=*").json()["hits"]]
    urls = ["/search?q=Caspian", "/search?q=drones&facet=person", "/", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
            '/search?q="><script>alert(9)</script>', "/search?outlet=%3Cb%20onmouseover%3Dalert(5)%3EEvil%3C/b%3E%20News",
            "/search?q=Caspian&all_copies=1", "/search?q=drones&speaker=John+Kirby", "/quotes", "/quotes?q=drones",
            "/quotes?speaker=kirby&q=%3Cscript%3E", "/quotes?speaker=%3Cb%3ENavy"]
    urls += [f"/article/{i}?q=drones+alert" for i in ids]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 400), url
        for bad in INJECTED:
            assert bad not in response.text, (url, bad)
        soup = page(response)
        for link in soup.select("a[href]"):
            assert link["href"].startswith(("/", "#", "http://", "https://")), (url, link["href"])
    soup = page(client.get("/search?q=Caspian"))
    assert soup.find(string=lambda s: s and 'Drones <script>alert("title")</script>' in s), "shown as text"
    assert soup.find("a", href='https://example.com/story?a=1&b="x"')  # the quote stays inside the attribute
    evil_hit = next(h for h in soup.select("li.hit") if "Evil" in h.select_one(".outlet").get_text())
    assert not evil_hit.select(".url a") and "javascript:alert(document.cookie)" in evil_hit.select_one(".url").get_text()
    assert evil_hit.select_one(".copies a").get_text() == "<img src=x onerror=alert(13)> Post (2024-03-05)"
    article = page(client.get(evil_hit.select_one("h3 a")["href"]))
    assert article.find("blockquote", string="“Drones <script>alert(10)</script> will keep coming”")
    assert article.find(class_="speaker", string=lambda s: s and s.startswith("a spokesman for the <b>Navy"))
    assert article.select_one(".meta .copies a").get_text() == "<img src=x onerror=alert(13)> Post (2024-03-05)"
    quotes = page(client.get("/quotes?q=drones"))
    assert quotes.find("mark", string="Drones") and "<script>alert(10)</script>" in quotes.select_one("blockquote").get_text()


def test_hostile_original_is_served_as_plain_text(hostile_index):
    client = TestClient(create_app(hostile_index))
    page_id = next(h["id"] for h in client.get("/api/search?q=ships").json()["hits"])
    raw = client.get(f"/raw/{page_id}")
    assert raw.headers["content-type"] == "text/plain; charset=utf-8"
    assert raw.text.startswith("<!doctype html>")


def test_original_gone_since_indexing_is_one_line(corpus_copy, seeds_cached_index):
    index_dir = seeds_cached_index
    update_index(corpus_copy, index_dir)
    (corpus_copy / "002_a934f1b5838958a7.txt").unlink()
    response = TestClient(create_app(index_dir)).get("/raw/002_a934f1b5838958a7")
    assert response.status_code == 404
    assert [p.get_text() for p in page(response).select("main p")] == [
        f"cannot read the original of {corpus_copy / '002_a934f1b5838958a7.txt'}: no such file"]


def test_csv_cells_cannot_run_as_spreadsheet_formulas(hostile_index):
    client = TestClient(create_app(hostile_index))
    rows = list(csv.DictReader(io.StringIO(client.get("/search.csv?q=drones").text)))
    titles = {r["title"] for r in rows}
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in titles
    assert not any(value.startswith(("=", "+", "-", "@")) for r in rows for value in r.values())


def test_server_follows_a_new_generation(corpus_copy, seeds_cached_index):
    index_dir = seeds_cached_index
    update_index(corpus_copy, index_dir)
    client = TestClient(create_app(index_dir))
    assert client.get("/api/search?q=zeppelin").json()["total"] == 0
    assert client.get("/api/stats").json()["documents"] == 5
    assert not page(client.get("/article/004_7667e2f1bdb5648b")).select(".meta .copies")
    (corpus_copy / "new.txt").write_text(
        "Zeppelin seen over the Caspian\n\nA zeppelin was seen over the Caspian Sea on Sunday, officials in "
        "Baku said, the first such sighting in decades.\n\nThe airship flew north towards Russia.\n")
    (corpus_copy / "copy.txt").write_text((corpus_copy / "004_7667e2f1bdb5648b.txt").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    update_index(corpus_copy, index_dir)
    assert client.get("/api/search?q=zeppelin").json()["total"] == 1
    assert client.get("/api/stats").json()["documents"] == 7
    assert count(page(client.get("/search?q=zeppelin"))) == 1
    # the article's copies as the new generation has them, not as first shown
    assert page(client.get("/article/004_7667e2f1bdb5648b")).select(".meta .copies a")


def test_bench_times_the_page_through_the_app(seeds_index):
    """The benchmark's harness (bench/web.py) on the seeds: every page answered, numbers out."""
    from bench.web import measure

    result = measure(seeds_index, queries=10)
    assert result["page"]["failed"] == 0 and result["page"]["n"] == result["queries"] >= 5
    assert result["whole_collection_page"]["failed"] == 0
    assert result["page"]["p95_ms"] > 0 and result["search_alone"]["p95_ms"] > 0
