"""Registering, the waiting list and cancelling, through the public pages."""

import datetime
import re

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from icalendar import Calendar

from events.models import Registration, RegistrationStatus

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def post_registration(client, event, data, capture):
    with capture(execute=True):
        return client.post(event.url, data)


def cancel_link(message):
    match = re.search(r"https?://\S+/avmelding/[\w-]+/[\w-]+/[\w-]+/", message.body)
    assert match, message.body
    return match.group(0)


def test_registration_gives_a_place_a_receipt_and_an_email_with_a_valid_ics(
    client, open_event, form_data, django_capture_on_commit_callbacks
):
    response = post_registration(client, open_event, form_data(), django_capture_on_commit_callbacks)

    assert response.status_code == 303
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.consent_at is not None
    assert registration.region.slug == "helse-vest"

    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert "Du er påmeldt" in receipt.content.decode()
    assert "no-store" in receipt["Cache-Control"] and "private" in receipt["Cache-Control"]

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kari@example.no"]
    assert message.subject == "Påmelding bekreftet: Nasjonal dialogarena"
    assert "Hei Kari Nordmann" in message.body
    assert "/avmelding/" in message.body
    filename, content, mimetype = message.attachments[0]
    assert filename == "dialogarena.ics"
    assert mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["summary"]) == "Nasjonal dialogarena"
    assert events[0].decoded("dtstart") == open_event.start.replace(microsecond=0)
    assert events[0].decoded("dtend") == open_event.end.replace(microsecond=0)
    assert str(events[0]["dtstart"].params["TZID"]) == "Europe/Oslo"
    assert str(events[0]["location"]) == "Gardermoen"
    assert calendar.walk("VTIMEZONE"), "the time zone definition must be included for Europe/Oslo times"


def test_full_event_puts_new_registrations_on_the_waiting_list(
    client, open_event, form_data, django_capture_on_commit_callbacks
):
    RegistrationFactory.create_batch(2, event=open_event)
    page = client.get(open_event.url)
    assert "Full – venteliste" in page.content.decode()
    assert "Sett meg på ventelisten" in page.content.decode()

    response = post_registration(client, open_event, form_data(), django_capture_on_commit_callbacks)

    assert response.status_code == 303
    registration = Registration.objects.get(email="kari@example.no")
    assert registration.status == RegistrationStatus.WAITING
    assert registration.waiting_position() == 1
    message = mail.outbox[-1]
    assert message.subject == "Du står på venteliste: Nasjonal dialogarena"
    assert "nummer 1" in message.body
    assert message.attachments == [], "no calendar file before the person has a place"
    assert "venteliste" in client.get(response["Location"]).content.decode()


def test_cancelling_frees_the_place_and_promotes_the_first_on_the_waiting_list(
    client, open_event, form_data, django_capture_on_commit_callbacks
):
    post_registration(client, open_event, form_data(email="forst@example.no"), django_capture_on_commit_callbacks)
    RegistrationFactory(event=open_event)
    post_registration(client, open_event, form_data(email="venter1@example.no"), django_capture_on_commit_callbacks)
    post_registration(client, open_event, form_data(email="venter2@example.no"), django_capture_on_commit_callbacks)
    assert Registration.objects.get(email="venter1@example.no").status == RegistrationStatus.WAITING
    link = cancel_link(mail.outbox[0])
    mail.outbox.clear()

    confirm = client.get(link)
    assert confirm.status_code == 200
    assert "Ja, meld meg av" in confirm.content.decode()
    assert Registration.objects.get(email="forst@example.no").status == RegistrationStatus.CONFIRMED, (
        "GET changes nothing"
    )

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(link)

    assert done.status_code == 200
    assert "Påmeldingen din er avbestilt" in done.content.decode()
    assert Registration.objects.get(email="forst@example.no").status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(email="venter1@example.no").status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(email="venter2@example.no").status == RegistrationStatus.WAITING
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        "forst@example.no": "Avmelding bekreftet: Nasjonal dialogarena",
        "venter1@example.no": "Du har fått plass: Nasjonal dialogarena",
    }
    promotion = next(m for m in mail.outbox if m.to == ["venter1@example.no"])
    assert Calendar.from_ical(promotion.attachments[0][1]).walk("VEVENT")
    assert "/avmelding/" in promotion.body

    again = client.post(link)
    assert again.status_code == 200
    assert "allerede avbestilt" in again.content.decode()
    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == 2


