"""The search page, the JSON API and the autocomplete, on every engine; bad input never gives a 500."""

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

import search.results
from search import popular

BAD_QUERIES = [
    "",
    " ",
    "x" * 2000,
    "\" * : & | ! ( ) ' \\",
    "tjeneste AND (",
    "*",
    "\\",
    "'",
    "<script>alert(1)</script>",
]


@pytest.fixture
def use_engine(engine, monkeypatch):
    monkeypatch.setattr(search.results, "get_engine", lambda: engine)
    return engine


def test_search_page_shows_type_region_excerpt_and_facets(client, use_engine):
    response = client.get(reverse("search"), {"q": "brannskadar"})
    assert response.status_code == 200
    html = response.content.decode()
    results = response.context["results"]
    assert results[0].title == "Nasjonal behandlingsteneste for avansert brannskadebehandling"
    assert results[0].region == "Helse Vest"
    assert results[0].type_label == "Nasjonal behandlingstjeneste"
    assert "<mark>brannskadar</mark>" in str(results[0].excerpt)
    assert "<mark>brannskadar</mark>" in html
    assert 'href="?q=brannskadar&amp;region=helse-vest"' in html


def test_region_filter_on_page_and_api_agree(client, use_engine):
    page = client.get(reverse("search"), {"q": "nasjonal", "region": "helse-nord"})
    api = client.get(reverse("search_api"), {"q": "nasjonal", "region": "helse-nord"}).json()
    assert page.context["count"] == api["count"] == 2
    assert {r["region"] for r in api["results"]} == {"Helse Nord"}
    assert api["facets"]["region"]["helse-nord"] == 2
    assert api["facets"]["region"]["helse-vest"] > 0  # other regions' counts stay visible


def test_api_shape(client, use_engine, demo_site):
    response = client.get(reverse("search_api"), {"q": "transseksualisme"})
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= {"count", "results", "facets"}
    assert data["results"][0] == {
        "title": "Nasjonal behandlingstjeneste for kjønnsinkongruens",
        "url": data["results"][0]["url"],
        "type": "Nasjonal behandlingstjeneste",
        "type_code": "behandlingstjeneste",
        "region": "Helse Sør-Øst",
        "excerpt": data["results"][0]["excerpt"],
    }
    assert data["results"][0]["url"] == demo_site["Nasjonal behandlingstjeneste for kjønnsinkongruens"].url
    assert set(data["facets"]) == {"type", "region", "trust", "status", "field"}


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_never_fail(client, use_engine, query):
    page = client.get(reverse("search"), {"q": query})
    assert page.status_code == 200
    api = client.get(reverse("search_api"), {"q": query})
    assert api.status_code in (200, 400)
    if api.status_code == 400:
        assert api.json()["error"]
    suggest = client.get(reverse("search_suggest"), {"q": query})
    assert suggest.status_code == 200


@pytest.mark.parametrize(
    ("params", "bad"),
    [
        ({"region": "atlantis"}, "region"),
        ({"type": "nope"}, "type"),
        ({"trust": "99999"}, "trust"),
        ({"status": "x"}, "status"),
        ({"field": "x"}, "field"),
        ({"page": "abc"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "999999"}, "page"),
    ],
)
def test_bad_parameters_give_a_message(client, use_engine, params, bad):
    page = client.get(reverse("search"), {"q": "nasjonal", **params})
    assert page.status_code == 200
    assert page.context["errors"] or page.context["notices"]
    assert page.context["count"] > 0  # the search still ran, without the bad value
    api = client.get(reverse("search_api"), {"q": "nasjonal", **params})
    assert api.status_code == 400
    assert bad in api.json()["errors"]


def test_page_past_the_end_shows_the_last_page(client, use_engine):
    response = client.get(reverse("search"), {"q": "nasjonal", "page": "9000"})
    assert response.status_code == 200
    assert response.context["page_number"] == response.context["num_pages"] == 4
    assert response.context["results"]
    assert any("9000" in str(n) for n in response.context["notices"])


def test_pagination_links(client, use_engine):
    response = client.get(reverse("search"), {"q": "nasjonal", "type": "kompetansetjeneste"})
    assert response.context["count"] == 15
    assert response.context["next_page"] == 2
    second = client.get(reverse("search"), {"q": "nasjonal", "type": "kompetansetjeneste", "page": 2})
    first_titles = {r.title for r in response.context["results"]}
    assert not first_titles & {r.title for r in second.context["results"]}
    assert 'href="?q=nasjonal&amp;type=kompetansetjeneste&amp;page=2"' in response.content.decode()


def test_misspelt_words_are_searched_as_the_sites_nearest_words(client, use_engine):
    response = client.get(reverse("search"), {"q": "brannskdebehandling"})
    assert response.status_code == 200
    assert response.context["response"].corrected == "brannskadebehandling"
    assert response.context["results"][0].title == "Nasjonal behandlingsteneste for avansert brannskadebehandling"
    html = response.content.decode()
    assert "Viser treff for «brannskadebehandling»" in html
    assert "Ingen sider har «brannskdebehandling»" in html


