"""The service index and region pages use a bounded number of queries, whatever they list."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def make_services(region_pages, regions, count):
    trust = regions["helse-nord"].health_trusts.get()
    field = factories.MedicalFieldFactory(name="Nevrologi", slug="nevrologi")
    for n in range(count):
        factories.ServicePageFactory(
            parent=region_pages["helse-nord"], title=f"Tjeneste {n:03d}", host_trusts=[trust], medical_fields=[field]
        )


@pytest.mark.parametrize("count", [10, 300])
def test_service_index_query_count_is_bounded(
    client, service_index, region_pages, regions, count, django_assert_max_num_queries
):
    make_services(region_pages, regions, count)
    client.get(service_index.url)  # warm caches (site root paths, navigation)
    with django_assert_max_num_queries(20):
        response = client.get(service_index.url + "?region=helse-nord&field=nevrologi")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 60])
def test_region_page_query_count_is_bounded(client, region_pages, regions, count, django_assert_max_num_queries):
    make_services(region_pages, regions, count)
    url = region_pages["helse-nord"].url
    client.get(url)
    with django_assert_max_num_queries(20):
        response = client.get(url)
    html = response.content.decode()
    assert "Tjeneste 000" in html
    # Large regions show the first units of each type and link to the full, filtered list.
    assert f"har {count} nasjonale tjenester" in html
    if count > 25:
        assert "?region=helse-nord&amp;type=behandlingstjeneste" in html
