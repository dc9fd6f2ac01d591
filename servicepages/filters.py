"""The service index's filters, read from the query string with a form (``cms.core.params``)."""

from urllib.parse import urlencode

from django.db.models import Q

from cms.core.params import ChoiceParam, ParamsForm, TextParam

from . import queries
from .choices import UnitKind, UnitStatus


class ServiceFilterForm(ParamsForm):
    q = TextParam(max_length=200)
    type = ChoiceParam(dict(UnitKind.choices))
    status = ChoiceParam(dict(UnitStatus.choices))
    region = ChoiceParam(queries.regions_by_slug)
    field = ChoiceParam(queries.medical_fields_by_slug)


class ServiceFilter:
    """The service index's filters. A value that is not valid is ignored and reported (``errors``), never
    raised: the listing shows everything else, with a notice."""

    #: The query parameters the filter reads (and the service index, with its page number).
    parameters = tuple(ServiceFilterForm.base_fields)

    def __init__(self, params):
        self.form = ServiceFilterForm(params)
        self.errors = self.form.invalid
        self.query = self.form.value("q")
        self.kind = self.form.value("type")
        self.status = self.form.value("status")
        self.region = self.form.value("region")
        self.field = self.form.value("field")
        self.regions = queries.regions_by_slug()
        self.fields = queries.medical_fields_by_slug()

    @property
    def querystring(self):
        """The chosen, valid filters as a query string (for pagination links): nothing the filter ignored."""
        return urlencode([(name, self.form.value(name)) for name in self.parameters if self.form.value(name)])

    @property
    def is_active(self):
        return bool(self.kind or self.status or self.region or self.field or self.query)

    def apply(self, units):
        """``units`` (a ``NationalUnitPage`` queryset) limited to the chosen filters."""
        if self.kind:
            units = units.filter(kind=self.kind)
        if self.status:
            units = units.filter(status=self.status)
        if self.region:
            units = units.hosted_by(region__slug=self.region)
        if self.field:
            units = units.in_medical_field(self.field)
        if self.query:
            units = units.filter(
                Q(title__icontains=self.query)
                | Q(abbreviation__icontains=self.query)
                | Q(former_names__icontains=self.query)
            )
        return units
