"""Readable descriptions of django-simple-history records: who changed which field, from what, to what."""

import datetime

from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _


def history_type_label(history_type):
    return {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}.get(history_type, history_type)


def display_value(field, value, cache=None):
    """A field value as a person reads it: choice labels, related objects' names, Norwegian dates."""
    if value is None or value == "":
        return "–"
    if field.choices:
        choices = dict(field.flatchoices)
        if value in choices:
            return str(choices[value])
    if isinstance(field, models.ForeignKey):
        pk = value.pk if isinstance(value, models.Model) else value
        key = (field.related_model, pk)
        if cache is not None and key in cache:
            return cache[key]
        obj = field.related_model._base_manager.filter(pk=pk).first()
        text = str(obj) if obj is not None else _("(deleted, id %(pk)s)") % {"pk": pk}
        if cache is not None:
            cache[key] = text
        return text
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def tracked_fields(model):
    """The concrete fields of the tracked model that the history stores, in form order."""
    history_model = model.history.model
    stored = {f.name for f in history_model._meta.get_fields()}
    return [f for f in model._meta.concrete_fields if f.name in stored and not f.primary_key and f.editable]


def describe_history(history_queryset):
    """Entries, newest first, each with date, user, type and a list of (label, old, new) changes."""
    records = list(history_queryset.select_related("history_user").order_by("history_date", "history_id"))
    if not records:
        return []
    model = records[0].instance_type
    fields = tracked_fields(model)
    cache = {}
    entries = []
    previous = {}
    for record in records:
        changes = []
        for field in fields:
            value = getattr(record, field.attname)
            if record.history_type == "+":
                if value not in (None, ""):
                    changes.append((field.verbose_name, None, display_value(field, value, cache)))
            elif record.history_type == "~":
                old = previous.get(record.id, {}).get(field.attname)
                if old != value:
                    changes.append(
                        (field.verbose_name, display_value(field, old, cache), display_value(field, value, cache))
                    )
        previous[record.id] = {f.attname: getattr(record, f.attname) for f in fields}
        entries.append(
            {
                "record": record,
                "label": str(record.instance),
                "date": record.history_date,
                "user": record.history_user,
                "type": record.history_type,
                "type_label": history_type_label(record.history_type),
                "changes": changes,
            }
        )
    entries.reverse()
    return entries
