"""What visitors see: statuses, the calendar files and the schema.org data."""

import datetime
import json
import re

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.models import RegistrationStatus
from tests.factories import EventPageFactory

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def json_ld(body):
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", body, re.S)
    inline = [(attrs, content) for attrs, content in scripts if "src=" not in attrs]
    assert all('type="application/ld+json"' in attrs for attrs, _ in inline), "only JSON-LD may be inline"
    assert len(inline) == 1
    return json.loads(inline[0][1])


VALID_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$")


def assert_valid_datetimes(body):
    values = re.findall(r'datetime="([^"]+)"', body)
    assert values
    assert all(VALID_DATETIME.match(value) for value in values), values


def test_event_page_shows_status_places_and_schema_org_event(client, open_event):
    RegistrationFactory(event=open_event)
    body = client.get(open_event.url).content.decode()
    assert_valid_datetimes(body)
    assert "Åpen for påmelding" in body
    assert "1 ledig plass" in body
    data = json_ld(body)
    assert data["@type"] == "Event"
    assert data["name"] == "Nasjonal dialogarena"
    assert datetime.datetime.fromisoformat(data["startDate"]) == open_event.start
    assert data["startDate"].endswith(("+01:00", "+02:00")), "Europe/Oslo offset"
    assert data["location"] == {"@type": "Place", "name": "Gardermoen", "address": "Gardermoen"}
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["url"] == "http://localhost/arrangementer/dialogarena/"


def test_json_ld_cannot_be_broken_out_of(client, open_event):
    open_event.title = "</script><script>alert(1)</script>"
    open_event.digital_url = "https://example.no/strom"
    open_event.save_revision().publish()
    body = client.get(open_event.url).content.decode()
    data = json_ld(body)
    assert data["name"] == "</script><script>alert(1)</script>"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"


def test_full_event_status_and_sold_out_offer(client, open_event):
    RegistrationFactory.create_batch(2, event=open_event)
    RegistrationFactory(event=open_event, status=RegistrationStatus.CANCELLED)
    body = client.get(open_event.url).content.decode()
    assert "Full – venteliste" in body
    assert json_ld(body)["offers"]["availability"] == "https://schema.org/SoldOut"


def test_index_lists_upcoming_and_past_events_with_status(
    client, event_index, open_event, django_assert_max_num_queries
):
    now = timezone.now()
    EventPageFactory(
        parent=event_index,
        title="Dialogarena 2023",
        start=now - datetime.timedelta(days=400),
        end=now - datetime.timedelta(days=400, hours=-5),
    )
    closed = EventPageFactory(
        parent=event_index, title="Stengt samling", registration_closes=now - datetime.timedelta(hours=1)
    )
    for _ in range(3):
        EventPageFactory(parent=event_index)
    RegistrationFactory.create_batch(2, event=open_event)

    with django_assert_max_num_queries(25):
        body = client.get(event_index.url).content.decode()
    assert_valid_datetimes(body)
    upcoming, past = body.split("Tidligere arrangementer")
    assert "Nasjonal dialogarena" in upcoming and "Full – venteliste" in upcoming
    assert closed.title in upcoming and "Påmeldingen er stengt" in upcoming
    assert "Dialogarena 2023" in past and "Gjennomført" in past
    assert 'type="text/calendar"' in body
    assert "/arrangementer/kalender/" in body


def test_event_ics_download(client, open_event):
    response = client.get(open_event.url + "kalender/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="dialogarena.ics"'
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == f"event-{open_event.pk}@testserver"
    assert str(event["summary"]) == "Nasjonal dialogarena"
    assert "/arrangementer/dialogarena/" in str(event["description"])
    assert calendar["version"] == "2.0"


def test_calendar_feed_has_all_upcoming_events_only(client, event_index, open_event):
    now = timezone.now()
    EventPageFactory(
        parent=event_index,
        title="Gammel samling",
        start=now - datetime.timedelta(days=40),
        end=now - datetime.timedelta(days=39),
    )
    EventPageFactory(parent=event_index, title="Vårsamling")
    draft = EventPageFactory(parent=event_index, title="Utkast", live=False)
    assert not draft.live

    response = client.get(event_index.url + "kalender/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    titles = sorted(str(event["summary"]) for event in calendar.walk("VEVENT"))
    assert titles == ["Nasjonal dialogarena", "Vårsamling"]
    assert str(calendar["x-wr-calname"]) == "Arrangementer"


def test_editor_preview_renders_the_event(open_event):
    open_event.title = "Endret tittel i forhåndsvisning"
    response = open_event.make_preview_request()
    assert response.status_code == 200
    assert "Endret tittel i forhåndsvisning" in response.content.decode()


def test_an_unsaved_event_has_no_registrations_and_valid_structured_data(event_index):
    from events.models import EventPage

    start = timezone.now() + datetime.timedelta(days=3)
    event = EventPage(title="Ny samling", slug="ny-samling", start=start, end=start + datetime.timedelta(hours=2))
    assert event.confirmed_count == 0
    assert event.state == "open"
    assert json.loads(event.get_json_ld())["name"] == "Ny samling"
