"""Keep cached navigation fresh when pages change."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from .context_processors import NAVIGATION_CACHE_KEY


def clear_navigation(**kwargs):
    cache.delete(NAVIGATION_CACHE_KEY)


def register_signal_handlers():
    page_published.connect(clear_navigation, dispatch_uid="nav-published")
    page_unpublished.connect(clear_navigation, dispatch_uid="nav-unpublished")
    post_page_move.connect(clear_navigation, dispatch_uid="nav-moved")
    post_delete.connect(clear_navigation, sender="wagtailcore.Page", dispatch_uid="nav-deleted")
