"""The public reporting page: rules, deadline and the archive of annual reports by year and region."""

import pytest

from registers.models import AssessmentStatus
from tests.factories import ReportingPageFactory

from .factories import AnnualReportFactory


@pytest.fixture
def reporting_page(home_page):
    return ReportingPageFactory(parent=home_page, erapport_url="https://forskningsprosjekter.ihelse.net/")


@pytest.fixture
def archive(units, regions):
    return [
        AnnualReportFactory(
            unit=units["helse-vest"],
            assessing_region=regions["helse-vest"],
            year=2023,
            erapport_url="https://forskningsprosjekter.ihelse.net/senter/rapport/NK-HB10/2023",
        ),
        AnnualReportFactory(
            unit=units["helse-vest"],
            assessing_region=regions["helse-vest"],
            year=2024,
            erapport_url="https://forskningsprosjekter.ihelse.net/senter/rapport/NK-HB10/2024",
        ),
        AnnualReportFactory(
            unit=units["helse-nord"],
            assessing_region=regions["helse-nord"],
            year=2024,
            erapport_url="https://forskningsprosjekter.ihelse.net/senter/rapport/NK-UNN/2024",
        ),
        # not received yet: not public
        AnnualReportFactory(
            unit=units["helse-midt-norge"],
            assessing_region=regions["helse-midt-norge"],
            year=2024,
            status=AssessmentStatus.NOT_RECEIVED,
            submitted=None,
            erapport_url="https://forskningsprosjekter.ihelse.net/senter/rapport/NB-HMN-01/2024",
        ),
    ]


def test_archive_lists_received_reports_by_year_and_region(client, reporting_page, archive):
    response = client.get(reporting_page.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Frist for årsrapporter" in content and "10. februar" in content
    assert "NK-HB10/2023" in content and "NK-HB10/2024" in content and "NK-UNN/2024" in content
    assert "NB-HMN-01" not in content
    assert content.index("Årsrapporter for 2024") < content.index("Årsrapporter for 2023")


def test_archive_filters_by_year_and_region(client, reporting_page, archive):
    content = client.get(reporting_page.url, {"year": "2024", "region": "helse-vest"}).content.decode()
    assert "NK-HB10/2024" in content
    assert "NK-HB10/2023" not in content and "NK-UNN/2024" not in content


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "tjue"}, "er ikke et gyldig år"),
        ({"year": "20245"}, "er ikke et gyldig år"),
        ({"region": "helse-atlantis"}, "Vi kjenner ikke regionen"),
    ],
)
def test_archive_bad_filters_give_norwegian_message_and_400(client, reporting_page, archive, params, message):
    response = client.get(reporting_page.url, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_reporting_page_without_reports(client, reporting_page):
    response = client.get(reporting_page.url)
    assert response.status_code == 200
    assert "Ingen årsrapporter" in response.content.decode()


def test_archive_query_count_does_not_grow_with_reports(
    client, reporting_page, archive, units, regions, django_assert_max_num_queries
):
    client.get(reporting_page.url)  # warm the site root cache
    with django_assert_max_num_queries(20):
        response = client.get(reporting_page.url)
    assert response.status_code == 200
    for year in range(2010, 2020):
        AnnualReportFactory(unit=units["helse-sor-ost"], assessing_region=regions["helse-sor-ost"], year=year)
    with django_assert_max_num_queries(20):
        response = client.get(reporting_page.url)
    assert response.content.decode().count("senter/rapport/") == 13
