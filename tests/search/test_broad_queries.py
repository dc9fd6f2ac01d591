"""A broad search (a word most pages have: ``nasjonal``) costs what a narrow one costs, with the same answers.

- Facets (``search.engines.DatabaseEngine.facets``): with the memo store on, a match of more than half the indexed
  pages is counted through the pages it misses (the counts of every searchable page, kept until the site
  changes, less the missed pages' counts). The counts must be exactly those of counting the match itself, with
  and without filters, and after an edit.
- Ranking (``search.index.EntryRankedCompiler``, PostgreSQL): at most ``RANK_CANDIDATES`` entries are ranked.
- PostgreSQL's plans: the facet query of a broad search reads only the missed pages' facet values, and the
  ranking query ranks no more than the candidates (a query-shape check, not a timing).
"""

import json

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from search import engines as search_engines
from search import index as search_index
from search.engines import DatabaseEngine, _counts, build_query
from search.models import SearchFacetValue
from search.norwegian import expand_terms
from search.query import SearchRequest, get_rules
from tests import factories

on_postgresql = pytest.mark.skipif(
    not django_settings.DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"),
    reason="PostgreSQL's compiler and plans",
)

FILTERS = [{}, {"region": "helse-vest"}, {"type": "behandlingstjeneste"}, {"region": "helse-nord", "status": "active"}]


@pytest.fixture
def memo_store(settings):
    """The memo store on (as in production with Redis): the facet totals are kept between searches."""
    settings.PAGECACHE_ENABLED = True
    settings.SEARCH_RESULTS_CACHE = False


def query_of(text):
    return build_query(expand_terms(text, get_rules()))


def counted_directly(engine, text, filters):
    """The facet counts of the match itself: every matching page's facet values."""
    rows = SearchFacetValue.objects.filter(page_id__in=engine.matched_ids(query_of(text)))
    return _counts(engine._facet_rows(rows, filters))


def broad(engine, text, filters):
    """Whether the facet query counted ``text`` through the missed pages."""
    indexed = SearchFacetValue.objects.filter(facet="type").count()
    missed, _rows, _candidates = engine._broad_or_narrow(query_of(text), filters, indexed // 2)
    return missed


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "none")
@pytest.mark.parametrize("text", ["nasjonal", "tjeneste", "brannskade", "kreft barn"])
def test_facet_counts_are_those_of_the_match_broad_or_narrow(demo_site, memo_store, text, filters):
    engine = DatabaseEngine()
    assert engine.facets(query_of(text), filters) == counted_directly(engine, text, filters)


def test_a_word_of_most_pages_is_counted_through_the_missed_pages(demo_site, memo_store):
    engine = DatabaseEngine()
    assert broad(engine, "nasjonal", {})
    assert broad(engine, "nasjonal", {"region": "helse-vest"})
    assert not broad(engine, "brannskade", {})
    outcome = engine.search(SearchRequest(query="nasjonal", terms=expand_terms("nasjonal", get_rules())))
    assert outcome.count == sum(counted_directly(engine, "nasjonal", {})["type"].values()) > 20


def test_counts_follow_an_edit(demo_site, memo_store):
    """The kept totals belong to the site as it was: a new unit (a publish starts a new generation) counts."""
    engine = DatabaseEngine()
    before = engine.facets(query_of("nasjonal"), {})
    region_page = Page.objects.get(slug="helse-vest").specific
    trust = factories.HealthTrustFactory._meta.model.objects.filter(region__slug="helse-vest").first()
    unit = factories.ServicePageFactory(
        parent=region_page, title="Nasjonal behandlingstjeneste for prøveteksten", host_trusts=[trust]
    )
    unit.save_revision().publish()
    after = engine.facets(query_of("nasjonal"), {})
    assert after == counted_directly(engine, "nasjonal", {})
    assert after["region"]["helse-vest"] == before["region"]["helse-vest"] + 1


