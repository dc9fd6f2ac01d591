"""No 500 on bad input: random and hostile query strings and form bodies sent to every public URL and form
of the demo site, to the JSON APIs, and to the admin's lists, filters, searches and choosers as three demo
roles. Every answer is below 500, a rejected request (4xx, or a form shown again with its errors) writes no
database row, and a request carrying NUL, a lone surrogate or bytes that are not UTF-8 is a 400.

The alphabet holds NUL, lone surrogates, invalid UTF-8, very long values and repeated parameters; query
strings are built byte by byte, as a browser or a script could send them. Runs on whichever database
``DATABASE_URL`` names (CI: SQLite and PostgreSQL); nothing here is SQLite-only."""

import contextlib
import io
import os
from html.parser import HTMLParser
from urllib.parse import quote_from_bytes, unquote_to_bytes, urlsplit

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.models import Page

from cms.core.http import readable_text

EXAMPLES = int(os.environ.get("BAD_INPUT_EXAMPLES", "300"))

HOSTILE = [
    "",
    " ",
    "'",
    '"',
    "\\",
    "%",
    "%00",
    "\x00",
    "\x00<script>",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "1; DROP TABLE wagtailcore_page;--",
    "../../../../etc/passwd",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "${7*7}",
    "\r\nSet-Cookie: evil=1",
    "-1",
    "0",
    "1.5",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "null",
    "[]",
    "{}",
    "2023-02-30",
    "9999-12-31T25:61:00",
    "ø" * 3000,
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ☃ \u202e\ufeff",
    "a" * 10000,
    "x" * 20000,
    "\ud800",
    "a\udc80b",
    "\udfff\ud800",
    "\ufffe\uffff",
]
# Bytes as they may arrive percent-encoded: not UTF-8, truncated sequences, a surrogate spelled in UTF-8.
HOSTILE_BYTES = [b"\xff", b"\xfe\xff", b"\xc3", b"\xed\xa0\x80", b"a\x80b", b"\xc0\xaf", b"%", b"%zz", b"\x00\x00"]
any_character = st.one_of(st.characters(exclude_categories=()), st.sampled_from(["\x00", "\ud800", "\udc00"]))
value_strategy = st.one_of(st.sampled_from(HOSTILE), st.text(any_character, max_size=200), st.integers().map(str))
byte_value_strategy = st.one_of(
    value_strategy.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.sampled_from(HOSTILE_BYTES),
    st.binary(max_size=60),
)


def raw_query(pairs):
    """``[(name, value)]`` (bytes) as a query string, every byte percent-encoded as a client could send it."""
    return "&".join(f"{quote_from_bytes(name)}={quote_from_bytes(value)}" for name, value in pairs)


def query_strategy(keys):
    """Pairs of names and values, names often repeated (``?q=a&q=b``)."""
    names = st.one_of(st.sampled_from(keys).map(str.encode), byte_value_strategy.filter(bool))
    pair = st.tuples(names, byte_value_strategy)
    repeated = st.tuples(names, st.lists(byte_value_strategy, min_size=2, max_size=4)).map(
        lambda item: [(item[0], value) for value in item[1]]
    )
    return st.lists(st.one_of(pair.map(lambda p: [p]), repeated), max_size=5).map(
        lambda groups: [p for group in groups for p in group]
    )


def unreadable(query):
    return not readable_text(unquote_to_bytes(query.replace("+", " ")))


