"""Absolute addresses on the configured public host: for sitemap.xml, the canonical link and Open Graph.

Wagtail builds a page's full URL from the Site record's hostname and port, which in a demo or behind a proxy
is often ``localhost``. The public address comes from the ``SITE_URL`` setting instead (falling back to
``WAGTAILADMIN_BASE_URL``).
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap


def public_base_url():
    return (getattr(settings, "SITE_URL", "") or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def public_url(path):
    """``path`` (or the path of an absolute URL) on the public host."""
    parts = urlsplit(path or "/")
    return public_base_url() + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class PublicSitemap(Sitemap):
    """Wagtail's sitemap, with every location on the public host."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = public_url(url["location"])
        return urls
