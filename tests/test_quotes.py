"""Quotations and their speakers: against a hand gold for the seeds (tests/seed_quotes_gold.json,
written by reading them), and the rules on small texts of the shapes news stories use."""

import json
import re
from pathlib import Path

import pytest

from searcher.extract.pipeline import extract_files
from searcher.extract.quotes import extract_quotes, quote_spans

from .conftest import SEEDS

GOLD = json.loads((Path(__file__).parent / "seed_quotes_gold.json").read_text(encoding="utf-8"))


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(",.;: ")


def same_name(found: str, wanted: str) -> bool:
    """"John Kirby" is "Kirby"; the entity stage may spell an organisation with its country."""
    found, wanted = found.casefold(), wanted.casefold()
    return found == wanted or found.endswith(" " + wanted) or wanted.endswith(" " + found)


@pytest.fixture(scope="module")
def seed_articles():
    return {Path(a.path).name: a for a in extract_files(sorted(SEEDS.glob("*.txt")))}


@pytest.mark.parametrize("name", sorted(k for k in GOLD if not k.startswith("_")))
def test_seed_quotes_match_the_hand_gold(seed_articles, name):
    article = seed_articles[name]
    found = {norm(q.text): q for q in article.quotes}
    problems = []
    for gold in GOLD[name]:
        quote = found.pop(norm(gold["text"]), None)
        if quote is None:
            problems.append(f"missed: {gold['text'][:60]!r}")
            continue
        accepted = [gold["speaker"], *gold.get("also", [])]
        if quote.named:
            right = any(a and same_name(quote.speaker, a) for a in accepted)
        else:
            right = None in accepted
        if not right:
            problems.append(f"{gold['text'][:50]!r}: speaker {quote.speaker!r} ({quote.speaker_type}), want {accepted}")
        if quote.partial != gold["partial"]:
            problems.append(f"{gold['text'][:50]!r}: partial {quote.partial}, want {gold['partial']}")
        assert article.body[quote.start:quote.end].startswith(quote.text[:20])
    problems += [f"not a quotation in the gold: {text[:60]!r}" for text in found]
    assert not problems, "\n".join(problems)


def quotes_of(body: str, **entities) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(body, entities)]


def test_a_quote_running_over_paragraphs_is_one_quote():
    body = ("“The first part of it goes on,\n“and then the second paragraph ends it,” said Ana Ruiz.\n"
            "Other news.")
    [quote] = extract_quotes(body, {"person": ["Ana Ruiz"]})
    assert quote.text == "The first part of it goes on, and then the second paragraph ends it"
    assert quote.speaker == "Ana Ruiz" and not quote.partial
    assert body[quote.start:quote.end].startswith("The first") and body[quote.start:quote.end].endswith("ends it")


def test_straight_marks_are_told_open_from_close():
    spans = quote_spans('He said "yes," and "no".\n"Then" it "ended')
    body = 'He said "yes," and "no".\n"Then" it "ended'
    assert [body[s:e] for span in spans for s, e in span.pieces] == ["yes,", "no", "Then", "ended"]


def test_a_quote_continued_after_he_said_keeps_its_speaker():
    body = ("Chancellor Gordon Brown spoke on Monday. “We will not waver,” he said, “whatever it costs.” "
            "“Nor will we,” Mr Howard replied.")
    assert quotes_of(body, person=["Gordon Brown", "Michael Howard"]) == [
        ("We will not waver", "Gordon Brown"), ("whatever it costs.", "Gordon Brown"), ("Nor will we", "Michael Howard")]


def test_pronouns_and_role_nouns_find_the_person_named_before():
    body = ("Maria Lopez, the club's chairwoman, met Peter Hall on Friday.\n"
            "“It was a good meeting,” she said.\n"
            "“We agreed on nothing,” he said.\n"
            "“Talks go on,” the chairwoman added.")
    assert quotes_of(body, person=["Maria Lopez", "Peter Hall"]) == [
        ("It was a good meeting", "Maria Lopez"), ("We agreed on nothing", "Peter Hall"),
        ("Talks go on", "Maria Lopez")]


def test_organisations_speak_and_unnamed_sources_stay_unnamed():
    body = ("“The sanctions are illegal,” the Kremlin said. “It is a disaster,” one analyst told the BBC. "
            "The firm's results were, according to a spokesman for Acme Corp, “in line with forecasts”.")
    quotes = extract_quotes(body, {"org": ["Kremlin", "Acme Corp", "BBC"]})
    assert [(q.speaker, q.speaker_type) for q in quotes] == [
        ("Kremlin", "org"), ("one analyst", "unnamed"), ("a spokesman for Acme Corp", "unnamed")]
    assert [q.cue for q in quotes] == ["said", "told the BBC", "according to"]
    assert [q.partial for q in quotes] == [False, False, True]