def test_zero_results_page_has_suggestions_and_tips(client, use_engine, demo_site):
    SearchPromotion.objects.create(query=Query.get("årsrapport"), page=demo_site["Rapportering"], sort_order=0)
    response = client.get(reverse("search"), {"q": "xyzzyplugh"})
    assert response.status_code == 200
    assert response.context["count"] == 0
    assert response.context["suggestions"] == []
    html = response.content.decode()
    assert "Andre søker ofte etter" in html and "?q=%C3%A5rsrapport" in html
    assert "search-layout--single" in html  # the full width
    assert 'class="search-empty"' in html and "Tips" in html


def test_any_word_fallback(client, use_engine):
    response = client.get(reverse("search_api"), {"q": "strålekniv zzzqqq"})
    data = response.json()
    assert data["any_word"] is True
    assert data["results"][0]["title"] == "Nasjonal behandlingstjeneste for strålekniv"


def test_promoted_results_come_first_and_queries_are_logged(client, use_engine, demo_site):
    target = demo_site["Rapportering"]
    SearchPromotion.objects.create(query=Query.get("frist"), page=target, sort_order=0, description="Frister")
    response = client.get(reverse("search"), {"q": "Frist"})
    assert response.context["response"].promoted[0]["title"] == "Rapportering"
    assert "Frister" in response.content.decode()
    popular.flush()
    assert Query.get("frist").hits == 1


def test_the_popular_queries_counter_writes_in_batches_not_per_search(client, demo_site, settings):
    settings.SEARCH_QUERY_LOG_SECONDS = 3600
    settings.SEARCH_QUERY_LOG_BATCH = 5
    popular.flush()
    for _ in range(4):
        assert client.get(reverse("search"), {"q": "strålekniv"}).status_code == 200
    assert not QueryDailyHits.objects.filter(query__query_string="strålekniv").exists()
    assert popular.pending() == 4
    client.get(reverse("search_api"), {"q": "Strålekniv"})  # the fifth: one batch of writes
    assert popular.pending() == 0
    assert QueryDailyHits.objects.get(query__query_string="strålekniv").hits == 5
    settings.SEARCH_QUERY_LOG_SECONDS = 0  # due: the next search writes its own count
    client.get(reverse("search"), {"q": "strålekniv"})
    assert QueryDailyHits.objects.get(query__query_string="strålekniv").hits == 6


def test_autocomplete_tolerates_typos(client, demo_site):
    for typed in ["brannska", "branskade", "kjønnsinkongurens", "transeksualisme", "stråleknv", "teneste for kjønn"]:
        data = client.get(reverse("search_suggest"), {"q": typed}).json()
        titles = [s["title"] for s in data["suggestions"]]
        assert titles, typed
        expected = {
            "brannska": "Nasjonal behandlingsteneste for avansert brannskadebehandling",
            "branskade": "Nasjonal behandlingsteneste for avansert brannskadebehandling",
            "kjønnsinkongurens": "Nasjonal behandlingstjeneste for kjønnsinkongruens",
            "transeksualisme": "Nasjonal behandlingstjeneste for kjønnsinkongruens",
            "stråleknv": "Nasjonal behandlingstjeneste for strålekniv",
            "teneste for kjønn": "Nasjonal behandlingstjeneste for kjønnsinkongruens",
        }[typed]
        assert expected in titles[:3], (typed, titles)
    assert client.get(reverse("search_suggest"), {"q": "hemmeligutkast"}).json()["suggestions"] == []
    assert client.get(reverse("search_suggest"), {"q": "hemmeligprivat"}).json()["suggestions"] == []


def test_search_page_without_query(client, db):
    response = client.get(reverse("search"))
    assert response.status_code == 200
    assert "results" not in response.context


def test_search_query_count_is_bounded(client, use_engine, django_assert_max_num_queries, settings):
    """On a warm cache (as in production), with the search itself run (not a cached repeat)."""
    settings.PAGECACHE_ENABLED = True
    settings.SEARCH_RESULTS_CACHE = False
    params = {"q": "kompetansetjeneste", "region": "helse-sor-ost"}
    client.get(reverse("search"), {"q": "nasjonal"})  # warm caches
    # A term never searched before also creates its row in the popular search terms (about 10 queries).
    with django_assert_max_num_queries(20):
        client.get(reverse("search"), params)
    with django_assert_max_num_queries(10):
        client.get(reverse("search"), {**params, "page": "1"})


def test_a_region_in_the_query_is_a_preference_for_its_pages(client, use_engine):
    data = client.get(reverse("search_api"), {"q": "kompetansetjeneste helse nord"}).json()
    assert data["count"] > 2  # the region's words are not required of every page
    assert [r["region"] for r in data["results"][:2]] == ["Helse Nord", "Helse Nord"]
    assert "Helse Sør-Øst" in {r["region"] for r in data["results"]}
