"""The public search page, its JSON twin and the autocomplete suggestions."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import popular
from . import suggest as suggest_module
from .query import parse
from .results import clamped_message, promoted_queries, run_search


def _log_query(parsed):
    """Count the search in the popular search terms (written in batches: ``search.popular``)."""
    if parsed.request.terms and parsed.request.page == 1 and not parsed.errors:
        popular.count(parsed.query)


@require_GET
def search(request):
    parsed = parse(request.GET)
    context = {
        "search_query": parsed.query,
        "errors": list(parsed.errors.values()),
        "notices": list(parsed.notices),
        "choices": parsed.choices,
        "filters": parsed.request.filters,
    }
    if parsed.request.terms:
        response = run_search(parsed, request=request)
        _log_query(parsed)
        if response.page_clamped:
            context["notices"].append(clamped_message(parsed.request.page, response.num_pages))
        base = request.GET.copy()
        base.pop("page", None)
        page_query = base.copy()
        context.update(
            {
                "response": response,
                "results": response.results,
                "count": response.count,
                "facets": response.facets,
                "page_number": response.page,
                "first_number": (response.page - 1) * parsed.request.per_page + 1,
                "num_pages": response.num_pages,
                "previous_page": response.page - 1 if response.page > 1 else None,
                "next_page": response.page + 1 if response.page < response.num_pages else None,
                "page_querystring": page_query.urlencode(),
                "facet_querystrings": _facet_querystrings(request.GET, response.facets),
            }
        )
        if response.count == 0:
            context["suggestions"] = suggest_module.suggest(parsed.query, limit=5)
            context["correction"] = suggest_module.correct(parsed.query)
            context["common_searches"] = promoted_queries()
    return render(request, "search/search.html", context)


def _facet_querystrings(params, facets):
    """For every facet value, the query string that selects it (or clears it when it is selected)."""
    result = {}
    for facet in facets:
        for value in facet["values"]:
            query = params.copy()
            query.pop("page", None)
            if value["selected"]:
                query.pop(facet["name"], None)
            else:
                query[facet["name"]] = value["value"]
            value["querystring"] = query.urlencode()
        clear = params.copy()
        clear.pop("page", None)
        clear.pop(facet["name"], None)
        facet["clear_querystring"] = clear.urlencode()
        facet["has_selection"] = any(value["selected"] for value in facet["values"])
    return result


@require_GET
def api_search(request):
    """The search as JSON: {"count", "results": [...], "facets": {...}}. Bad parameters answer 400."""
    parsed = parse(request.GET)
    if parsed.errors:
        return JsonResponse({"error": _("Some parameters were not understood."), "errors": parsed.errors}, status=400)
    if not parsed.request.terms:
        message = parsed.notices[-1] if parsed.notices else _("Give a search with the parameter q.")
        return JsonResponse({"error": str(message), "errors": {"q": str(message)}}, status=400)
    response = run_search(parsed, request=request)
    if response.page_clamped:
        return JsonResponse(
            {
                "error": _("There is no such result page."),
                "errors": {"page": _("The last page is %(last)s.") % {"last": response.num_pages}},
            },
            status=400,
        )
    _log_query(parsed)
    return JsonResponse(
        {
            "query": parsed.query,
            "count": response.count,
            "page": response.page,
            "num_pages": response.num_pages,
            "any_word": response.any_word,
            "notices": [str(n) for n in parsed.notices],
            "results": [r.as_json() for r in response.results],
            "promoted": response.promoted,
            "facets": {
                facet["name"]: {value["value"]: value["count"] for value in facet["values"]}
                for facet in response.facets
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def api_suggest(request):
    """Autocomplete suggestions for the search box: {"query", "suggestions": [{"title", "url"}]}."""
    query = (request.GET.get("q") or "").strip()[:100]
    suggestions = suggest_module.suggest(query) if len(query) >= 2 else []
    return JsonResponse(
        {"query": query, "suggestions": [{"title": s["title"], "url": s["url"]} for s in suggestions]},
        json_dumps_params={"ensure_ascii": False},
    )
