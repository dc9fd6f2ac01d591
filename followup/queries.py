"""What each region must follow up (issue 14 §5), computed from the units, their lifecycle and the registers:

* competence services whose term ends within 12 months (and units whose status contradicts their dates);
* networks due for evaluation (year six, this year or within 12 months);
* annual reports not received once the deadline (10 February) has passed;
* units missing required content ("Krav til innhold på nettsider", ``NationalUnitPage.get_required_content``).

One function, :func:`follow_ups`, feeds both the dashboard panel and the e-mail summary, so they agree.
A few queries per region, whatever the number of units (the region's units are few; rules run in Python).
"""

import datetime
from dataclasses import dataclass, field

from organisations.models import Region
from pagecache.queries import public
from registers.models import RECEIVED_STATUSES, AnnualReport, report_deadline
from servicepages.choices import ENDED_STATUSES, UnitKind
from servicepages.lifecycle import add_years, unit_problems
from servicepages.models import NationalUnitPage, QualityTool, UnitSite

HORIZON_MONTHS = 12


@dataclass
class RegionFollowUp:
    region: Region
    today: datetime.date
    report_year: int
    terms_ending: list = field(default_factory=list)  # [(unit, term end)]
    status_conflicts: list = field(default_factory=list)  # [(unit, [messages])]
    evaluations_due: list = field(default_factory=list)  # [(network, evaluation year)]
    reports_missing: list = field(default_factory=list)  # [unit]
    missing_content: list = field(default_factory=list)  # [(unit, [labels])]

    @property
    def deadline(self):
        return report_deadline(self.report_year)

    @property
    def count(self):
        return sum(
            len(items)
            for items in (
                self.terms_ending,
                self.status_conflicts,
                self.evaluations_due,
                self.reports_missing,
                self.missing_content,
            )
        )


def last_due_report_year(today):
    """The last reporting year whose deadline (10 February the year after) has passed on ``today``."""
    year = today.year - 1
    return year if today > report_deadline(year) else year - 1


def horizon(today):
    """Twelve months from ``today``."""
    return add_years(today, 1)


def region_units(region):
    """The region's live, public units that still run (not discontinued or continued elsewhere), specific,
    with what the rules read loaded: sites and quality tools (for the required content)."""
    return list(
        public(NationalUnitPage.objects.live())
        .hosted_by(region_id=region.pk)
        .exclude(status__in=ENDED_STATUSES)
        .order_by("title")
        .specific()
    )


def _load_inlines(units):
    """Fill ``site_list`` and ``tool_list`` of every unit in two queries (instead of two per unit)."""
    ids = [unit.pk for unit in units]
    sites, tools = {}, {}
    for site in UnitSite.objects.filter(page_id__in=ids).select_related("health_trust__region", "contact"):
        sites.setdefault(site.page_id, []).append(site)
    for tool in QualityTool.objects.filter(page_id__in=ids):
        tools.setdefault(tool.page_id, []).append(tool)
    for unit in units:
        unit.site_list = sites.get(unit.pk, [])
        unit.tool_list = tools.get(unit.pk, [])


def region_follow_up(region, today=None):
    today = today or datetime.date.today()
    result = RegionFollowUp(region=region, today=today, report_year=last_due_report_year(today))
    units = region_units(region)
    _load_inlines(units)
    until = horizon(today)
    received = set(
        AnnualReport.objects.filter(
            unit_id__in=[u.pk for u in units], year=result.report_year, status__in=RECEIVED_STATUSES
        ).values_list("unit_id", flat=True)
    )
    for unit in units:
        end = getattr(unit, "term_end", None) if unit.kind == UnitKind.COMPETENCE else None
        if end and today <= end <= until:
            result.terms_ending.append((unit, end))
        problems = unit_problems(unit, today)
        if problems:
            result.status_conflicts.append((unit, problems))
        evaluation = unit.evaluation_year if unit.kind == UnitKind.NETWORK else None
        if evaluation and today.year <= evaluation <= until.year:
            result.evaluations_due.append((unit, evaluation))
        if unit.pk not in received and (not unit.established or unit.established.year <= result.report_year):
            result.reports_missing.append(unit)
        missing = unit.get_missing_required_content()
        if missing:
            result.missing_content.append((unit, [str(label) for label in missing]))
    result.terms_ending.sort(key=lambda item: item[1])
    return result


def follow_ups(region_ids=None, today=None):
    """A :class:`RegionFollowUp` per region (``region_ids`` None: every region), in display order."""
    regions = Region.objects.order_by("sort_order", "name")
    if region_ids is not None:
        regions = regions.filter(pk__in=region_ids)
    return [region_follow_up(region, today) for region in regions]
