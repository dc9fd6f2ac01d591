"""Register history with django-simple-history: users, readable changes, "as of" and deleted records."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from registers.history import describe_history
from registers.models import AnnualReport, AssessmentStatus

from .factories import AnnualReportFactory, ApplicationFactory


def backdate(record, when):
    """Move the newest history row of `record` to `when`, as if the change was made then."""
    latest = record.history.first()
    latest.history_date = when
    latest.save()


@pytest.fixture
def report(units, regions):
    return AnnualReportFactory(unit=units["helse-vest"], assessing_region=regions["helse-vest"], year=2024)


def edit_url(pk):
    return reverse("registers_annualreport_modeladmin_edit", args=[pk])


def form_data(report, **changes):
    data = {
        "unit": report.unit_id,
        "year": report.year,
        "submitted": report.submitted.isoformat() if report.submitted else "",
        "erapport_url": report.erapport_url,
        "reference_group_approved": "",
        "reference_group_assessment": "",
        "assessing_region": report.assessing_region_id,
        "status": report.status,
        "follow_up_needs": "",
    }
    data.update(changes)
    return data


def test_history_rows_carry_the_user_who_changed_the_record(client, vest_moderator, national_user, report):
    client.force_login(vest_moderator)
    client.post(edit_url(report.pk), form_data(report, status=AssessmentStatus.UNDER_ASSESSMENT))
    client.force_login(national_user)
    client.post(edit_url(report.pk), form_data(report, status=AssessmentStatus.ASSESSED))
    users = [h.history_user for h in report.history.order_by("history_date")]
    assert users == [None, vest_moderator, national_user]  # created by the factory outside a request
    assert [h.status for h in report.history.order_by("history_date")] == ["received", "under_assessment", "assessed"]


def test_readable_change_list(vest_moderator, report):
    report.status = AssessmentStatus.FOLLOW_UP
    report.follow_up_needs = "Referansegruppen har ikke møttes."
    report._history_user = vest_moderator
    report.save()
    newest = describe_history(report.history.all())[0]
    assert newest["user"] == vest_moderator
    changes = {str(label): (old, new) for label, old, new in newest["changes"]}
    assert changes["status"] == ("Mottatt", "Oppfølging trengs")
    assert changes["oppfølgingsbehov"] == ("–", "Referansegruppen har ikke møttes.")
    assert "innsendt" not in changes  # unchanged fields are not listed


def test_as_of_returns_the_past_state(report):
    yesterday = timezone.now() - datetime.timedelta(days=1)
    backdate(report, yesterday - datetime.timedelta(days=1))
    report.status = AssessmentStatus.FOLLOW_UP
    report.follow_up_needs = "Mangler rapport på måltall."
    report.save()
    past = AnnualReport.history.as_of(yesterday).get(pk=report.pk)
    assert past.status == AssessmentStatus.RECEIVED
    assert AnnualReport.history.as_of(timezone.now()).get(pk=report.pk).status == AssessmentStatus.FOLLOW_UP


def test_as_of_view_shows_register_as_it_stood(client, vest_moderator, report):
    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    backdate(report, two_days_ago)
    report.status = AssessmentStatus.FOLLOW_UP
    report.follow_up_needs = "Mangler rapport på måltall."
    report.save()
    client.force_login(vest_moderator)
    url = reverse("registers_as_of", args=["annualreport"])
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    old = client.get(url, {"date": yesterday}).content.decode()
    assert "Nasjonal tjeneste i Helse Vest" in old
    assert "Mottatt" in old and "Oppfølging trengs" not in old
    now = client.get(url).content.decode()
    assert "Oppfølging trengs" in now
    before = (timezone.localdate() - datetime.timedelta(days=3)).strftime("%d.%m.%Y")
    assert "Nasjonal tjeneste i Helse Vest" not in client.get(url, {"date": before}).content.decode()


def test_as_of_view_is_limited_to_own_region(client, nord_moderator, report):
    client.force_login(nord_moderator)
    response = client.get(reverse("registers_as_of", args=["annualreport"]))
    assert response.status_code == 200
    assert "Nasjonal tjeneste i Helse Vest" not in response.content.decode()


@pytest.mark.parametrize("value", ["i går", "2024-13-01", "31.02.2024", "1999-01-01", "2024-01-01T00:00"])
def test_as_of_view_rejects_malformed_dates(client, vest_moderator, value):
    client.force_login(vest_moderator)
    response = client.get(reverse("registers_as_of", args=["annualreport"]), {"date": value})
    assert response.status_code == 400
    assert "er ikke en gyldig dato" in response.content.decode()


def test_as_of_view_rejects_future_dates(client, vest_moderator):
    client.force_login(vest_moderator)
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client.get(reverse("registers_as_of", args=["annualreport"]), {"date": future})
    assert response.status_code == 400
    assert "fram i tid" in response.content.decode()


def test_unknown_register_is_404(client, national_user):
    client.force_login(national_user)
    assert client.get(reverse("registers_as_of", args=["nothing"])).status_code == 404


def test_deleted_record_is_kept_in_history(client, national_user, report):
    pk = report.pk
    client.force_login(national_user)
    response = client.post(reverse("registers_annualreport_modeladmin_delete", args=[pk]))
    assert response.status_code == 302
    assert not AnnualReport.objects.filter(pk=pk).exists()
    deleted = AnnualReport.history.filter(id=pk, history_type="-").get()
    assert deleted.history_user == national_user
    assert deleted.unit_name == "Nasjonal tjeneste i Helse Vest"
    log = client.get(reverse("registers_changes", args=["annualreport"]), {"type": "deleted"}).content.decode()
    assert "Nasjonal tjeneste i Helse Vest – 2024" in log and "Nina Nasjonal" in log


def test_regional_moderator_cannot_delete(client, vest_moderator, report):
    client.force_login(vest_moderator)
    client.post(reverse("registers_annualreport_modeladmin_delete", args=[report.pk]))
    assert AnnualReport.objects.filter(pk=report.pk).exists()


def test_application_history_and_inspect(client, national_user, regions):
    application = ApplicationFactory(applying_region=regions["helse-vest"], title="Nasjonal behandlingstjeneste for X")
    application.stage = "regional_prioritisation"
    application._history_user = national_user
    application.save()
    client.force_login(national_user)
    response = client.get(reverse("registers_application_modeladmin_inspect", args=[application.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Mottatt → Regional prioritering" in content
    assert "Nina Nasjonal" in content
