"""Query helpers that lean on the page cache's generation instead of asking the database every time.

Each costs one query when its value is not kept (the page cache off or cold), and no more than one per
request (``memoize`` keeps values for the request then): the site and its root paths come from one query of
the sites, the restricted sections and the alias paths from one query of the pages (with the page cache off,
the page view reads them with the pages on the request's path: ``pagecache.views.path_pages``).
"""

from django.core.cache import cache as wagtail_cache
from django.db.models import Q
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION, SiteRootPath

from .cache import memoize

#: The pages with a view restriction and the alias pages (``special_paths``).
SPECIAL_PAGES = Q(alias_of__isnull=False) | Q(view_restrictions__isnull=False)


def _special_paths():
    """``(restricted, aliases)``: ``(path, depth)`` of every page with a view restriction, and the tree paths of
    the alias pages, in one query."""
    rows = Page.objects.filter(SPECIAL_PAGES).values_list("path", "depth", "alias_of_id", "view_restrictions__id")
    return special_paths_of(rows)


def special_paths_of(rows):
    """``special_paths()`` from rows ``(path, depth, alias_of_id, view restriction id)`` of pages that include
    every page of ``SPECIAL_PAGES`` (the page view reads them together with the pages on the path)."""
    restricted, aliases = set(), set()
    for path, depth, alias_of, restriction in rows:
        if restriction is not None:
            restricted.add((path, depth))
        if alias_of is not None:
            aliases.add(path)
    return sorted(restricted), sorted(aliases)


SPECIAL_PATHS = "special-paths"  # the name they are kept under


def special_paths():
    return memoize(SPECIAL_PATHS, _special_paths)


def restricted_sections():
    """``(path, depth)`` of every page with a view restriction (kept until the site changes)."""
    return special_paths()[0]


def alias_paths():
    """Tree paths of the alias pages (kept until the site changes)."""
    return special_paths()[1]


def private_q(sections=None):
    """Like ``PageQuerySet.private_q()`` (pages in a section with view restrictions), without a query
    on every call: the list of restricted sections is kept until a restriction (or anything) changes.
    ``sections``: those sections, as ``restricted_sections()`` gave them (by default, asks it)."""
    q = Q()
    for path, depth in restricted_sections() if sections is None else sections:
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def public(queryset, sections=None):
    """``queryset.public()`` without its query for the view restrictions (``sections``: as ``private_q``)."""
    return queryset.exclude(private_q(sections))


# Wagtail's ranking of a site for a request (wagtail.models.sites.get_site_for_hostname).
_HOSTNAME_PORT, _HOSTNAME_DEFAULT, _DEFAULT, _HOSTNAME = range(4)


def _sites():
    """Every site with its root page, in Wagtail's root-path order (most specific path first)."""
    return list(
        Site.objects.select_related("root_page", "root_page__locale").order_by(
            "-root_page__url_path", "-is_default_site", "hostname"
        )
    )


def _match_site(sites, hostname, port):
    """The site Wagtail's ``Site.find_for_request`` picks for ``hostname`` and ``port``, from ``sites``."""

    def rank(site):
        if site.hostname == hostname:
            if site.port == port:
                return _HOSTNAME_PORT
            return _HOSTNAME_DEFAULT if site.is_default_site else _HOSTNAME
        return _DEFAULT

    candidates = sorted((s for s in sites if s.hostname == hostname or s.is_default_site), key=rank)
    if not candidates:
        return None
    first = rank(candidates[0])
    if len(candidates) == 1 or first in (_HOSTNAME_PORT, _HOSTNAME_DEFAULT):
        return candidates[0]
    if first == _DEFAULT:
        return candidates[len(candidates) == 2]
    return None


def site_for_request(request):
    """``Site.find_for_request(request)`` in one query of the sites (kept until the site changes), which also
    gives Wagtail the site root paths it builds page URLs from (``request._wagtail_cached_site_root_paths``).

    Wagtail's page view finds the site while routing (``pagecache.views``); other views (search, the footer's
    settings) ask here.
    """
    if getattr(request, "_wagtail_site", None) is not None:
        return request._wagtail_site
    sites = memoize("sites", _sites)
    hostname = split_domain_port(request._get_raw_host())[0]
    site = _match_site(sites, hostname, request.get_port())
    request._wagtail_site = site
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        root_paths = [
            SiteRootPath(s.id, s.root_page.url_path, s.root_url, s.root_page.locale.language_code) for s in sites
        ]
        request._wagtail_cached_site_root_paths = root_paths
        # Pages whose URL is asked without the request (menus, listings) read Wagtail's own copy: give it this
        # one if it has none, rather than a second query of the sites (Wagtail clears it when a site changes).
        wagtail_cache.add(
            SITE_ROOT_PATHS_CACHE_KEY, [tuple(p) for p in root_paths], 3600, version=SITE_ROOT_PATHS_CACHE_VERSION
        )
    return site
