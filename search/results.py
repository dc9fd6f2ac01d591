"""Turning engine results into what the page and the API show: type, region, URL, excerpt."""

import math
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from pagecache.cache import make_key, memoize
from servicepages.models import RegionPage

from . import facets as facet_utils
from . import vocabulary
from .engines import get_engine
from .excerpts import excerpt_for
from .lookups import is_private, lookups, promoted
from .norwegian import REGION_ALIASES, ascii_fold, expand_terms, tokenize
from .rules import get_rules


@dataclass
class Result:
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
    """What a search shows: plain values (no page objects), so that it can be kept in the cache."""

    count: int
    results: list
    facets: list  # [{"name", "label", "values": [{"value", "label", "count", "selected"}]}]
    promoted: list = field(default_factory=list)
    any_word: bool = False  # no page had every word; showing pages with any of them
    corrected: str = ""  # the words searched instead, when the query's words were not on the site
    page_clamped: bool = False
    num_pages: int = 0
    page: int = 1  # the result page shown (the last one when the one asked for was past the end)


def describe(pages, terms, choices, request=None):
    rules = get_rules()
    regions = facet_utils.regions_by_page(pages)
    labels = {k: str(v) for k, v in choices["type"].items()}
    url_of = _url_function(request)
    results = []
    for page in pages:
        kind, label = facet_utils.type_of(page, labels)
        results.append(
            Result(
                title=page.title,
                url=url_of(page),
                type=kind,
                type_label=label,
                region=", ".join(regions.get(page.pk, [])),
                excerpt=excerpt_for(page, terms, rules),
            )
        )
    return results


def _url_function(request):
    """page -> its URL for this request. On a single site that is the page's path, read from Wagtail's cached
    site root paths: no site lookup by host (a query) for the request."""
    if request is not None and len({root[0] for root in Page._get_site_root_paths(request)}) == 1:

        def path_of(page):
            parts = page.get_url_parts(request)
            return parts[2] if parts and parts[2] is not None else ""

        return path_of
    return lambda page: page.get_url(request) or ""


def facet_list(outcome, parsed):
    facets = []
    for name, label in facet_utils.FACET_LABELS.items():
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
    """The promoted results for ``query`` (cached until the content or the promotions change)."""
    if not query:
        return []
    return promoted(normalise_query_string(query), _promoted_pages)


def promoted_queries():
    """The queries editors have promoted results for (suggested on the no-result page)."""
    return sorted(memoize("search-promotions", _promoted_pages))


def _promoted_pages():
    """{normalised query string: [{"title", "url", "description"}]} for every promotion."""
    promotions = SearchPromotion.objects.select_related("page", "query").order_by("query_id", "sort_order", "pk")
    result = {}
    for promotion in promotions:
        if promotion.page_id and promotion.page.live and not is_private(promotion.page):
            item = {
                "title": promotion.page.title,
                "url": promotion.page.get_url(),
                "description": promotion.description,
            }
        elif promotion.external_link_url:
            item = {
                "title": promotion.external_link_text or promotion.external_link_url,
                "url": promotion.external_link_url,
                "description": promotion.description,
            }
        else:
            continue
        result.setdefault(promotion.query.query_string, []).append(item)
    return result


def run_search(parsed, engine=None, request=None):
    """Search with the parsed parameters; falls back to any word, and clamps a page number past the end.

    The answer is kept until the site next changes (the page cache's ``memoize``, when ``SEARCH_RESULTS_CACHE``
    is on), so a repeated search costs one cache read: matching, counting facets and ranking visit every
    match, and so grow with the site."""
    engine = engine or get_engine()
    if not getattr(settings, "SEARCH_RESULTS_CACHE", True):
        return _run_search(parsed, engine, request)
    return memoize(_response_key(parsed, engine, request), lambda: _run_search(parsed, engine, request))


def _response_key(parsed, engine, request):
    """A cache key naming one search: engine, host, words, operator, filters and result page."""
    search_request = parsed.request
    return make_key(
        "search",
        engine.name,
        request.get_host() if request is not None else "",
        " ".join(parsed.query.lower().split()),
        search_request.operator,
        sorted(search_request.filters.items()),
        search_request.page,
        search_request.per_page,
    )


FEW = 3  # fewer results than this: retry with the corrected words, if any


def named_region(query):
    """(tree path of the region page, the words naming it) of a region the query names ("nettverk helse nord"),
    or ("", [])."""
    words = [ascii_fold(w) for w in tokenize(query)]
    padded = " " + " ".join(words) + " "
    for pk, _slug, name in lookups()["regions"]:
        for alias in [name, *REGION_ALIASES.get(name, [])]:
            alias_words = [ascii_fold(w) for w in tokenize(alias)]
            if " " + " ".join(alias_words) + " " in padded:
                path = RegionPage.objects.filter(region_id=pk).values_list("path", flat=True).first()
                return path or "", alias_words
    return "", []


def match(engine, search_request):
    """Run a search the forgiving way: the terms with the site's words (``search.vocabulary``); when that finds
    few pages and some word is not on the site, the nearest words instead; when no page has every word, any
    of them. Returns (outcome, the request that gave it, any_word, corrected query or "")."""
    rules = get_rules()
    terms = search_request.terms
    path, region_words = named_region(search_request.query)
    if path and any(ascii_fold(t.word) not in region_words for t in terms):
        # the region is a preference, not words every page must have: "nettverk helse nord" is the networks,
        # with Helse Nord's page and units first (search.ranking)
        terms = [replace(t, optional=ascii_fold(t.word) in region_words) for t in terms]
    search_request = search_request.with_terms(vocabulary.enrich(terms, rules))
    search_request.region = path
    outcome = engine.search(search_request)
    corrected = ""
    corrections = {t.word: t.correction for t in search_request.terms if t.correction}
    if outcome.count < FEW and corrections:
        query = " ".join(corrections.get(word, word) for word in tokenize(search_request.query))
        retry_request = search_request.with_terms(vocabulary.enrich(expand_terms(query, rules), rules), query)
        retry = engine.search(retry_request)
        if retry.count > outcome.count:
            outcome, search_request, corrected = retry, retry_request, query
    any_word = False
    # any word: a compound split into the site's words counts as its words (epilepsisenter: epilepsi, senter)
    words = [
        replace(term, forms=part, parts=[]) if term.parts else term
        for term in search_request.terms
        for part in (term.parts or [None])
    ]
    if outcome.count == 0 and len(words) > 1:
        any_request = search_request.with_terms(words).with_operator("or")
        fallback = engine.search(any_request)
        if fallback.count:
            outcome, any_word, search_request = fallback, True, any_request
    return outcome, search_request, any_word, corrected


def _run_search(parsed, engine, request):
    outcome, search_request, any_word, corrected = match(engine, parsed.request)
    num_pages = max(1, math.ceil(outcome.count / search_request.per_page)) if outcome.count else 0
    clamped = False
    if outcome.count and search_request.page > num_pages:
        clamped = True
        search_request = search_request.with_operator(search_request.operator)
        search_request.page = num_pages
        outcome = engine.search(search_request)
    response = SearchResponse(
        count=outcome.count,
        results=describe(outcome.pages, search_request.terms, parsed.choices, request),
        facets=facet_list(outcome, parsed),
        promoted=promoted_pages(parsed.query) if search_request.page == 1 else [],
        any_word=any_word,
        corrected=corrected,
        page_clamped=clamped,
        num_pages=num_pages,
        page=search_request.page,
    )
    return response


def clamped_message(page, num_pages):
    return _("There is no result page %(page)s; showing the last page, %(last)s.") % {"page": page, "last": num_pages}
