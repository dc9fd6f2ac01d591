"""A region page stays the same size however many units the region hosts."""

import pytest

from servicepages.models import RegionPage, UnitKind
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
