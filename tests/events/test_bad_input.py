"""Invalid, abusive and garbage input: clear Norwegian messages, 4xx, nothing saved, never a 500."""

import pytest
from django.core import mail

from events.models import Registration

pytestmark = pytest.mark.django_db


def post(client, event, data, capture):
    with capture(execute=True):
        return client.post(event.url, data)


def test_missing_fields_reshow_the_form_with_norwegian_errors_and_keep_what_was_typed(
    client, open_event, form_data, django_capture_on_commit_callbacks
):
    data = form_data(name="  ", email="ikke-en-adresse", organisation="", consent="", diet="Glutenfri æøå")
    response = post(client, open_event, data, django_capture_on_commit_callbacks)

    assert response.status_code == 400
    body = response.content.decode()
    assert "Rett opp følgende:" in body
    assert "Skriv inn navnet ditt." in body
    assert "Skriv inn en gyldig e-postadresse, for eksempel navn@example.no." in body
    assert "Skriv inn organisasjonen eller helseforetaket ditt." in body
    assert "Du må samtykke til personvernerklæringen for å melde deg på." in body
    assert 'value="ikke-en-adresse"' in body
    assert 'value="Glutenfri æøå"' in body
    assert 'aria-invalid="true"' in body
    assert "no-store" in response["Cache-Control"]
    assert not Registration.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": "x" * 5000, "email": "a@b.no", "organisation": "x", "region": "1", "consent": "on"},
        {"name": "Ola", "email": "ola@example.no", "organisation": "HF", "region": "999999", "consent": "on"},
        {"name": "Ola", "email": "ola@example.no", "organisation": "HF", "region": "'; drop table", "consent": "on"},
        {"name": "Ola\x00", "email": "ola@example.no", "organisation": "HF", "region": "1", "consent": "on"},
        {"name": ["a", "b"], "email": ["x@y.no", "z"], "region": ["1", "2"]},
        {"email": "ola@" + "x" * 300 + ".no"},
    ],
    ids=["empty", "too-long", "unknown-region", "sql", "nul", "lists", "long-email"],
)
def test_garbage_posts_are_refused_with_400(client, open_event, data, django_capture_on_commit_callbacks):
    response = post(client, open_event, data, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_a_raw_non_form_body_is_refused(client, open_event):
    response = client.post(open_event.url, data=b"\xff\xfe garbage", content_type="application/octet-stream")
    assert response.status_code == 400
    response = client.post(open_event.url, data='{"name": "x"}', content_type="application/json")
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_the_honeypot_stops_robots(client, open_event, form_data, django_capture_on_commit_callbacks):
    response = post(client, open_event, form_data(website="http://spam.example"), django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "La det siste feltet stå tomt" in response.content.decode()
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people(client, open_event):
    body = client.get(open_event.url).content.decode()
    assert 'class="registration-form__hp" aria-hidden="true"' in body
    assert 'name="website"' in body
    assert 'tabindex="-1"' in body


def test_one_address_is_rate_limited(client, open_event, form_data, settings, django_capture_on_commit_callbacks):
    settings.EVENTS_REGISTRATION_RATE_LIMIT = 3
    for number in range(3):
        response = post(
            client, open_event, form_data(email=f"p{number}@example.no"), django_capture_on_commit_callbacks
        )
        assert response.status_code == 303
    response = post(client, open_event, form_data(email="p4@example.no"), django_capture_on_commit_callbacks)
    assert response.status_code == 429
    assert "for mange påmeldinger" in response.content.decode()
    assert 'value="p4@example.no"' in response.content.decode()
    assert Registration.objects.count() == 3

    other = client.post(open_event.url, form_data(email="p5@example.no"), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 303, "another address is not affected"


PROXY = "10.0.0.2"  # the reverse proxy: every request reaches gunicorn from here


def test_behind_the_proxy_each_visitor_is_counted_by_their_own_address(
    client, open_event, form_data, settings, django_capture_on_commit_callbacks
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.EVENTS_REGISTRATION_RATE_LIMIT = 2
    for number in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                open_event.url,
                form_data(email=f"a{number}@example.no"),
                REMOTE_ADDR=PROXY,
                HTTP_X_FORWARDED_FOR="198.51.100.7",
            )
        assert response.status_code == 303
    limited = client.post(
        open_event.url, form_data(email="a3@example.no"), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert limited.status_code == 429

    other = client.post(
        open_event.url, form_data(email="b@example.no"), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert other.status_code == 303, "another visitor behind the same proxy is not limited"


def test_a_forged_forwarded_entry_does_not_escape_the_limit(
    client, open_event, form_data, settings, django_capture_on_commit_callbacks
):
    """nginx appends the real address; whatever the client wrote further left is its own claim."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.EVENTS_REGISTRATION_RATE_LIMIT = 2
    for number in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                open_event.url,
                form_data(email=f"f{number}@example.no"),
                REMOTE_ADDR=PROXY,
                HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 198.51.100.7",
            )
        assert response.status_code == (303 if number < 2 else 429)
    assert Registration.objects.count() == 2

    honest = client.post(
        open_event.url,
        form_data(email="g@example.no"),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="192.0.2.0, 203.0.113.9",
    )
    assert honest.status_code == 303, "counted by the address the proxy saw, not by what the client wrote"


def test_posting_to_pages_without_a_form_is_harmless(client, open_event, event_index, home_page, form_data):
    for url in (event_index.url, home_page.url, open_event.url + "kalender/"):
        response = client.post(url, form_data())
        assert response.status_code < 500
    assert not Registration.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_not_allowed(client, open_event, method):
    assert getattr(client, method)(open_event.url).status_code == 405


def test_post_without_csrf_token_is_refused(open_event, form_data):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(open_event.url, form_data())
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_unknown_sub_paths_are_404(client, open_event):
    for suffix in ("nope/", "pamelding/", "avmelding/", "avmelding/a/b/", "avmelding/a/b/c/d/", "kalender/x/"):
        assert client.get(open_event.url + suffix).status_code == 404, suffix
