"""Wagtail's page view with its tree walk cached.

Wagtail finds a page by walking the tree from the site root: one query for the site and two per level.
Which page answers a path only changes when pages are published, moved or deleted, or sites change, all
of which bump the cache generation; so the answer (the site, and the page's id, type and depth in the
path) is cached, and each request loads just that page. The page then routes what is left of the path
itself, so pages with their own sub-routes (RoutablePageMixin, e.g. an event's calendar file) work as
before.

The page object itself is memoized too (``memoize``: kept until the next change to the site), so a
rendering that bypasses the page cache (an editor's, or the first after an edit) reads it from one cache
key instead of building its SQL. A page model may define a classmethod ``get_queryset_for_serving()`` to
load what its template shows together with the page (``select_related``/``prefetch_related``), and a
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
from django.http import Http404, HttpResponse
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail import wagtail_hooks as wagtail_core_hooks
from wagtail.models import Page, Site

from . import cache as store
from . import conf
from .queries import alias_paths, restricted_sections


def _components(path):
    return [component for component in path.split("/") if component]


def load_page_for_serving(model, page_id):
    """The page as its template needs it: its serving queryset's row, with its lazy values evaluated."""
    manager = getattr(model, "get_queryset_for_serving", None)
    queryset = manager() if manager else model._default_manager.all()
    page = queryset.filter(pk=page_id).first()
    prepare = getattr(page, "prepare_for_serving", None)
    if prepare is not None:
        prepare()
    return page


def _route_from_cache(request, components, cached):
    site, page_id, content_type_id, consumed = cached
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return False
    page = store.memoize(f"page:{page_id}", lambda: load_page_for_serving(model, page_id))
    if page is None:
        return False
    request._wagtail_site = site
    try:
        request._wagtail_route_for_request = page.route(request, components[consumed:])
    except Http404:
        request._wagtail_route_for_request = None
    return True


def _remember_route(request, key, generation, components):
    route = Page.route_for_request(request, "/".join(components))
    site = Site.find_for_request(request)
    if route is None or site is None:
        return
    page = route[0]
    root_path = site.root_page.url_path
    if not page.url_path.startswith(root_path):
        return
    own = _components(page.url_path[len(root_path) :])
    if components[: len(own)] != own:
        return
    store.store(key, generation, (site, page.pk, page.content_type_id, len(own)), conf.get("PAGECACHE_TIMEOUT"))


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
    if conf.get("PAGECACHE_ENABLED") and not hasattr(request, "_wagtail_route_for_request"):
        components = _components(path)
        key = store.make_key("route", request.get_host(), request.get_port(), "/".join(components))
        generation, found = store.fetch(key)
        cached = store.valid(found.get(key), generation)
        if cached is None or not _route_from_cache(request, components, cached):
            _remember_route(request, key, generation, components)
    return _serve_routed(request, path)
