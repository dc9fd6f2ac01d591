"""The service index's filters, read from the query string."""

from urllib.parse import urlencode

from django.db.models import Q

from . import queries
from .choices import UnitKind, UnitStatus


class ServiceFilter:
    """Parses the service index's GET filters. Unknown values are reported, never raised."""

    #: The query parameters the filter reads (and the service index, with its page number).
    parameters = ("q", "type", "status", "region", "field")

    def __init__(self, params):
        self.errors = []
        self.kind = self._choice(params, "type", dict(UnitKind.choices))
        self.status = self._choice(params, "status", dict(UnitStatus.choices))
        self.regions = queries.regions_by_slug()
        self.fields = queries.medical_fields_by_slug()
        self.region = self._choice(params, "region", self.regions)
        self.field = self._choice(params, "field", self.fields)
        self.query = (params.get("q") or "").strip()[:200]

    def _choice(self, params, name, valid):
        value = (params.get(name) or "").strip()
        if not value:
            return ""
        if value not in valid:
            self.errors.append(name)
            return ""
        return value

    @property
    def querystring(self):
        """The chosen, valid filters as a query string (for pagination links): nothing the filter ignored."""
        values = {"q": self.query, "type": self.kind, "status": self.status, "region": self.region, "field": self.field}
        return urlencode([(name, values[name]) for name in self.parameters if values[name]])

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
