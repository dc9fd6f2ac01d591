"""Measuring relevance: precision@1, recall@5 and the zero-result rate of an engine on queries with their best
page, overall and per query class.

The list lives with the tests (``tests/search/relevance_queries.csv``: ``query,expected_title,class``), written
from what visitors try on the demo content. ``expected_title`` is the best page's title, or several titles
separated by ``|`` when any of them is a right first answer (``OUS``: any unit Oslo universitetssykehus hosts).
"""

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from wagtail.models import Page

from .norwegian import expand_terms
from .query import SearchRequest, get_rules
from .results import match

DEFAULT_QUERIES = Path(settings.BASE_DIR) / "tests" / "search" / "relevance_queries.csv"


@dataclass
class QueryResult:
    query: str
    expected: tuple  # titles, any of which is right
    found: list  # titles, best first (at most 5)
    klass: str = ""

    @property
    def first(self):
        return bool(self.found) and self.found[0] in self.expected

    @property
    def in_top5(self):
        return any(title in self.expected for title in self.found[:5])

    @property
    def zero(self):
        return not self.found


def _share(results, attribute):
    return sum(getattr(r, attribute) for r in results) / len(results) if results else 0.0


@dataclass
class Report:
    engine: str
    results: list = field(default_factory=list)
    missing: list = field(default_factory=list)  # expected pages that do not exist (live) on this site

    @property
    def precision_at_1(self):
        return _share(self.results, "first")

    @property
    def recall_at_5(self):
        return _share(self.results, "in_top5")

    @property
    def zero_rate(self):
        return _share(self.results, "zero")

    def by_class(self):
        """{class: (queries, P@1, recall@5, zero-result rate)}."""
        groups = defaultdict(list)
        for result in self.results:
            groups[result.klass].append(result)
        return {
            name: (len(rs), _share(rs, "first"), _share(rs, "in_top5"), _share(rs, "zero"))
            for name, rs in sorted(groups.items())
        }


def load_queries(path=None):
    """[(query, (expected titles), class)]."""
    with open(path or DEFAULT_QUERIES, encoding="utf-8") as handle:
        return [
            (
                row["query"].strip(),
                tuple(t.strip() for t in row["expected_title"].split("|") if t.strip()),
                (row.get("class") or "").strip(),
            )
            for row in csv.DictReader(handle)
        ]


def evaluate(engine, queries, label=None):
    """Run every query on ``engine`` the way the search page does (``search.results.match``)."""
    rules = get_rules()
    report = Report(engine=label or engine.name)
    live_titles = set(Page.objects.live().public().values_list("title", flat=True))
    for query, expected, klass in queries:
        if not set(expected) & live_titles:
            report.missing.append(" | ".join(expected))
            continue
        request = SearchRequest(query=query, terms=expand_terms(query, rules), per_page=5)
        outcome, _request, _any_word, _corrected = match(engine, request)
        found = [page.title for page in outcome.pages]
        report.results.append(QueryResult(query=query, expected=expected, found=found, klass=klass))
    return report
