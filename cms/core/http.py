"""Small helpers for page responses."""

from django.utils.cache import patch_cache_control


def not_shared(response):
    """Mark ``response`` as for this visitor only: no shared cache (CDN, the page cache) keeps it."""
    patch_cache_control(response, private=True)
    return response
