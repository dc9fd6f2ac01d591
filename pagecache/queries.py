"""Query helpers that lean on the page cache's generation instead of asking the database every time."""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction, Site

from .cache import memoize


def _restricted_sections():
    return sorted({(r.page.path, r.page.depth) for r in PageViewRestriction.objects.select_related("page")})


def restricted_sections():
    """``(path, depth)`` of every page with a view restriction (kept until the site changes)."""
    return memoize("restricted-sections", _restricted_sections)


def _alias_paths():
    return sorted(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))


def alias_paths():
    """Tree paths of the alias pages (kept until the site changes)."""
    return memoize("alias-paths", _alias_paths)


def private_q():
    """Like ``PageQuerySet.private_q()`` (pages in a section with view restrictions), without a query
    on every call: the list of restricted sections is kept until a restriction (or anything) changes."""
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def public(queryset):
    """``queryset.public()`` without its query for the view restrictions."""
    return queryset.exclude(private_q())


def site_for_request(request):
    """``Site.find_for_request(request)`` without its query on every request (kept until the site changes).

    Wagtail's page view finds the site while routing; other views (search, the footer's settings) ask here.
    """
    if getattr(request, "_wagtail_site", None) is not None:
        return request._wagtail_site
    site = memoize(f"site:{request.get_host()}:{request.get_port()}", lambda: Site.find_for_request(request))
    request._wagtail_site = site
    return site
