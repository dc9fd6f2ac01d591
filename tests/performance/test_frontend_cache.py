"""With a CDN configured (WAGTAILFRONTENDCACHE), changes purge the pages that show them."""

import pytest
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from pagecache import frontend
from tests import factories


@pytest.fixture
def purged(monkeypatch, settings):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend"}}
    monkeypatch.setattr(frontend, "enabled", lambda: True)
    urls = []
    monkeypatch.setattr(PurgeBatch, "purge", lambda self, *a, **k: urls.extend(self.urls))
    return urls


@pytest.mark.django_db
def test_publishing_a_service_purges_it_and_the_listings_above_it(
    purged, region_pages, regions, django_capture_on_commit_callbacks
):
    trust = regions["helse-vest"].health_trusts.get()
    unit = factories.ServicePageFactory(parent=region_pages["helse-vest"], host_trusts=[trust])
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        unit.title = "Ny tittel"
        unit.save_revision().publish()
    paths = {url.split("testserver", 1)[-1].replace("http://localhost", "") for url in purged}
    region = region_pages["helse-vest"]
    assert {unit.url, region.url, region.get_parent().url, "/"} <= paths


@pytest.mark.django_db
def test_changing_a_contact_purges_the_pages_that_show_it(
    purged, region_pages, regions, django_capture_on_commit_callbacks
):
    trust = regions["helse-vest"].health_trusts.get()
    contact = factories.ContactPersonFactory(health_trust=trust)
    unit = factories.ServicePageFactory(parent=region_pages["helse-vest"], host_trusts=[trust], contact=contact)
    unit.save_revision().publish()  # records the reference in Wagtail's reference index
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contact.phone = "55 00 00 00"
        contact.save()
    assert any(url.endswith(unit.url) for url in purged), purged