def test_the_same_email_cannot_register_twice_whatever_the_case(
    client, open_event, form_data, django_capture_on_commit_callbacks
):
    post_registration(client, open_event, form_data(), django_capture_on_commit_callbacks)
    response = post_registration(
        client, open_event, form_data(email="KARI@Example.NO", name="Kari igjen"), django_capture_on_commit_callbacks
    )

    assert response.status_code == 409
    assert "Denne e-postadressen er allerede påmeldt dette arrangementet." in response.content.decode()
    assert 'value="Kari igjen"' in response.content.decode()
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_database_refuses_a_second_active_registration_for_the_same_email(open_event):
    RegistrationFactory(event=open_event, email="per@example.no")
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=open_event, email="Per@Example.no", status=RegistrationStatus.WAITING)
    # Cancelled registrations do not block registering again, and other events are independent.
    RegistrationFactory(event=open_event, email="ole@example.no", status=RegistrationStatus.CANCELLED)
    RegistrationFactory(event=open_event, email="ole@example.no")


def test_a_cancelled_person_can_register_again(client, open_event, form_data, django_capture_on_commit_callbacks):
    RegistrationFactory(event=open_event, email="kari@example.no", status=RegistrationStatus.CANCELLED)
    response = post_registration(client, open_event, form_data(), django_capture_on_commit_callbacks)
    assert response.status_code == 303
    assert Registration.objects.filter(email="kari@example.no").count() == 2


@pytest.mark.parametrize(
    ("opens", "closes", "start", "message"),
    [
        (datetime.timedelta(days=2), None, datetime.timedelta(days=30), "Påmeldingen har ikke åpnet ennå."),
        (
            datetime.timedelta(days=-10),
            datetime.timedelta(days=-1),
            datetime.timedelta(days=30),
            "Påmeldingen til dette arrangementet er stengt.",
        ),
        (None, None, datetime.timedelta(days=-30), "Arrangementet er gjennomført."),
    ],
    ids=["not-yet-open", "closed", "held"],
)
def test_registration_is_refused_outside_the_window(
    client, event_index, form_data, opens, closes, start, message, django_capture_on_commit_callbacks
):
    from tests.factories import EventPageFactory

    now = timezone.now()
    event = EventPageFactory(
        parent=event_index,
        start=now + start,
        end=now + start + datetime.timedelta(hours=3),
        registration_opens=now + opens if opens is not None else None,
        registration_closes=now + closes if closes is not None else None,
        capacity=10,
    )
    page = client.get(event.url)
    assert page.status_code == 200
    assert 'name="email"' not in page.content.decode(), "no form outside the window"

    response = post_registration(client, event, form_data(), django_capture_on_commit_callbacks)

    assert response.status_code == 403
    assert message in response.content.decode()
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_registration_without_explicit_window_closes_when_the_event_starts(event_index):
    from tests.factories import EventPageFactory

    now = timezone.now()
    event = EventPageFactory(
        parent=event_index, start=now + datetime.timedelta(hours=1), end=now + datetime.timedelta(hours=3)
    )
    assert event.registration_window_is_open(now)
    assert not event.registration_window_is_open(now + datetime.timedelta(hours=1))
    assert event.registration_state(now + datetime.timedelta(hours=4)) == "held"


def test_event_page_with_a_form_may_be_cached_and_so_may_closed_pages(client, open_event, event_index):
    from tests.factories import EventPageFactory

    # the form's CSRF field is empty in the shared copy and filled per visitor (tests/performance/test_cached_forms.py)
    response = client.get(open_event.url)
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken" value=""' in response.content.decode()
    assert "public" in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]

    past = EventPageFactory(
        parent=event_index,
        start=timezone.now() - datetime.timedelta(days=3),
        end=timezone.now() - datetime.timedelta(days=3, hours=-2),
    )
    response = client.get(past.url)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_form_links_the_privacy_notice_from_the_site_settings(client, open_event, home_page):
    from wagtail.models import Site

    from cms.core.models import SiteContactSettings
    from tests.factories import StandardPageFactory

    privacy = StandardPageFactory(parent=home_page, title="Personvernerklæring", slug="personvern")
    contact = SiteContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.privacy_page = privacy
    contact.save()

    body = client.get(open_event.url).content.decode()
    assert 'href="/personvern/"' in body
    assert "Les personvernerklæringen" in body