class FormParser(HTMLParser):
    """Collects each <form>'s method, action and field names."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            self.forms.append({"method": method, "action": attrs.get("action"), "fields": set()})
        elif tag in ("input", "select", "textarea", "button") and self.forms and attrs.get("name"):
            self.forms[-1]["fields"].add(attrs["name"])


def project_models():
    """Models of this project's own apps, and Wagtail's form submissions: where a request could write."""
    base = str(django_settings.BASE_DIR)
    models = []
    for config in apps.get_app_configs():
        own = config.path.startswith(base) and ".venv" not in config.path
        if own or config.label in ("wagtailforms", "auth"):
            models.extend(m for m in config.get_models() if not m._meta.proxy)
    return models


def row_counts(models):
    return {model._meta.label: model._default_manager.count() for model in models}


@pytest.fixture
def public_site(db, client, demo_site):
    """Every live page, the site-wide URLs, and every form found on them."""
    urls = sorted({page.get_url() for page in Page.objects.live().public().filter(depth__gt=1)})
    urls += ["/sok/", "/robots.txt", "/sitemap.xml", "/finnes-ikke/", "/documents/1/ukjent.pdf"]
    urls += ["/api/search/", "/api/search/suggest/", "/arrangementer/kalender/"]
    get_keys, post_forms = {"q", "page"}, []
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, f"GET {url} answered {response.status_code} without any bad input"
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        parser = FormParser()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = urlsplit(form["action"] or url).path or url
            if form["method"] == "post":
                post_forms.append({"url": action, "fields": sorted(form["fields"] - {"csrfmiddlewaretoken"})})
            else:
                get_keys |= form["fields"]
    client.cookies.clear()
    # The property test is only as good as the URL and form lists it draws from.
    assert len(urls) >= 10, urls
    assert {"q", "type", "region"} <= get_keys, get_keys
    return {"urls": urls, "get_keys": sorted(get_keys), "post_forms": post_forms, "models": project_models()}


def assert_no_server_error(response, method, url, data):
    assert response.status_code < 500, f"{method} {url} with {data!r:.500} answered {response.status_code}"


def send_hostile_get(client, site, data):
    url = data.draw(st.sampled_from(site["urls"]), label="url")
    query = raw_query(data.draw(query_strategy(site["get_keys"]), label="query"))
    before = row_counts(site["models"])
    response = client.get(f"{url}?{query}")
    assert_no_server_error(response, "GET", url, query)
    if unreadable(query):
        assert response.status_code == 400, f"GET {url}?{query:.300} answered {response.status_code}, not 400"
    if response.status_code >= 400 and response.status_code != 404:
        assert row_counts(site["models"]) == before, f"GET {url} {query!r:.300} was refused but wrote rows"


def send_hostile_post(client, site, data):
    targets = site["post_forms"] + [{"url": url, "fields": []} for url in site["urls"]]
    form = data.draw(st.sampled_from(targets), label="form")
    keys = st.one_of(st.sampled_from(form["fields"] or ["x"]), st.text(min_size=1, max_size=30))
    values = st.one_of(value_strategy, st.lists(value_strategy, max_size=3))
    before = row_counts(site["models"])
    kind = data.draw(st.sampled_from(["raw", "encoded", "fields"]), label="body kind")
    if kind == "raw":
        body = data.draw(st.binary(max_size=2000), label="raw")
        response = client.post(form["url"], body, content_type="application/x-www-form-urlencoded")
    elif kind == "encoded":
        body = raw_query(data.draw(query_strategy(form["fields"] or ["x"]), label="encoded body"))
        response = client.post(form["url"], body, content_type="application/x-www-form-urlencoded")
        if unreadable(body):
            assert response.status_code == 400, f"POST {form['url']} {body:.300} answered {response.status_code}"
    else:
        body = data.draw(st.dictionaries(keys, values, max_size=10), label="body")
        try:
            response = client.post(form["url"], body)
        except UnicodeEncodeError:  # the test client cannot encode a lone surrogate; the encoded kind can
            return
    assert_no_server_error(response, "POST", form["url"], body)
    if response.status_code not in (301, 302, 303):
        after = row_counts(site["models"])
        changed = {name: (before[name], after[name]) for name in before if before[name] != after[name]}
        status = response.status_code
        assert not changed, f"POST {form['url']} {body!r:.300} was not accepted ({status}) but wrote {changed}"


@hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_hostile_queries_and_form_bodies_never_cause_a_server_error_or_a_stray_row(client, public_site, data):
    """One site for all examples (building the demo is the slow part); each example is a GET with a hostile
    query string or a POST with a hostile body, to a page or to one of the site's forms."""
    if data.draw(st.booleans(), label="POST"):
        send_hostile_post(client, public_site, data)
    else:
        send_hostile_get(client, public_site, data)


