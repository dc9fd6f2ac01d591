"""The public archive of annual reports on the reporting page, filtered by year and region."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from organisations.models import Region
from registers.models import FIRST_YEAR, LAST_YEAR, RECEIVED_STATUSES, AnnualReport


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


def public_reports():
    """Reports that are received and have a link to eRapport: the ones visitors can read."""
    return (
        AnnualReport.objects.filter(status__in=RECEIVED_STATUSES)
        .exclude(erapport_url="")
        .select_related("assessing_region", "unit")
        .order_by("-year", "assessing_region__sort_order", "assessing_region__name", "unit_name")
    )


def build_archive(params):
    """The archive grouped by year and then by region, the filter, and the choices for the filter form."""
    regions = list(Region.objects.all())
    archive_filter = ArchiveFilter.from_params(params, regions)
    reports = public_reports()
    years = sorted(set(reports.values_list("year", flat=True)), reverse=True)
    if archive_filter.year:
        reports = reports.filter(year=archive_filter.year)
    if archive_filter.region:
        reports = reports.filter(assessing_region=archive_filter.region)

    grouped = []
    for report in reports:
        if not grouped or grouped[-1]["year"] != report.year:
            grouped.append({"year": report.year, "regions": []})
        year_regions = grouped[-1]["regions"]
        if not year_regions or year_regions[-1]["region"] != report.assessing_region:
            year_regions.append({"region": report.assessing_region, "reports": []})
        year_regions[-1]["reports"].append(report)
    return {
        "archive": grouped,
        "archive_filter": archive_filter,
        "archive_years": years,
        "archive_regions": regions,
    }
