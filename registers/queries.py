"""The registers' public reads: a unit's activity figures (with the populations of their years), its annual
reports (with the reporting archive's address), and the population table (kept by the page cache: the open data
repeats it)."""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import OuterRef, Subquery
from django.db.models.functions import JSONObject
from wagtail.models import Page

from cms.core.prepared import PreparedQuery
from pagecache.cache import memoized
from pagecache.queries import public, restricted_sections

from .models import HOME_REGION_FIELDS, RECEIVED_STATUSES, ActivityFigures, AnnualReport, RegionPopulation


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


def _population_of(slug):
    """The population record of the region ``slug`` in the year of the outer row, as one JSON value."""
    record = JSONObject(population="population", is_demo="is_demo", source="source", source_url="source_url")
    rows = RegionPopulation.objects.filter(region__slug=slug, year=OuterRef("year")).order_by()
    return Subquery(rows.values(record=record)[:1])


def _figures_query(unit_id):
    return (
        ActivityFigures.objects.filter(unit_id=unit_id)
        .select_related("site")
        .annotate(**{f"population_{name}": _population_of(slug) for name, slug, _column in HOME_REGION_FIELDS})
        .order_by("year", "site__name")
    )


#: The SQL of ``unit_figures`` and ``public_unit_reports`` is built once per process (``cms.core.prepared``): it
#: was most of their cost.
UNIT_FIGURES = PreparedQuery(_figures_query)


def unit_figures(unit_id):
    """Every activity figure set of the unit, with the site's name, and the population of every home region in
    the figures' years, in one query: ``(figures, {(region slug, year): Population})``, the populations as
    ``populations()`` gives them (for the years with figures)."""
    figures = UNIT_FIGURES.run(unit_id=unit_id)
    people = {}
    for figure in figures:
        for name, slug, _column in HOME_REGION_FIELDS:
            record = getattr(figure, f"population_{name}")
            if record:
                people[(slug, figure.year)] = Population(
                    record["population"], bool(record["is_demo"]), record["source"], record["source_url"]
                )
    return figures, people


def _reports_query(sections, unit_id):
    reporting_pages = Page.objects.live().filter(
        content_type__app_label="reporting", content_type__model="reportingpage"
    )
    archive = public(reporting_pages, sections).order_by("path").values(page=JSONObject(id="id", url_path="url_path"))
    return (
        AnnualReport.objects.filter(unit_id=unit_id, status__in=RECEIVED_STATUSES)
        .exclude(erapport_url="")
        .annotate(archive=Subquery(archive[:1]))
        .only("year", "erapport_url", "unit_id")
        .order_by("-year")
    )


UNIT_REPORTS = PreparedQuery(_reports_query)


def public_unit_reports(unit_id, site_root_paths=None):
    """The unit's received annual reports that have an eRapport link, newest first, and the address of the live,
    public reporting page (its archive of annual reports) or "", in one query: ``(reports, archive_url)``.
    ``site_root_paths``: Wagtail's, if the caller has them (a page's ``_wagtail_cached_site_root_paths``), so the
    address costs no cache read.

    The reporting app sits above this one, so its page type is named, not imported."""
    reports = UNIT_REPORTS.run(tuple(restricted_sections()), unit_id=unit_id)
    archive = reports[0].archive if reports else None
    if not archive:
        return reports, ""
    # The page as ``Page.objects.only("url_path")`` loads it: enough for Wagtail to give its URL.
    page = Page.from_db(DEFAULT_DB_ALIAS, ["id", "url_path"], [archive["id"], archive["url_path"]])
    if site_root_paths is not None:
        page._wagtail_cached_site_root_paths = site_root_paths
    return reports, page.get_url() or ""
