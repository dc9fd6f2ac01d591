"""Absolute links from the one ``SITE_URL`` setting (the environment's ``SITE_URL``)."""

from django.conf import settings


def absolute_url(path):
    """``path`` (e.g. ``/tjenester/``) on the site's public address; an absolute URL is returned as it is."""
    if not path:
        return settings.SITE_URL + "/"
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")
