"""Step 3 of a search, presenting it, and the forgiving way of running it (``match``).

``run_search`` runs the parsed request through ``match`` (the site's words; corrected words when few pages are
found, and the page says "Viser treff for …"; any word when no page has every word) and turns the outcome into
plain values (``SearchResponse``): results with their type, regions, URL and an excerpt with the matched words
in ``<mark>``, facet counts, promoted results. The answer is kept with the page cache's generation
(``pagecache.cache.memoize``), so it is fresh after every edit.

Excerpts are the same for every engine: the page's most descriptive texts first, clean sentences (never
internal labels: ``search.index``), neighbouring marked words as one mark.
"""

import math
import re
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from pagecache.cache import make_key, memoize
from pagecache.queries import site_for_request

from .engines import get_engine
from .index import _field_texts
from .norwegian import ascii_fold, expand_terms, fold, normalise_word, tokenize
from .query import (
    FACET_LABELS,
    enrich,
    get_rules,
    is_private_path,
    lookups,
    named_region,
    promoted,
    regions_by_page,
    type_of,
)


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
    regions = regions_by_page(pages)
    labels = {k: str(v) for k, v in choices["type"].items()}
    url_of = _url_function(request)
    results = []
    for page in pages:
        kind, label = type_of(page, labels)
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
    """page -> its URL for this request. On a single site that is the page's path, read from the site root
    paths that ``site_for_request`` leaves on the request with its site: one query of the sites, which the
    menu and the footer then reuse."""
    if request is not None:
        site_for_request(request)
    if request is not None and len({root[0] for root in Page._get_site_root_paths(request)}) == 1:

        def path_of(page):
            parts = page.get_url_parts(request)
            return parts[2] if parts and parts[2] is not None else ""

        return path_of
    return lambda page: page.get_url(request) or ""


def facet_list(outcome, parsed):
    facets = []
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
    """The promoted results for ``query`` (cached until the content or the promotions change)."""
    if not query:
        return []
    return promoted(normalise_query_string(query), _promoted_pages)


def promoted_queries():
    """The queries editors have promoted results for (suggested on the no-result page)."""
    return sorted(memoize("search-promotions", _promoted_pages))


def _promoted_pages():
    """{normalised query string: [{"title", "url", "description"}]} for every promotion (read with the lookup
    tables: ``search.query.lookups``)."""
    result = {}
    for query_string, page_id, live, path, depth, url_path, title, description, link_url, link_text in lookups()[
        "promotions"
    ]:
        if page_id and live and not is_private_path(path, depth):
            # the page's URL as Wagtail gives it for the promoted page (a plain Page: its tree and URL paths)
            item = {"title": title, "url": Page(id=page_id, url_path=url_path).get_url(), "description": description}
        elif link_url:
            item = {"title": link_text or link_url, "url": link_url, "description": description}
        else:
            continue
        result.setdefault(query_string, []).append(item)
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


def match(engine, search_request):
    """Run a search the forgiving way: the terms with the site's words (``search.query.enrich``); when that finds
    few pages and some word is not on the site, the nearest words instead; when no page has every word, any
    of them. Returns (outcome, the request that gave it, any_word, corrected query or "")."""
    rules = get_rules()
    terms = search_request.terms
    path, region_words = named_region(search_request.query)
    if path and any(ascii_fold(t.word) not in region_words for t in terms):
        # the region is a preference, not words every page must have: "nettverk helse nord" is the networks,
        # with Helse Nord's page and units first (search.engines.rerank)
        terms = [replace(t, optional=ascii_fold(t.word) in region_words) for t in terms]
    search_request = search_request.with_terms(enrich(terms, rules))
    search_request.region = path
    outcome = engine.search(search_request)
    corrected = ""
    corrections = {t.word: t.correction for t in search_request.terms if t.correction}
    if outcome.count < FEW and corrections:
        query = " ".join(corrections.get(word, word) for word in tokenize(search_request.query))
        retry_request = search_request.with_terms(enrich(expand_terms(query, rules), rules), query)
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


# --- excerpts ---------------------------------------------------------------------------------------------

SPLIT_RE = re.compile(r"(\w+)", re.UNICODE)
ADJACENT_MARKS_RE = re.compile(r"</mark>( +)<mark>")
EXCERPT_WORDS = 32
PREFERRED_SOURCES = ("search_description", "introduction", "approved_description", "former_names", "goals")


def page_text(page):
    """The page's searchable text except the title, the most descriptive parts first."""
    texts = {}
    for name, text in _field_texts(page, page.get_search_fields(), related=False):
        if name != "title" and text.strip():
            texts.setdefault(name, []).append(text.strip())
    ordered = [n for n in PREFERRED_SOURCES if n in texts] + [n for n in texts if n not in PREFERRED_SOURCES]
    return " … ".join(" ".join(texts[name]) for name in ordered)


def matcher(terms, rules):
    """A function telling whether a word matches one of the query terms."""
    forms = {fold(f) for term in terms for f in term.all_forms()}
    normalised = {n for term in terms for n in term.normalised}
    heads = {term.normalised[0] for term in terms if term.normalised}

    def matches(word):
        word = fold(word)
        if word in forms:
            return True
        word_forms = normalise_word(word, rules)
        return word_forms[0] in normalised or bool(heads.intersection(word_forms))

    return matches


def highlight(text, terms, rules, max_words=EXCERPT_WORDS):
    """An HTML-safe excerpt of ``text`` around the first match, matched words in ``<mark>``."""
    tokens = SPLIT_RE.split(text or "")
    # tokens alternate: separator, word, separator, word, ...
    matches = matcher(terms, rules)
    word_positions = list(range(1, len(tokens), 2))
    hits = [i for i in word_positions if matches(tokens[i])]
    if not word_positions:
        return mark_safe("")  # noqa: S308 - empty
    first = hits[0] if hits else word_positions[0]
    index_of_first = word_positions.index(first)
    start_word = max(0, index_of_first - max_words // 4)
    end_word = min(len(word_positions), start_word + max_words)
    start = word_positions[start_word]
    end = word_positions[end_word - 1] + 1
    hit_set = set(hits)
    parts = []
    if start_word > 0:
        parts.append("… ")
    for i in range(start, end):
        piece = escape(tokens[i])
        parts.append(f"<mark>{piece}</mark>" if i in hit_set else piece)
    if end_word < len(word_positions):
        parts.append(" …")
    # neighbouring marked words are one mark ("<mark>Helse Nord</mark>"), so highlights read as phrases
    html = ADJACENT_MARKS_RE.sub(r"\1", "".join(parts).strip())
    return mark_safe(html)  # noqa: S308 - every piece is escaped above


def excerpt_for(page, terms, rules):
    return highlight(page_text(page), terms, rules)


def highlight_title(title, terms, rules):
    return highlight(title, terms, rules, max_words=10_000)
