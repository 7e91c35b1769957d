"""Entity normalisation rules, on small examples written for the tests.

Span-mending rules run on a blank English tokenizer with hand-set entities, so they are
tested without the statistical model; one test runs the real pipeline end to end."""

import pytest
import spacy

from searcher.entities import canonical_name, doc_mentions, extract_entities, load_nlp, model_name, normalise


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def pairs(mentions):
    return [(m.type, m.text) for m in mentions]


def tagged(nlp, text: str, *ents: tuple[str, str]):
    """A Doc of `text` with the given (surface, label) spans marked as entities."""
    doc = nlp(text)
    spans = []
    for surface, label in ents:
        start = text.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    return doc


@pytest.mark.parametrize("surface, typ, expected", [
    ("the U.S.", "place", ("United States", "place")),
    ("US", "place", ("United States", "place")),
    ("The United States", "place", ("United States", "place")),
    ("Kiev", "person", ("Kyiv", "place")),  # the curated table's type wins over the label
    ("the\nWorld Bank", "org", ("World Bank", "org")),
    ("Ottawa's", "place", ("Ottawa", "place")),
    ("Chile’s National Mining Agency", "org", ("National Mining Agency", "org")),
    ("Dr. Jane Moss", "person", ("Jane Moss", "person")),
    ("Mr Tallis-Webb", "place", ("Tallis-Webb", "person")),
    ("Hungarian Eva Kovacs", "person", ("Eva Kovacs", "person")),
    ("St Albans", "person", ("St Albans", "person")),
    ("Harbour Observer", "person", ("Harbour Observer", "org")),
    ("Health and Energy Ministries", "person", ("Health and Energy Ministry", "org")),
    ("US Coast Guard", "org", ("U.S. Coast Guard", "org")),
    ("The Hague", "place", ("The Hague", "place")),
    ("Twitter", "person", ("Twitter", "org")),
    ("4 Lena Dorsch", "person", ("Lena Dorsch", "person")),
    ("Lena Dorsch 6-4", "person", ("Lena Dorsch", "person")),
    ("G20", "org", ("G20", "org")),
    ("7th Fleet", "org", ("7th Fleet", "org")),
    ("the Pacific", "place", ("Pacific", "place")),
    ("the Caribbean", "place", ("Caribbean", "place")),
    ("van Houten", "person", ("van Houten", "person")),
])
def test_canonical_names(surface, typ, expected):
    assert canonical_name(surface, typ) == expected


@pytest.mark.parametrize("surface, typ, text", [
    ("SUVs", "org", "Drivers bought more SUVs."),
    ("GPU", "org", "One GPU, then two GPUs."),
    ("navy", "org", "navy boats"),
    ("Bulletin", "org", "The Bulletin says the bulletin is late."),  # a capitalised common noun
    ("Western", "org", "Western allies"),
    ("Ukrainian", "place", "a Ukrainian city"),
    ("STEEL PRICES SOAR", "org", "STEEL PRICES SOAR: mills raise prices"),  # a kicker in capitals
    ("A", "person", "A"),
    ("https://t.co/abc", "person", ""),
    ("Twitter @Harbourdesk", "person", ""),
    ("state Department of Fisheries", "org", ""),
])
def test_misfires_are_dropped(surface, typ, text):
    assert canonical_name(surface, typ, text) is None


def test_a_name_also_used_as_a_word_is_kept():
    text = "Labour won. The labour market is tight, Labour said, and Labour MPs agreed."
    assert canonical_name("Labour", "org", text) == ("Labour", "org")


def test_capitals_take_the_story_own_spelling():
    assert canonical_name("ZENIT", "org", "ZENIT's reporter, filing for Zenit:") == ("Zenit", "org")
    assert canonical_name("NASA", "org", "NASA said") == ("NASA", "org")


def test_normalise_folds_surnames_acronyms_and_votes_on_type():
    text = "Maria Lopez of the Pacific Fisheries Council (PFC) said. Lopez said. Lopez spoke."
    found = normalise([("person", "Maria Lopez"), ("org", "the Pacific Fisheries Council"), ("person", "PFC"),
                       ("person", "Lopez"), ("org", "Lopez"), ("place", "Peru"), ("place", "Peru's")], text)
    assert found == {"person": ["Maria Lopez"], "org": ["Pacific Fisheries Council"], "place": ["Peru"]}


def test_normalise_splits_lists_and_folds_spellings():
    found = normalise([("org", "Crown Party"), ("org", "Crown party"), ("org", "Crown Party"),
                       ("person", "Okafor, Jamie Vance"), ("org", "Bureau of Fisheries and"),
                       ("person", "Odile Marchetti"), ("org", "Marchetti")])
    assert found == {"person": ["Okafor", "Jamie Vance", "Odile Marchetti"], "org": ["Crown Party"], "place": []}


