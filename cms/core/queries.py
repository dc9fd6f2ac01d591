"""Queries every public page repeats, for the base page's context; kept until the site next changes."""

from pagecache.cache import make_key, memoize


def breadcrumbs(page):
    """The ancestors of ``page`` below the root: dicts with ``title``, ``url`` and ``depth``.

    Kept by tree path until the site changes (a moved or renamed ancestor changes the site)."""

    def ancestors():
        # The page view found them already when it routed the request (pagecache.views); else one query.
        known = getattr(page, "_pagecache_ancestors", None)
        pages = known if known is not None else page.get_ancestors().filter(depth__gt=1)
        return [
            {"title": ancestor.title, "url": ancestor.get_url(), "depth": ancestor.depth}
            for ancestor in pages
            if ancestor.depth > 1
        ]

    return memoize(make_key("breadcrumbs", page.path), ancestors)