def test_titles_are_not_quotes_and_a_partial_quote_needs_its_own_sentence_to_say_who():
    body = ('The film "Million Dollar Baby" won, and critics called the move "brave". Smith said it was fine. '
            'The "dumbing down" of television goes on.')
    assert quotes_of(body, person=["Smith"]) == [("brave", "critics"), ("dumbing down", None)]


def test_doubled_straight_marks_are_one_mark():
    body = 'Verizon is to pay an ""unconscionable and inadequate"" sum.\n""We will fight it,"" Ana Ruiz said.'
    assert quotes_of(body, person=["Ana Ruiz"]) == [("unconscionable and inadequate", None), ("We will fight it", "Ana Ruiz")]


def test_he_is_the_subject_just_before_not_a_speaker_further_back():
    body = ("“We won,” said Peter Hall. The weather was cold. And Jamie Foxx, who had two nominations, thanked "
            "director Taylor Hackford. “You took a chance, man,” he said.")
    assert quotes_of(body, person=["Peter Hall", "Jamie Foxx", "Taylor Hackford"])[-1] == ("You took a chance, man",
                                                                                          "Jamie Foxx")


def test_a_role_is_whom_the_story_gives_it_before_or_after():
    body = ("The home secretary said the reports were not “well informed”. Foreign Secretary Jack Straw was away. "
            "And Home Secretary Charles Clarke told the BBC: “I am not organising an investigation.”")
    assert quotes_of(body, person=["Jack Straw", "Charles Clarke"]) == [
        ("well informed", "Charles Clarke"), ("I am not organising an investigation.", "Charles Clarke")]


def test_passive_cues_documents_and_the_sentence_before_name_the_speaker():
    body = ("The posters were labelled a “big misjudgement” by the Conservatives.\n"
            "Oxfam says in a report that aid has halved. The report said: “It is an obligation.”\n"
            "US coach Patrick McEnroe wants his team to play more on clay. “It will help these guys.”")
    assert quotes_of(body, org=["Oxfam"], person=["Patrick McEnroe"]) == [
        ("big misjudgement", "Conservatives"), ("It is an obligation.", "Oxfam"), ("It will help these guys.", "Patrick McEnroe")]


# -- through the index and the command line

def test_quotes_by_speaker_across_outlets(run):
    result = run("quotes", "--speaker", "kirby", "--json", "--limit", "100")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)["hits"]
    assert {h["article"]["outlet"] for h in hits} == {"Turan", "CNN", "Taipei Times"}
    assert all(h["speaker"] == "John Kirby" for h in hits)
    assert any("full-scale defense partnership" in h["text"] for h in hits)
    dates = [h["article"]["published"] for h in hits]
    assert dates == sorted(dates, reverse=True)  # newest first without words to rank by


def test_quotes_text_output_shows_speaker_article_and_marked_words(run):
    result = run("quotes", '"full-scale"', "--color", "always")
    assert result.exit_code == 0, result.output
    on, off = "\x1b[1;33m", "\x1b[22;39m"
    assert f"“This is a {on}full{off}-{on}scale{off} defense partnership" in result.output
    assert "-- \x1b[1mJohn Kirby\x1b[0m (said)" in result.output
    plain = run("quotes", '"full-scale"')  # piped: no marks that could be the text's own
    assert "“This is a full-scale defense partnership" in plain.output
    assert "-- John Kirby (said)" in plain.output
    assert "Turan | 2023-06-10 | " in result.output
    assert "2 matching quotations" in result.output


def test_quotes_with_no_match_exit_1(run):
    assert run("quotes", "zanzibar").exit_code == 1


def test_quote_field_searches_only_quoted_words(run):
    # 003 says "full-scale invasion" in its own words, not in a quotation
    result = run("query", 'quote:"full-scale"', "--json")
    assert sorted(h["path"].rsplit("/", 1)[1][:3] for h in json.loads(result.output)["hits"]) == ["000", "002"]
    body = run("query", '"full-scale"', "--json")
    assert "003" in {h["path"].rsplit("/", 1)[1][:3] for h in json.loads(body.output)["hits"]}


