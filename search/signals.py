"""Keep the vocabulary and the Elasticsearch index in sync with the content. (The search's caches follow
the page cache's generation, which every visible change bumps: ``pagecache.signal_handlers``.)"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import vocabulary
from .models import SearchSynonym


@receiver(post_save, sender=SearchSynonym)
@receiver(post_delete, sender=SearchSynonym)
def synonyms_changed(sender, **kwargs):
    # the rules are rebuilt with the page cache's next generation, which this save starts (search.rules)
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
    vocabulary.add_page(instance.specific)
    # A published page may also change its children's URLs (slug change): sync the subtree.
    if _elasticsearch_enabled():
        transaction.on_commit(lambda: _reindex_subtree(instance.pk))


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    if _elasticsearch_enabled():
        ids = [instance.pk]
        transaction.on_commit(lambda: _remove(ids))


@receiver(post_page_move)
def on_move(sender, instance, **kwargs):
    if _elasticsearch_enabled():
        transaction.on_commit(lambda: _reindex_subtree(instance.pk))


@receiver(post_delete)
def on_delete(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        return
    if _elasticsearch_enabled():
        ids = [instance.pk]
        transaction.on_commit(lambda: _remove(ids))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_privacy_change(sender, instance, **kwargs):
    if _elasticsearch_enabled():
        page_id = instance.page_id
        transaction.on_commit(lambda: _reindex_subtree(page_id))
