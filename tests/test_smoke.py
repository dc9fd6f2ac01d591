import pytest

from . import factories


@pytest.mark.django_db
def test_service_page_renders_with_facts(client, region_pages, regions):
    trust = regions["helse-vest"].health_trusts.get()
    page = factories.ServicePageFactory(
        parent=region_pages["helse-vest"],
        title="Nasjonal behandlingsteneste for avansert brannskadebehandling",
        host_trusts=[trust],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Helse Bergen HF" in html
    assert 'lang="nb"' in html