def test_speaker_filter_and_facet(run):
    result = run("query", "*", "--speaker", "Barbara Woodward", "--facet", "speaker", "--json")
    data = json.loads(result.output)
    assert [h["path"].rsplit("/", 1)[1][:3] for h in data["hits"]] == ["002"]
    assert data["facets"]["speaker"]["John Kirby"] == 1 and data["facets"]["speaker"]["Barbara Woodward"] == 1
    everything = json.loads(run("query", "*", "--facet", "speaker", "--json").output)
    assert everything["facets"]["speaker"]["John Kirby"] == 3


def test_show_and_extract_list_the_quotes(run):
    shown = run("show", "001_9236aacd133b9ed3")
    assert "quotes (6):" in shown.output
    assert "“Support flows in both directions: from Iran to Russia and from Russia to Iran” -- John Kirby (said)" in shown.output
    extracted = run("extract", "--json", str(SEEDS / "002_a934f1b5838958a7.txt"))
    quotes = json.loads(extracted.output)["quotes"]
    assert set(quotes[0]) == {"text", "speaker", "speaker_type", "cue", "start", "end", "partial"}
    assert quotes[0]["speaker"] == "United States" and quotes[0]["partial"] is True


def test_any_text_gives_quotes_with_offsets_inside_it():
    """Seeded random texts made of the pieces the rules look at, in any order: no error, and
    every quote's offsets lie in the body with its words between them."""
    import random

    pieces = ['"', "“", "”", "'", " ", "\n", ",", ".", ":", "?", "And", "said", "says", "he", "she", "it", "the",
              "spokesman", "Mr", "Ana", "Ruiz", "Acme", "Corp", "according", "to", "told", "reporters", "adding",
              "that", "a", "U.S.", "—", "(", ")", "20-year-old", "Frenchman", "who", "was", "for", "calling"]
    rng = random.Random(17)
    for _ in range(1500):
        body = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for quote in extract_quotes(body, {"person": ["Ana Ruiz"], "org": ["Acme Corp"], "place": ["United States"]}):
            assert 0 <= quote.start < quote.end <= len(body), body
            assert quote.text.split()[0] in body[quote.start:quote.end], body


def test_a_quote_reaches_the_terminal_without_its_control_characters():
    from searcher.article import Quote
    from searcher.render import quote_line

    line = quote_line(Quote("bad \x1b[31mred words", "Ana\x07 Ruiz", "person", "said", 0, 18, False),
                      color=True, matches=[(0, 3)])
    assert "\x1b[31m" not in line and "\\x1b[31mred" in line and "\x07" not in line
    assert "\x1b[1;33mbad\x1b[22;39m" in line  # the match marks are still colour


def test_a_quote_inside_a_quote_does_not_end_the_run_of_quoted_sentences():
    body = ('Coach Ann Berg said: "The crowd kept singing \'you are the best.\' "It carried us through."')
    assert quotes_of(body, person=["Ann Berg"]) == [
        ("The crowd kept singing 'you are the best.' It carried us through.", "Ann Berg")]


def test_ing_cues_take_the_subject_of_their_own_clause():
    body = ('Mayor Ann Cole wrote to the council saying: "The road must close."\n'
            'While praising the "bold" plan, she attacked its cost.\n'
            'Angry residents are petitioning Tom Hale to act, saying the traffic is "unbearable".\n'
            'Brazilian winger Paulo Mendes scored twice. Tom Hale was booked. The Brazilian had annoyed the '
            'referee by calling a penalty "a joke".')
    assert quotes_of(body, person=["Ann Cole", "Tom Hale", "Paulo Mendes"]) == [
        ("The road must close.", "Ann Cole"), ("bold", "Ann Cole"), ("unbearable", "Angry residents"),
        ("a joke", "Paulo Mendes")]


def test_a_catenative_verb_keeps_its_subject_and_initials_name_an_organisation():
    body = ('The ministry said the rules would stay. It was quick to point out that they are "temporary".\n'
            'In its ruling, the WADA described the results as "irregular".')
    quotes = extract_quotes(body, {"org": ["ministry"]})
    assert [(q.speaker, q.speaker_type) for q in quotes] == [("ministry", "org"), ("WADA", "org")]


def test_what_no_one_in_particular_revealed_is_reported_by_the_speaker():
    body = 'Jane Doe said tests on the reservoir revealed the water was "perfectly safe".'
    assert quotes_of(body, person=["Jane Doe"]) == [("perfectly safe", "Jane Doe")]


