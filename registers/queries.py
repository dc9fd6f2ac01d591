"""The registers' public reads: a unit's activity figures and annual reports, the population table and the
reporting archive's address (the last two kept by the page cache: every unit page repeats them)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from pagecache.cache import memoized

from .models import RECEIVED_STATUSES, ActivityFigures, AnnualReport, RegionPopulation


class Population:
    """A population record as the rate computation reads it (kept in the cache, so a plain object)."""

    __slots__ = ("population", "is_demo", "source", "source_url")

    def __init__(self, population, is_demo, source, source_url):
        self.population = population
        self.is_demo = is_demo
        self.source = source
        self.source_url = source_url

    def __getstate__(self):
        return (self.population, self.is_demo, self.source, self.source_url)

    def __setstate__(self, state):
        self.population, self.is_demo, self.source, self.source_url = state


@memoized("registers-populations")
def populations():
    """{(region slug, year): Population} for every year: one query, kept until the site changes."""
    rows = RegionPopulation.objects.values_list("region__slug", "year", "population", "is_demo", "source", "source_url")
    return {(slug, year): Population(n, demo, source, url) for slug, year, n, demo, source, url in rows}


@memoized("registers-reporting-archive-url")
def reporting_archive_url():
    """The address of the live reporting page (its archive of annual reports), or "" (one query, kept)."""
    content_type = ContentType.objects.get_by_natural_key("reporting", "reportingpage")
    page = Page.objects.live().public().filter(content_type=content_type).order_by("path").first()
    return (page.url or "") if page else ""


def unit_figures(unit_id):
    """Every activity figure set of the unit, with the site's name (one query)."""
    return list(ActivityFigures.objects.filter(unit_id=unit_id).select_related("site").order_by("year", "site__name"))


def public_unit_reports(unit_id):
    """The unit's received annual reports that have an eRapport link, newest first (one query)."""
    return list(
        AnnualReport.objects.filter(unit_id=unit_id, status__in=RECEIVED_STATUSES)
        .exclude(erapport_url="")
        .only("year", "erapport_url", "unit_id")
        .order_by("-year")
    )
