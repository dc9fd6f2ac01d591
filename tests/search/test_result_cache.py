"""A repeated search is read from the cache, and is never stale after an edit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories


@pytest.fixture(autouse=True)
def cache_on(settings):
    """The search's answers are kept with the page cache's generation, which the test settings switch off."""
    settings.PAGECACHE_ENABLED = True
    settings.SEARCH_RESULTS_CACHE = True


def api(client, **params):
    response = client.get(reverse("search_api"), params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return [result["title"] for result in data["results"]]


def test_a_repeated_search_costs_a_few_queries_and_gives_the_same_answer(
    client, demo_site, django_assert_max_num_queries
):
    first = api(client, q="behandlingstjeneste")
    assert first["count"] > 1
    # Only the popular-queries counter and the site lookup remain: no matching, facets or page loading.
    with django_assert_max_num_queries(3):
        again = api(client, q="behandlingstjeneste")
    assert again == first
    html = client.get(reverse("search"), {"q": "behandlingstjeneste"}).content.decode()
    assert all(title in html for title in titles(first))


def test_filters_pages_and_words_are_separate_answers(client, demo_site):
    everything = api(client, q="nasjonal")
    vest = api(client, q="nasjonal", region="helse-vest")
    second = api(client, q="nasjonal", page=2)
    assert vest["count"] < everything["count"]
    assert titles(second) and set(titles(second)).isdisjoint(titles(everything))
    assert api(client, q="nasjonal", region="helse-vest") == vest
    assert api(client, q="strålekniv")["count"] == 1


def test_a_page_published_after_a_search_is_found_by_the_next_one(client, demo_site, regions):
    before = api(client, q="brannskadar")
    region_page = demo_site["Nasjonal behandlingstjeneste for strålekniv"].get_parent()
    unit = factories.ServicePageFactory(
        parent=region_page,
        title="Nasjonal kompetanseteneste for brannskadar hos barn",
        host_trusts=[regions["helse-vest"].health_trusts.first()],
    )
    after = api(client, q="brannskadar")
    assert after["count"] == before["count"] + 1
    assert unit.title in titles(after)
    unit.unpublish()
    assert api(client, q="brannskadar") == before


def test_without_the_result_cache_every_search_runs_in_full(client, demo_site, settings):
    settings.SEARCH_RESULTS_CACHE = False
    api(client, q="behandlingstjeneste")
    with CaptureQueriesContext(connection) as queries:
        api(client, q="behandlingstjeneste")
    matching = [sql for sql in (q["sql"] for q in queries.captured_queries) if "wagtailsearch_indexentry" in sql]
    assert len(matching) >= 2  # count and ranking (facets too) ran again