def test_short_org_names_fold_into_the_full_one():
    found = normalise([("org", "Barlow's Register"), ("org", "Barlow's"), ("org", "U.S. 7th Fleet"),
                       ("org", "7th Fleet"), ("org", "Chilean Navy Command"), ("org", "Navy Command"),
                       ("org", "Peruvian Navy Command")])
    assert found["org"] == ["Barlow's Register", "U.S. 7th Fleet", "Chilean Navy Command", "Navy Command",
                            "Peruvian Navy Command"]  # two countries' commands: the short name stays


def test_acronym_of_a_national_organisation():
    found = normalise([("org", "U.S. Fisheries Safety Board"), ("org", "FSB")])
    assert found["org"] == ["U.S. Fisheries Safety Board"]


def test_bare_name_folds_into_its_organisation():
    found = normalise([("org", "Harbour Party"), ("person", "Harbour"), ("place", "Harbour"), ("person", "Harbour")])
    assert found == {"person": [], "org": ["Harbour Party"], "place": []}
    found = normalise([("person", "Tom Harbour"), ("org", "Harbour Party"), ("person", "Harbour")])
    assert found == {"person": ["Tom Harbour"], "org": ["Harbour Party"], "place": []}


def test_ambiguous_surname_stays_as_written():
    found = normalise([("person", "Ann Reyes"), ("person", "Tom Reyes"), ("person", "Reyes")])
    assert found["person"] == ["Ann Reyes", "Tom Reyes", "Reyes"]


def test_spans_mended_from_context(blank):
    doc = tagged(blank, "The ship left the port of Bandar Lengeh for Farabi ports, owned by Ocean Star LLC.",
                 ("Bandar Lengeh", "PERSON"), ("Farabi", "NORP"), ("LLC", "ORG"))
    assert pairs(doc_mentions(doc)) == [("place", "Bandar Lengeh"), ("place", "Farabi"), ("org", "Ocean Star LLC")]


def test_mine_named_before_its_noun_is_a_place(blank):
    doc = tagged(blank, "Output fell at its Escondida and Tolvas mines.")
    assert pairs(doc_mentions(doc)) == [("place", "Tolvas")]


def test_demonym_before_place_noun_is_not_a_place(blank):
    doc = tagged(blank, "They sailed to Russian ports.", ("Russian", "NORP"))
    assert pairs(doc_mentions(doc)) == []


def test_apposition_makes_a_person(blank):
    doc = tagged(blank, "said Inés de la Vega, a spokeswoman for Harbor Grains, a trading firm.",
                 ("Inés de la Vega", "ORG"), ("Harbor Grains", "ORG"))
    assert pairs(doc_mentions(doc)) == [("person", "Inés de la Vega"), ("org", "Harbor Grains")]


def test_org_run_into_a_person_is_split(blank):
    doc = tagged(blank, "the envoy to the UN Petra Novak said", ("the UN Petra Novak", "ORG"))
    assert pairs(doc_mentions(doc)) == [("org", "United Nations"), ("person", "Petra Novak")]


def test_places_the_model_missed(blank):
    doc = tagged(blank, "Shells hit the city of Odesa and Chile's Loa Free Trade Zone near the Tuzla special "
                        "economic zone. Coastal towns waited.")
    assert pairs(doc_mentions(doc)) == [("place", "Odesa"), ("place", "Loa Free Trade Zone"), ("place", "Tuzla")]


def test_real_pipeline_end_to_end():
    """The installed spaCy pipeline, loaded with NER only, through extract_entities."""
    nlp = load_nlp(model_name())
    assert nlp.pipe_names == ["ner"]
    # built on numpy's BLAS, not thinc's slower bundled BLIS (see entities._numpy_blas)
    assert getattr(nlp.get_pipe("ner").model.ops, "use_blis", None) is False
    bodies = ["Angela Merkel met officials in Berlin on Monday. Merkel said the German government "
              "and the European Union agree.",
              "",
              "Protesters gathered in Paris outside the offices of Google."]
    first, empty, last = list(extract_entities(bodies))
    assert first["person"] == ["Angela Merkel"]
    assert "Berlin" in first["place"] and "European Union" in first["org"]
    assert empty == {"person": [], "org": [], "place": []}
    assert "Paris" in last["place"]
    # two worker processes give the same answers in the same order
    assert list(extract_entities(bodies * 2, n_process=2, batch_size=2)) == [first, empty, last] * 2


def test_missing_model_is_a_clear_error(monkeypatch):
    from searcher.entities import ModelError

    monkeypatch.setenv("SEARCHER_SPACY_MODEL", "no_such_pipeline_xyz")
    with pytest.raises(ModelError, match="not installed"):
        list(extract_entities(["Some text."]))


def test_index_with_missing_model_is_a_one_line_error(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from searcher.cli import main
    from tests.conftest import SEEDS

    monkeypatch.setenv("SEARCHER_SPACY_MODEL", "no_such_pipeline_xyz")
    result = CliRunner().invoke(main, ["--corpus", str(SEEDS), "--index", str(tmp_path / "ix"), "index"])
    assert result.exit_code == 2
    assert "not installed" in result.stderr and "Traceback" not in result.stderr
