"""Issue 13, §6: one SITE_URL gives the host of robots.txt, sitemap.xml, canonical links and .ics files."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from icalendar import Calendar

from cms.core.checks import check_site_url
from tests import factories

pytestmark = pytest.mark.django_db

SITE_URL = "https://www.example.no"


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE_URL
    settings.PAGECACHE_ENABLED = False
    cache.clear()
    yield SITE_URL
    cache.clear()


def test_robots_txt_points_to_the_sitemap_on_site_url(client, home_page, site_url):
    body = client.get("/robots.txt", HTTP_HOST="localhost").content.decode()
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in body
    assert "localhost" not in body


def test_sitemap_locations_are_on_site_url(client, home_page, site_url):
    factories.StandardPageFactory(parent=home_page, title="Om oss", slug="om-oss")
    body = client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()
    assert f"<loc>{SITE_URL}/om-oss/</loc>" in body
    assert "localhost" not in body


def test_canonical_link_is_on_site_url(client, home_page, site_url):
    page = factories.StandardPageFactory(parent=home_page, title="Om oss", slug="om-oss")
    body = client.get(page.url, HTTP_HOST="localhost").content.decode()
    assert f'<link rel="canonical" href="{SITE_URL}/om-oss/">' in body


def test_event_ics_links_to_site_url(client, home_page, site_url):
    index = factories.EventIndexPageFactory(parent=home_page, slug="arrangementer")
    start = timezone.now() + datetime.timedelta(days=30)
    event = factories.EventPageFactory(
        parent=index, title="Dialogarena", slug="dialogarena", start=start, end=start + datetime.timedelta(hours=2)
    )
    for url in (event.url + "kalender/", index.url + "kalender/"):
        response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 200, url
        (vevent,) = Calendar.from_ical(response.content).walk("VEVENT")
        assert str(vevent["url"]) == f"{SITE_URL}/arrangementer/dialogarena/"
        assert str(vevent["description"]).endswith(f"{SITE_URL}/arrangementer/dialogarena/")


@pytest.mark.parametrize("value", ["http://127.0.0.1:8000", "http://localhost", "", "www.example.no"])
def test_the_deploy_check_refuses_a_missing_or_local_site_url(settings, value):
    settings.SITE_URL = value
    (error,) = check_site_url(None)
    assert error.id == "core.E002" and "SITE_URL" in error.msg


def test_the_deploy_check_accepts_a_public_site_url(settings):
    settings.SITE_URL = SITE_URL
    assert check_site_url(None) == []
