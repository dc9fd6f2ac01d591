"""Turning engine results into what the page and the API show: type, region, URL, excerpt."""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from . import facets as facet_utils
from .engines import get_engine
from .engines.base import OTHER_PAGE_LABEL, SearchOutcome
from .excerpts import excerpt_for
from .rules import get_rules


@dataclass
class Result:
    page: object
    title: str
    url: str
    type: str
    type_label: str
    region: str
    excerpt: str

    def as_json(self):
        return {
            "title": self.title,
            "url": self.url,
            "type": self.type_label,
            "type_code": self.type,
            "region": self.region,
            "excerpt": str(self.excerpt),
        }


@dataclass
class SearchResponse:
    outcome: SearchOutcome
    results: list
    facets: list  # [{"name", "label", "values": [{"value", "label", "count", "selected"}]}]
    promoted: list = field(default_factory=list)
    any_word: bool = False  # no page had every word; showing pages with any of them
    page_clamped: bool = False
    num_pages: int = 0


def regions_by_page(pages):
    """Page id -> region names for units, region pages and reference groups (three queries at most)."""
    from servicepages.models import NationalUnitPage, ReferenceGroupPage, RegionPage

    unit_ids = {p.pk for p in pages if isinstance(p, NationalUnitPage)}
    group_units = {p.pk: p.unit_id for p in pages if isinstance(p, ReferenceGroupPage) and p.unit_id}
    wanted = unit_ids | set(group_units.values())
    names = {}
    if wanted:
        for unit in NationalUnitPage.objects.filter(pk__in=wanted).prefetch_related("host_trusts__region"):
            names[unit.pk] = unit.region_names
    result = {}
    for page in pages:
        if page.pk in unit_ids:
            result[page.pk] = names.get(page.pk, [])
        elif page.pk in group_units:
            result[page.pk] = names.get(group_units[page.pk], [])
        elif isinstance(page, RegionPage):
            result[page.pk] = [page.region.name]
        else:
            result[page.pk] = []
    return result


def type_of(page, labels):
    from servicepages.models import NationalUnitPage

    if isinstance(page, NationalUnitPage):
        return page.kind, labels.get(page.kind, page.kind)
    other = facet_utils.other_content_types()
    key = other.get(page.content_type_id)
    if key:
        return key, labels[key]
    return "side", str(OTHER_PAGE_LABEL)


def describe(pages, terms, choices, request=None):
    rules = get_rules()
    regions = regions_by_page(pages)
    labels = {k: str(v) for k, v in choices["type"].items()}
    results = []
    for page in pages:
        kind, label = type_of(page, labels)
        results.append(
            Result(
                page=page,
                title=page.title,
                url=page.get_url(request) or "",
                type=kind,
                type_label=label,
                region=", ".join(regions.get(page.pk, [])),
                excerpt=excerpt_for(page, terms, rules),
            )
        )
    return results


def facet_list(outcome, parsed):
    facets = []
    from .params import FACET_LABELS

    for name, label in FACET_LABELS.items():
        counts = outcome.facets.get(name, {})
        selected = parsed.request.filters.get(name, "")
        values = [
            {"value": value, "label": str(value_label), "count": counts.get(value, 0), "selected": value == selected}
            for value, value_label in parsed.choices[name].items()
            if counts.get(value, 0) or value == selected
        ]
        facets.append({"name": name, "label": str(label), "values": values})
    return facets


def promoted_pages(query):
    if not query:
        return []
    promotions = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order")
    )
    result = []
    for promotion in promotions:
        if promotion.page_id and promotion.page.live and not promotion.page.get_view_restrictions().exists():
            result.append(
                {
                    "title": promotion.page.title,
                    "url": promotion.page.get_url(),
                    "description": promotion.description,
                }
            )
        elif promotion.external_link_url:
            result.append(
                {
                    "title": promotion.external_link_text or promotion.external_link_url,
                    "url": promotion.external_link_url,
                    "description": promotion.description,
                }
            )
    return result


def run_search(parsed, engine=None, request=None):
    """Search with the parsed parameters; falls back to any word, and clamps a page number past the end."""
    engine = engine or get_engine()
    search_request = parsed.request
    outcome = engine.search(search_request)
    any_word = False
    if outcome.count == 0 and len(search_request.terms) > 1:
        fallback = engine.search(search_request.with_operator("or"))
        if fallback.count:
            outcome, any_word, search_request = fallback, True, search_request.with_operator("or")
    num_pages = max(1, math.ceil(outcome.count / search_request.per_page)) if outcome.count else 0
    clamped = False
    if outcome.count and search_request.page > num_pages:
        clamped = True
        search_request = search_request.with_operator(search_request.operator)
        search_request.page = num_pages
        outcome = engine.search(search_request)
    results = describe(outcome.pages, search_request.terms, parsed.choices, request)
    response = SearchResponse(
        outcome=outcome,
        results=results,
        facets=facet_list(outcome, parsed),
        promoted=promoted_pages(parsed.query) if search_request.page == 1 else [],
        any_word=any_word,
        page_clamped=clamped,
        num_pages=num_pages,
    )
    response.page = search_request.page
    return response


def clamped_message(page, num_pages):
    return _("There is no result page %(page)s; showing the last page, %(last)s.") % {"page": page, "last": num_pages}
