"""One generation for every kept value: what bumps it, what it bounds, and what survives an outage.

Issue 18, findings 6 and 7: tracking parameters must not poison the clean page's cached copy, unknown
parameters must not multiply entries, and only changes a visitor can see may bump the site-wide generation.
"""

import datetime
import time

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from events.models import Registration, RegistrationStatus
from pagecache import cache as store
from pagecache.models import PendingInvalidation
from tests import factories

HEADER = "X-Page-Cache"
CLOSED_PORT = {
    "default": {
        "BACKEND": "pagecache.backends.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    store._pending.bump = store._pending.recorded = False
    yield
    cache.clear()
    store._pending.bump = store._pending.recorded = False


@pytest.fixture
def long_listing(region_pages, regions):
    """A service index with two pages of units."""
    trust = regions["helse-vest"].health_trusts.get()
    for number in range(25):
        factories.ServicePageFactory(
            parent=region_pages["helse-vest"], title=f"Tjeneste {number:02d}", host_trusts=[trust]
        )
    return region_pages["helse-vest"].get_parent()


@pytest.mark.django_db
def test_tracking_parameters_never_reach_the_clean_pages_links(client, long_listing):
    tracked = get(client, long_listing.url + "?utm_campaign=nyhetsbrev&type=behandlingstjeneste")
    assert "utm_campaign" not in tracked.content.decode()
    clean = get(client, long_listing.url + "?type=behandlingstjeneste")
    assert clean[HEADER] == "hit"  # the same rendering: tracking parameters are not part of the page
    html = clean.content.decode()
    assert "page=2" in html and "utm_campaign" not in html
    assert get(client, long_listing.url + "?utm_source=x&utm_medium=y")["X-Page-Cache"] == "miss"
    assert "utm_" not in get(client, long_listing.url).content.decode()


def _kept_entries():
    return len(cache._cache)


@pytest.mark.django_db
def test_unknown_parameters_are_rendered_but_never_stored(client, long_listing, home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Om servicemiljøet", introduction="Første versjon")
    for url in (page.url, long_listing.url, long_listing.url + "?page=2"):
        get(client, url)
    for url in (page.url, long_listing.url):
        get(client, url + "?warm=1")  # a rendering: keeps the page object, fragments and lookups
    before = _kept_entries()
    for number in range(30):
        for url in (page.url, long_listing.url):
            response = get(client, f"{url}?junk={number}&x{number}=1")
            assert response[HEADER] == "miss"
    assert _kept_entries() == before
    assert get(client, page.url)[HEADER] == "hit"
    assert get(client, long_listing.url + "?page=2")[HEADER] == "hit"


@pytest.mark.django_db
def test_mistyped_filter_values_are_not_kept_one_copy_each(client, long_listing):
    get(client, long_listing.url)
    get(client, long_listing.url + "?type=ukjent")  # a rendering: keeps the page object, fragments and lookups
    before = _kept_entries()
    for number in range(10):
        response = get(client, f"{long_listing.url}?type=ukjent-{number}&region=ingen-{number}")
        assert "private" in response["Cache-Control"] and response[HEADER] == "skip"
    assert _kept_entries() == before


@pytest.fixture
def small_event(home_page):
    index = factories.EventIndexPageFactory(parent=home_page, slug="arrangementer")
    start = timezone.now() + datetime.timedelta(days=30)
    return factories.EventPageFactory(
        parent=index,
        title="Dialogarena",
        slug="dialogarena",
        start=start,
        end=start + datetime.timedelta(hours=5),
        capacity=2,
        registration_opens=timezone.now() - datetime.timedelta(days=1),
    )


def register(client, event, number, regions):
    data = {
        "name": f"Deltaker {number}",
        "email": f"deltaker{number}@example.no",
        "organisation": "Helse Bergen HF",
        "region": str(regions["helse-vest"].pk),
        "consent": "on",
        "website": "",
    }
    response = type(client)().post(event.url, data)
    assert response.status_code == 303, response.content.decode()[:500]


@pytest.mark.django_db
def test_a_registration_bumps_the_generation_only_when_what_visitors_see_changes(
    client, small_event, regions, django_capture_on_commit_callbacks
):
    """Visitors see a registration as its event's state (listings) and places left (the cached event page)."""
    index_url = small_event.get_parent().url
    assert "event-status--open" in get(client, index_url).content.decode()
    assert get(client, index_url)[HEADER] == "hit"
    generation = store.current_generation()

    with django_capture_on_commit_callbacks(execute=True):
        register(client, small_event, 1, regions)  # 1 of 2 places: still open, one place left
    assert store.current_generation() != generation
    assert "event-status--open" in get(client, index_url).content.decode()

    generation = store.current_generation()

    with django_capture_on_commit_callbacks(execute=True):
        register(client, small_event, 2, regions)  # the last place: now full, which the listing shows
    assert store.current_generation() != generation
    response = get(client, index_url)
    assert response[HEADER] == "miss" and "event-status--full" in response.content.decode()

    generation = store.current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        register(client, small_event, 3, regions)  # the waiting list: nothing a visitor sees changes
    assert store.current_generation() == generation

    with django_capture_on_commit_callbacks(execute=True):
        first = Registration.objects.get(email="deltaker1@example.no")
        first.status = RegistrationStatus.CANCELLED
        first.save()  # a place is free (until the waiting list fills it)
    assert store.current_generation() != generation


@pytest.mark.django_db
def test_memoized_values_expire_at_the_next_clock_boundary(home_page):
    index = factories.EventIndexPageFactory(parent=home_page)
    soon = timezone.now() + datetime.timedelta(seconds=90)
    factories.EventPageFactory(parent=index, start=soon, end=soon + datetime.timedelta(hours=1))
    assert store.memoize("clock-test", lambda: "verdi") == "verdi"
    expires = cache._expire_info[cache.make_key(store.make_key("memo", "clock-test"))]
    assert expires - time.time() <= 91


@pytest.mark.django_db
def test_a_bump_that_could_not_reach_the_cache_survives_the_process_that_asked(client, home_page, settings):
    page = factories.StandardPageFactory(parent=home_page, title="Om oss", introduction="Første versjon")
    get(client, page.url)
    assert get(client, page.url)[HEADER] == "hit"

    with override_settings(CACHES=CLOSED_PORT):  # a cron job publishes while it cannot reach Redis
        page.introduction = "Publisert fra cron"
        page.save_revision().publish()
    assert PendingInvalidation.objects.exists()
    store._pending.bump = store._pending.recorded = False  # ... and exits: its memory of the bump is gone

    settings.PAGECACHE_PENDING_CHECK = 60
    store._pending.next_check = 0.0  # another process's next look at the database
    response = get(client, page.url)
    assert "Publisert fra cron" in response.content.decode()
    assert not PendingInvalidation.objects.exists()


@pytest.mark.django_db
def test_the_menu_is_kept_per_site_and_follows_view_restrictions(client, home_page):
    factories.StandardPageFactory(parent=home_page, title="Om servicemiljøet", show_in_menus=True)
    other_home = factories.HomePageFactory(parent=Page.get_first_root_node(), title="Annet nettsted", slug="annet")
    factories.StandardPageFactory(parent=other_home, title="Bare på det andre nettstedet", show_in_menus=True)
    Site.objects.create(hostname="annet.example.no", port=80, root_page=other_home)

    assert "Om servicemiljøet" in get(client, home_page.url).content.decode()
    other = get(client, "/", HTTP_HOST="annet.example.no").content.decode()
    assert "Bare på det andre nettstedet" in other and "Om servicemiljøet" not in other

    restricted = Page.objects.get(title="Om servicemiljøet")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x")
    menu = get(client, home_page.url + "?fresh=1").content.decode()
    assert 'href="/om-servicemiljoet/"' not in menu