def test_for_someone_gives_their_view_and_then_speaks_for_he():
    body = ('Tom Reed said prices would fall. "We are confident," he said.\n'
            'But for economist Sam Patel, the rise is "a warning sign". "Prices will keep climbing," he said.')
    assert quotes_of(body, person=["Tom Reed", "Sam Patel"])[-2:] == [
        ("a warning sign", "Sam Patel"), ("Prices will keep climbing", "Sam Patel")]


def test_a_pronoun_subject_is_not_the_one_its_verb_is_said_to():
    body = ('"I signed every page," Carl Brown told the court. Prosecutor Lisa Grant then questioned him. '
            'Later he asked Ms Grant whether she had "read the contract".')
    assert quotes_of(body, person=["Carl Brown", "Lisa Grant"])[-1] == ("read the contract", "Carl Brown")


def test_a_quote_that_names_the_one_the_sentence_before_was_about_is_someone_elses():
    body = ('"The squad is nearly settled," coach Dan Ross said.\n'
            'Striker Leo Park is injured. "Leo Park is a great player and he will be back soon."')
    assert quotes_of(body, person=["Dan Ross", "Leo Park"])[-1] == (
        "Leo Park is a great player and he will be back soon.", "Dan Ross")


def test_names_the_entity_stage_got_wrong_are_read_as_the_story_uses_them():
    body = ('Mira Holt won in three sets. "I served well," said Holt.\n'
            'Judges should stay out of politics, Lord Dale said. He added: "It harms the courts."\n'
            '"It was hard," said Staff Sgt. Ray Owens, a driver with Baker Company, 2nd Battalion.\n'
            'The rebel leader, al-Masri, said the town would fall to an "iron wall".\n'
            '"Yes," Omar replied, smiling.')
    entities = {"org": ["Mira Holt", "Baker Company", "2nd Battalion"], "person": ["Judges", "Dale", "Ray Owens",
                                                                                   "al-Masri", "Omar Saleh"],
                "place": ["Omar"]}
    assert quotes_of(body, **entities) == [
        ("I served well", "Mira Holt"), ("It harms the courts.", "Dale"), ("It was hard", "Ray Owens"),
        ("iron wall", "al-Masri"), ("Yes", "Omar Saleh")]


def test_noun_shaped_verbs_are_cues_after_a_subject():
    body = ('Ana Cruz joined in May. The midfielder also claims she was "never given a chance".')
    assert quotes_of(body, person=["Ana Cruz"]) == [("never given a chance", "Ana Cruz")]


def test_a_story_names_by_role_first_and_by_name_next():
    body = ('A fire safety officer has told an inquiry that the alarms were "never tested".\n'
            'Rita Vance told the hearing she had raised the matter twice.')
    assert quotes_of(body, person=["Rita Vance"]) == [("never tested", "Rita Vance")]


def test_and_that_goes_on_with_the_words_reported_before():
    body = ('Mayor Joan Pike will say the city is "open for business". And that she wants a "greener" centre.')
    assert quotes_of(body, person=["Joan Pike"]) == [("open for business", "Joan Pike"), ("greener", "Joan Pike")]


def test_a_cue_that_reports_more_after_a_quote_belongs_to_the_next_sentence():
    body = ('A lawyer for the families, Ann Lee, told the court: "Justice was done." '
            'Bank spokesman Tom Fox said the payment, due next week, was a fresh start.')
    assert quotes_of(body, person=["Ann Lee", "Tom Fox"]) == [("Justice was done.", "Ann Lee")]


def test_roles_and_names_said_in_other_ways():
    body = ('Originally dubbed "Blue Box", the firm grew fast.\n'
            'Radio Nine has changed its schedule. The station said the show was "too costly".\n'
            '"We are growing," said Acme president and chief executive Jo Hart.\n'
            '"It is a great honour," Mr de Rosa said.\n'
            'Sam Weller, a senior fellow at the Policy Institute told the BBC: "Costs will rise."\n'
            'Kim Rowe, the mayor, opened the hall. "It will reopen soon," the council\'s spokesperson said.')
    entities = {"person": ["Jo Hart", "Luca de Rosa", "Kim Rowe"], "org": ["Radio Nine", "Acme", "Mr de Rosa",
                                                                          "Policy Institute"]}
    assert quotes_of(body, **entities) == [
        ("Blue Box", None), ("too costly", "Radio Nine"), ("We are growing", "Jo Hart"),
        ("It is a great honour", "Luca de Rosa"), ("Costs will rise.", "Sam Weller"),
        ("It will reopen soon", "the council's spokesperson")]
