"""Named hostile requests of issue 18 (finding 3), on the demo site, as a visitor and as admin users: a NUL
byte, invalid UTF-8 and the like in the path, the query string, a form body or a cookie is refused with the
site's Norwegian 400 page, and never answers 500 (PostgreSQL refuses NUL in any text it is sent).

Runs on whichever database ``DATABASE_URL`` names; CI runs it on SQLite and PostgreSQL."""

import pytest
from axes.helpers import get_client_ip_address
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from cms.core.http import JSON_ESCAPE_PROBLEMS, client_ip
from events.models import EventPage, Registration
from servicepages.models import ServiceIndexPage


@pytest.fixture(scope="module")
def demo_urls(demo_site, django_db_blocker):
    with django_db_blocker.unblock():
        return {"service_index": ServiceIndexPage.objects.live().first().url}


@pytest.fixture
def as_user(client, demo_urls, db):
    def login(username):
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        return client

    return login


NUL_GETS = [
    # (user, path, raw query string)
    (None, "{service_index}", "q=a%00b"),
    (None, "{service_index}", "type=%00&region=%00"),
    (None, "/sok/", "q=a%00b"),
    (None, "/sok/", "q=%00&q=%00"),
    (None, "/api/search/", "q=sykdom%00"),
    (None, "/api/search/suggest/", "q=syk%00"),
    (None, "/arrangementer/", "page=%00"),
    ("nasjonal", "/admin/registers/annualreport/", "q=%00"),
    ("nasjonal", "/admin/registers/application/", "stage__exact=%00"),
    ("nasjonal", "/admin/registers/application/", "q=%00"),
    ("admin", "/admin/events/registration/", "q=%00"),
    ("admin", "/admin/events/registration/", "status__exact=%00"),
    ("vest.redaktor", "/admin/api/main/pages/", "search=%00"),
    ("vest.redaktor", "/admin/api/main/pages/", "type=%00"),
    ("vest.redaktor", "/admin/api/main/images/", "search=%00"),
    ("vest.redaktor", "/admin/api/main/documents/", "search=%00"),
    ("vest.redaktor", "/admin/pages/search/", "q=%00"),
    ("vest.redaktor", "/admin/images/", "q=%00"),
    ("vest.redaktor", "/admin/documents/", "q=%00"),
    ("nasjonal", "/admin/snippets/organisations/healthtrust/", "q=%00"),
    ("admin", "/admin/users/", "q=%00"),
    ("admin", "/admin/reports/site-history/", "action=%00"),
]


@pytest.mark.parametrize(("username", "path", "query"), NUL_GETS)
def test_nul_in_the_query_string_is_a_400_page(as_user, demo_urls, username, path, query):
    client = as_user(username)
    url = path.format(**demo_urls) + "?" + query
    response = client.get(url)
    assert response.status_code == 400, f"GET {url} answered {response.status_code}"
    if "/api/" in path:
        assert response.json()["error"].startswith("Forespørselen")
    else:
        assert "Ugyldig forespørsel" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "Content-Security-Policy" in response


@pytest.mark.parametrize(
    "url",
    [
        "/sok/?q=%FF",  # not UTF-8
        "/sok/?q=%ED%A0%80",  # a lone surrogate, as UTF-8 would spell it
        "/sok/?%00=1",  # in a name
        "/sok/?q=a\x00b",  # the byte itself
        "/tjenester/%00/",
    ],
)
def test_unreadable_query_strings_and_paths_are_refused(client, db, demo_site, url):
    response = client.get(url)
    assert response.status_code == 400, f"GET {url!r} answered {response.status_code}"


def test_a_path_that_is_not_utf8_is_not_found(client, db, demo_site):
    # Django keeps such bytes percent-encoded in request.path, so no page matches and nothing reads them.
    assert client.get("/arrangementer/%FF/").status_code == 404


@pytest.mark.parametrize("url", ["/sok/?q=%C3%B8ye", "/sok/?q=%F0%9D%94%98+%E2%98%83", "/sok/?q=a%2500b"])
def test_readable_text_is_served(client, db, demo_site, url):
    assert client.get(url).status_code == 200


def test_nul_in_a_form_body_is_refused_and_writes_nothing(client, db, demo_site):
    event = (
        EventPage.objects.live().filter(registration_opens__isnull=False).first() or EventPage.objects.live().first()
    )
    before = Registration.objects.count()
    body = "name=Kari%00&email=kari%40example.no&consent=on"
    response = client.post(event.url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    response = client.post(event.url, {"name": "Kari\x00", "email": "kari@example.no", "consent": "on"})
    assert response.status_code == 400
    assert Registration.objects.count() == before


@pytest.mark.parametrize("body", [b'{"q": "a\\u0000"}', b'{"q": "\\ud800"}', b'{"q": "\\udc00x"}', b'{"q": "\xff"}'])
def test_unreadable_json_bodies_are_refused(as_user, demo_site, body):
    client = as_user("admin")
    response = client.post("/admin/api/main/pages/", body, content_type="application/json")
    assert response.status_code == 400


def test_a_json_pair_of_surrogates_is_readable():
    assert not JSON_ESCAPE_PROBLEMS.search(b'{"q": "\\ud835\\udd18"}')


def test_a_file_may_hold_any_byte_but_the_other_fields_may_not(client, db, demo_site):
    upload = SimpleUploadedFile("a.bin", b"\x00\xff\x00", content_type="application/octet-stream")
    assert client.post("/sok/", {"file": upload, "q": "ok"}).status_code != 400
    upload = SimpleUploadedFile("a.bin", b"\x00\xff\x00", content_type="application/octet-stream")
    assert client.post("/sok/", {"file": upload, "q": "a\x00"}).status_code == 400


def test_a_cookie_with_nul_is_dropped_not_refused(client, db, demo_site):
    client.cookies["sessionid"] = "abc\x00def"
    client.cookies["csrftoken"] = "x\x00"
    assert client.get("/sok/?q=behandling").status_code == 200


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "198.51.100.9", "10.0.0.2"),  # no proxy trusted: the header is the client's claim
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.9, 203.0.113.5", "203.0.113.5"),  # the left entry was sent by the client
        (2, "198.51.100.9, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.2"),  # shorter than the proxies: not to be trusted
        (1, "", "10.0.0.2"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(rf, settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == expected


def test_axes_uses_the_projects_client_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5", REMOTE_ADDR="10.0.0.2")
    assert get_client_ip_address(request) == "203.0.113.5"
