"""Admin form data for a page; users in the editorial groups come from ``tests.factories``."""

import datetime

from django.db.models import Model
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.blocks.base import BlockField
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import PASSWORD, UserFactory  # noqa: F401  (re-exported for the editorial tests)


def edit_form_data(page, **overrides):
    """POST data for the page's admin edit form, as the editor would send it unchanged (plus overrides).

    Stream fields must be empty (as the factories make them); rich text goes through the Draftail format.
    """
    page = page.specific
    form_class = page.get_edit_handler().get_form_class()
    data, multi = {}, {}
    for name, form_field in form_class.base_fields.items():
        value = getattr(page, name, None)
        if isinstance(form_field, BlockField):
            assert not value, f"edit_form_data supports only empty stream fields ({name})"
            data[name] = streamfield([])
        elif isinstance(form_field.widget, DraftailRichTextArea):
            data[name] = rich_text(value or "")
        elif hasattr(value, "all") and hasattr(value, "model"):
            multi[name] = [obj.pk for obj in value.all()]
        elif isinstance(value, Model):
            data[name] = value.pk
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, datetime.datetime):
            data[name] = value.strftime("%Y-%m-%d %H:%M")
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        elif value is None:
            data[name] = ""
        else:
            data[name] = value
    data["comments"] = inline_formset([])
    for name in getattr(form_class, "formsets", {}):  # inline panels (a unit's sites and quality tools)
        data.setdefault(name, inline_formset([]))
    for name in list(overrides):
        if isinstance(overrides[name], list):
            multi[name] = overrides.pop(name)
    data.update(overrides)
    return {**nested_form_data(data), **multi}