def test_without_the_memo_store_the_match_is_counted_directly(demo_site, settings):
    settings.PAGECACHE_ENABLED = False
    engine = DatabaseEngine()
    with CaptureQueriesContext(connection) as captured:
        facets = engine.facets(query_of("nasjonal"), {})
    assert facets == counted_directly(engine, "nasjonal", {})
    facet_queries = [q["sql"] for q in captured if "portal_search_searchfacetvalue" in q["sql"]]
    assert len(facet_queries) == 1 and "search_match" not in facet_queries[0]


# --- PostgreSQL: ranking among the candidates, and the plans -------------------------------------------------


def ranking_sql(engine, text, filters=None):
    request = SearchRequest(query=text, terms=expand_terms(text, get_rules()), filters=filters or {})
    with CaptureQueriesContext(connection) as captured:
        engine.search(request)
    return [q["sql"] for q in captured if "ts_rank" in q["sql"]], [
        q["sql"] for q in captured if "search_match" in q["sql"]
    ]


def analyzed(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]


def nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from nodes(child)


@on_postgresql
def test_a_broad_match_ranks_only_its_candidates(demo_site, memo_store, monkeypatch):
    # the demo site's "nasjonal" matches some 30 pages: a window and candidates of 10 make it broad
    monkeypatch.setattr(search_engines, "WINDOW", 10)
    monkeypatch.setattr(search_index, "RANK_CANDIDATES", 10)
    monkeypatch.setattr(search_engines, "RANK_CANDIDATES", 10)
    engine = DatabaseEngine()
    ranked, _facets = ranking_sql(engine, "nasjonal")
    assert len(ranked) == 1
    plan = analyzed(ranked[0])
    # the rows the rank is computed for: what the sort under the final limit reads
    sort = next(node for node in nodes(plan) if node["Node Type"] == "Sort")
    assert sort["Plans"][0]["Actual Rows"] <= 10
    # the facet query chose the candidates with the match: the ranking query reads them by id, matching nothing
    assert "@@" not in ranked[0]
    # the candidates are the matches with the word in the title, shortest titles first
    outcome = engine.search(SearchRequest(query="nasjonal", terms=expand_terms("nasjonal", get_rules())))
    assert outcome.count > 20 and len(outcome.pages) == 10
    assert all("nasjonal" in page.title.lower() for page in outcome.pages)


@on_postgresql
def test_a_match_within_the_candidates_is_ranked_whole(demo_site, memo_store):
    engine = DatabaseEngine()
    ranked, _facets = ranking_sql(engine, "nasjonal")
    sort = next(node for node in nodes(analyzed(ranked[0])) if node["Node Type"] == "Sort")
    matches = sum(counted_directly(engine, "nasjonal", {})["type"].values())
    assert sort["Plans"][0]["Actual Rows"] == matches  # every match ranked: Wagtail's order (test_ranking_on_entries)


@on_postgresql
@pytest.mark.parametrize(("text", "missed"), [("nasjonal", True), ("brannskade", False)])
def test_the_facet_query_reads_one_branch(demo_site, memo_store, text, missed):
    """A broad search reads the facet values of the pages it misses only; a narrow one those of its matches."""
    engine = DatabaseEngine()
    _ranked, facet_queries = ranking_sql(engine, text)
    assert len(facet_queries) == 1
    plan = analyzed(facet_queries[0])
    append = next(node for node in nodes(plan) if node["Node Type"] == "Append")
    members = [node for node in append["Plans"] if node.get("Parent Relationship") == "Member"]
    narrow, wide, _size, *_candidates = members

    def reads_facet_values(branch):
        return any(
            node.get("Relation Name") == "portal_search_searchfacetvalue" and node.get("Actual Loops", 0) > 0
            for node in nodes(branch)
        )

    assert reads_facet_values(wide) is missed
    assert reads_facet_values(narrow) is not missed
