"""Serve published pages to anonymous visitors from the cache, and mark every page response for CDNs.

Placed after LocaleMiddleware (the language is part of the key) and before CsrfViewMiddleware,
SessionMiddleware's user handling and everything that can make a response personal, so a hit skips
them all and a miss sees the finished response (cookies, CSRF use, Cache-Control) before it is stored.

A request is never answered from the cache, and its response never stored, when it:
- is not GET or HEAD, or is a preview;
- carries a session or messages cookie (a logged-in editor, a visitor who has submitted a form);
- leads to a response that sets a cookie, used a CSRF token (a form), changed the session, was
  rendered for an authenticated user, says ``Cache-Control: private/no-cache/no-store``, is not 200,
  streams, or did not come from Wagtail's page view (admin, search, documents, ...).

Tracking parameters (``utm_*``, ...) are removed from the request before the page sees it. A rendering is
stored only if the page reads every other parameter the request has (``query_parameters`` on the page
model, e.g. the service index's filters and page number): a request with unknown parameters is rendered
(``X-Page-Cache: miss``) but not stored, so junk query strings cannot fill the cache.
"""

import hashlib
import logging

from django.http import HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

from . import cache as store
from . import conf

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
PAGE_VIEW = "wagtail_serve"
UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")
HARMLESS_VARY = {"cookie", "accept-language", "accept-encoding"}


def request_is_shareable(request):
    """Whether the answer to this request may be shared with other visitors (by us or a CDN)."""
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return False
    cookies = request.COOKIES
    if any(name in cookies for name in conf.bypass_cookies()):
        return False
    return len(request.META.get("QUERY_STRING", "")) <= conf.get("PAGECACHE_MAX_QUERY_LENGTH")


def personal_rendering(request):
    """Whether this rendering belongs to this visitor alone (never stored or shared): a form on it may carry the
    visitor's CSRF token itself (``{% csrf_placeholder %}``)."""
    return getattr(request, "_pagecache_csrf_retry", False) or not request_is_shareable(request)


def _is_tracking(name):
    return name.startswith(tuple(conf.get("PAGECACHE_IGNORED_QUERY_PREFIXES")))


def strip_tracking_parameters(request):
    """Remove the tracking parameters (``PAGECACHE_IGNORED_QUERY_PREFIXES``) from the request, so the page is
    rendered as without them: its links (pagination, filters) never carry them into the shared copy."""
    if not any(_is_tracking(name) for name in request.GET):
        return
    query = request.GET.copy()
    for name in [name for name in query if _is_tracking(name)]:
        del query[name]
    query._mutable = False
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()


def reads_only_known_parameters(request):
    """Whether the page read every parameter of the request (its ``query_parameters``): only then is the
    rendering stored, so unknown parameters (``?x=1``, ``?x=2``, ...) cannot fill the cache with copies."""
    known = getattr(request, "_pagecache_parameters", frozenset())
    return all(name in known for name in request.GET)


def page_key(request):
    query = sorted((name, value) for name, values in request.GET.lists() if not _is_tracking(name) for value in values)
    return store.make_key(
        "page",
        request.scheme,
        request.get_host(),
        request.path,
        query,
        translation.get_language(),
    )


def response_is_cacheable(request, response):
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != PAGE_VIEW:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES):
        return False
    if "max-age=0" in cache_control.replace(" ", ""):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # the page contains a CSRF token: it belongs to one visitor
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if response.has_header("Vary"):
        vary = {h.strip().lower() for h in cc_delim_re.split(response["Vary"]) if h.strip()}
        if vary - HARMLESS_VARY:
            return False
    return True


def mark_public(response):
    patch_cache_control(
        response,
        public=True,
        max_age=conf.get("PAGECACHE_BROWSER_MAX_AGE"),
        s_maxage=conf.get("PAGECACHE_CDN_MAX_AGE"),
    )
    # A CDN must not hand the anonymous page to someone with a session (an editor).
    patch_vary_headers(response, ("Cookie",))
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'


def mark_private(response):
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)


def not_modified(request, etag):
    if not etag:
        return False
    wanted = request.META.get("HTTP_IF_NONE_MATCH")
    return bool(wanted) and (etag in parse_etags(wanted) or wanted.strip() == "*")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with store.request_scope():
            return self._respond(request)

    def _respond(self, request):
        shareable = request_is_shareable(request)
        if shareable:
            strip_tracking_parameters(request)
        if not (shareable and conf.get("PAGECACHE_ENABLED")):
            response = self.get_response(request)
            return self._finish_uncached(request, response, shareable, "off" if shareable else "skip")

        key = page_key(request)
        generation, found = store.fetch(key)
        request._pagecache_generation = generation
        stored = store.valid(found.get(key), generation)
        if stored is not None:
            return self._replay(request, stored)

        response = self.get_response(request)
        if generation is None or request.method != "GET" or not response_is_cacheable(request, response):
            reason = "unavailable" if generation is None else "skip"
            return self._finish_uncached(request, response, True, reason)

        mark_public(response)
        response[HEADER] = "miss"
        if reads_only_known_parameters(request):
            stored = (
                response.status_code,
                [(k, v) for k, v in response.items() if k != HEADER],
                response.content,
            )
            store.store(key, generation, stored)
        if not_modified(request, response.get("ETag")):
            return self._not_modified(response.items())
        return response

    def _finish_uncached(self, request, response, shareable, reason):
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name != PAGE_VIEW:
            return response
        if shareable and response_is_cacheable(request, response):
            mark_public(response)
        else:
            mark_private(response)
        response[HEADER] = reason
        return response

    def _replay(self, request, stored):
        status, headers, content = stored
        if not_modified(request, dict(headers).get("ETag")):
            return self._not_modified(headers)
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HEADER] = "hit"
        return response

    def _not_modified(self, headers):
        response = HttpResponseNotModified()
        for name, value in headers:
            if name.lower() in ("cache-control", "etag", "vary", "content-language", "expires"):
                response[name] = value
        response[HEADER] = "hit"
        return response
