"""The demo loader hook adds an upcoming dialogue arena with open registration, idempotently."""

import io

import pytest
from django.utils import timezone
from wagtail.models import Site

from cms.core.models import SiteContactSettings
from events import demo
from events.models import EventIndexPage, EventPage, RegistrationState
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def test_demo_creates_index_arena_and_privacy_page_once(client, home_page):
    out = io.StringIO()
    demo.load(home_page, out)
    demo.load(home_page, out)

    assert EventIndexPage.objects.count() == 1
    arena = EventPage.objects.get(slug=demo.ARENA_SLUG)
    assert arena.title == "Nasjonal dialogarena 2027"
    assert arena.live and arena.start > timezone.now()
    assert arena.capacity == 3
    assert arena.state == RegistrationState.OPEN
    assert StandardPage.objects.filter(slug=demo.PRIVACY_SLUG).count() == 1
    contact = SiteContactSettings.for_site(Site.objects.get(is_default_site=True))
    assert contact.privacy_page.slug == demo.PRIVACY_SLUG

    response = client.get(arena.url)
    assert response.status_code == 200
    assert 'href="/personvern/"' in response.content.decode()


def test_demo_uses_an_existing_index_and_privacy_page(home_page, event_index):
    from tests.factories import StandardPageFactory

    privacy = StandardPageFactory(parent=home_page, slug="var-personvern")
    contact = SiteContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.privacy_page = privacy
    contact.save()

    demo.load(home_page, io.StringIO())

    assert EventPage.objects.get(slug=demo.ARENA_SLUG).get_parent().pk == event_index.pk
    assert not StandardPage.objects.filter(slug=demo.PRIVACY_SLUG).exists()
