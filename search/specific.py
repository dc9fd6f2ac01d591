"""Specific page instances for a list of page ids, whatever their types, in queries the planner cannot
misjudge.

First the ids' content types (one small query on ``wagtailcore_page`` by primary key), then one query per
page type present, each on that type's own tables by primary key. A single query LEFT JOINing every page
model's table (about 15) was estimated at 1e13 rows on a database without statistics, and PostgreSQL spent
a second compiling it (JIT) to return two rows.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page


def specific_pages(ids, queryset=None):
    """The specific pages with these ids, in the order of ``ids`` (ids not found, or not in ``queryset``, are
    left out)."""
    ids = list(ids)
    if not ids:
        return []
    queryset = Page.objects.all() if queryset is None else queryset
    by_type = defaultdict(list)
    for pk, content_type_id in queryset.filter(pk__in=ids).order_by().values_list("pk", "content_type_id"):
        by_type[content_type_id].append(pk)
    by_id = {}
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        for page in model._default_manager.filter(pk__in=pks):
            by_id[page.pk] = page
    return [by_id[pk] for pk in ids if pk in by_id]
