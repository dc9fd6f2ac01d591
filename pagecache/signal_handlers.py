"""Invalidate the page cache whenever something a visitor can see may have changed.

Publishing, unpublishing, moving and deleting pages, and every save or delete of any other model
(snippets such as contacts, regions and hospital trusts, site settings, images, documents, view
restrictions, sites, redirects, registers, ...) make all cached pages stale, except writes to the models
listed in ``PAGECACHE_IGNORED_MODELS`` (sessions, revisions, logs, search index, renditions, ...), which
no public page shows. A model visitors see only through a value of a related object
(``PAGECACHE_VISIBLE_THROUGH``: a registration, through its event's state) invalidates only when that value
changes. Invalidating everything is deliberate: a title appears in listings, menus,
breadcrumbs and search results, and editing is rare next to reading, so a complete, simple rule beats a
clever one that misses a page.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete, pre_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import conf, frontend
from .cache import invalidate


def _ignored(model):
    meta = model._meta
    label = f"{meta.app_label}.{meta.model_name}"
    for pattern in conf.get("PAGECACHE_IGNORED_MODELS"):
        pattern = pattern.lower()
        if pattern == label or (pattern.endswith(".*") and pattern[:-2] == meta.app_label):
            return True
    return False


def _label(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _visible_value(instance):
    """What visitors see of ``instance`` (``PAGECACHE_VISIBLE_THROUGH``), read afresh from the database."""
    relation, attributes = conf.get("PAGECACHE_VISIBLE_THROUGH")[_label(type(instance))]
    if isinstance(attributes, str):
        attributes = (attributes,)
    field = type(instance)._meta.get_field(relation)
    related = field.related_model._default_manager.filter(pk=getattr(instance, field.attname)).first()
    return None if related is None else tuple(getattr(related, attribute) for attribute in attributes)


def _shown_through(model):
    return _label(model) in conf.get("PAGECACHE_VISIBLE_THROUGH")


def before_model_change(sender, instance=None, raw=False, **kwargs):
    if instance is not None and not raw and _shown_through(sender):
        instance._pagecache_visible_before = _visible_value(instance)


def on_model_change(sender, instance=None, **kwargs):
    if _ignored(sender):
        return
    if instance is not None and _shown_through(sender):
        before = instance.__dict__.pop("_pagecache_visible_before", None)
        if not kwargs.get("raw") and _visible_value(instance) == before:
            return  # nothing a visitor sees has changed
    invalidate()
    frontend.object_changed(instance)


def on_m2m_change(sender, instance=None, action="", **kwargs):
    if not action.startswith("post_") or _ignored(type(instance)):
        return
    invalidate()
    frontend.object_changed(instance)


def on_page_event(sender, instance=None, **kwargs):
    invalidate()
    frontend.object_changed(instance)


def on_migrate(sender, **kwargs):
    """A deploy runs ``migrate``: start a new generation, so nothing kept by the previous code (pickled page
    objects and fragments, whose classes may have changed) is read by the new."""
    invalidate()


def register():
    post_migrate.connect(on_migrate, sender=apps.get_app_config("wagtailcore"), dispatch_uid="pagecache-migrate")
    pre_save.connect(before_model_change, dispatch_uid="pagecache-pre-save")
    pre_delete.connect(before_model_change, dispatch_uid="pagecache-pre-delete")
    post_save.connect(on_model_change, dispatch_uid="pagecache-post-save")
    post_delete.connect(on_model_change, dispatch_uid="pagecache-post-delete")
    m2m_changed.connect(on_m2m_change, dispatch_uid="pagecache-m2m")
    page_published.connect(on_page_event, dispatch_uid="pagecache-published")
    page_unpublished.connect(on_page_event, dispatch_uid="pagecache-unpublished")
    page_slug_changed.connect(on_page_event, dispatch_uid="pagecache-slug")
    post_page_move.connect(on_page_event, dispatch_uid="pagecache-moved")
