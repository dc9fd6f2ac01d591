"""The database engine: Wagtail's database search backend (SQLite FTS5 or PostgreSQL) plus ORM facets.

Queries are expanded with the Norwegian rules (``search.norwegian.expand_terms``): every word becomes an
OR of its forms, and the words are combined with AND. Pages also carry a normalised copy of their text
(``search.index``), so compounds and inflections match on SQLite, which has no stemming, too.
"""

from django.db import connection
from django.db.models import CharField, Count, Value
from django.db.models.functions import Cast
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from .. import facets as facet_utils
from .. import ranking
from ..facets import OTHER_PAGE, OTHER_TYPES, UNIT_LOOKUPS
from ..lookups import searchable_pages
from ..norwegian import required
from ..rules import get_rules
from ..specific import specific_pages
from .base import SearchEngine, SearchOutcome, SearchRequest


def build_query(terms, operator="and"):
    """A Wagtail search query object: AND (or OR) over the terms, each an OR of its forms."""
    parts = []
    for term in required(terms):
        alternatives = [PlainText(form) for form in term.forms]
        if term.parts:  # a compound split into the site's words: every part
            alternatives.append(And([_any(PlainText(form) for form in part) for part in term.parts]))
        parts.append(_any(alternatives))
    if len(parts) == 1:
        return parts[0]
    return And(parts) if operator == "and" else Or(parts)


def _any(alternatives):
    alternatives = list(alternatives)
    return alternatives[0] if len(alternatives) == 1 else Or(alternatives)


class DatabaseEngine(SearchEngine):
    name = "database"

    def __init__(self, backend_name="default"):
        self.backend = get_search_backend(backend_name)

    @property
    def label(self):
        return connection.vendor  # "sqlite" or "postgresql"

    def base_queryset(self):
        return searchable_pages()

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
        results = self.backend.search(query, self.filtered(self.base_queryset(), request.filters))
        count = results.count()
        start = (request.page - 1) * request.per_page
        stop = start + request.per_page
        if start >= count:
            pages = []
        elif stop <= ranking.WINDOW:
            ranked = ranking.rerank_candidates(
                [page.pk for page in results[: ranking.WINDOW]],
                request.terms,
                get_rules(),
                Page.objects.all(),
                request.region,
            )[start:stop]
            pages = specific_pages([c.pk for c in ranked], content_types={c.pk: c.content_type for c in ranked})
        else:
            pages = specific_pages([page.pk for page in results[start:stop]])
        if count == 0 and not request.filters:
            facets = {name: {} for name in (*UNIT_LOOKUPS, "type")}  # nothing matched at all
        else:
            facets = self.facets(query, request.filters)
        return SearchOutcome(count=count, pages=pages, facets=facets, engine=self.name)

    @staticmethod
    def _rerank(results, request):
        """Ids of the engine's best results, re-ordered by ``ranking``."""
        return ranking.rerank_ids(
            [page.pk for page in results], request.terms, get_rules(), Page.objects.all(), request.region
        )

    def ids(self, request: SearchRequest, limit=20):
        """Ids of the best ``limit`` matches, best first (for the relevance measurement)."""
        query = build_query(request.terms, request.operator)
        results = self.backend.search(query, self.filtered(self.base_queryset(), request.filters))
        return self._rerank(results[: ranking.WINDOW], request)[:limit]

    def matched_ids(self, query):
        """A subquery of the ids of every live, public page matching ``query`` (no filters)."""
        results = self.backend.search(query, self.base_queryset(), order_by_relevance=False)
        return results.get_queryset().order_by().values("pk")

    def facets(self, query, filters):
        """Counts per value of every facet in one query (a UNION ALL of one GROUP BY per facet)."""
        unit_model, unit_kind, _status = facet_utils.unit_models()
        matched = self.matched_ids(query)
        units = unit_model.objects.filter(pk__in=matched)
        parts = []
        other_kind = filters.get("type") and filters["type"] not in unit_kind.values
        if not other_kind:
            for name, lookup in UNIT_LOOKUPS.items():
                rows = units.filter(facet_utils.unit_q(filters, skip=name)).values(lookup)
                parts.append(_counts(rows, name, lookup, Count("pk", distinct=True)))
        # type: unit kinds, then the other page types
        type_units = units.filter(facet_utils.unit_q(filters, skip="type")).values("kind")
        parts.append(_counts(type_units, "type", "kind", Count("pk", distinct=True)))
        if not facet_utils.needs_unit(filters, skip="type"):
            others = Page.objects.filter(pk__in=matched).exclude(pk__in=unit_model.objects.values("pk"))
            parts.append(_counts(others.values("content_type"), "content_type", "content_type", Count("pk")))
        result = {name: {} for name in UNIT_LOOKUPS}
        types = {}
        other_cts = facet_utils.other_content_types()
        for facet, value, n in parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]:
            if value is None:
                continue
            if facet == "type":
                types[value] = n
            elif facet == "content_type":
                key = other_cts.get(int(value), OTHER_PAGE)
                types[key] = types.get(key, 0) + n
            else:
                result[facet][value] = n
        result["type"] = types
        return result


def _counts(rows, facet, lookup, count):
    """``rows`` (a ``values(lookup)`` queryset) as (facet, value as text, count) rows grouped by value."""
    return (
        rows.annotate(n=count)
        .order_by()
        .values_list(Value(facet, output_field=CharField()), Cast(lookup, output_field=CharField()), "n")
    )
