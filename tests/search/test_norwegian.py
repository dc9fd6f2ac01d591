"""The normalisation rules (pure functions) and the editors' synonyms."""

import pytest
from django.core.exceptions import ValidationError

from search.models import SearchSynonym
from search.norwegian import (
    builtin_rules,
    elasticsearch_synonym_rules,
    expand_terms,
    normalise_text,
    normalise_word,
    stem,
    tokenize,
)
from search.query import get_rules


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("tjeneste", "teneste"),
        ("tjenesten", "tenesta"),
        ("behandlingstjeneste", "behandlingsteneste"),
        ("sykehus", "sjukehus"),
        ("universitetssykehuset", "universitetssjukehuset"),
        ("brannskade", "brannskadar"),
        ("brannskadene", "brannskadane"),
        ("kjønnsinkongruens", "transseksualisme"),
        ("nasjonal", "nasjonalt"),
    ],
)
def test_forms_normalise_to_the_same_word(first, second):
    rules = builtin_rules()
    assert normalise_word(first, rules)[0] == normalise_word(second, rules)[0]


def test_compounds_are_split_into_their_parts():
    rules = builtin_rules()
    assert set(normalise_word("brannskadebehandling", rules)) >= {"brannskad", "behandling"}
    assert set(normalise_word("behandlingsteneste", rules)) >= {"behandling", "tjenest"}
    # the nynorsk plural of the first part finds the compound
    assert normalise_word("brannskadar", rules)[0] in normalise_text("avansert brannskadebehandling", rules).split()


def test_stem_keeps_at_least_three_letters():
    assert stem("are") == "are"
    assert stem("barna") == "barn"


def test_expand_terms_drops_stop_words_and_syntax():
    terms = expand_terms('teneste for "kjønnsinkongruens" AND (*)')
    assert [t.word for t in terms] == ["teneste", "kjønnsinkongruens"]  # "and" is a stop word
    assert "tjeneste" in terms[0].forms
    assert "transseksualisme" in terms[1].forms
    assert expand_terms("\" * : & | ! ( ) ' \\") == []
    assert [t.word for t in expand_terms("for og i")] == ["for", "og", "i"]  # only stop words: keep them


def test_expand_terms_limits_long_queries():
    terms = expand_terms(" ".join(f"ord{i}" for i in range(500)) + " " + "x" * 2000)
    assert len(terms) <= 12
    assert all(len(t.word) <= 60 for t in terms)


def test_compound_variants_are_generated():
    forms = expand_terms("behandlingsteneste")[0].forms
    assert "behandlingstjeneste" in forms


def test_tokenize_keeps_norwegian_letters():
    assert tokenize("Søvn, ÆRE og Årsrapport!") == ["søvn", "ære", "og", "årsrapport"]


def test_elasticsearch_rules_are_solr_equivalences():
    rules = elasticsearch_synonym_rules()
    assert "tjeneste, teneste" in rules
    assert all("," in rule for rule in rules)


def test_editors_synonyms_apply_at_once(db):
    assert "nakkesleng" not in expand_terms("whiplash", get_rules())[0].forms
    synonym = SearchSynonym(terms="Whiplash, nakkesleng")
    synonym.full_clean()
    synonym.save()
    assert synonym.terms == "whiplash, nakkesleng"
    assert "nakkesleng" in expand_terms("whiplash", get_rules())[0].forms
    synonym.delete()
    assert "nakkesleng" not in expand_terms("whiplash", get_rules())[0].forms


def test_editors_compound_parts_split_words(db):
    SearchSynonym.objects.create(terms="klinikk, klinikken", compound_part=True)
    assert "klinikk" in normalise_word("hjerteklinikk", get_rules())


@pytest.mark.parametrize("terms", ["one", "to ord, tre", "a;b, c"])
def test_synonym_validation(db, terms):
    with pytest.raises(ValidationError):
        SearchSynonym(terms=terms).full_clean()


def test_synonym_search_finds_pages(engine, demo_site):
    from tests.search.test_engines import run

    assert run(engine, "nakkesleng").count == 0
    SearchSynonym.objects.create(terms="strålekniv, nakkesleng")
    if engine.name == "elasticsearch":
        from search.index import update_synonyms

        update_synonyms()
    assert [p.title for p in run(engine, "nakkesleng").pages] == ["Nasjonal behandlingstjeneste for strålekniv"]
