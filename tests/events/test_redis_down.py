"""With Redis down, registration and the admin login still work (issue 18, finding 4 and §4)."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import override_settings

from events import views
from events.models import Registration

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every Redis command fails to connect, as when the server is stopped.
REDIS_DOWN = {
    "default": {
        "BACKEND": "pagecache.backends.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"RETRY_AFTER": 0},
    }
}
PASSWORD = "et-langt-passord-42"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = REDIS_DOWN
    views.reset_local_rate_limit()
    yield
    views.reset_local_rate_limit()


def test_the_cache_really_is_down(redis_down):
    assert cache.add("anything", 0) is False
    assert cache.incr("anything") is None


def test_registration_works_with_redis_down(client, open_event, form_data, redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="events.views"):
        response = client.post(open_event.url, form_data())
    assert response.status_code == 303
    assert Registration.objects.get().email == "kari@example.no"
    assert client.get(response["Location"]).status_code == 200
    assert any("rate limit" in record.getMessage().lower() for record in caplog.records)


def test_with_redis_down_the_rate_limit_falls_back_to_this_process(
    client, open_event, form_data, redis_down, settings, django_capture_on_commit_callbacks
):
    settings.EVENTS_REGISTRATION_RATE_LIMIT = 2
    for number in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(open_event.url, form_data(email=f"p{number}@example.no")).status_code == 303
    response = client.post(open_event.url, form_data(email="p3@example.no"))
    assert response.status_code == 429
    assert Registration.objects.count() == 2
    assert len(mail.outbox) == 2


def test_the_429_answer_says_when_to_try_again(client, open_event, form_data, settings):
    settings.EVENTS_REGISTRATION_RATE_LIMIT = 0
    settings.EVENTS_REGISTRATION_RATE_WINDOW = 300
    response = client.post(open_event.url, form_data())
    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    body = response.content.decode()
    assert "for mange påmeldinger" in body
    assert "Prøv igjen om noen minutter" in body


@override_settings(AXES_ENABLED=True)
def test_admin_login_works_with_redis_down(client, redis_down):
    get_user_model().objects.create_superuser("redaktor", "redaktor@example.no", PASSWORD)
    response = client.post("/admin/login/", {"username": "redaktor", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_login_throttling_keeps_working_with_redis_down(client, redis_down):
    """django-axes keeps its counts in the database (AxesDatabaseHandler), not in the cache."""
    get_user_model().objects.create_superuser("redaktor", "redaktor@example.no", PASSWORD)
    for attempt in range(3):
        client.post("/admin/login/", {"username": "redaktor", "password": f"feil-{attempt}"}, REMOTE_ADDR="10.0.0.1")
    locked = client.post("/admin/login/", {"username": "redaktor", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert locked.status_code == 429
