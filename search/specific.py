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


def specific_pages(ids, queryset=None, content_types=None):
    """The specific pages with these ids, in the order of ``ids`` (ids not found, or not in ``queryset``, are
    left out). ``content_types`` ({id: content type id}, already read with the ids) spares the first query."""
    ids = list(ids)
    if not ids:
        return []
    if content_types is not None and queryset is None:
        rows = [(pk, content_types[pk]) for pk in ids if pk in content_types]
    else:
        queryset = Page.objects.all() if queryset is None else queryset
        rows = queryset.filter(pk__in=ids).order_by().values_list("pk", "content_type_id")
    by_type = defaultdict(list)
    for pk, content_type_id in rows:
        by_type[content_type_id].append(pk)
    by_id = {}
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        for page in model._default_manager.filter(pk__in=pks):
            by_id[page.pk] = page
    return [by_id[pk] for pk in ids if pk in by_id]
