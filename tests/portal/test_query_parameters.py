"""One way to read query parameters: the same year rule and messages on the public archive and in the
registers, and bad values as a message (or ignored with a notice), never a 500."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ReportingPageFactory, ServicePageFactory, UserFactory

pytestmark = pytest.mark.django_db

NEXT_YEAR = str(timezone.localdate().year + 1)


@pytest.fixture
def national_user(db):
    return UserFactory(username="nasjonal-test", groups=["Servicemiljø nasjonal"])


@pytest.mark.parametrize("value", ["tjue", "20x4", "1999", NEXT_YEAR, "２０２４"])
def test_the_archive_and_the_overview_refuse_the_same_years_with_the_same_message(
    client, home_page, national_user, value
):
    reporting = ReportingPageFactory(parent=home_page)
    public = client.get(reporting.url, {"year": value})
    client.force_login(national_user)
    admin = client.get(reverse("registers_overview"), {"year": value})
    assert public.status_code == admin.status_code == 400
    messages = ("er ikke et gyldig år. Skriv året med fire sifre", "Året må være mellom 2000 og")
    shown = [m for m in messages if m in public.content.decode()]
    assert len(shown) == 1 and shown[0] in admin.content.decode()


def test_the_archive_accepts_every_year_the_overview_accepts(client, home_page):
    reporting = ReportingPageFactory(parent=home_page)
    for year in ("2000", str(timezone.localdate().year)):
        assert client.get(reporting.url, {"year": year}).status_code == 200


def test_the_service_filter_ignores_values_it_cannot_use_with_a_notice(client, region_pages, regions):
    trust = regions["helse-vest"].health_trusts.get()
    ServicePageFactory(parent=region_pages["helse-vest"], title="Strålekniv", host_trusts=[trust])
    index = region_pages["helse-vest"].get_parent()
    # (A NUL byte in q never reaches the filter: cms.core.http answers 400 first.)
    for params in ({"type": "sykehus"}, {"region": "helse-atlantis", "q": "Strål"}):
        response = client.get(index.url, params)
        assert response.status_code == 200, params
        html = response.content.decode()
        assert "Noen filterverdier ble ikke gjenkjent" in html and "Strålekniv" in html, params
