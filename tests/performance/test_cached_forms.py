"""Pages with a form are served from the page cache; each visitor's CSRF token is filled in per visitor.

The event page's registration form carries ``{% csrf_placeholder %}``: an empty CSRF field in the shared copy,
filled by ``pagecache/csrf.js`` from ``/csrf/`` (uncached). Without JavaScript the first POST is refused by
Django's CSRF check and answered with the page again, rendered for that visitor alone with a real token
(``pagecache.views.csrf_failure``); the second POST registers. A registration that changes what the page
shows (its state, the places left) makes the cached copy stale.
"""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from events.models import Registration
from tests import factories

TOKEN_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')
PLACES = re.compile(r'class="event-places">\s*(\d+)')


@pytest.fixture
def event(home_page, regions):
    index = factories.EventIndexPageFactory(parent=home_page, slug="arrangementer")
    start = timezone.now() + datetime.timedelta(days=30)
    return factories.EventPageFactory(
        parent=index,
        title="Nasjonal dialogarena",
        slug="dialogarena",
        start=start,
        end=start + datetime.timedelta(hours=5),
        capacity=2,
        registration_opens=timezone.now() - datetime.timedelta(days=1),
        registration_closes=start - datetime.timedelta(days=2),
    )


@pytest.fixture
def form_data(regions):
    def make(email="kari@example.no", **extra):
        return {
            "name": "Kari Nordmann",
            "email": email,
            "organisation": "Helse Bergen HF",
            "region": str(regions["helse-vest"].pk),
            "consent": "on",
            "website": "",
            **extra,
        }

    return make


def visitor():
    return Client(enforce_csrf_checks=True)


def token_of(response):
    return TOKEN_FIELD.search(response.content.decode()).group(1)


@pytest.mark.django_db
def test_the_event_page_is_served_from_the_cache_with_an_empty_csrf_field(event):
    first = visitor().get(event.url)
    second = visitor().get(event.url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert "public" in second["Cache-Control"]
    for response in (first, second):
        assert not response.cookies, "no cookie for a visitor who only reads"
        assert token_of(response) == ""
        assert "data-csrf-placeholder" in response.content.decode()
        assert "pagecache/csrf.js" in response.content.decode()


@pytest.mark.django_db
def test_two_visitors_never_share_a_token(event):
    anna, bo = visitor(), visitor()
    pages = [anna.get(event.url), bo.get(event.url)]
    assert pages[1]["X-Page-Cache"] == "hit"
    tokens = []
    for client in (anna, bo):
        response = client.get("/csrf/")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert "csrftoken" in response.cookies
        tokens.append(response.json()["token"])
    assert tokens[0] and tokens[1] and tokens[0] != tokens[1]
    # the secret behind them differs too (a token is a masked form of the visitor's cookie)
    assert anna.cookies["csrftoken"].value != bo.cookies["csrftoken"].value
    for page in pages:
        assert not any(token in page.content.decode() for token in tokens)


@pytest.mark.django_db
def test_a_registration_on_the_cached_page_works_with_the_fetched_token(event, form_data):
    client = visitor()
    assert client.get(event.url).status_code == 200
    token = client.get("/csrf/").json()["token"]
    response = client.post(event.url, {**form_data(), "csrfmiddlewaretoken": token})
    assert response.status_code == 303
    assert Registration.objects.filter(event=event, email="kari@example.no").exists()


@pytest.mark.django_db
def test_without_javascript_the_form_comes_back_with_a_token_and_the_second_post_registers(event, form_data):
    client = visitor()
    client.get(event.url)
    refused = client.post(event.url, form_data())  # the empty field, as sent by a browser without JavaScript
    assert refused.status_code == 403
    assert not Registration.objects.exists()
    html = refused.content.decode()
    assert 'class="registration-form"' in html and "csrf-retry" in html
    assert "private" in refused["Cache-Control"] and refused.get("X-Page-Cache") != "hit"
    token = token_of(refused)
    assert token
    response = client.post(event.url, {**form_data(), "csrfmiddlewaretoken": token})
    assert response.status_code == 303
    assert Registration.objects.filter(event=event).count() == 1
    # the visitor-specific rendering was not stored: the next visitor gets the empty field
    assert token_of(visitor().get(event.url)) == ""


@pytest.mark.django_db
def test_other_refused_posts_get_djangos_403(event):
    response = visitor().post("/csrf/", {})
    assert response.status_code == 403
    assert 'class="registration-form"' not in response.content.decode()


@pytest.mark.django_db
def test_the_cached_page_shows_the_places_left_and_the_state_exactly(event, form_data):
    def places(response):
        found = PLACES.search(response.content.decode())
        return found and int(found.group(1))

    assert places(visitor().get(event.url)) == 2
    assert visitor().get(event.url)["X-Page-Cache"] == "hit"
    for number, email in enumerate(("a@example.no", "b@example.no", "c@example.no"), start=1):
        client = visitor()
        client.get(event.url)
        token = client.get("/csrf/").json()["token"]
        assert client.post(event.url, {**form_data(email=email), "csrfmiddlewaretoken": token}).status_code == 303
        page = visitor().get(event.url)
        if number == 1:
            assert page["X-Page-Cache"] == "miss" and places(page) == 1
        elif number == 2:  # the last place taken: full
            assert places(page) is None
            assert "waiting list" in page.content.decode().lower() or "venteliste" in page.content.decode()
            full_copy = page.content
        else:  # on the waiting list: nothing a visitor sees changed, the cached copy stays
            assert page["X-Page-Cache"] == "hit" and page.content == full_copy
