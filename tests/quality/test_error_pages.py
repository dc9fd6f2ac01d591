"""The error pages when things fail (issue 18, finding 10 and §4): with the database down a visitor gets the
styled Norwegian 503 page with Retry-After; the 500 page is styled by the site's own stylesheets, never by an
inline style its Content-Security-Policy would block; and the login lockout (429) says when to come back."""

import re
from unittest import mock

import pytest
from django.db import connections
from django.db.utils import OperationalError

pytestmark = pytest.mark.django_db


def policy(response):
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))


def assert_styled_without_inline_code(body):
    assert "/static/css/site.css" in body
    assert not re.search(r"<style|\sstyle=|<script(?![^>]*\ssrc=)", body), "inline style or script"


@pytest.fixture
def database_down():
    """Every query fails as it does when PostgreSQL is stopped."""
    error = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
    wrapper = type(connections["default"])
    with (
        mock.patch.object(wrapper, "cursor", side_effect=error),
        mock.patch.object(wrapper, "ensure_connection", side_effect=error),
    ):
        yield


@pytest.mark.parametrize("path", ["/", "/tjenester-nettverk-og-sentre/", "/sok/?q=hofte"])
def test_database_down_gives_the_styled_503_page_with_retry_after(client, home_page, database_down, path):
    client.raise_request_exception = False
    response = client.get(path)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    body = response.content.decode()
    assert "Nettstedet er midlertidig utilgjengelig" in body or "midlertidig" in body
    assert '<html lang="nb"' in body
    assert_styled_without_inline_code(body)
    assert "no-store" in response["Cache-Control"]


def test_the_500_page_is_styled_within_its_own_policy(client, home_page):
    client.raise_request_exception = False
    with mock.patch("home.models.HomePage.serve", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    body = response.content.decode()
    assert_styled_without_inline_code(body)
    assert policy(response)["style-src"] == "'self'"
    assert "Noe gikk galt" in body or "gikk galt" in body
