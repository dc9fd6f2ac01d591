"""The search's cached lookup tables are never stale after an edit, and results load in bulk."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

from organisations.models import HealthTrust, MedicalField, Region
from search import popular
from search.engines import specific_pages
from tests import factories


@pytest.fixture(autouse=True)
def memoized_lookups_on(settings):
    """Private sections are memoized with the page cache's generation, which the test settings switch off;
    these tests are about those caches being fresh, so switch it on."""
    settings.PAGECACHE_ENABLED = True


def api(client, **params):
    return client.get(reverse("search_api"), params)


def test_region_and_trust_changes_show_at_once(client, demo_site):
    assert api(client, q="strålekniv").json()["results"][0]["region"] == "Helse Vest"
    region = Region.objects.get(slug="helse-vest")
    region.name = "Helse Vest RHF"
    region.save()
    data = api(client, q="strålekniv").json()
    assert data["results"][0]["region"] == "Helse Vest RHF"
    trust = HealthTrust.objects.get(region=region, units__title="Nasjonal behandlingstjeneste for strålekniv")
    trust.region = Region.objects.get(slug="helse-nord")
    trust.save()
    data = api(client, q="strålekniv").json()
    assert data["results"][0]["region"] == "Helse Nord"
    assert data["facets"]["region"] == {"helse-nord": 1}


def test_new_medical_field_is_a_valid_filter_at_once(client, demo_site):
    assert api(client, q="strålekniv", field="stralekirurgi-ny").status_code == 400
    unit = demo_site["Nasjonal behandlingstjeneste for strålekniv"]
    unit.medical_fields.add(MedicalField.objects.create(name="Strålekirurgi ny", slug="stralekirurgi-ny"))
    unit.save()  # a parental many-to-many is written with the page
    data = api(client, q="strålekniv", field="stralekirurgi-ny").json()
    assert [r["title"] for r in data["results"]] == ["Nasjonal behandlingstjeneste for strålekniv"]
    MedicalField.objects.filter(slug="stralekirurgi-ny").delete()
    assert api(client, q="strålekniv", field="stralekirurgi-ny").status_code == 400


def test_promotions_change_at_once(client, demo_site):
    target = demo_site["Rapportering"]
    assert api(client, q="frist").json()["promoted"] == []
    promotion = SearchPromotion.objects.create(query=Query.get("frist"), page=target, sort_order=0, description="A")
    assert [p["title"] for p in api(client, q="frist").json()["promoted"]] == ["Rapportering"]
    promotion.description = "Frister"
    promotion.save()
    assert api(client, q="Frist").json()["promoted"][0]["description"] == "Frister"
    target.unpublish()
    assert api(client, q="frist").json()["promoted"] == []
    target.save_revision().publish()
    assert len(api(client, q="frist").json()["promoted"]) == 1
    promotion.delete()
    assert api(client, q="frist").json()["promoted"] == []


def test_a_page_made_private_disappears_at_once(client, demo_site):
    page = demo_site["Nasjonal behandlingstjeneste for strålekniv"]
    assert api(client, q="strålekniv").json()["count"] == 1
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="hemmelig")
    data = api(client, q="strålekniv").json()
    assert data["count"] == 0
    restriction.delete()
    assert api(client, q="strålekniv").json()["count"] == 1


def test_a_page_moved_into_a_private_section_disappears(client, demo_site):
    page = demo_site["Nasjonal behandlingstjeneste for strålekniv"]
    private = factories.RegionPageFactory(
        parent=page.get_parent().get_parent(), region=factories.RegionFactory(name="Privat region")
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="hemmelig")
    assert api(client, q="strålekniv").json()["count"] == 1
    page.move(private, pos="last-child")
    assert api(client, q="strålekniv").json()["count"] == 0
    # moving the private section changes its path (and its pages'): they stay hidden
    Page.objects.get(pk=private.pk).move(Page.objects.get(depth=2), pos="last-child")
    assert not Page.objects.get(pk=page.pk).path.startswith(private.path)
    assert api(client, q="strålekniv").json()["count"] == 0


def test_every_search_is_counted(client, demo_site):
    for _ in range(3):
        client.get(reverse("search"), {"q": "Strålekniv"})
    api(client, q="strålekniv", page=2)  # a later page is not a new search
    popular.flush()  # counted in batches (search/popular.py)
    assert Query.get("strålekniv").hits == 3


def test_specific_pages_match_wagtail_with_ids_first_then_one_small_query_per_type(demo_site):
    ids = list(Page.objects.filter(depth__gt=1).order_by("-pk").values_list("pk", flat=True))
    expected = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    types = set(Page.objects.filter(pk__in=ids).values_list("content_type", flat=True))
    specific_pages(ids)  # content types cached
    with CaptureQueriesContext(connection) as queries:
        pages = specific_pages(ids)
    assert len(queries.captured_queries) == 1 + len(types)
    # no query joins more than one type's chain of tables (the planner cannot misjudge them)
    assert max(q["sql"].upper().count(" JOIN ") for q in queries.captured_queries) <= 4
    assert [page.pk for page in pages] == ids
    for page in pages:
        wanted = expected[page.pk]
        assert type(page) is type(wanted)
        for f in type(wanted)._meta.concrete_fields:
            assert getattr(page, f.attname) == getattr(wanted, f.attname), (page, f.name)


@pytest.mark.parametrize("params", [{"q": "nasjonal"}, {"q": "kompetansetjeneste", "region": "helse-sor-ost"}])
def test_search_page_and_api_stay_within_ten_queries(client, demo_site, params, django_assert_max_num_queries):
    for url in (reverse("search"), reverse("search_api")):
        client.get(url, params)  # warm caches
        with django_assert_max_num_queries(10):
            assert client.get(url, {**params, "fresh": "1"}).status_code == 200
