"""The reporting page's archive filter, read from the query string."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from organisations.models import Region
from registers.models import FIRST_YEAR, LAST_YEAR


@dataclass
class ArchiveFilter:
    """The year and region chosen in the address, with a message for each value that is not valid."""

    year: int | None = None
    region: Region | None = None
    errors: list = field(default_factory=list)

    @classmethod
    def from_params(cls, params, regions):
        result = cls()
        year = (params.get("year") or "").strip()
        if year:
            if year.isdigit() and len(year) == 4 and FIRST_YEAR <= int(year) <= LAST_YEAR:
                result.year = int(year)
            else:
                result.errors.append(
                    _("“%(value)s” is not a valid year. Choose a year from the list.") % {"value": year[:20]}
                )
        slug = (params.get("region") or "").strip()
        if slug:
            result.region = next((r for r in regions if r.slug == slug), None)
            if result.region is None:
                result.errors.append(
                    _("We do not know the region “%(value)s”. Choose a region from the list.") % {"value": slug[:40]}
                )
        return result

    @property
    def querystring(self):
        parts = []
        if self.year:
            parts.append(f"year={self.year}")
        if self.region:
            parts.append(f"region={self.region.slug}")
        return "&".join(parts)
