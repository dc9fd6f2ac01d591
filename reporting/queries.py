"""The public archive of annual reports on the reporting page, grouped by year and region."""

from organisations.models import Region
from registers.models import RECEIVED_STATUSES, AnnualReport


def public_reports():
    """Reports that are received and have a link to eRapport: the ones visitors can read."""
    return (
        AnnualReport.objects.filter(status__in=RECEIVED_STATUSES)
        .exclude(erapport_url="")
        .select_related("assessing_region", "unit")
        .order_by("-year", "assessing_region__sort_order", "assessing_region__name", "unit_name")
    )


def regions():
    return list(Region.objects.all())


def archive(year=None, region=None):
    """The public reports (of ``year`` and ``region`` when given) grouped by year and then by region, and
    every year that has public reports (the filter's choices): ``(grouped, years)``."""
    reports = public_reports()
    years = sorted(set(reports.values_list("year", flat=True)), reverse=True)
    if year:
        reports = reports.filter(year=year)
    if region:
        reports = reports.filter(assessing_region=region)
    grouped = []
    for report in reports:
        if not grouped or grouped[-1]["year"] != report.year:
            grouped.append({"year": report.year, "regions": []})
        year_regions = grouped[-1]["regions"]
        if not year_regions or year_regions[-1]["region"] != report.assessing_region:
            year_regions.append({"region": report.assessing_region, "reports": []})
        year_regions[-1]["reports"].append(report)
    return grouped, years
