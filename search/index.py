"""Search fields that index a Norwegian-normalised copy of a page's text (see ``search.norwegian``).

Add ``*normalised_search_fields()`` to a page model's ``search_fields``. The title copy is indexed with
the title (field name ``title``, so the database backends weight it as a title); the body copy holds every
other searchable text of the page. Both are computed when the page is indexed, with the rules in force then:
after changing the synonyms, run ``manage.py rebuild_search_index`` to refresh the normalised copies
(queries are expanded with the new rules at once).
"""

from django.utils.html import strip_tags
from wagtail.search import index

TITLE_SOURCES = ("title", "former_names", "abbreviation")


def searchable_text(value):
    """Plain text from a field value: strings, rich text, StreamField content, lists."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(searchable_text(v) for v in value)
    if hasattr(value, "source"):  # RichText
        value = value.source
    text = str(value)
    if "<" in text:
        text = strip_tags(text)
    return text


def _field_texts(obj, fields, related=True):
    for search_field in fields:
        if isinstance(search_field, (NormalisedTitleField, NormalisedBodyField)):
            continue
        if isinstance(search_field, index.RelatedFields):
            if not related:
                continue
            related = search_field.get_value(obj)
            if related is None:
                continue
            items = related.all() if hasattr(related, "all") else [related]
            for item in items:
                yield from _field_texts(item, search_field.fields)
        elif isinstance(search_field, index.SearchField):
            yield search_field.field_name, searchable_text(search_field.get_value(obj))


class NormalisedTitleField(index.SearchField):
    """The normalised title, former names and abbreviation, indexed as part of the title."""

    def __init__(self, boost=None, **kwargs):
        super().__init__("title", boost=boost, **kwargs)

    def get_value(self, obj):
        from .norwegian import normalise_text
        from .rules import get_rules

        texts = [text for name, text in _field_texts(obj, obj.get_search_fields()) if name in TITLE_SOURCES]
        return normalise_text(" ".join(texts), get_rules())


class NormalisedBodyField(index.SearchField):
    """The normalised copy of every other searchable text of the page."""

    def __init__(self, boost=None, **kwargs):
        # An existing attribute of every page, so system checks are happy; the value is computed here.
        super().__init__("search_description", boost=boost, **kwargs)

    def get_value(self, obj):
        from .norwegian import normalise_text
        from .rules import get_rules

        texts = [text for name, text in _field_texts(obj, obj.get_search_fields()) if name not in TITLE_SOURCES]
        return normalise_text(" ".join(texts), get_rules())


def normalised_search_fields():
    return [NormalisedTitleField(), NormalisedBodyField()]
