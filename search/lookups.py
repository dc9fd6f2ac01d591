"""Stable lookup tables the public search needs on every request, kept in the default cache.

Like the main menu (``cms.core.context_processors``), these are cached and cleared by signals
(``search/signals.py``), so a warm search costs no queries for them:

- ``lookups()``: regions, hospital trusts and medical fields (facet values, labels, result regions);
  cleared when one of them is saved or deleted.
- ``private_sections()``: the path and depth of every page with a view restriction, for ``public()``;
  tied to the content version (``search.suggest.content_version``), which publish, unpublish, move,
  delete and privacy changes bump.
- ``promoted(query, build)``: the promoted results of every query, tied to the content version and to a
  promotions version bumped when a promotion is saved or deleted.

Every entry also expires after ``TIMEOUT`` seconds.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

TIMEOUT = 600
LOOKUPS_KEY = "portal_search:lookups"
PRIVATE_KEY = "portal_search:private-sections"
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


def private_sections():
    """[(path, depth)] of every page with a view restriction (it and its descendants are not public)."""
    from wagtail.models import PageViewRestriction

    from .suggest import content_version

    version = content_version()
    cached = cache.get(PRIVATE_KEY)
    if cached is not None and cached[0] == version:
        return cached[1]
    sections = sorted(set(PageViewRestriction.objects.values_list("page__path", "page__depth")))
    cache.set(PRIVATE_KEY, (version, sections), TIMEOUT)
    return sections


def public(queryset):
    """``queryset.public()`` (Wagtail) without its query for the view restrictions on a warm cache."""
    q = Q()
    for path, depth in private_sections():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    return queryset.exclude(q) if q else queryset


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
    return any(page.path.startswith(path) and page.depth >= depth for path, depth in private_sections())
