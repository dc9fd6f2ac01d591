"""Keep the search rules and the Elasticsearch index in sync with the content."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from organisations.models import HealthTrust, MedicalField, Region

from . import lookups, rules, suggest, vocabulary
from .models import SearchSynonym


@receiver(post_save, sender=SearchSynonym)
@receiver(post_delete, sender=SearchSynonym)
def synonyms_changed(sender, **kwargs):
    rules.invalidate()
    if _elasticsearch_enabled():
        transaction.on_commit(_update_elasticsearch_synonyms)


def _elasticsearch_enabled():
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def _update_elasticsearch_synonyms():
    from .engines.elastic import update_synonyms

    update_synonyms()


def _reindex_subtree(page_id):
    from .engines.elastic import sync_subtree

    sync_subtree(page_id)


def _remove(page_ids):
    from .engines.elastic import remove_pages

    remove_pages(page_ids)


@receiver(page_published)
def on_publish(sender, instance, **kwargs):
    suggest.content_changed()
    vocabulary.add_page(instance.specific)
    # A published page may also change its children's URLs (slug change): sync the subtree.
    if _elasticsearch_enabled():
        transaction.on_commit(lambda: _reindex_subtree(instance.pk))


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    suggest.content_changed()
    if _elasticsearch_enabled():
        ids = [instance.pk]
        transaction.on_commit(lambda: _remove(ids))


@receiver(post_page_move)
def on_move(sender, instance, **kwargs):
    suggest.content_changed()
    if _elasticsearch_enabled():
        transaction.on_commit(lambda: _reindex_subtree(instance.pk))


@receiver(post_delete)
def on_delete(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        return
    suggest.content_changed()
    if _elasticsearch_enabled():
        ids = [instance.pk]
        transaction.on_commit(lambda: _remove(ids))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_privacy_change(sender, instance, **kwargs):
    suggest.content_changed()
    if _elasticsearch_enabled():
        page_id = instance.page_id
        transaction.on_commit(lambda: _reindex_subtree(page_id))


# Cached lookup tables of the public search (search/lookups.py).
for _model in (Region, HealthTrust, MedicalField):
    post_save.connect(lookups.clear_lookups, sender=_model, dispatch_uid=f"search-lookups-save-{_model.__name__}")
    post_delete.connect(lookups.clear_lookups, sender=_model, dispatch_uid=f"search-lookups-delete-{_model.__name__}")
post_save.connect(lookups.promotions_changed, sender=SearchPromotion, dispatch_uid="search-promotions-save")
post_delete.connect(lookups.promotions_changed, sender=SearchPromotion, dispatch_uid="search-promotions-delete")
