"""The unit page's activity section ({% unit_activity page %}) and the "Likeverdig tilgang" overview."""

import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registers.factories import ActivityFiguresFactory
from registers.models import AssessmentStatus
from servicepages.choices import UnitKind
from tests.factories import ReportingPageFactory, ServicePageFactory
from tests.registers.factories import AnnualReportFactory

pytestmark = pytest.mark.django_db


def five_years(unit, **counts):
    for year in range(2020, 2025):
        ActivityFiguresFactory(unit=unit, year=year, **counts)


def test_unit_page_shows_chart_table_rates_csv_and_a_sentence_for_a_region_below(client, units, populations):
    unit = units["helse-vest"]
    # per 100 000: Sør-Øst 10, Vest 20, Midt 10, Nord 2; national 12.x, so Nord is below 75 % of it
    five_years(unit, south_east=300, west=200, central=80, north=10, unknown=7)
    html = client.get(unit.url).content.decode()
    section = html[html.index('id="sec-activity"') : html.index('id="sec-annual-reports"')]
    assert '<svg class="activity-chart__svg"' in section and 'role="img"' in section
    assert re.search(r'<title id="activity-chart-title">[^<]+</title>', section)
    assert "2024: 597 i alt" in section  # the text alternative has the numbers
    assert section.count("<table") == 2  # the counts and the rates
    assert '<th scope="row">2024</th><td class="numeric">300</td><td class="numeric">200</td>' in section
    assert "Ukjent eller utland" in section
    assert ">2,0</td>" in section and ">20,0</td>" in section
    assert "Helse Nord ligger klart under landsnivået" in section
    assert "75 prosent" in section
    assert "demotall" in section
    assert f"{reverse('opendata:activity_csv')}?enhet={unit.pk}" in section


def test_a_unit_without_figures_says_so(client, units):
    html = client.get(units["helse-nord"].url).content.decode()
    assert "Det er ikke registrert aktivitetstall for denne enheten ennå." in html


def test_a_multiregional_unit_shows_both_sites(client, region_pages, regions, populations):
    bergen, oslo = regions["helse-vest"].health_trusts.first(), regions["helse-sor-ost"].health_trusts.first()
    unit = ServicePageFactory(
        parent=region_pages["helse-vest"],
        title="Flerregional tjeneste",
        kind=UnitKind.MULTIREGIONAL,
        host_trusts=[bergen, oslo],
    )
    ActivityFiguresFactory(unit=unit, year=2024, site=bergen, west=30, reporting_region=regions["helse-vest"])
    ActivityFiguresFactory(unit=unit, year=2024, site=oslo, south_east=40, reporting_region=regions["helse-sor-ost"])
    html = client.get(unit.url).content.decode()
    assert "to steder" in html
    assert bergen.name in html and oslo.name in html
    assert html.count('class="ds-table activity-table"') == 4  # the sum, each site, the rates

    whole = ServicePageFactory(
        parent=region_pages["helse-vest"],
        title="Flerregional uten steder",
        kind=UnitKind.MULTIREGIONAL,
        host_trusts=[bergen, oslo],
    )
    ActivityFiguresFactory(unit=whole, year=2024, west=3)
    html = client.get(whole.url).content.decode()
    assert "summen for begge steder" in html and bergen.name in html and oslo.name in html


def test_annual_reports_link_to_erapport_and_to_the_archive_which_links_back(client, home_page, units, regions):
    unit = units["helse-vest"]
    reporting = ReportingPageFactory(parent=home_page)
    AnnualReportFactory(
        unit=unit, year=2024, assessing_region=regions["helse-vest"], erapport_url="https://e.example/2024"
    )
    AnnualReportFactory(
        unit=unit, year=2023, assessing_region=regions["helse-vest"], erapport_url="", status=AssessmentStatus.RECEIVED
    )
    html = client.get(unit.url).content.decode()
    section = html[html.index('id="sec-annual-reports"') :]
    assert 'href="https://e.example/2024">Årsrapport 2024</a>' in section
    assert "Årsrapport 2023" not in section  # no link to read
    assert f'href="{reporting.url}?year=2024#archive-2024"' in section
    archive = client.get(reporting.url, {"year": 2024}).content.decode()
    assert f'href="{unit.url}"' in archive


def test_the_section_costs_at_most_two_queries_on_a_warm_cache(units, populations, home_page, settings):
    settings.PAGECACHE_ENABLED = True
    unit = units["helse-vest"]
    five_years(unit, west=10)
    AnnualReportFactory(unit=unit, year=2024, assessing_region=unit.host_trusts.first().region)
    ReportingPageFactory(parent=home_page)
    template = Template("{% load activity %}{% unit_activity page %}")
    template.render(Context({"page": unit}))  # warms the populations and the archive address
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"page": unit}))
    assert "<table" in html and "Årsrapport 2024" in html
    assert len(queries) <= 2, [q["sql"] for q in queries.captured_queries]


def test_equal_access_compares_regional_rates_for_a_year(client, units, populations):
    ActivityFiguresFactory(unit=units["helse-vest"], year=2024, south_east=300, west=200, central=80, north=10)
    ActivityFiguresFactory(unit=units["helse-nord"], year=2024, south_east=30, west=10, central=8, north=50)
    ActivityFiguresFactory(unit=units["helse-nord"], year=2023, north=1)
    response = client.get(reverse("equal_access"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pasienter behandlet per 100 000 innbyggere, 2024" in html
    assert 'role="img"' in html and "<table" in html
    assert units["helse-vest"].title in html and units["helse-nord"].title in html
    html = client.get(reverse("equal_access"), {"year": 2023, "type": "behandlingstjeneste"}).content.decode()
    assert units["helse-nord"].title in html and units["helse-vest"].title not in html


@pytest.mark.parametrize("params", [{"year": "tjue"}, {"year": "1990"}, {"type": "sykehus"}, {"field": "ukjent"}])
def test_equal_access_bad_filter_values_answer_400_with_a_message(client, units, params):
    response = client.get(reverse("equal_access"), params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
