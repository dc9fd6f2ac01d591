"""Site-wide views: robots.txt and the Norwegian error pages."""

import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cms.core.siteurl import absolute_url

# The database is down or unreachable (connection refused, closed, timed out), not a bug in a query.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /sok/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


# How long a visitor is asked to wait when the database cannot be reached (seconds).
DATABASE_DOWN_RETRY_AFTER = 120


def server_error(request):
    """The 500 page, or the 503 page with ``Retry-After`` when the database cannot be reached.

    Rendered without context processors or the database (the database may be what failed), with no inline
    style or script, so the site's Content-Security-Policy lets it display as designed."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(DATABASE_DOWN_RETRY_AFTER)
    else:
        response = HttpResponse(loader.get_template("500.html").render(), status=500)
    patch_cache_control(response, no_store=True)
    return response
