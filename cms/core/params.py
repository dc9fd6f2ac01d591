"""Reading query parameters: Django forms with the site's shared fields, year rule and Norwegian messages.

Every list and filter that reads the query string builds a :class:`ParamsForm` from ``request.GET``: the
service index's filters, the reporting page's archive, the register views (and the search's parameters).
Values are stripped; a value that is not valid is left out of ``cleaned_data`` with its message, and the
caller decides what a visitor gets: the filter ignored with a notice, or status 400 with the message. A NUL
byte or an over-long value is an invalid value like any other, never a 500.

The rules are the same everywhere: a year is four digits from :data:`FIRST_YEAR` to the current year; a date
is ``YYYY-MM-DD`` or ``DD.MM.YYYY`` from :data:`FIRST_YEAR` on; a choice is one of the listed values.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The first year any record or filter of the site may name.
FIRST_YEAR = 2000

YEAR_INVALID = _("“%(value)s” is not a valid year. Write the year as four digits, e.g. 2024.")
YEAR_RANGE = _("The year must be between %(first)s and %(last)s.")
DATE_INVALID = _("“%(value)s” is not a valid date. Write it as YYYY-MM-DD or DD.MM.YYYY, e.g. 2024-03-01.")
DATE_FUTURE = _("The date cannot be in the future.")
REGION_UNKNOWN = _("We do not know the region “%(value)s”. Choose a region from the list.")
CHOICE_UNKNOWN = _("“%(value)s” is not one of the choices. Choose one from the list.")
PAGE_INVALID = _("The page number must be a whole number from 1 to %(max)s.")


def _shown(value, length=40):
    """A visitor's value as a message repeats it: printable characters only, cut short."""
    return "".join(ch for ch in str(value) if ch.isprintable())[:length]


class ParamsForm(forms.Form):
    """A form over query parameters: always bound, values stripped (the last of a repeated parameter)."""

    def __init__(self, params=None, **kwargs):
        params = params or {}
        data = {name: (params.get(name) or "").strip() for name in self.base_fields}
        super().__init__(data=data, **kwargs)

    def value(self, name):
        """The cleaned value of ``name``, or its empty value when it was missing or not valid."""
        if name in self.errors:
            return self.fields[name].empty_value
        if name in self.cleaned_data:
            return self.cleaned_data[name]
        return self.fields[name].empty_value

    @property
    def invalid(self):
        """The names of the parameters whose values were not valid, in the form's order."""
        return [name for name in self.fields if name in self.errors]

    @property
    def messages(self):
        """One message per value that was not valid, in the form's order."""
        return [str(message) for name in self.invalid for message in self.errors[name]]


class TextParam(forms.CharField):
    """Free text (a name, a search), cut at ``max_length`` rather than refused."""

    empty_value = ""

    def __init__(self, *, max_length=200, **kwargs):
        self.cut_at = max_length
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(value)[: self.cut_at]


class ChoiceParam(forms.Field):
    """One of ``choices`` (a mapping, or a callable returning one, from value to object); cleans to the value,
    or to the object with ``as_object=True``."""

    empty_value = ""
    default_error_messages = {"unknown": CHOICE_UNKNOWN}

    def __init__(self, choices, *, as_object=False, **kwargs):
        self.choices_source = choices
        self.as_object = as_object
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        if as_object:
            self.empty_value = None

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return self.empty_value
        choices = self.choices_source() if callable(self.choices_source) else self.choices_source
        if value not in choices:
            raise ValidationError(self.error_messages["unknown"], code="unknown", params={"value": _shown(value)})
        return choices[value] if self.as_object else value


class YearParam(forms.Field):
    """A year: four digits, from :data:`FIRST_YEAR` to the current year."""

    empty_value = None
    default_error_messages = {"invalid": YEAR_INVALID, "range": YEAR_RANGE}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        if not (value.isascii() and value.isdigit() and len(value) == 4):
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"value": _shown(value, 20)})
        year, last = int(value), timezone.localdate().year
        if not FIRST_YEAR <= year <= last:
            params = {"first": FIRST_YEAR, "last": last}
            raise ValidationError(self.error_messages["range"], code="range", params=params)
        return year


class DateParam(forms.Field):
    """A date written ``YYYY-MM-DD`` or ``DD.MM.YYYY``, from :data:`FIRST_YEAR` on, and not in the future."""

    empty_value = None
    default_error_messages = {"invalid": DATE_INVALID, "future": DATE_FUTURE}
    formats = ("%Y-%m-%d", "%d.%m.%Y")

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        for fmt in self.formats:
            try:
                date = datetime.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
            if date.year < FIRST_YEAR:
                break
            if date > timezone.localdate():
                raise ValidationError(self.error_messages["future"], code="future")
            return date
        raise ValidationError(self.error_messages["invalid"], code="invalid", params={"value": _shown(value)})


class PageParam(forms.Field):
    """A result page number from 1 to ``max_page``."""

    empty_value = 1
    default_error_messages = {"invalid": PAGE_INVALID}

    def __init__(self, *, max_page=10_000, **kwargs):
        self.max_page = max_page
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return 1
        if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= self.max_page:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"max": self.max_page})
        return int(value)
