"""The anonymisation command removes personal data a configurable number of days after the event."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from events.models import Registration, RegistrationStatus
from tests.factories import EventPageFactory

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(event_index):
    now = timezone.now()

    def event(days_ago):
        end = now - datetime.timedelta(days=days_ago)
        return EventPageFactory(parent=event_index, start=end - datetime.timedelta(hours=4), end=end)

    return {"old": event(100), "recent": event(10), "future": event(-30)}


def test_registrations_are_anonymised_after_the_configured_days(events, region, settings, capsys):
    settings.EVENTS_ANONYMISE_AFTER_DAYS = 90
    old = RegistrationFactory(event=events["old"], region=region, diet="Glutenfri", accessibility="Rullestol")
    old_cancelled = RegistrationFactory(event=events["old"], status=RegistrationStatus.CANCELLED)
    recent = RegistrationFactory(event=events["recent"])
    future = RegistrationFactory(event=events["future"])

    call_command("anonymise_registrations")

    old.refresh_from_db()
    assert old.name == "Anonymisert"
    assert old.email == "" and old.organisation == "" and old.diet == "" and old.accessibility == ""
    assert old.anonymised_at is not None
    assert old.region == region and old.status == RegistrationStatus.CONFIRMED, "statistics are kept"
    assert Registration.objects.get(pk=old_cancelled.pk).email == ""
    for untouched in (recent, future):
        untouched.refresh_from_db()
        assert untouched.anonymised_at is None and "@" in untouched.email
    assert "Anonymised 2 registrations" in capsys.readouterr().out


def test_days_option_overrides_the_setting_and_the_command_is_idempotent(events, capsys):
    recent = RegistrationFactory(event=events["recent"])
    call_command("anonymise_registrations", "--days", "30")
    recent.refresh_from_db()
    assert recent.anonymised_at is None
    call_command("anonymise_registrations", "--days", "5")
    recent.refresh_from_db()
    stamp = recent.anonymised_at
    assert stamp is not None
    call_command("anonymise_registrations", "--days", "5")
    recent.refresh_from_db()
    assert recent.anonymised_at == stamp
    assert "Anonymised 0 registrations" in capsys.readouterr().out


def test_dry_run_changes_nothing(events, capsys):
    registration = RegistrationFactory(event=events["old"])
    call_command("anonymise_registrations", "--days", "1", "--dry-run")
    registration.refresh_from_db()
    assert registration.anonymised_at is None
    assert "1 registrations would be anonymised" in capsys.readouterr().out


def test_negative_days_are_refused(events):
    with pytest.raises(CommandError):
        call_command("anonymise_registrations", "--days", "-1")


def test_an_anonymised_registration_has_no_working_links(client, events, event_index):
    from events.links import make_cancel_token, token_segments

    future_event = EventPageFactory(parent=event_index)
    registration = RegistrationFactory(event=future_event)
    token = make_cancel_token(registration)
    Registration.objects.filter(pk=registration.pk).update(email="", name="Anonymisert", anonymised_at=timezone.now())
    url = future_event.url + "avmelding/" + "/".join(token_segments(token)) + "/"
    assert client.get(url).status_code == 400