# The admin's lists, filters, searches, choosers and APIs, and the names of their parameters.
ADMIN_LISTS = {
    "/admin/registers/annualreport/": [
        "q",
        "o",
        "p",
        "year",
        "assessing_region__id__exact",
        "unit__kind__exact",
        "status__exact",
        "export",
    ],
    "/admin/registers/application/": [
        "q",
        "o",
        "p",
        "round_year",
        "applying_region__id__exact",
        "kind__exact",
        "stage__exact",
        "export",
    ],
    "/admin/registers/overview/": ["year", "format"],
    "/admin/registers/annualreport/as-of/": ["date", "year"],
    "/admin/registers/annualreport/changes/": ["p", "year"],
    "/admin/events/registration/": ["q", "o", "p", "status__exact", "region__id__exact", "export"],
    "/admin/api/main/pages/": ["search", "type", "child_of", "descendant_of", "fields", "limit", "offset", "order"],
    "/admin/api/main/images/": ["search", "fields", "limit", "offset", "order", "collection"],
    "/admin/api/main/documents/": ["search", "fields", "limit", "offset", "order", "collection"],
    "/admin/pages/search/": ["q", "p", "content_type", "ordering"],
    "/admin/pages/{service_index}/": ["q", "p", "ordering", "content_type", "locale"],
    "/admin/images/": ["q", "p", "collection_id", "ordering", "tag"],
    "/admin/documents/": ["q", "p", "collection_id", "ordering", "tag"],
    "/admin/images/chooser/": ["q", "p", "collection_id", "tag"],
    "/admin/documents/chooser/": ["q", "p", "collection_id"],
    "/admin/choose-page/": ["q", "p", "page_type", "parent_page_id"],
    "/admin/snippets/organisations/region/": ["q", "p", "ordering"],
    "/admin/snippets/organisations/healthtrust/": ["q", "p", "ordering", "region"],
    "/admin/snippets/organisations/contactperson/": ["q", "p", "ordering"],
    "/admin/users/": ["q", "p", "ordering", "group"],
    "/admin/reports/site-history/": ["action", "user", "timestamp_from", "timestamp_to", "object_type", "export"],
    "/admin/reports/locked/": ["p", "export"],
    "/admin/reports/aging-pages/": ["last_published_at", "content_type", "export"],
}
ADMIN_ROLES = ["admin", "nasjonal", "vest.redaktor"]


@pytest.fixture
def admin_clients(demo_site, db):
    clients = {}
    for username in ADMIN_ROLES:
        clients[username] = Client()
        clients[username].force_login(get_user_model().objects.get(username=username))
    service_index = Page.objects.get(depth=3, slug__startswith="tjenester")
    return {"clients": clients, "lists": {p.format(service_index=service_index.pk): k for p, k in ADMIN_LISTS.items()}}


@hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_hostile_admin_filters_and_searches_never_cause_a_server_error(admin_clients, data):
    """Each example: one role, one admin list, chooser or API, and a hostile query string."""
    client = admin_clients["clients"][data.draw(st.sampled_from(ADMIN_ROLES), label="role")]
    url = data.draw(st.sampled_from(sorted(admin_clients["lists"])), label="url")
    query = raw_query(data.draw(query_strategy(admin_clients["lists"][url]), label="query"))
    response = client.get(f"{url}?{query}")
    assert_no_server_error(response, "GET", url, query)
    if unreadable(query):
        assert response.status_code == 400, f"GET {url}?{query:.300} answered {response.status_code}, not 400"


CSV_COLUMNS = ["name", "type", "host_trusts", "regions", "established", "status", "predecessor", "source_url"]
csv_cell = st.one_of(
    st.sampled_from(["Helse Vest", "Helse Bergen HF", "behandlingstjeneste", "active", "2020", "", '"', ",", ";"]),
    value_strategy,
)


@hypothesis_settings(
    max_examples=max(EXAMPLES // 6, 20),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_hostile_import_files_give_errors_not_tracebacks(demo_site, db, tmp_path, data):
    """The service importer, with hostile headers and cells: it imports, or it ends with its own error."""
    columns = st.one_of(st.just(CSV_COLUMNS), st.lists(st.sampled_from(CSV_COLUMNS + ["x", ""])))
    header = data.draw(columns, label="header")
    row = st.lists(csv_cell, min_size=len(header), max_size=len(header) + 1)
    rows = data.draw(st.lists(row, max_size=3), label="rows")
    lines = [",".join(header)] + [",".join(cell.replace("\r", "") for cell in row) for row in rows]
    path = tmp_path / "hostile.csv"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    with contextlib.suppress(CommandError):
        call_command("import_services", str(path), stdout=io.StringIO(), stderr=io.StringIO())
