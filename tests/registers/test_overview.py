"""The reporting overview: counts per region, units not reported, and the CSV summary."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from registers.access import RegionScope
from registers.models import AssessmentStatus
from registers.views import build_overview
from tests.factories import ServicePageFactory

from .factories import AnnualReportFactory

OVERVIEW = "registers_overview"


@pytest.fixture
def year_2023(units, regions, region_pages):
    """Reports for 2023 in three regions; Helse Midt-Norge's service has not reported."""
    vest_second = ServicePageFactory(
        parent=region_pages["helse-vest"],
        title="Andre tjeneste i Helse Vest",
        host_trusts=[regions["helse-vest"].health_trusts.first()],
    )
    AnnualReportFactory(
        unit=units["helse-vest"],
        assessing_region=regions["helse-vest"],
        year=2023,
        status=AssessmentStatus.FOLLOW_UP,
        follow_up_needs="Avklare finansiering.",
    )
    AnnualReportFactory(
        unit=vest_second, assessing_region=regions["helse-vest"], year=2023, status=AssessmentStatus.ASSESSED
    )
    AnnualReportFactory(
        unit=units["helse-sor-ost"],
        assessing_region=regions["helse-sor-ost"],
        year=2023,
        status=AssessmentStatus.UNDER_ASSESSMENT,
    )
    AnnualReportFactory(
        unit=units["helse-nord"],
        assessing_region=regions["helse-nord"],
        year=2023,
        status=AssessmentStatus.NOT_RECEIVED,
        submitted=None,
    )
    return 2023


def counts(response, region):
    content = response.content.decode()
    start = content.index(f'data-region="{region}"')
    row = content[start : content.index("</tr>", start)]
    return {
        key: int(row.split(f'data-count="{key}">')[1].split("<")[0])
        for key in ("records", "received", "assessed", "follow_up", "missing")
    }


def test_overview_counts_match_records(year_2023):
    data = build_overview(year_2023, RegionScope(all_regions=True), today=datetime.date(2024, 3, 1))
    rows = {row["region"].slug: row for row in data["rows"]}
    assert (rows["helse-vest"]["received"], rows["helse-vest"]["assessed"], rows["helse-vest"]["follow_up"]) == (
        2,
        2,
        1,
    )
    assert (rows["helse-sor-ost"]["received"], rows["helse-sor-ost"]["assessed"]) == (1, 0)
    assert rows["helse-nord"]["records"] == 1 and rows["helse-nord"]["received"] == 0
    assert sorted(u.title for u in data["missing"]) == [
        "Nasjonal tjeneste i Helse Midt-Norge",
        "Nasjonal tjeneste i Helse Nord",
    ]
    assert data["deadline"] == datetime.date(2024, 2, 10) and data["deadline_passed"]
    assert data["totals"]["received"] == 3 and data["totals"]["missing"] == 2


def test_overview_view_for_national_user(client, national_user, year_2023):
    client.force_login(national_user)
    response = client.get(reverse(OVERVIEW), {"year": "2023"})
    assert response.status_code == 200
    assert counts(response, "helse-vest") == {"records": 2, "received": 2, "assessed": 2, "follow_up": 1, "missing": 0}
    assert counts(response, "helse-midt-norge")["missing"] == 1
    content = response.content.decode()
    assert "Ikke rapportert etter fristen" in content
    assert "Nasjonal tjeneste i Helse Midt-Norge" in content


def test_overview_is_limited_for_regional_moderator(client, vest_moderator, year_2023):
    client.force_login(vest_moderator)
    response = client.get(reverse(OVERVIEW), {"year": "2023"})
    assert 'data-region="helse-vest"' in response.content.decode()
    assert 'data-region="helse-nord"' not in response.content.decode()


def test_overview_counts_follow_up_after_moderator_change(client, vest_moderator, units, regions):
    report = AnnualReportFactory(unit=units["helse-vest"], assessing_region=regions["helse-vest"], year=2024)
    client.force_login(vest_moderator)
    assert counts(client.get(reverse(OVERVIEW), {"year": "2024"}), "helse-vest")["follow_up"] == 0
    data = {
        "unit": report.unit_id,
        "year": 2024,
        "submitted": "2025-02-03",
        "erapport_url": report.erapport_url,
        "reference_group_approved": "True",
        "reference_group_assessment": "Godkjent.",
        "assessing_region": regions["helse-vest"].pk,
        "status": "follow_up",
        "follow_up_needs": "Følge opp ventetider.",
    }
    response = client.post(reverse("registers_annualreport_modeladmin_edit", args=[report.pk]), data)
    assert response.status_code == 302
    assert counts(client.get(reverse(OVERVIEW), {"year": "2024"}), "helse-vest")["follow_up"] == 1


def test_overview_csv_summary(client, national_user, year_2023):
    client.force_login(national_user)
    response = client.get(reverse(OVERVIEW), {"year": "2023", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    by_unit = {row["Tjeneste, nettverk eller senter"]: row for row in rows}
    assert by_unit["Nasjonal tjeneste i Helse Vest"]["Status"] == "Oppfølging trengs"
    assert by_unit["Nasjonal tjeneste i Helse Vest"]["Oppfølgingsbehov"] == "Avklare finansiering."
    assert by_unit["Nasjonal tjeneste i Helse Midt-Norge"]["Status"] == "Ikke rapportert"
    assert len(rows) == 5


@pytest.mark.parametrize("value", ["abc", "20x4", "1899", "3000", "2024.5"])
def test_overview_rejects_bad_years(client, national_user, value):
    client.force_login(national_user)
    response = client.get(reverse(OVERVIEW), {"year": value})
    assert response.status_code == 400
    content = response.content.decode()
    assert "år" in content and ("fire sifre" in content or "mellom" in content)


def test_overview_needs_register_access(client, editor):
    client.force_login(editor)
    response = client.get(reverse(OVERVIEW))
    assert response.status_code in (302, 403)
