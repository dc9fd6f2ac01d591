"""Every public page type renders within a fixed number of SQL queries, whatever the size of the site.

Measured on a warm cache (routes, navigation and site settings cached, as after the first visitor) but
with the page itself rendered: each measured request carries a query parameter no earlier request had,
so it is a page-cache miss. Measured on a small site, then again after it has grown; the count must not
grow with the number of services listed, children, revisions or related items.

The cold budgets (below) measure the same pages with no cache at all: the page cache off, every cache emptied
and the process's memos cleared before each request, as for the first visitor after a deploy or with the page
cache off in production.
"""

import functools
import gc
import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search import popular

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


SEARCHES = (
    "q=tjeneste",
    "q=Service+1",
    "q=Centre",
    "q=Service",
    "q=Revisjon",  # every unit: a full result page (10 results) and a second page on the grown site
    "q=Service&region=helse-vest",
    "q=Service&type=behandlingstjeneste&field=fagomrade-1",
    "q=Referansegruppe&type=referansegruppe",
)


def measure_search(client, searches=SEARCHES):
    """{url: (queries, results shown)} of the search page and the search API for every query in
    ``searches``; every measured search must show results and facets."""
    results = {}
    for query in searches:
        page = f"{reverse('search')}?{query}"
        queries = measure(client, page)
        html = client.get(f"{page}&fresh={next(_fresh)}").content.decode()
        shown = html.count('class="search-result"')
        assert shown and 'class="search-facet"' in html, page
        results[page] = (queries, shown)
        api = f"{reverse('search_api')}?{query}"
        queries = measure(client, api)
        data = client.get(f"{api}&fresh={next(_fresh)}").json()
        assert data["results"] and any(data["facets"].values()), api
        results[api] = (queries, len(data["results"]))
    return results


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


@pytest.mark.django_db
def test_search_renders_within_budget_at_any_size(client, growing_site, settings):
    """The search page (results, facets, excerpts, regions) and the search API, at two sizes, each search
    run in full (a repeated search read from the cache costs less: see tests/search/test_result_cache.py)."""
    settings.SEARCH_RESULTS_CACHE = False
    small = measure_search(client) if growing_site.grow(units_per_kind=1, revisions=1) else None
    large = measure_search(client) if growing_site.grow(units_per_kind=4, revisions=1) else None
    later_pages = measure_search(client, ["q=Revisjon&page=2"])  # only the grown site has a second page
    counts = {url: (len(small[url][0]), len(large[url][0])) for url in large}
    counts.update({url: (len(queries), len(queries)) for url, (queries, _shown) in later_pages.items()})
    queries_of = {url: queries for url, (queries, _shown) in {**large, **later_pages}.items()}
    report = ["query counts (small site -> grown site):", *(f"{url}: {s} -> {g}" for url, (s, g) in counts.items())]
    failures = [url for url, (s, g) in counts.items() if s > BUDGET or g > BUDGET or g > s]
    for url in failures:
        report.append(f"{url}: {counts[url][0]} queries small, {counts[url][1]} large")
        report.extend(f"    {sql[:300]}" for sql in queries_of[url])
    assert not failures, "\n".join(report)
    # the grown site shows more results for the same searches, a full result page among them
    assert max(shown for _queries, shown in large.values()) == 10
    assert sum(shown for _queries, shown in large.values()) > sum(shown for _queries, shown in small.values())


# --- the cold path ------------------------------------------------------------------------------------------

COLD_BUDGET = 12


_PROJECT_PACKAGES = ("cms", "home", "servicepages", "events", "registers", "reporting", "search", "organisations")


def _module_memos():
    """The per-process memos (``functools.lru_cache``) of the project's modules."""
    return [
        obj
        for obj in gc.get_objects()
        if isinstance(obj, functools._lru_cache_wrapper)
        and getattr(obj, "__module__", "").split(".")[0] in (*_PROJECT_PACKAGES, "pagecache")
    ]


def fresh_process(memos):
    """No cache of any kind: every cache alias emptied (the memo store, Wagtail's site root paths, the search's
    lookups), Django's content types forgotten, the project's module-level memos cleared."""
    for alias in caches:
        caches[alias].clear()
    ContentType.objects.clear_cache()
    for memo in memos:
        memo.cache_clear()


