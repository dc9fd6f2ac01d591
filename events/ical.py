"""iCalendar (.ics) files for one event or a feed of events, built with the icalendar package."""

import datetime
import zoneinfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar
from icalendar import Event as VEvent

from cms.core.siteurl import absolute_url

PRODID = "-//RHF-enes servicemiljø//Arrangementer//NB"


def _host(event, request):
    if request is not None:
        return request.get_host().split(":")[0]
    site = event.get_site()
    return site.hostname if site else "localhost"


def build_calendar(events, request=None, name=None):
    """A VCALENDAR with one VEVENT per event, times in Europe/Oslo with the time-zone definition included."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    stamp = timezone.now().astimezone(datetime.UTC)
    for event in events:
        url = absolute_url(event.get_url(request))
        vevent = VEvent()
        vevent.add("uid", f"event-{event.pk}@{_host(event, request)}")
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", event.start.astimezone(tz))
        vevent.add("dtend", event.end.astimezone(tz))
        vevent.add("summary", event.title)
        description = strip_tags(event.introduction or "").strip()
        vevent.add("description", f"{description}\n\n{url}".strip())
        # Never the digital link: the calendar files are public; the link is e-mailed to those registered.
        location = event.venue
        if location:
            vevent.add("location", location)
        vevent.add("url", url)
        if event.last_published_at:
            vevent.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
        vevent.add("status", "CONFIRMED")
        calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar


def calendar_bytes(events, request=None, name=None):
    return build_calendar(events, request, name).to_ical()


def calendar_response(events, request, filename, name=None, download=True):
    response = HttpResponse(calendar_bytes(events, request, name), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
