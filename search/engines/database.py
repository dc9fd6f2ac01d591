"""The database engine: Wagtail's database search backend (SQLite FTS5 or PostgreSQL) plus ORM facets.

Queries are expanded with the Norwegian rules (``search.norwegian.expand_terms``): every word becomes an
OR of its forms, and the words are combined with AND. Pages also carry a normalised copy of their text
(``search.index``), so compounds and inflections match on SQLite, which has no stemming, too.
"""

from django.db import connection
from django.db.models import Count
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from .. import facets as facet_utils
from .. import ranking
from ..rules import get_rules
from .base import OTHER_PAGE, OTHER_TYPES, SearchEngine, SearchOutcome, SearchRequest

FACET_LOOKUPS = {
    "region": "host_trusts__region__slug",
    "trust": "host_trusts__pk",
    "status": "status",
    "field": "medical_fields__slug",
}


def build_query(terms, operator="and"):
    """A Wagtail search query object: AND (or OR) over the terms, each an OR of its forms."""
    parts = []
    for term in terms:
        alternatives = [PlainText(form) for form in term.forms]
        parts.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    if len(parts) == 1:
        return parts[0]
    return And(parts) if operator == "and" else Or(parts)


class DatabaseEngine(SearchEngine):
    name = "database"

    def __init__(self, backend_name="default"):
        self.backend = get_search_backend(backend_name)

    @property
    def label(self):
        return connection.vendor  # "sqlite" or "postgresql"

    def base_queryset(self):
        return Page.objects.live().public().filter(depth__gt=1)

    def filtered(self, queryset, filters, skip=None):
        unit_model, unit_kind, _status = facet_utils.unit_models()
        if facet_utils.needs_unit(filters, skip):
            queryset = queryset.filter(id__in=unit_model.objects.filter(facet_utils.unit_q(filters, skip)).values("pk"))
        kind = filters.get("type") if skip != "type" else ""
        if kind in OTHER_TYPES:
            other = {value: ct for ct, value in facet_utils.other_content_types().items()}
            queryset = queryset.filter(content_type_id=other.get(kind, 0))
        elif kind == OTHER_PAGE:
            queryset = queryset.exclude(id__in=unit_model.objects.values("pk")).exclude(
                content_type_id__in=list(facet_utils.other_content_types())
            )
        return queryset

    def search(self, request: SearchRequest) -> SearchOutcome:
        if not request.terms:
            return SearchOutcome(count=0, pages=[], facets={}, engine=self.name)
        query = build_query(request.terms, request.operator)
        results = self.backend.search(query, self.filtered(self.base_queryset(), request.filters).specific())
        count = results.count()
        start = (request.page - 1) * request.per_page
        stop = start + request.per_page
        if start >= count:
            pages = []
        elif stop <= ranking.WINDOW:
            pages = ranking.rerank(list(results[: ranking.WINDOW]), request.terms, get_rules())[start:stop]
        else:
            pages = list(results[start:stop])
        return SearchOutcome(count=count, pages=pages, facets=self.facets(query, request.filters), engine=self.name)

    def ids(self, request: SearchRequest, limit=20):
        """Ids of the best ``limit`` matches, best first (for the relevance measurement)."""
        query = build_query(request.terms, request.operator)
        results = self.backend.search(query, self.filtered(self.base_queryset(), request.filters).specific())
        pages = ranking.rerank(list(results[: ranking.WINDOW]), request.terms, get_rules())
        return [page.pk for page in pages[:limit]]

    def matched_ids(self, query):
        """A subquery of the ids of every live, public page matching ``query`` (no filters)."""
        results = self.backend.search(query, self.base_queryset(), order_by_relevance=False)
        return results.get_queryset().order_by().values("pk")

    def facets(self, query, filters):
        unit_model, unit_kind, _status = facet_utils.unit_models()
        matched = self.matched_ids(query)
        units = unit_model.objects.filter(pk__in=matched)
        result = {}
        for name, lookup in FACET_LOOKUPS.items():
            if filters.get("type") and filters["type"] not in unit_kind.values:
                result[name] = {}
                continue
            rows = (
                units.filter(facet_utils.unit_q(filters, skip=name))
                .values(lookup)
                .annotate(n=Count("pk", distinct=True))
                .order_by()
            )
            result[name] = {str(row[lookup]): row["n"] for row in rows if row[lookup] is not None}
        # type: unit kinds, then the other page types
        type_units = units.filter(facet_utils.unit_q(filters, skip="type"))
        types = {
            row["kind"]: row["n"] for row in type_units.values("kind").annotate(n=Count("pk", distinct=True)).order_by()
        }
        if not facet_utils.needs_unit(filters, skip="type"):
            other_cts = facet_utils.other_content_types()
            rows = (
                Page.objects.filter(pk__in=matched)
                .exclude(pk__in=unit_model.objects.values("pk"))
                .values("content_type")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for row in rows:
                key = other_cts.get(row["content_type"], OTHER_PAGE)
                types[key] = types.get(key, 0) + row["n"]
        result["type"] = types
        return result
