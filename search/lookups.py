"""Stable lookup tables the public search needs on every request, kept in the default cache.

Like the main menu (``cms.core.context_processors``), these are cached and cleared by signals
(``search/signals.py``), so a warm search costs no queries for them:

- ``lookups()``: regions, hospital trusts and medical fields (facet values, labels, result regions);
  cleared when one of them is saved or deleted.
- ``public()`` and ``is_private()``: the private sections come from ``pagecache.queries``, kept with the
  page cache's generation like every other memoized lookup of the public pages.
- ``promoted(query, build)``: the promoted results of every query, tied to the content version and to a
  promotions version bumped when a promotion is saved or deleted.

Every entry also expires after ``TIMEOUT`` seconds.
"""

from django.core.cache import cache
from django.db import transaction

TIMEOUT = 600
LOOKUPS_KEY = "portal_search:lookups"
PROMOTIONS_VERSION_KEY = "portal_search:promotions-version"


# --- regions, trusts, medical fields --------------------------------------------------------------


def _load_lookups():
    from organisations.models import HealthTrust, MedicalField, Region

    return {
        # (pk, slug, name) in display order
        "regions": list(Region.objects.order_by("sort_order", "name").values_list("pk", "slug", "name")),
        # (pk, name, region id) by name, the order of HealthTrust's Meta and of the trust facet
        "trusts": list(HealthTrust.objects.order_by("name").values_list("pk", "name", "region_id")),
        # (slug, name) by name
        "fields": list(MedicalField.objects.order_by("name").values_list("slug", "name")),
    }


def lookups():
    """{"regions": [(pk, slug, name)], "trusts": [(pk, name, region_id)], "fields": [(slug, name)]}."""
    data = cache.get(LOOKUPS_KEY)
    if data is None:
        data = _load_lookups()
        cache.set(LOOKUPS_KEY, data, TIMEOUT)
    return data


def clear_lookups(**kwargs):
    """Signal handler: forget the tables now and again when the transaction commits (a request that read
    the old rows before the commit may have cached them in between)."""
    cache.delete(LOOKUPS_KEY)
    transaction.on_commit(lambda: cache.delete(LOOKUPS_KEY))


# --- private sections -----------------------------------------------------------------------------


def public(queryset):
    """``queryset.public()`` (Wagtail) without its query for the view restrictions on a warm cache."""
    from pagecache.queries import public as public_pages

    return public_pages(queryset)


def searchable_pages():
    """Every page a search may show: live, public, below the root."""
    from wagtail.models import Page

    return public(Page.objects.live().filter(depth__gt=1))


# --- promoted results -----------------------------------------------------------------------------


def promotions_version():
    return cache.get_or_set(PROMOTIONS_VERSION_KEY, 1, None)


def promotions_changed(**kwargs):
    try:
        cache.incr(PROMOTIONS_VERSION_KEY)
    except ValueError:
        cache.set(PROMOTIONS_VERSION_KEY, 2, None)


def promoted(query_string, build):
    """The promoted results of a (normalised) query string from ``build()`` -> {query string: [result]},
    the whole table cached until the content or the promotions change: no query for any search."""
    from .suggest import content_version

    key = f"portal_search:promoted:{content_version()}:{promotions_version()}"
    table = cache.get(key)
    if table is None:
        table = build()
        cache.set(key, table, TIMEOUT)
    return table.get(query_string, [])


def is_private(page):
    """Whether ``page`` is in a private section (what ``page.get_view_restrictions().exists()`` tells)."""
    from pagecache.queries import restricted_sections

    return any(page.path.startswith(path) and page.depth >= depth for path, depth in restricted_sections())
