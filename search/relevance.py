"""Measuring relevance: precision@1 and recall@5 of an engine on a list of queries with their best page.

The list lives with the tests (``tests/search/relevance_queries.csv``: ``query,expected_title``); each query
has one expected best page, so recall@5 is the share of queries whose expected page is in the first five.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from wagtail.models import Page

from .engines.base import SearchRequest
from .norwegian import expand_terms
from .rules import get_rules

DEFAULT_QUERIES = Path(settings.BASE_DIR) / "tests" / "search" / "relevance_queries.csv"


@dataclass
class QueryResult:
    query: str
    expected: str
    found: list  # titles, best first (at most 5)

    @property
    def first(self):
        return bool(self.found) and self.found[0] == self.expected

    @property
    def in_top5(self):
        return self.expected in self.found[:5]


@dataclass
class Report:
    engine: str
    results: list = field(default_factory=list)
    missing: list = field(default_factory=list)  # expected pages that do not exist (live) on this site

    @property
    def precision_at_1(self):
        return sum(r.first for r in self.results) / len(self.results) if self.results else 0.0

    @property
    def recall_at_5(self):
        return sum(r.in_top5 for r in self.results) / len(self.results) if self.results else 0.0


def load_queries(path=None):
    with open(path or DEFAULT_QUERIES, encoding="utf-8") as handle:
        return [(row["query"].strip(), row["expected_title"].strip()) for row in csv.DictReader(handle)]


def evaluate(engine, queries, label=None):
    """Run every query on ``engine``; the same AND-then-any-word fallback as the search page."""
    rules = get_rules()
    report = Report(engine=label or engine.name)
    live_titles = set(Page.objects.live().public().values_list("title", flat=True))
    for query, expected in queries:
        if expected not in live_titles:
            report.missing.append(expected)
            continue
        request = SearchRequest(query=query, terms=expand_terms(query, rules), per_page=5)
        ids = engine.ids(request, limit=5)
        if not ids and len(request.terms) > 1:
            ids = engine.ids(request.with_operator("or"), limit=5)
        titles = dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))
        report.results.append(QueryResult(query=query, expected=expected, found=[titles[i] for i in ids]))
    return report
