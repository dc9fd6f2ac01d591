"""No 500 on bad input: random and hostile query strings and form bodies sent to every public URL and form
of the demo site. Every answer is below 500, and a rejected request (4xx, or a form shown again with its
errors) writes no database row."""

import os
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from audit import content

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
]
value_strategy = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=200), st.integers().map(str))


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
def public_site(db, client):
    """Every live page, the site-wide URLs, and every form found on them."""
    from wagtail.models import Page

    content.build_site()
    urls = sorted({page.get_url() for page in Page.objects.live().public().filter(depth__gt=1)})
    urls += ["/sok/", "/robots.txt", "/sitemap.xml", "/finnes-ikke/", "/documents/1/ukjent.pdf"]
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
    keys = st.one_of(st.sampled_from(site["get_keys"]), st.text(min_size=1, max_size=30))
    values = st.one_of(value_strategy, st.lists(value_strategy, max_size=3))
    params = data.draw(st.dictionaries(keys, values, max_size=6), label="query")
    before = row_counts(site["models"])
    response = client.get(url, params)
    assert_no_server_error(response, "GET", url, params)
    if response.status_code >= 400 and response.status_code != 404:
        assert row_counts(site["models"]) == before, f"GET {url} {params!r:.300} was refused but wrote rows"


def send_hostile_post(client, site, data):
    targets = site["post_forms"] + [{"url": url, "fields": []} for url in site["urls"]]
    form = data.draw(st.sampled_from(targets), label="form")
    keys = st.one_of(st.sampled_from(form["fields"] or ["x"]), st.text(min_size=1, max_size=30))
    values = st.one_of(value_strategy, st.lists(value_strategy, max_size=3))
    before = row_counts(site["models"])
    if data.draw(st.booleans(), label="raw body"):
        body = data.draw(st.binary(max_size=2000), label="raw")
        response = client.post(form["url"], body, content_type="application/x-www-form-urlencoded")
    else:
        body = data.draw(st.dictionaries(keys, values, max_size=10), label="body")
        response = client.post(form["url"], body)
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
