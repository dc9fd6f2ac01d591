"""Specific page instances for a list of page ids in one query, whatever their types.

Wagtail's ``.specific()`` runs one query per content type among the pages, so a result page with many
page types costs many queries. Here every page model's table is joined to ``wagtailcore_page`` with
``select_related`` over the multi-table inheritance links (``page.nationalunitpage.servicepage``), and
each row's specific instance is picked from the joined objects by its content type.
"""

from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from wagtail.models import Page, get_page_models


def _chain(model):
    """Accessor names from Page down to ``model`` (e.g. ["nationalunitpage", "servicepage"]), or None."""
    names = []
    current = model
    while current is not Page:
        if current._meta.proxy or len(current._meta.parents) != 1:
            return None
        parent, link = next(iter(current._meta.parents.items()))
        if link is None:
            return None
        names.insert(0, link.remote_field.get_accessor_name())
        current = parent
    return names


@lru_cache(maxsize=1)
def _chains():
    """{model: [accessor, ...]} for every concrete page model below Page that can be joined."""
    result = {}
    for model in get_page_models():
        if model is Page or model._meta.abstract:
            continue
        chain = _chain(model)
        if chain:
            result[model] = chain
    return result


def _select_related_paths():
    paths = {"__".join(chain) for chain in _chains().values()}
    # the longest paths cover their prefixes
    return sorted(p for p in paths if not any(other.startswith(p + "__") for other in paths))


def _specific(page, chains_by_content_type):
    chain = chains_by_content_type.get(page.content_type_id)
    if chain is None:
        return page.specific  # a plain Page, or a model that could not be joined (one query)
    obj = page
    try:
        for name in chain:
            obj = getattr(obj, name)
    except ObjectDoesNotExist:
        return page.specific
    return obj


def specific_pages(ids, queryset=None):
    """The specific pages with these ids, in the order of ``ids`` (ids not found are left out)."""
    ids = list(ids)
    if not ids:
        return []
    chains = _chains()
    chains_by_content_type = {
        ContentType.objects.get_for_model(model, for_concrete_model=False).pk: chain for model, chain in chains.items()
    }
    queryset = Page.objects.all() if queryset is None else queryset
    rows = queryset.filter(pk__in=ids).select_related(*_select_related_paths()).order_by()
    by_id = {page.pk: _specific(page, chains_by_content_type) for page in rows}
    return [by_id[pk] for pk in ids if pk in by_id]
