"""Purge a CDN in front of the site (Wagtail's frontend cache), when one is configured.

Wagtail's frontend-cache app purges a page's own URL when it is published or unpublished. Listings show
pages too, so after the transaction commits this also purges the changed page's ancestors (the region page,
the service index, the home page), and for any other object (a contact, a region, a hospital trust) the
pages that refer to it, according to Wagtail's reference index, with their ancestors. Set
``WAGTAILFRONTENDCACHE`` (see ``cms/settings/base.py``) to switch it on; without it this does nothing.
"""

import logging
from functools import partial

from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.models import Page, ReferenceIndex

logger = logging.getLogger(__name__)


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None)) and apps.is_installed("wagtail.contrib.frontend_cache")


def _pages_to_purge(instance):
    if isinstance(instance, Page):
        pages = [instance]
    else:
        references = ReferenceIndex.get_references_to(instance).filter(
            base_content_type=ReferenceIndex._get_base_content_type(Page())
        )
        ids = {int(pk) for pk in references.values_list("object_id", flat=True)}
        pages = list(Page.objects.live().filter(pk__in=ids)[:500])
    result = {}
    for page in pages:
        result[page.pk] = page
        for ancestor in page.get_ancestors().filter(depth__gt=1).live():
            result[ancestor.pk] = ancestor
    return result


def _purge(pages):
    # Wagtail's frontend-cache app is installed only when a CDN is configured (cms/settings/base.py).
    from wagtail.contrib.frontend_cache.utils import PurgeBatch  # noqa: PLC0415

    try:
        batch = PurgeBatch()
        batch.add_pages(pages.values())
        batch.purge()
    except Exception:  # noqa: BLE001 - a CDN outage must not fail an editor's publish
        logger.exception("Could not purge the frontend cache")


def object_changed(instance):
    if instance is None or not enabled():
        return
    try:
        pages = _pages_to_purge(instance)
    except Exception:  # noqa: BLE001
        logger.exception("Could not work out which pages to purge")
        return
    if pages:
        transaction.on_commit(partial(_purge, pages))  # at once outside a transaction
