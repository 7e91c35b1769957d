"""Repetition across the pages of one site as evidence (searcher.extract.sitewide), on pages of an
invented site: its furniture on page after page, each page with its own story."""

from pathlib import Path

from click.testing import CliRunner

from searcher.indexing.build import update_index
from searcher.cli import main
from searcher.extract.pipeline import extract_files
from searcher.extract.sitewide import fingerprint, weigh

SITE = "https://www.islandtimes.example"
STORIES = {
    "ferry": ("Harbour ferry to run every twenty minutes", [
        "The harbour ferry will run every twenty minutes from next spring, the council said on Tuesday.",
        "Officials expect the new timetable to cut waiting times at the terminal by half during the summer.",
        "The service was cut back three years ago, when the older boats were taken out of use for repairs."]),
    "school": ("School roof to be replaced before the winter", [
        "The island school will get a new roof before the winter storms arrive, the education board confirmed.",
        "Parents had complained for two years about leaks in the classrooms on the upper floor of the building.",
        "Work is due to start in September and should take about six weeks, the contractor said."]),
    "bakery": ("Bakery wins a national prize for its bread", [
        "A small bakery on the high street has won a national prize for its sourdough bread.",
        "The owner, who opened the shop a decade ago, said the award was a surprise to the whole family.",
        "Judges praised the crust and the flavour, and said the loaf stood out among hundreds of entries."]),
    "lanes": ("Cycle lanes approved after a long debate", [
        "Councillors approved new cycle lanes along the seafront after a debate that lasted most of the evening.",
        "Supporters said the lanes would make the road safer for children riding to school each morning.",
        "Opponents argued that the plan would take away parking spaces that local shops depend on."]),
}
# The site's furniture inside its story container, in words no rule knows.
SLOGAN = "Your island, your voice, every single day"
BOX_HEADING = "Morning Brief"
BOX_PITCH = "Get the five stories everyone on the island is talking about, each weekday at seven."
BIO = "Mairi Sutherland has written about the island council and its politics for the paper since 2015."


def page(key: str, extra: str = "", furniture: bool = True) -> str:
    title, paragraphs = STORIES[key]
    story = "".join(f"<p>{p}</p>" for p in paragraphs)
    box = f"<div><h3>{BOX_HEADING}</h3><p>{BOX_PITCH}</p></div><p>{BIO}</p>" if furniture else ""
    return (f"<html><head><title>{title} - Island Times</title><link rel='canonical' href='{SITE}/{key}'></head>"
            f"<body><div class='story'><p>{SLOGAN}</p><h1>{title}</h1>{story}{extra}{box}</div></body></html>")


