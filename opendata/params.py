"""The open data's query parameters, read with the site's forms (``cms.core.params``): Norwegian messages, 400."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.core.params import REGION_UNKNOWN, ChoiceParam, PageParam, ParamsForm, YearParam, _shown
from servicepages.choices import UnitKind, UnitStatus

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 50
PER_PAGE_INVALID = _("The number per page must be a whole number from 1 to %(max)s.")
UNIT_INVALID = _("“%(value)s” is not a unit's number. Give the number (id) of a live unit.")


class PerPageParam(PageParam):
    empty_value = DEFAULT_PER_PAGE
    default_error_messages = {"invalid": PER_PAGE_INVALID}

    def __init__(self, **kwargs):
        super().__init__(max_page=MAX_PER_PAGE, **kwargs)

    def clean(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return DEFAULT_PER_PAGE
        return super().clean(value)


class UnitParam(forms.Field):
    """A unit's id: digits (whether the unit exists and is public is the query's business)."""

    empty_value = None
    default_error_messages = {"invalid": UNIT_INVALID}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        if not (value.isascii() and value.isdigit()) or len(value) > 9:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"value": _shown(value)})
        return int(value)


def kinds():
    return {kind.value: kind for kind in UnitKind}


def statuses():
    return {status.value: status for status in UnitStatus}


class UnitListParams(ParamsForm):
    type = ChoiceParam(kinds)
    status = ChoiceParam(statuses)
    region = ChoiceParam({}, error_messages={"unknown": REGION_UNKNOWN})
    page = PageParam()
    per_page = PerPageParam()

    def __init__(self, params, region_slugs):
        super().__init__(params)
        self.fields["region"].choices_source = {slug: slug for slug in region_slugs}


class ActivityListParams(ParamsForm):
    year = YearParam()
    enhet = UnitParam()
    page = PageParam()
    per_page = PerPageParam()
