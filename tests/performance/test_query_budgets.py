"""Every public page type renders within a fixed number of SQL queries, whatever the size of the site.

Measured on a warm cache (routes, navigation and site settings cached, as after the first visitor) but
with the page itself rendered: each measured request carries a query parameter no earlier request had,
so it is a page-cache miss. Measured on a small site, then again after it has grown; the count must not
grow with the number of services listed, children, revisions or related items.
"""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

BUDGET = 10
_fresh = itertools.count()

PAGES = [
    ("home", ""),
    ("standard", ""),
    ("service_index", ""),
    ("service_index", "type=behandlingstjeneste&region=helse-vest"),
    ("service_index", "q=Service&field=fagomrade-1&page=1"),
    ("region", ""),
    ("service", ""),
    ("network", ""),
    ("centre", ""),
    ("group_index", ""),
    ("group", ""),
    ("reporting", ""),
    ("application", ""),
    ("event_index", ""),
    ("event", ""),
]


def measure(client, url):
    """Queries of one rendering of ``url`` after a first, warming request."""
    separator = "&" if "?" in url else "?"
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{url}{separator}fresh={next(_fresh)}")
    assert response.status_code == 200, url
    assert response.get("X-Page-Cache") != "hit", "the measured request must render the page"
    return [q["sql"] for q in queries.captured_queries]


def measure_all(client, site):
    results = {}
    for name, query in PAGES:
        url = site.pages[name].url + (f"?{query}" if query else "")
        results[url] = measure(client, url)
    return results


def measure_search(client):
    return {
        query: measure(client, f"{reverse('search')}?{query}") for query in ("q=tjeneste", "q=Service+1", "q=Centre")
    }


@pytest.mark.django_db
def test_every_page_type_renders_within_budget_at_any_size(client, growing_site):
    small = measure_all(client, growing_site.grow(units_per_kind=1, revisions=1))
    large = measure_all(client, growing_site.grow(units_per_kind=4, revisions=3))
    summary = [f"{url}: {len(small[url])} -> {len(queries)}" for url, queries in large.items()]
    report = ["query counts (small site -> grown site):", *summary, ""]
    for url, queries in large.items():
        if len(queries) > BUDGET or len(queries) > len(small[url]):
            report.append(f"{url}: {len(small[url])} queries small, {len(queries)} large")
            report.extend(f"    {sql[:300]}" for sql in queries)
    assert len(report) == len(summary) + 2, "\n".join(report)
    assert all(len(q) <= BUDGET for q in small.values())


@pytest.mark.xfail(
    strict=True,
    reason="The search view (search app, in progress) loads host trusts and medical fields per result: "
    "26 queries for 2 results, 34 for 10. Remove this marker when it is fixed.",
)
@pytest.mark.django_db
def test_search_renders_within_budget_at_any_size(client, growing_site):
    small = measure_search(client) if growing_site.grow(units_per_kind=1, revisions=1) else None
    large = measure_search(client) if growing_site.grow(units_per_kind=4, revisions=1) else None
    counts = {query: (len(small[query]), len(large[query])) for query in small}
    assert all(s <= BUDGET and g <= s for s, g in counts.values()), counts
