"""Attendance on site or digitally, each with its own places and waiting list (issue 15 §4)."""

import pytest
from django.core import mail

from events.models import Attendance, Registration, RegistrationStatus

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db

LINK = "https://example.no/strom/hemmelig-42"


@pytest.fixture
def hybrid_event(open_event):
    """On site at Gardermoen (1 place) and digitally (2 places)."""
    open_event.digital_url = LINK
    open_event.capacity = 1
    open_event.digital_capacity = 2
    open_event.save_revision().publish()
    return open_event


def register(client, event, data, capture):
    with capture(execute=True):
        return client.post(event.url, data)


def test_the_form_offers_both_ways_and_the_page_never_shows_the_link(client, hybrid_event):
    body = client.get(hybrid_event.url).content.decode()
    assert "Hvordan vil du delta?" in body
    assert 'value="physical"' in body and 'value="digital"' in body
    assert "Fysisk oppmøte (1 ledig plass)" in body
    assert "Digitalt (2 ledige plasser)" in body
    assert LINK not in body, "the digital link is only e-mailed"
    assert "Lenken sendes på e-post til dem som er påmeldt digitalt" in body
    for url in (hybrid_event.url + "kalender/", hybrid_event.get_parent().url + "kalender/"):
        assert LINK not in client.get(url).content.decode()


def test_an_event_without_a_link_asks_nothing(client, open_event):
    body = client.get(open_event.url).content.decode()
    assert "Hvordan vil du delta?" not in body


def test_choosing_is_required_when_there_are_two_ways(
    client, hybrid_event, form_data, django_capture_on_commit_callbacks
):
    response = register(client, hybrid_event, form_data(), django_capture_on_commit_callbacks)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Velg om du deltar fysisk eller digitalt." in body
    assert 'href="#id_attendance_0"' in body
    response = register(client, hybrid_event, form_data(attendance="hologram"), django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_digital_attendees_get_the_link_by_email_and_on_site_attendees_do_not(
    client, hybrid_event, form_data, django_capture_on_commit_callbacks
):
    response = register(client, hybrid_event, form_data(attendance="digital"), django_capture_on_commit_callbacks)
    assert response.status_code == 303
    registration = Registration.objects.get()
    assert (registration.attendance, registration.status) == (Attendance.DIGITAL, RegistrationStatus.CONFIRMED)
    assert LINK in mail.outbox[0].body
    assert LINK not in client.get(response["Location"]).content.decode(), "not on the receipt page either"

    register(
        client,
        hybrid_event,
        form_data(email="ola@example.no", attendance="physical"),
        django_capture_on_commit_callbacks,
    )
    assert LINK not in mail.outbox[1].body
    assert "Deltakelse: fysisk oppmøte" in mail.outbox[1].body


def test_each_way_has_its_own_places_and_waiting_list(
    client, hybrid_event, form_data, django_capture_on_commit_callbacks
):
    def sign_up(email, attendance):
        return register(
            client, hybrid_event, form_data(email=email, attendance=attendance), django_capture_on_commit_callbacks
        )

    sign_up("fysisk1@example.no", "physical")
    sign_up("fysisk2@example.no", "physical")  # the one place on site is taken: waiting list, number 1
    sign_up("digital1@example.no", "digital")
    sign_up("digital2@example.no", "digital")
    sign_up("digital3@example.no", "digital")  # both digital places are taken: digital waiting list, number 1
    status = dict(Registration.objects.values_list("email", "status"))
    assert status == {
        "fysisk1@example.no": "confirmed",
        "fysisk2@example.no": "waiting",
        "digital1@example.no": "confirmed",
        "digital2@example.no": "confirmed",
        "digital3@example.no": "waiting",
    }
    assert Registration.objects.get(email="digital3@example.no").waiting_position() == 1
    waiting_digital = next(m for m in mail.outbox if m.to == ["digital3@example.no"])
    assert "som nummer 1" in waiting_digital.body
    assert LINK not in waiting_digital.body, "no link before a place"

    body = client.get(hybrid_event.url).content.decode()
    assert "Full – venteliste" in body
    assert "Fysisk oppmøte (full – venteliste)" in body

    # A digital place becomes free: the first on the digital list gets it, with the link.
    mail.outbox.clear()
    cancelled = Registration.objects.get(email="digital1@example.no")
    from events import services

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(cancelled.pk)
    assert Registration.objects.get(email="digital3@example.no").status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(email="fysisk2@example.no").status == RegistrationStatus.WAITING
    promoted = next(m for m in mail.outbox if m.to == ["digital3@example.no"])
    assert LINK in promoted.body


def test_listing_counts_places_per_way_in_one_query(client, hybrid_event, event_index, django_assert_max_num_queries):
    RegistrationFactory(event=hybrid_event, attendance=Attendance.PHYSICAL)
    body = client.get(event_index.url).content.decode()
    assert "Full – venteliste" not in body, "digital places are still free"
    RegistrationFactory.create_batch(2, event=hybrid_event, attendance=Attendance.DIGITAL)
    with django_assert_max_num_queries(25):
        body = client.get(event_index.url).content.decode()
    assert "Full – venteliste" in body


def test_the_programme_comes_before_the_form(client, hybrid_event):
    hybrid_event.programme = [{"type": "item", "value": {"time": "10:00", "title": "Velkommen", "speaker": ""}}]
    hybrid_event.save_revision().publish()
    body = client.get(hybrid_event.url).content.decode()
    assert body.index('id="sec-programme"') < body.index('id="sec-registration"')


def test_after_a_failed_submit_the_error_summary_takes_focus(client, hybrid_event, form_data):
    body = client.post(hybrid_event.url, form_data(name="")).content.decode()
    assert 'id="registration-errors"' in body
    assert 'tabindex="-1"' in body
    assert "events/registration.js" in body
    assert "events/registration.js" not in client.get(hybrid_event.url).content.decode()


def test_json_ld_offers_digital_attendance_without_the_link(client, hybrid_event):
    body = client.get(hybrid_event.url).content.decode()
    assert "MixedEventAttendanceMode" in body
    assert LINK not in body
