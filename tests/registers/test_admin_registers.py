"""The annual-report and application registers in the admin: region isolation, forms, filters and export."""

import csv
import io

import pytest
from django.urls import reverse

from registers.models import AssessmentStatus

from .factories import AnnualReportFactory

INDEX = "registers_annualreport_modeladmin_index"


def url(action, *args):
    return reverse(f"registers_annualreport_modeladmin_{action}", args=args)


@pytest.fixture
def reports(units, regions):
    return {
        slug: AnnualReportFactory(unit=unit, assessing_region=regions[slug], year=2024) for slug, unit in units.items()
    }


def assert_denied(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard and a message."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url == reverse("wagtailadmin_home")


def report_form_data(report, **changes):
    data = {
        "unit": report.unit_id,
        "year": report.year,
        "submitted": report.submitted.isoformat() if report.submitted else "",
        "erapport_url": report.erapport_url,
        "reference_group_approved": "",
        "reference_group_assessment": report.reference_group_assessment,
        "assessing_region": report.assessing_region_id,
        "status": report.status,
        "follow_up_needs": report.follow_up_needs,
    }
    data.update(changes)
    return data


def test_moderator_lists_only_own_region(client, vest_moderator, reports):
    client.force_login(vest_moderator)
    response = client.get(reverse(INDEX))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nasjonal tjeneste i Helse Vest" in content
    assert "Nasjonal tjeneste i Helse Nord" not in content


def test_moderator_cannot_open_or_change_other_region(client, vest_moderator, reports):
    client.force_login(vest_moderator)
    other = reports["helse-nord"]
    assert_denied(client.get(url("inspect", other.pk)))
    assert_denied(client.get(url("edit", other.pk)))
    assert_denied(client.get(url("delete", other.pk)))
    assert_denied(client.post(url("edit", other.pk), report_form_data(other, status=AssessmentStatus.CLOSED)))
    other.refresh_from_db()
    assert other.status == AssessmentStatus.RECEIVED


def test_moderator_cannot_move_record_to_other_region(client, vest_moderator, reports, regions):
    client.force_login(vest_moderator)
    own = reports["helse-vest"]
    response = client.post(url("edit", own.pk), report_form_data(own, assessing_region=regions["helse-nord"].pk))
    assert response.status_code == 200  # form shown again with an error
    own.refresh_from_db()
    assert own.assessing_region == regions["helse-vest"]


def test_moderator_marks_follow_up_and_history_shows_name(client, vest_moderator, reports):
    client.force_login(vest_moderator)
    own = reports["helse-vest"]
    response = client.post(
        url("edit", own.pk),
        report_form_data(own, status=AssessmentStatus.FOLLOW_UP, follow_up_needs="Mangler måltall for ventetid."),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    own.refresh_from_db()
    assert own.status == AssessmentStatus.FOLLOW_UP
    latest = own.history.first()
    assert latest.history_user == vest_moderator
    inspect = client.get(url("inspect", own.pk)).content.decode()
    assert "Vera Vestmo" in inspect
    assert "Oppfølging trengs" in inspect


def test_user_without_group_has_no_access(client, editor, reports):
    client.force_login(editor)
    assert_denied(client.get(reverse(INDEX)))
    assert_denied(client.get(url("inspect", reports["helse-vest"].pk)))


def test_national_group_sees_all(client, national_user, reports):
    client.force_login(national_user)
    content = client.get(reverse(INDEX)).content.decode()
    for report in reports.values():
        assert report.unit_name in content


def test_bad_filter_value_gives_message_not_500(client, national_user, reports):
    client.force_login(national_user)
    response = client.get(reverse(INDEX), {"assessing_region__id__exact": "abc"}, follow=True)
    assert response.status_code == 200
    assert "ikke gyldig" in response.content.decode()


def test_csv_export_matches_filtered_list(client, national_user, reports, regions):
    client.force_login(national_user)
    params = {"assessing_region__id__exact": regions["helse-vest"].pk}
    listing = client.get(reverse(INDEX), params).content.decode()
    response = client.get(reverse(INDEX), {**params, "export": "csv"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row["Tjeneste, nettverk eller senter"] for row in rows] == ["Nasjonal tjeneste i Helse Vest"]
    assert rows[0]["Status"] == "Mottatt"
    assert "Nasjonal tjeneste i Helse Vest" in listing and "Nasjonal tjeneste i Helse Sør-Øst" not in listing