def write_pages(folder: Path, pages: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, html in pages.items():
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(path)
    return paths


def extracted(paths: list[Path]) -> dict[str, object]:
    return {Path(a.path).stem: a for a in extract_files(paths, entities=False)}


def test_furniture_on_every_page_of_the_site_goes_and_names_its_evidence(tmp_path):
    articles = extracted(write_pages(tmp_path, {key: page(key) for key in STORIES}))
    for key, article in articles.items():
        assert all(p in article.body for p in STORIES[key][1])
        for junk in (SLOGAN, BOX_HEADING, BOX_PITCH, BIO):
            assert junk not in article.body
        reasons = {r.text: r.reason for r in article.removed}
        assert reasons[BOX_HEADING] == "same block on 4 pages of this site"
        assert reasons[BIO].startswith("same block on 4 pages of this site, about something else")


def test_one_page_alone_has_no_evidence_from_its_site(tmp_path):
    (article,) = extracted(write_pages(tmp_path, {"ferry": page("ferry")})).values()
    assert BOX_PITCH in article.body and BIO in article.body
    assert not any(r.reason.startswith("same block") for r in article.removed)


def test_pages_of_other_sites_are_no_evidence(tmp_path):
    pages = {key: page(key).replace(SITE, f"https://{key}.example") for key in STORIES}
    for article in extracted(write_pages(tmp_path, pages)).values():
        assert BIO in article.body


def test_copies_of_one_story_count_once_and_keep_their_text(tmp_path):
    # The same story saved twice (once updated, with a paragraph added) and a third page:
    # the story's text is on two pages, but they are one story, so it is no furniture;
    # the site's box, on all three pages, is on two of its stories.
    update = "<p>Update: the council later said the first boats would sail in March.</p>"
    articles = extracted(write_pages(tmp_path, {"ferry": page("ferry"), "ferry-updated": page("ferry", update),
                                                "school": page("school")}))
    for key in ("ferry", "ferry-updated"):
        assert all(p in articles[key].body for p in STORIES["ferry"][1])
    reasons = {r.text: r.reason for r in articles["school"].removed}
    assert reasons[BOX_HEADING] == "same block on 2 pages of this site"
    assert BIO in articles["school"].body  # a paragraph needs three pages


def test_a_repeated_paragraph_about_the_story_stays(tmp_path):
    # A site repeats its background paragraph on a running story: that is story.
    background = ("The ferry service, run by the council since 1998, carries about four hundred "
                  "passengers across the harbour on a summer day.")
    pages = {key: page(key, f"<p>{background}</p>") for key in ("ferry", "school", "bakery")}
    pages["ferry"] = page("ferry", f"<p>{background}</p>")
    articles = extracted(write_pages(tmp_path, pages))
    assert background in articles["ferry"].body


def test_lists_tables_and_introductions_stay_however_often_printed(tmp_path):
    table = "<table><tr><td>Harbour</td><td>won</td></tr><tr><td>North Quay</td><td>lost</td></tr></table>"
    intro = "<p>The council leader said:</p>"
    pages = {key: page(key, intro + table) for key in STORIES}
    for article in extracted(write_pages(tmp_path, pages)).values():
        assert "Harbour won" in article.body and "North Quay lost" in article.body
        assert "The council leader said:" in article.body


def test_text_files_are_weighed_by_the_site_their_sidecar_names(tmp_path):
    menu = ["Home", "News", "Island life"]
    names = []
    for key, (title, paragraphs) in STORIES.items():
        (tmp_path / f"{key}.txt").write_text("\n".join([*menu, title, *paragraphs, "Island Times, Harbour Street"]),
                                             encoding="utf-8")
        names.append(key)
    (tmp_path / "sources.csv").write_text("file,url\n" + "".join(f"{k}.txt,{SITE}/{k}\n" for k in names),
                                          encoding="utf-8")
    articles = extracted(sorted(tmp_path.glob("*.txt")))
    for key, article in articles.items():
        assert article.title == STORIES[key][0]
        assert all(p in article.body for p in STORIES[key][1])
        reasons = {r.text: r.reason for r in article.removed}
        assert reasons["Island life"] == "same block on 4 pages of this site"


def test_the_evidence_is_part_of_the_extraction_key(tmp_path):
    paths = write_pages(tmp_path, {key: page(key) for key in ("ferry", "school")})
    from searcher.extract.pipeline import SiteSurvey, read_files

    alone = list(read_files(paths[:1]))[0]
    weighed = {Path(a.path).stem: a for a in weigh(read_files(paths), SiteSurvey(paths))}
    assert weighed["ferry"].site_blocks[fingerprint(BOX_HEADING)] == 2
    assert weighed["ferry"].content_hash == alone.content_hash
    assert weighed["ferry"].extraction_key != alone.extraction_key


def test_weighing_holds_no_more_pages_than_its_budget(tmp_path, monkeypatch):
    # A first build of 50,000 saved pages must not hold them all in memory: the pages are
    # surveyed for their prints one at a time, and those beyond the survey's budget of
    # held characters are read again to be cleaned.
    import weakref

    import searcher.extract.pipeline

    alive, most_alive, reads = [0], [0], [0]
    read_article = searcher.extract.pipeline.read_article

    def let_go() -> None:
        alive[0] -= 1

    def counted(*args, **kwargs):
        article = read_article(*args, **kwargs)
        weakref.finalize(article, let_go)
        alive[0] += 1
        reads[0] += 1
        most_alive[0] = max(most_alive[0], alive[0])
        return article

    monkeypatch.setattr(searcher.extract.pipeline, "read_article", counted)
    pages = {f"{key}-{n}": page(key).replace(f"{SITE}/{key}", f"{SITE}/{key}-{n}").replace("</h1>", f" {n}</h1>")
             for key in STORIES for n in range(5)}
    paths = write_pages(tmp_path, pages)
    held = 3  # pages' worth of characters the survey may keep for the cleaning pass
    monkeypatch.setattr(searcher.extract.pipeline, "SURVEY_HELD_CHARS", held * max(map(len, pages.values())))
    cleaned = 0
    for article in extract_files(paths, entities=False):
        assert BOX_PITCH not in article.body  # weighed against the whole site all the same
        cleaned += 1
        del article
    assert cleaned == len(pages)
    assert most_alive[0] <= held + 2  # those held, the page being cleaned and the one being read
    assert reads[0] <= 2 * len(pages) - held  # the held pages were not read again


def test_a_survey_within_its_budget_reads_each_page_once(tmp_path, monkeypatch):
    import searcher.extract.pipeline

    read = []
    read_article = searcher.extract.pipeline.read_article
    monkeypatch.setattr(searcher.extract.pipeline, "read_article", lambda path, *a: read.append(path) or read_article(path, *a))
    paths = write_pages(tmp_path, {key: page(key) for key in STORIES})
    bodies = [article.body for article in extract_files(paths, entities=False)]
    assert len(bodies) == len(paths) and all(BOX_PITCH not in body for body in bodies)
    assert sorted(map(str, read)) == sorted(map(str, paths))


def test_a_held_page_beside_a_bad_sidecar_still_has_it_reported(tmp_path):
    paths = write_pages(tmp_path, {key: page(key) for key in STORIES})
    (tmp_path / "sources.csv").write_text("name,outlet\nferry.html,Nobody\n")
    skipped = []
    articles = list(extract_files(paths, entities=False, on_bad_sidecar=lambda path, why: skipped.append((path, why))))
    assert len(articles) == len(paths) and all(not a.source for a in articles)
    assert skipped == [(str(tmp_path / "sources.csv"), "its header has no 'file' column; the files beside it are read without it")]


def test_a_page_rewritten_between_survey_and_cleaning_is_weighed_as_it_is_now(tmp_path):
    from searcher.extract.pipeline import SiteSurvey, read_files
    from searcher.extract.sitewide import SiteEvidence

    paths = write_pages(tmp_path, {key: page(key) for key in STORIES})
    evidence = SiteEvidence()
    evidence.survey(SiteSurvey(paths))
    write_pages(tmp_path, {"ferry": page("ferry", "<p>Update: the first boats will sail in March.</p>")})
    (rewritten,) = read_files(paths[:1])
    assert evidence.site_blocks(rewritten)[fingerprint(BOX_HEADING)] == 4


def test_a_build_reports_progress_over_the_survey_and_the_cleaning(tmp_path):
    corpus = tmp_path / "corpus"
    write_pages(corpus, {key: page(key) for key in STORIES})
    (corpus / "notes.txt").write_text("A text file with no site is not surveyed.", encoding="utf-8")
    steps = []
    update_index(corpus, tmp_path / "index", jobs=1, on_progress=lambda done, total: steps.append((done, total)))
    assert steps == [(n, 2 * len(STORIES) + 1) for n in range(1, 2 * len(STORIES) + 2)]


def test_an_index_update_weighs_new_pages_against_those_indexed(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    write_pages(corpus, {key: page(key) for key in ("ferry", "school")})
    update_index(corpus, index_dir, jobs=1)
    write_pages(corpus, {"bakery": page("bakery")})
    report = update_index(corpus, index_dir, jobs=1)
    assert report.added == 1
    from searcher.indexing.index import open_index

    with open_index(index_dir).searcher() as s:
        bodies = {Path(doc["path"]).stem: doc["body"] for doc in s.all_stored_fields()}
    assert all(p in bodies["bakery"] for p in STORIES["bakery"][1])
    assert BOX_PITCH not in bodies["bakery"]  # the pitch is on three pages: two indexed, one new


def test_extract_explain_names_the_pages_of_the_site(tmp_path):
    paths = write_pages(tmp_path, {key: page(key) for key in STORIES})
    result = CliRunner().invoke(main, ["extract", "--explain", *map(str, paths)])
    assert result.exit_code == 0, result.output
    assert f"[same block on 4 pages of this site] {BOX_HEADING}" in result.output


def test_a_pages_site_is_its_sidecar_address_else_its_declared_address_else_its_name():
    from searcher.article import Article
    from searcher.extract.sitewide import site_key

    declared = ("<html><head><script>var canonical = 1;</script><meta content='Island Times' property='og:site_name'>"
                "</head><body><meta property=\"og:url\" content=\"https://www.islandtimes.example/a\"></body></html>")
    assert site_key(Article("a.html", raw=declared, format="html")) == "islandtimes.example"
    named = "<html><head><meta property='og:site_name' content=' Island  Times '></head></html>"
    assert site_key(Article("b.html", raw=named, format="html")) == "island times"
    assert site_key(Article("c.html", raw=declared, format="html",
                            source={"url": "https://news.example.org/c"})) == "news.example.org"
    assert site_key(Article("d.txt", raw="Text", source={"outlet": "Island Times"})) == "island times"
    assert site_key(Article("e.txt", raw="Text")) is None


def test_a_sites_first_page_weighs_the_same_held_or_read_again(tmp_path, monkeypatch):
    # The survey holds each site's first page until a second comes, within a bound;
    # beyond it the page is read again: the evidence is the same either way.
    import searcher.extract.sitewide

    paths = write_pages(tmp_path, {key: page(key) for key in STORIES})
    held = {Path(a.path).stem: a.site_blocks for a in extract_files(paths, entities=False)}
    monkeypatch.setattr(searcher.extract.sitewide, "HELD_CHARS", 0)
    read_again = {Path(a.path).stem: a.site_blocks for a in extract_files(paths, entities=False)}
    assert held == read_again
    assert held[Path(paths[0]).stem][fingerprint(BOX_HEADING)] == len(STORIES)
