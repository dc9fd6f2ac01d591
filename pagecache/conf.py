"""Settings of the page cache, each with a default (override in Django settings)."""

from django.conf import settings

DEFAULTS = {
    # Serve anonymous GET requests for published pages from the cache.
    "PAGECACHE_ENABLED": True,
    # Which entry of CACHES holds pages (Redis in production, local memory otherwise).
    "PAGECACHE_ALIAS": "default",
    # Seconds a rendered page is kept. Edits invalidate at once; this only bounds content that changes
    # with the clock (an event moving from "upcoming" to "past").
    "PAGECACHE_TIMEOUT": 300,
    # Date fields at which content changes without an edit (an event becomes past, registration opens).
    # No page is cached past the next such moment of any live object, so lists and pages never go stale.
    "PAGECACHE_CLOCK_FIELDS": {
        "events.EventPage": ("start", "end", "registration_opens", "registration_closes"),
    },
    # Cache-Control for browsers (max-age) and shared caches such as a CDN (s-maxage).
    "PAGECACHE_BROWSER_MAX_AGE": 0,
    "PAGECACHE_CDN_MAX_AGE": 0,
    # Query parameters that never change a page (tracking): removed from the request before the page sees it,
    # so the page is rendered, cached and linked as without them. Any other parameter a page does not read
    # (its ``query_parameters``) means the rendering is not stored, so unknown parameters cannot multiply entries.
    "PAGECACHE_IGNORED_QUERY_PREFIXES": ("utm_", "fbclid", "gclid", "mc_", "_ga", "mtm_", "matomo_"),
    # Longest query string worth caching; longer ones are rendered every time.
    "PAGECACHE_MAX_QUERY_LENGTH": 300,
    # Cookies whose presence means the response may be personal: the cache is bypassed.
    "PAGECACHE_BYPASS_COOKIES": None,  # None: the session cookie and the messages cookie
    # Seconds between a process's looks in the database for generation bumps that another process recorded
    # because it could not reach the cache (pagecache.cache); None: never look.
    "PAGECACHE_PENDING_CHECK": 60,
    # Models that visitors see only through values of a related object: a write bumps the generation only if
    # it changes one of them. A registration shows only as its event's state (open, full, ...) and, on the
    # event page, the places left; a place on the waiting list changes neither.
    "PAGECACHE_VISIBLE_THROUGH": {
        "events.registration": ("event", ("state", "places_left")),
    },
    # Writes to these models (app_label.model or app_label.*) never change what a visitor sees, so they
    # do not invalidate the cache. Everything else does: a stale page is worse than a cache miss.
    "PAGECACHE_IGNORED_MODELS": (
        "admin.*",
        "auth.*",
        "axes.*",
        "contenttypes.*",
        "django_tasks_database.*",  # queued tasks (mail outbox)
        "pagecache.*",
        "sessions.*",
        "wagtailadmin.*",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.groupapprovaltask",
        "wagtailcore.modellogentry",
        "wagtailcore.pagelogentry",
        "wagtailcore.pagesubscription",
        "wagtailcore.referenceindex",
        "wagtailcore.revision",
        "wagtailcore.task",
        "wagtailcore.taskstate",
        "wagtailcore.uploadedfile",
        "wagtailcore.workflowcontenttype",
        "wagtailcore.workflowpage",
        "wagtailcore.workflowstate",
        "wagtailcore.workflowtask",
        "wagtailcore.workflow",
        "wagtailembeds.*",
        "wagtailimages.rendition",
        "wagtailsearch.*",
        "wagtailsearchpromotions.query",
        "wagtailsearchpromotions.querydailyhits",
        "wagtailusers.*",
    ),
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])


def bypass_cookies():
    names = get("PAGECACHE_BYPASS_COOKIES")
    if names is None:
        names = (settings.SESSION_COOKIE_NAME, "messages")
    return tuple(names)
