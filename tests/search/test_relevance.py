"""Relevance on the demo units: at least 30 realistic queries with their expected best page."""

from io import StringIO

from django.core.management import call_command

from search.relevance import evaluate, load_queries

from .conftest import QUERIES

# Raise these as the ranking improves; never lower them to make a change pass.
PRECISION_AT_1_FLOOR = 0.95
RECALL_AT_5_FLOOR = 0.97


def test_there_are_enough_queries_and_every_expected_page_exists(demo_site):
    queries = load_queries(QUERIES)
    assert len(queries) >= 30
    assert {expected for _q, expected in queries} <= set(demo_site)


def test_relevance_floor(engine, demo_site):
    report = evaluate(engine, load_queries(QUERIES))
    assert not report.missing
    misses = [(r.query, r.found[:2]) for r in report.results if not r.first]
    print(engine.name, report.precision_at_1, report.recall_at_5, misses)
    assert report.precision_at_1 >= PRECISION_AT_1_FLOOR, misses
    assert report.recall_at_5 >= RECALL_AT_5_FLOOR, misses


def test_relevance_command_prints_figures_per_engine(demo_site):
    out = StringIO()
    call_command("search_relevance", queries=str(QUERIES), stdout=out)
    assert "database" in out.getvalue()
    assert "precision@1 = " in out.getvalue() and "recall@5 = " in out.getvalue()
