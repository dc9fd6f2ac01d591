"""Stable lookup tables the public search needs on every request, kept with the page cache's one generation
(``pagecache.cache.memoize``): any change a visitor can see (a region, trust, medical field, promotion or
page saved) starts a new generation, so a warm search costs no queries for them and never shows stale ones.

- ``lookups()``: regions, hospital trusts and medical fields (facet values, labels, result regions);
- ``public()`` and ``is_private()``: the private sections from ``pagecache.queries``;
- ``promoted(query, build)``: the promoted results of every query.
"""

from pagecache.cache import memoize

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
    return memoize("search-lookups", _load_lookups)


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


def promoted(query_string, build):
    """The promoted results of a (normalised) query string from ``build()`` -> {query string: [result]},
    the whole table kept until the site next changes: no query for any search."""
    return memoize("search-promotions", build).get(query_string, [])


def is_private(page):
    """Whether ``page`` is in a private section (what ``page.get_view_restrictions().exists()`` tells)."""
    from pagecache.queries import restricted_sections

    return any(page.path.startswith(path) and page.depth >= depth for path, depth in restricted_sections())
