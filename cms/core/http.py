"""Small helpers for page responses, and the guard against input no view can store.

PostgreSQL refuses a NUL character in any text it is sent, so ``?q=a%00b`` used to reach a search or an
admin filter and answer 500 (issue 18, finding 3); SQLite stored it. Rather than each view learning this,
:class:`UnreadableInputMiddleware` answers 400 with the site's Norwegian page before any view runs, when the
path, the query string or a form or JSON body holds

- a NUL character (``%00`` or the byte itself, or ``\\u0000`` in JSON),
- bytes that are not UTF-8 (Django would quietly turn them into U+FFFD), or a lone UTF-16 surrogate
  (``\\ud800`` in JSON; in a query string that is not UTF-8 either).

A cookie with such a value is dropped rather than refused, so a broken cookie does not lock a browser out.
Files in a multipart body are left alone (a PDF may hold any byte); its other fields are checked.
"""

import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .security import apply_security_headers

JSON_ESCAPE_PROBLEMS = re.compile(
    rb"\\u0000"
    rb"|\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded",)
JSON_CONTENT_TYPES = ("application/json",)


def not_shared(response):
    """Mark ``response`` as for this visitor only: no shared cache (CDN, the page cache) keeps it."""
    patch_cache_control(response, private=True)
    return response


def client_ip(request):
    """The visitor's address: behind ``TRUSTED_PROXY_COUNT`` proxies that each append to X-Forwarded-For
    (nginx: ``proxy_add_x_forwarded_for``), the entry that many places from the right; otherwise, or when the
    header is shorter, ``REMOTE_ADDR``. Entries further left are the client's own claims and never trusted.
    django-axes uses it (``AXES_CLIENT_IP_CALLABLE``); so should every rate limit."""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR") or ""
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    return forwarded[-count] if len(forwarded) >= count else remote


def wsgi_bytes(value):
    """A WSGI string (each character one byte, latin-1) back as the bytes that were sent."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:  # a test client or ASGI server that decoded it already
        return value.encode("utf-8", "surrogatepass")


def readable_text(data):
    """True if ``data`` (bytes) is UTF-8 without NUL; lone surrogates are not UTF-8."""
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def readable_urlencoded(raw):
    """True if every name and value of an ``a=1&b=2`` string (bytes) decodes to readable text."""
    return readable_text(unquote_to_bytes(raw.replace(b"+", b" ")))


def readable_str(value):
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def unreadable_input(request):
    """The first part of ``request`` no view could store, as a word for the log, or ``None``."""
    if not readable_str(request.path):
        return "path"
    if not readable_urlencoded(wsgi_bytes(request.META.get("QUERY_STRING", ""))):
        return "query string"
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        content_type = request.content_type or ""
        if content_type in FORM_CONTENT_TYPES:
            if not readable_urlencoded(request.body):
                return "form body"
        elif content_type in JSON_CONTENT_TYPES:
            if not readable_text(request.body) or JSON_ESCAPE_PROBLEMS.search(request.body):
                return "JSON body"
        elif content_type == "multipart/form-data":
            for name, values in request.POST.lists():
                if not all(readable_str(v) for v in [name, *values]):
                    return "form field"
    return None


def drop_unreadable_cookies(request):
    bad = [name for name, value in request.COOKIES.items() if not (readable_str(name) and readable_str(value))]
    if bad:
        request.COOKIES = {name: value for name, value in request.COOKIES.items() if name not in bad}


def bad_request(request):
    """The 400 answer: JSON for the APIs, otherwise the Norwegian page (rendered without the database)."""
    if request.path.startswith("/api/") or "/api/" in request.path:
        response = JsonResponse({"error": _("The request contained characters that cannot be read.")}, status=400)
    else:
        response = HttpResponse(loader.get_template("400.html").render(), status=400)
    apply_security_headers(request, response)
    return not_shared(response)


class UnreadableInputMiddleware:
    """Refuses (400) a request whose path, query string or body holds NUL, lone surrogates or bytes that are
    not UTF-8; drops such cookies. Place it right after Django's SecurityMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        drop_unreadable_cookies(request)
        if unreadable_input(request):
            return bad_request(request)
        return self.get_response(request)