def cancel_path(event, token):
    from events.links import token_segments

    return event.url + "avmelding/" + "/".join(token_segments(token)) + "/"


def test_receipt_and_cancel_links_cannot_be_forged(client, open_event):
    from events.links import make_cancel_token, make_receipt_token

    registration = RegistrationFactory(event=open_event)
    real = make_cancel_token(registration)
    value, stamp, signature = real.split(":")
    for url in (
        open_event.url + "pamelding/garbage/",
        open_event.url + "pamelding/a/b/c/",
        open_event.url + "pamelding/" + "x" * 300 + "/1/2/",
        open_event.url + "avmelding/garbage/",
        # A cancellation token does not open the receipt, whose link is signed for another purpose.
        open_event.url + "pamelding/" + "/".join(real.split(":")) + "/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        open_event.url + "avmelding/a/b/c/",
        open_event.url + f"avmelding/{value}/{stamp}/{signature[:-1]}{'B' if signature[-1] == 'A' else 'A'}/",
        open_event.url + f"avmelding/{value}x/{stamp}/{signature}/",
        cancel_path(open_event, make_receipt_token(registration)),
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "Lenken virker ikke" in response.content.decode()
        assert client.post(url).status_code == 400
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_a_cancel_link_belongs_to_its_event_and_expires(client, open_event, event_index, settings):
    from events.links import make_cancel_token
    from tests.factories import EventPageFactory

    registration = RegistrationFactory(event=open_event)
    token = make_cancel_token(registration)
    other = EventPageFactory(parent=event_index)
    assert client.get(cancel_path(other, token)).status_code == 400

    assert client.get(cancel_path(open_event, token)).status_code == 200
    settings.EVENTS_CANCEL_LINK_MAX_AGE = -1
    assert client.get(cancel_path(open_event, token)).status_code == 400


def test_cancelling_after_the_event_started_is_refused(client, event_index):
    from events.links import make_cancel_token
    from tests.factories import EventPageFactory

    now = timezone.now()
    event = EventPageFactory(
        parent=event_index, start=now - datetime.timedelta(hours=1), end=now + datetime.timedelta(hours=2)
    )
    registration = RegistrationFactory(event=event)
    response = client.post(cancel_path(event, make_cancel_token(registration)))
    assert response.status_code == 409
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_raising_the_capacity_and_publishing_promotes_the_waiting_list(open_event, django_capture_on_commit_callbacks):
    RegistrationFactory.create_batch(2, event=open_event)
    waiting = RegistrationFactory(event=open_event, status=RegistrationStatus.WAITING)
    open_event.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        open_event.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert mail.outbox[-1].to == [waiting.email]
    assert mail.outbox[-1].subject.startswith("Du har fått plass")


def test_a_failing_mail_server_does_not_undo_the_registration(
    client, open_event, form_data, django_capture_on_commit_callbacks, monkeypatch
):
    def broken_send(self, fail_silently=False):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken_send)
    response = post_registration(client, open_event, form_data(), django_capture_on_commit_callbacks)
    assert response.status_code == 303
    assert Registration.objects.count() == 1


def test_people_already_waiting_get_free_places_before_a_newcomer(
    client, open_event, form_data, django_capture_on_commit_callbacks
):
    RegistrationFactory.create_batch(2, event=open_event)
    waiting = RegistrationFactory(event=open_event, status=RegistrationStatus.WAITING)
    # The capacity is raised without publishing (no signal): the next registration must not jump the queue.
    type(open_event).objects.filter(pk=open_event.pk).update(capacity=3)

    response = post_registration(client, open_event, form_data(), django_capture_on_commit_callbacks)

    assert response.status_code == 303
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(email="kari@example.no").status == RegistrationStatus.WAITING
    assert {m.to[0] for m in mail.outbox} == {waiting.email, "kari@example.no"}
