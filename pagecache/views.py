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
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from . import cache as store
from . import conf


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


def serve(request, path):
    if conf.get("PAGECACHE_ENABLED") and not hasattr(request, "_wagtail_route_for_request"):
        components = _components(path)
        key = store.make_key("route", request.get_host(), request.get_port(), "/".join(components))
        generation, found = store.fetch(key)
        cached = store.valid(found.get(key), generation)
        if cached is None or not _route_from_cache(request, components, cached):
            _remember_route(request, key, generation, components)
    return wagtail_views.serve(request, path)
