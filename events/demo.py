"""Demo section of the events: the event index, the national dialogue arena of 15 September 2023 (held), and an
upcoming arena with open registration (3 places, then a waiting list). Also ``grow_events`` for the benchmark.

``load(home_page, stdout)`` builds the section on its own, with the privacy notice its registration form links
to (made by the home section's provider when the site has none).
"""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone

from cms.core import demo
from cms.core.demo import DemoBuilder, create_pages, index_for_search

from .factories import EventIndexPageFactory, EventPageFactory
from .models import EventIndexPage, EventPage

ARENA_SLUG = "nasjonal-dialogarena-2027"
PRIVACY_SLUG = "personvern"

# The arena of 15 September 2023 as the seeds give it: title, date and time. Its topics are seed texts that
# the home section writes (home/seed_content.py); the seeds name no place, audience or programme.
DIALOGUE_ARENA = {
    "title": "Nasjonalt dialogarena for nasjonale tjenester, nettverk og sentre i spesialisthelsetjenesten",
    "slug": "nasjonal-dialogarena-2023",
    "start": datetime.datetime(2023, 9, 15, 10, 0),
    "end": datetime.datetime(2023, 9, 15, 15, 30),
}


def _oslo(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


@demo.section("events", order=50, label="Events")
def build(builder):
    index = ensure_event_index(builder)
    ensure_held_arena(builder, index)
    arena = ensure_future_arena(builder, index)
    if arena.end < timezone.now():  # pragma: no cover - only after September 2027
        builder.say("events: note: the demo arena date has passed; move it forward in the admin")


def load(home_page, stdout):
    """The events section on its own (with the privacy notice the registration form links to)."""
    builder = DemoBuilder(stdout, home_page)
    build(builder)
    builder.provide("privacy-page")


def ensure_event_index(builder):
    index = EventIndexPage.objects.descendant_of(builder.home_page).first()
    if index is None:
        index = builder.child(
            builder.home_page,
            EventIndexPageFactory,
            "arrangementer",
            title="Arrangementer",
            show_in_menus=True,
            introduction="Samarbeids- og dialogarenaer, workshops og konferanser for nasjonale tjenester, "
            "nettverk og sentre.",
        )
    return index


def ensure_held_arena(builder, index):
    arena = DIALOGUE_ARENA
    tz = timezone.get_default_timezone()
    return builder.child(
        index,
        EventPageFactory,
        arena["slug"],
        title=arena["title"],
        start=timezone.make_aware(arena["start"], tz),
        end=timezone.make_aware(arena["end"], tz),
        venue="",
    )


def ensure_future_arena(builder, index):
    existing = EventPage.objects.filter(slug=ARENA_SLUG).first()
    if existing is not None:
        return existing
    arena = builder.child(
        index,
        EventPageFactory,
        ARENA_SLUG,
        title="Nasjonal dialogarena 2027",
        introduction=(
            "Dialogarena for nasjonale tjenester, nettverk og sentre i spesialisthelsetjenesten: erfaringer med "
            "årsrapportering, referansegrupper og omorganisering av kompetansetjenester."
        ),
        start=_oslo(2027, 9, 16, 10, 0),
        end=_oslo(2027, 9, 16, 15, 30),
        venue="Gardermoen, Oslo lufthavn",
        digital_url="https://example.no/dialogarena-2027/strom",
        audience="Ledere og fagpersoner i nasjonale tjenester, nettverk og sentre, og de regionale helseforetakene",
        registration_enabled=True,
        registration_opens=None,
        registration_closes=_oslo(2027, 9, 1, 23, 59),
        capacity=3,
        digital_capacity=100,
        programme=[
            {"type": "item", "value": {"time": "10:00", "title": "Velkommen", "speaker": "Servicemiljøet"}},
            {
                "type": "item",
                "value": {"time": "10:15", "title": "Status for nasjonale tjenester", "speaker": "Servicemiljøet"},
            },
            {"type": "item", "value": {"time": "11:30", "title": "Erfaringer fra referansegruppene", "speaker": ""}},
            {"type": "item", "value": {"time": "12:15", "title": "Lunsj", "speaker": ""}},
            {
                "type": "item",
                "value": {"time": "13:00", "title": "Gruppearbeid: kvalitets- og kompetansenettverk", "speaker": ""},
            },
            {"type": "item", "value": {"time": "15:00", "title": "Oppsummering og avslutning", "speaker": ""}},
        ],
    )
    builder.say("events: created 'Nasjonal dialogarena 2027' (3 places on site, 100 digital, then waiting lists)")
    return arena


def grow_events(target):
    """Events ("Fagdag n") around today until there are ``target``, in bulk (for the benchmark)."""
    index = EventIndexPage.objects.first()
    if index is None:
        return
    now = timezone.now()
    events = []
    for number in range(EventPage.objects.count(), target):
        start = now + datetime.timedelta(days=number - target // 2, hours=9)
        events.append(
            EventPageFactory.build(
                title=f"Fagdag {number + 1}",
                slug=f"fagdag-{number + 1}",
                start=start,
                end=start + datetime.timedelta(hours=6),
                venue="Oslo",
                introduction="En fagdag for nasjonale tjenester, nettverk og sentre.",
            )
        )
    index_for_search(create_pages(index, events))