def measure_cold(client, url, memos):
    fresh_process(memos)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response.get("X-Page-Cache") in (None, "off"), "the page cache must be off"
    return [q["sql"] for q in queries.captured_queries]


def measure_all_cold(client, site):
    memos = _module_memos()
    return {
        url: measure_cold(client, url, memos)
        for url in (site.pages[name].url + (f"?{query}" if query else "") for name, query in PAGES)
    }


@pytest.mark.django_db
def test_every_page_type_renders_cold_within_budget_at_any_size(client, growing_site, settings):
    """With no cache at all (page cache off, memo store empty, a fresh process), every page type renders in at
    most ``COLD_BUDGET`` queries, and no more on a grown site (more units, children, revisions, related items).
    Routing and the site lookup cost one query each (``pagecache.views``, ``pagecache.queries``)."""
    settings.PAGECACHE_ENABLED = False
    small = measure_all_cold(client, growing_site.grow(units_per_kind=1, revisions=1))
    large = measure_all_cold(client, growing_site.grow(units_per_kind=4, revisions=3))
    summary = [f"{url}: {len(small[url])} -> {len(queries)}" for url, queries in large.items()]
    report = ["cold query counts (small site -> grown site):", *summary, ""]
    for url, queries in large.items():
        if len(queries) > COLD_BUDGET or len(queries) > len(small[url]):
            report.append(f"{url}: {len(small[url])} queries small, {len(queries)} large")
            report.extend(f"    {sql[:300]}" for sql in queries)
    assert len(report) == len(summary) + 2, "\n".join(report)
    assert all(len(q) <= COLD_BUDGET for q in small.values())


# The search page with no cache at all: its lookup tables, synonyms, promotions, the page types' content types, the
# restricted sections and (PostgreSQL) whether pg_trgm is installed come in one query (search/query.py ``lookups``),
# the sites in one (``search.results``, reused by the menu and the footer); a word not on the site reads its
# compound splits and its nearest words in one more (``search.query.SiteWords``). docs/performance.md has the list.
COLD_SEARCHES = ("q=Service", "q=Service&region=helse-vest", "q=Referansegruppe&type=referansegruppe")


def measure_search_cold(client, memos):
    """{url: queries} of the search page and the search API, each cold, for every query in ``COLD_SEARCHES``."""
    results = {}
    for query in COLD_SEARCHES:
        url = f"{reverse('search')}?{query}"
        results[url] = measure_cold(client, url, memos)
        assert 'class="search-result"' in client.get(url).content.decode(), url
        api = f"{reverse('search_api')}?{query}"
        results[api] = measure_cold(client, api, memos)
        assert client.get(api).json()["results"], api
    return results


@pytest.mark.django_db
def test_search_renders_cold_within_budget_at_any_size(client, growing_site, settings):
    """The search page (/sok/, with and without filters, a word not on the site among them) and the search API
    with no cache at all, at two sizes, in at most ``COLD_BUDGET`` queries like every other page. The
    popular-queries counter writes in batches (``search.popular``: at most once a minute per process), not in the
    measured search."""
    settings.PAGECACHE_ENABLED = False
    settings.SEARCH_QUERY_LOG_SECONDS = 3600
    popular.flush()
    memos = _module_memos()
    small = measure_search_cold(client, memos) if growing_site.grow(units_per_kind=1, revisions=1) else None
    large = measure_search_cold(client, memos) if growing_site.grow(units_per_kind=4, revisions=3) else None
    summary = [f"{url}: {len(small[url])} -> {len(queries)}" for url, queries in large.items()]
    failures = [url for url in large if len(large[url]) > COLD_BUDGET or len(large[url]) > len(small[url])]
    report = ["cold search query counts (small site -> grown site):", *summary]
    for url in failures:
        report.extend(f"    {sql[:300]}" for sql in large[url])
    assert not failures, "\n".join(report)
    assert all(len(q) <= COLD_BUDGET for q in small.values())
