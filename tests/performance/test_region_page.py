"""A region page stays the same size however many units the region hosts."""

import pickle
from unittest.mock import patch

import pytest
from django.core.cache import cache

from servicepages.models import RegionPage, UnitKind
from servicepages.queries import UnitRow
from tests import factories


@pytest.mark.django_db
def test_region_page_shows_first_units_per_type_and_links_to_the_rest(client, region_pages, regions, monkeypatch):
    monkeypatch.setattr(RegionPage, "units_per_group", 2)
    vest = region_pages["helse-vest"]
    trust = regions["helse-vest"].health_trusts.get()
    for title in ("Cerebral parese", "Avansert brannskade", "Barnekreft"):
        factories.ServicePageFactory(parent=vest, title=title, host_trusts=[trust])
    factories.CentrePageFactory(parent=region_pages["helse-nord"], title="Senter i Vest", host_trusts=[trust])

    response = client.get(vest.url)
    assert response.status_code == 200
    groups = {g["kind"]: g for g in response.context["unit_groups"]}
    treatment = groups[UnitKind.TREATMENT]
    assert treatment["count"] == 3
    assert [u.title for u in treatment["units"]] == ["Avansert brannskade", "Barnekreft"]
    assert groups[UnitKind.CENTRE]["count"] == 1  # hosted here, placed under another region
    assert response.context["unit_count"] == 4
    html = response.content.decode()
    assert "Cerebral parese" not in html
    assert f'href="{treatment["all_url"]}"' in html.replace("&amp;", "&")
    assert treatment["all_url"] == f"{vest.get_parent().url}?region=helse-vest&type={UnitKind.TREATMENT}"


@pytest.mark.django_db
def test_a_rendering_with_a_warm_memo_reads_the_listing_as_small_plain_rows(client, growing_site):
    """A region page rendered past the page cache (an editor's visit) reads its listing back from the memo
    store as plain rows, in one read per kept value: not as pickled page objects (which made it slower than
    the rendering it saved)."""
    site = growing_site.grow(units_per_kind=4, revisions=1)
    url = site.pages["region"].url
    client.cookies["sessionid"] = "an-editor"  # a session cookie bypasses the page cache
    assert client.get(url).status_code == 200  # warms the memo store

    reads = []
    real_get_many = cache.get_many

    def counting_get_many(keys, *args, **kwargs):
        found = real_get_many(keys, *args, **kwargs)
        reads.append(len(pickle.dumps(found)))
        return found

    with patch.object(cache, "get_many", counting_get_many):
        response = client.get(url)
    assert response.status_code == 200
    assert response.get("X-Page-Cache") != "hit"
    rows = [unit for group in response.context["unit_groups"] for unit in group["units"]]
    assert rows and all(isinstance(unit, UnitRow) for unit in rows)
    assert rows[0].title in response.content.decode()
    assert len(reads) <= 10, reads  # the route, the listing, menus, breadcrumbs, footer, fragments
    assert sum(reads) < 30_000, reads
