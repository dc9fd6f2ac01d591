"""A complete site whose size can be turned up, for query budgets and cache behaviour."""

import datetime

import pytest
from django.utils import timezone

from cms.core.models import SiteContactSettings
from registers.factories import ActivityFiguresFactory, RegionPopulationFactory
from servicepages.models import QualityTool, UnitSite
from tests import factories
from tests.registers.factories import AnnualReportFactory

#: The years of population figures (every region) and the first year of the units' activity figures.
POPULATION_YEARS = range(2010, 2026)
FIRST_ACTIVITY_YEAR = 2011


class GrowingSite:
    """Every public page type once; ``grow()`` adds listed, related and revised items to all of them."""

    def __init__(self, home_page, region_pages, regions):
        self.regions = regions
        self.region_pages = list(region_pages.values())
        self.trusts = [region.health_trusts.get() for region in regions.values()]
        self.contact = factories.ContactPersonFactory(health_trust=self.trusts[1], region=regions["helse-vest"])
        self.fields = []
        self.units = []
        self.rounds = 0
        self.related = {}  # unit pk -> how many related items (sites, tools, figures, reports) it has
        for region in regions.values():
            for year in POPULATION_YEARS:
                RegionPopulationFactory(region=region, year=year, population=1_000_000 + 1000 * year)
        self.pages = {
            "home": home_page,
            "region": region_pages["helse-vest"],
            "service_index": region_pages["helse-vest"].get_parent().specific,
            "standard": factories.StandardPageFactory(parent=home_page, title="Om servicemiljøet"),
            "reporting": factories.ReportingPageFactory(parent=home_page),
            "application": factories.ApplicationPageFactory(parent=home_page),
            "group_index": factories.ReferenceGroupIndexPageFactory(parent=home_page),
            "event_index": factories.EventIndexPageFactory(parent=home_page),
        }
        # The footer links the privacy notice and the accessibility statement, as on the real site.
        SiteContactSettings.objects.update(
            privacy_page=self.pages["standard"], accessibility_page=self.pages["application"]
        )

    def add_related(self, page, count):
        """Give the unit ``count`` more sites, quality tools, years of activity figures and annual reports, and
        publish it (the sites and tools are part of the page)."""
        start = self.related.get(page.pk, 0)
        trusts = list(page.host_trusts.all())
        for number in range(start, start + count):
            trust = trusts[number % len(trusts)]
            page.sites.add(
                UnitSite(
                    health_trust=trust,
                    department=f"Avdeling {number}",
                    phone="55 00 00 00",
                    email=f"avdeling{number}@example.no",
                    contact=self.contact if number % 2 else None,
                    sort_order=number,
                )
            )
            page.quality_tool_items.add(QualityTool(name=f"Register {number}", sort_order=number))
            year = FIRST_ACTIVITY_YEAR + number
            ActivityFiguresFactory(
                unit=page, year=year, south_east=300 + number, west=200, central=80, north=10, unknown=3
            )
            AnnualReportFactory(unit=page, year=year, assessing_region=self.regions["helse-nord"])
        self.related[page.pk] = start + count
        page.save_revision().publish()

    def grow(self, units_per_kind, revisions):
        """Add ``units_per_kind`` services, networks and centres (each with ``revisions`` published
        revisions, a reference group, medical fields, sites, quality tools, activity figures and annual
        reports), two events, and ``units_per_kind`` more sites, tools, figures, reports and successors to the
        measured unit pages."""
        self.rounds += 1
        r = self.rounds
        self.fields.append(factories.MedicalFieldFactory(name=f"Fagområde {r}"))
        now = timezone.now()
        kinds = (
            ("service", factories.ServicePageFactory),
            ("network", factories.NetworkPageFactory),
            ("centre", factories.CentrePageFactory),
        )
        for kind, _factory in kinds:
            if kind in self.pages:
                self.add_related(self.pages[kind], units_per_kind)
                factories.ReferenceGroupPageFactory(
                    parent=self.pages["group_index"],
                    title=f"Referansegruppe {r} for {self.pages[kind].title}",
                    unit=self.pages[kind],
                    chair_region=self.regions["helse-nord"],
                )
        for i in range(units_per_kind):
            for kind, factory in kinds:
                # the measured unit pages gain successors as the site grows
                measured = self.pages.get(kind) if i % 2 else None
                page = factory(
                    parent=self.region_pages[(i + r) % 4],
                    title=f"{kind.title()} {r}-{i}",
                    host_trusts=self.trusts[: 1 + (r + i) % 3],
                    medical_fields=self.fields,
                    contact=self.contact,
                    predecessor=measured or (self.units[-1] if self.units else None),
                    established=datetime.date(2020, 1, 1),
                )
                self.add_related(page, 1)
                for revision in range(revisions):
                    page.introduction = f"Revisjon {revision}"
                    page.save_revision().publish()
                factories.ReferenceGroupPageFactory(
                    parent=self.pages["group_index"],
                    title=f"Referansegruppe for {page.title}",
                    unit=page,
                    chair_region=self.regions["helse-nord"],
                )
                self.units.append(page)
                self.pages.setdefault(kind, page)
        for days in (r, -10 * r):
            event = factories.EventPageFactory(
                parent=self.pages["event_index"],
                title=f"Arrangement {r} {days}",
                start=now + datetime.timedelta(days=days),
            )
            if days > 0:
                self.pages.setdefault("event", event)
        self.pages.setdefault("group", self.pages["group_index"].get_children().first().specific)
        return self


@pytest.fixture
def growing_site(home_page, region_pages, regions):
    return GrowingSite(home_page, region_pages, regions)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """The page cache is off in the test settings for other apps' tests; these tests are about it."""
    settings.PAGECACHE_ENABLED = True


@pytest.fixture(autouse=True)
def site_settings(db):
    """Create the footer's settings row up front; otherwise the first page view creates it (a write, which
    rightly invalidates the page cache) and every test would start with an extra miss."""
    from wagtail.models import Site

    from cms.core.models import SiteContactSettings

    for site in Site.objects.all():
        SiteContactSettings.for_site(site)
