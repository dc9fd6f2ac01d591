"""Wagtail's page view with its tree walk cached.

Wagtail finds a page by walking the tree from the site root: one query for the site and two per level.
Which page answers a path only changes when pages are published, moved or deleted, or sites change, all
of which bump the cache generation; so the answer (the site, and the page's id, type and depth in the
path) is cached, and each request loads just that page. The page then routes what is left of the path
itself, so pages with their own sub-routes (RoutablePageMixin, e.g. an event's calendar file) work as
before.

Where the route is not cached (the page cache off or cold), the page is found without the walk: one query of
the sites (``site_for_request``) and one of the pages whose ``url_path`` is a prefix of the path
(``path_pages``), which also gives the breadcrumbs (and, with the page cache off, the restricted and alias
pages); then the page itself is loaded.

The page object itself is memoized too (``memoize``: kept until the next change to the site), so a
rendering that bypasses the page cache (an editor's, or the first after an edit) reads it from one cache
key instead of building its SQL. A page model may define a classmethod ``get_queryset_for_serving()`` to
load what its template shows together with the page (``select_related``/``prefetch_related``), or a
classmethod ``load_for_serving(page_id)`` that loads it (the page, or None) its own way, and a
method ``prepare_for_serving()`` to evaluate, before the object is stored, the lazy values its template
reads (cached properties): they are stored with it. Only values that change with a write belong there,
never ones that change with the clock (an event's registration state), which the generation does not follow.

Wagtail checks a page's view restrictions on every serve (two queries: the page's ancestors, then their
restrictions). This view runs Wagtail's serve steps itself and skips that check where no restriction can
apply: no restricted section, and no alias (whose source's restrictions apply), lies on the page's path
(``pagecache.queries``: kept until the site changes, and a new restriction changes it). Everywhere else,
and in the admin, Wagtail's own check and ``Page.get_view_restrictions`` run unchanged.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail import wagtail_hooks as wagtail_core_hooks
from wagtail.models import Page

from . import cache as store
from . import conf
from .queries import SPECIAL_PAGES, SPECIAL_PATHS, alias_paths, restricted_sections, site_for_request, special_paths_of


def _components(path):
    return [component for component in path.split("/") if component]


def load_page_for_serving(model, page_id):
    """The page as its template needs it: its serving queryset's row (or its model's own loading), with its
    lazy values evaluated."""
    load = getattr(model, "load_for_serving", None)
    if load is not None:
        page = load(page_id)
    else:
        manager = getattr(model, "get_queryset_for_serving", None)
        queryset = manager() if manager else model._default_manager.all()
        page = queryset.filter(pk=page_id).first()
    prepare = getattr(page, "prepare_for_serving", None)
    if prepare is not None:
        prepare()
    return page


def path_pages(site, components):
    """The pages on the path ``components`` below the site's root (the root first, then each level as far as
    pages exist), as plain pages with their content type: one query, instead of Wagtail's walk down the tree
    (two queries a level). The pages need not be live: Wagtail routes through drafts to a live page.

    With the page cache off, the same query reads the restricted and alias pages too, and leaves them to
    ``pagecache.queries.special_paths`` for the rest of the request (the page view's restriction check, the
    menu and the listings' ``public()``): one query fewer for every page."""
    root = site.root_page
    prefixes = [root.url_path + "".join(f"{c}/" for c in components[:n]) for n in range(len(components) + 1)]
    on_path = Q(url_path__in=prefixes, path__startswith=root.path)
    with_special = store.request_only()
    pages = (
        Page.objects.filter(on_path | SPECIAL_PAGES if with_special else on_path)
        .select_related("content_type")
        .only(
            "title",
            "slug",
            "url_path",
            "path",
            "depth",
            "live",
            "locale_id",
            "alias_of_id",
            "content_type__app_label",
            "content_type__model",
        )
        .order_by("depth", "pk")
    )
    if with_special:
        pages = list(pages.annotate(restriction_id=F("view_restrictions__id")))
        store.keep_for_request(
            SPECIAL_PATHS, special_paths_of((p.path, p.depth, p.alias_of_id, p.restriction_id) for p in pages)
        )
    # Keep the unbroken chain from the root (a url_path can only be stale while a move is being saved).
    chain = []
    for page in pages:
        if len(chain) < len(prefixes) and page.url_path == prefixes[len(chain)] and page.path.startswith(root.path):
            chain.append(page)
    return chain


def find_route(request, components):
    """``(site, pages, model)``: the pages on the path from the site's root down to the deepest one, and that
    page's model; None if no site or page answers."""
    site = site_for_request(request)
    if site is None:
        return None
    chain = path_pages(site, components)
    if not chain:
        return None
    model = chain[-1].content_type.model_class()
    if model is None:
        return None
    return site, chain, model


def _route(request, components, site, page, consumed, ancestors=None):
    request._wagtail_site = site
    root_paths = getattr(request, "_wagtail_cached_site_root_paths", None)
    for known in [page, *(ancestors or ())]:
        if root_paths is not None:
            known._wagtail_cached_site_root_paths = root_paths  # page URLs without another query
    if ancestors is not None:
        page._pagecache_ancestors = ancestors  # for the breadcrumbs (cms.core.queries)
    try:
        request._wagtail_route_for_request = page.route(request, components[consumed:])
    except Http404:
        request._wagtail_route_for_request = None


def _route_from_cache(request, components, cached):
    site, page_id, content_type_id, consumed = cached
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return False
    page = store.memoize(f"page:{page_id}", lambda: load_page_for_serving(model, page_id))
    if page is None:
        return False
    _route(request, components, site, page, consumed)
    return True


def _route_directly(request, components, key=None, generation=None):
    """Route without the route cache: one query of the sites, one of the pages on the path, and the page
    itself. Remembers the answer under ``key`` for ``generation`` (when the page cache is on)."""
    found = find_route(request, components)
    if found is None:
        request._wagtail_route_for_request = None
        return
    site, chain, model = found
    page_id, content_type_id, consumed = chain[-1].pk, chain[-1].content_type_id, len(chain) - 1
    if key is not None:
        store.store(key, generation, (site, page_id, content_type_id, consumed), conf.get("PAGECACHE_TIMEOUT"))
        page = store.memoize(f"page:{page_id}", lambda: load_page_for_serving(model, page_id))
    else:
        page = load_page_for_serving(model, page_id)
    if page is None:
        request._wagtail_route_for_request = None
        return
    _route(request, components, site, page, consumed, chain[:-1])


def may_be_restricted(page):
    """Whether a view restriction can apply to ``page``: a restricted section or an alias lies on its path."""
    if page.alias_of_id:
        return True
    return any(page.path.startswith(path) for path, _depth in restricted_sections()) or any(
        page.path.startswith(path) for path in alias_paths()
    )


def _restrictions_checked_when_they_may_apply(check):
    def wrap(callback):
        checked = check(callback)

        def inner(page, request, serve_args, serve_kwargs):
            if may_be_restricted(page):
                return checked(page, request, serve_args, serve_kwargs)
            return callback(page, request, serve_args, serve_kwargs)

        return inner

    return wrap


def _serve_routed(request, path):
    """``wagtail.views.serve``, with Wagtail's view-restriction check run only where a restriction may apply."""
    route_result = Page.route_for_request(request, path)
    if route_result is None:
        raise Http404
    page, args, kwargs = route_result
    # The query parameters this page reads: the page cache stores only renderings that have no others.
    request._pagecache_parameters = frozenset(getattr(page, "query_parameters", ()))
    chain = wagtail_views.serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if fn is wagtail_core_hooks.check_view_restrictions:
            fn = _restrictions_checked_when_they_may_apply(fn)
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        components = _components(path)
        if conf.get("PAGECACHE_ENABLED"):
            key = store.make_key("route", request.get_host(), request.get_port(), "/".join(components))
            generation, found = store.fetch(key)
            cached = store.valid(found.get(key), generation)
            if cached is None or not _route_from_cache(request, components, cached):
                _route_directly(request, components, key, generation)
        else:
            _route_directly(request, components)
    return _serve_routed(request, path)


# --- forms on cached pages ----------------------------------------------------------------------------------


def _never_shared(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


@require_GET
def csrf_token_view(request):
    """This visitor's CSRF token, for the forms of cached pages (``{% csrf_placeholder %}``, ``csrf.js``). Sets
    the CSRF cookie; never cached."""
    return _never_shared(JsonResponse({"token": get_token(request)}))


def page_form_again(request):
    """For ``CSRF_FAILURE_VIEW``: a form on a cached page has no token until its script fetches one, so
    without JavaScript (or with a stale token) its first POST is refused. Such a POST to a page is answered with
    the page again (403), rendered for this visitor alone (uncached) with a real token and a notice in the form,
    so sending the form once more works; nothing is processed. None for any other refused request."""
    match = getattr(request, "resolver_match", None)
    if request.method != "POST" or match is None or match.url_name != "wagtail_serve":
        return None
    request.method = "GET"
    request._pagecache_csrf_retry = True
    try:
        response = match.func(request, *match.args, **match.kwargs)
    except Http404:
        return None
    finally:
        request.method = "POST"
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    response.status_code = 403
    return _never_shared(response)
