"""One behavioural suite, run against every available engine (see the ``engine`` fixture)."""

import pytest

from search.norwegian import expand_terms
from search.query import SearchRequest, get_rules

BURNS = "Nasjonal behandlingsteneste for avansert brannskadebehandling"
GENDER = "Nasjonal behandlingstjeneste for kjønnsinkongruens"


def run(engine, query, per_page=50, page=1, **filters):
    request = SearchRequest(
        query=query, terms=expand_terms(query, get_rules()), filters=filters, page=page, per_page=per_page
    )
    return engine.search(request)


def titles(outcome):
    return [page.title for page in outcome.pages]


def ids(outcome):
    return {page.pk for page in outcome.pages}


@pytest.mark.parametrize("query", ["brannskadar", "brannskade", "brannskadene", "brannskader"])
def test_burns_forms_find_the_burns_service_first(engine, query):
    assert titles(run(engine, query))[:1] == [BURNS]


@pytest.mark.parametrize("query", ["teneste for kjønnsinkongruens", "transseksualisme", "kjønnsinkongruens"])
def test_gender_incongruence_found_by_nynorsk_and_former_name(engine, query):
    assert titles(run(engine, query))[:1] == [GENDER]


@pytest.mark.parametrize(
    ("bokmaal", "nynorsk"),
    [
        ("tjeneste", "teneste"),
        ("behandlingstjeneste", "behandlingsteneste"),
        ("sykehus", "sjukehus"),
        ("brannskade", "brannskadar"),
    ],
)
def test_bokmaal_and_nynorsk_find_the_same_pages(engine, bokmaal, nynorsk):
    found_bokmaal = ids(run(engine, bokmaal))
    assert found_bokmaal, f"{bokmaal} found nothing"
    assert found_bokmaal == ids(run(engine, nynorsk))


def test_inflected_form_finds_base_form(engine):
    # "transplantasjonen" (definite) finds the pages that only say "...transplantasjon"
    found = set(titles(run(engine, "transplantasjonen")))
    assert "Nasjonal behandlingstjeneste for organtransplantasjon" in found
    assert "Flerregional behandlingstjeneste for allogen stamcelletransplantasjon" in found


def test_region_filter_shows_only_that_region_with_correct_counts(engine, demo_site):
    everything = run(engine, "nasjonal", per_page=100)
    north = run(engine, "nasjonal", per_page=100, region="helse-nord")
    assert north.count == 2
    assert set(titles(north)) == {
        "Nasjonal kompetansetjeneste for inkontinens og bekkenbunnsykdom",
        "Samisk nasjonal kompetansetjeneste – psykisk helsevern og rus",
    }
    # the facet counts the region's results, and is the same with or without the region chosen
    assert north.facets["region"]["helse-nord"] == north.count
    assert everything.facets["region"]["helse-nord"] == north.count
    # every region's count is what filtering by it gives
    for slug, count in everything.facets["region"].items():
        assert run(engine, "nasjonal", per_page=100, region=slug).count == count


def test_facets_count_types_and_narrow(engine):
    outcome = run(engine, "nasjonal", per_page=100)
    assert outcome.facets["type"]["nettverk"] == 2
    assert outcome.facets["type"]["senter"] == 3
    assert outcome.facets["status"]["discontinued"] == 5
    networks = run(engine, "nasjonal", per_page=100, type="nettverk")
    assert networks.count == 2
    assert {p.kind for p in networks.pages} == {"nettverk"}
    # choosing a type keeps the other types' counts, so visitors can switch
    assert networks.facets["type"]["senter"] == 3
    discontinued = run(engine, "kompetansetjeneste", per_page=100, status="discontinued")
    assert discontinued.count == 5
    assert {p.status for p in discontinued.pages} == {"discontinued"}


def test_medical_field_and_trust_filters(engine, demo_site):
    neuro = run(engine, "nasjonal", per_page=100, field="nevrologi")
    assert set(titles(neuro)) == {
        "Nasjonal behandlingstjeneste for kirurgisk epilepsi",
        "Nasjonal kompetansetjeneste for multippel sklerose",
        "Nasjonalt nettverk for multippel sklerose",
        "Nasjonal kompetansetjeneste for søvnsykdommer",
        "Nasjonalt senter for søvnmedisin",
    }
    trust = demo_site["Nasjonal behandlingstjeneste for strålekniv"].host_trusts.get()
    bergen = run(engine, "nasjonal", per_page=100, trust=str(trust.pk))
    assert bergen.count == bergen.facets["trust"][str(trust.pk)] > 0
    assert all(trust in p.host_trusts.all() for p in bergen.pages)


def test_other_page_types_are_found(engine):
    assert "Nasjonal dialogarena for nasjonale tjenester" in titles(run(engine, "dialogarena"))
    groups = run(engine, "referansegruppe kjønnsinkongruens", type="referansegruppe")
    assert titles(groups) == ["Referansegruppe for Nasjonal behandlingstjeneste for kjønnsinkongruens"]
    assert titles(run(engine, "årsrapporten frist"))[:1] == ["Rapportering"]


def test_unpublished_and_private_pages_never_appear(engine, demo_site):
    assert run(engine, "hemmeligutkast").count == 0
    assert run(engine, "hemmeligprivat").count == 0
    everything = run(engine, "nasjonal behandlingstjeneste", per_page=200)
    assert not [t for t in titles(everything) if "hemmelig" in t]


def test_unpublishing_removes_a_page(engine, demo_site):
    page = demo_site["Nasjonal behandlingstjeneste for strålekniv"]
    assert run(engine, "strålekniv").count == 1
    page.unpublish()
    _sync(engine)
    assert run(engine, "strålekniv").count == 0


def test_pagination_splits_results_without_overlap(engine):
    first = run(engine, "nasjonal", per_page=5, page=1)
    second = run(engine, "nasjonal", per_page=5, page=2)
    assert first.count == second.count > 10
    assert len(first.pages) == len(second.pages) == 5
    assert not ids(first) & ids(second)
    beyond = run(engine, "nasjonal", per_page=5, page=1000)
    assert beyond.pages == [] and beyond.count == first.count


@pytest.mark.parametrize("query", ["\" * : & | ! ( ) ' \\", "tjeneste AND (epilepsi OR", "x" * 2000, "NOT", "*"])
def test_syntax_characters_and_long_queries_never_fail(engine, query):
    outcome = run(engine, query)
    assert outcome.count >= 0


def _sync(engine):
    if engine.name == "elasticsearch":
        from search.index import refresh_elasticsearch as refresh

        refresh()
