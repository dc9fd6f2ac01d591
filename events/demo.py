"""Demo content for events: an upcoming dialogue arena with open registration, and the privacy notice.

Called by ``load_demo_content`` after the page tree exists. Idempotent: running it again changes nothing.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone
from wagtail.models import Site

from cms.core.models import SiteContactSettings
from home.models import StandardPage

from .models import EventIndexPage, EventPage

ARENA_SLUG = "nasjonal-dialogarena-2027"
PRIVACY_SLUG = "personvern"

PRIVACY_BODY = [
    {
        "type": "paragraph",
        "value": (
            "<p>Når du melder deg på et arrangement, lagrer vi navn, e-postadresse, organisasjon eller helseforetak, "
            "region og eventuelle behov for tilrettelegging eller spesialkost. Opplysningene brukes bare til å "
            "gjennomføre arrangementet: bekreftelse, venteliste, navnelister og praktisk tilrettelegging.</p>"
            "<p>Behandlingsgrunnlaget er samtykket du gir ved påmelding. Du kan trekke samtykket når som helst ved "
            "å melde deg av med lenken i bekreftelsen.</p>"
            "<p>Bare servicemiljøets nasjonale koordinatorer og den som er ansvarlig for arrangementet, ser "
            "påmeldingene. Navn, e-post, organisasjon og behov slettes automatisk 90 dager etter arrangementet; "
            "bare anonym statistikk (region og antall) beholdes.</p>"
            "<p>Du har rett til innsyn, retting og sletting. Kontakt servicemiljøet på e-postadressen nederst på "
            "siden.</p>"
        ),
    }
]


def _oslo(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


def _publish(page):
    page.save_revision().publish()


def ensure_event_index(home_page, stdout):
    index = EventIndexPage.objects.descendant_of(home_page).first()
    if index is None:
        index = EventIndexPage(
            title="Arrangementer",
            slug="arrangementer",
            introduction="Dialogarenaer, samlinger og konferanser for nasjonale tjenester, nettverk og sentre.",
        )
        home_page.add_child(instance=index)
        _publish(index)
        stdout.write("  events: created the event index /arrangementer/")
    return index


def ensure_future_arena(index, stdout):
    if EventPage.objects.filter(slug=ARENA_SLUG).exists():
        return EventPage.objects.get(slug=ARENA_SLUG)
    arena = EventPage(
        title="Nasjonal dialogarena 2027",
        slug=ARENA_SLUG,
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
    index.add_child(instance=arena)
    _publish(arena)
    stdout.write("  events: created 'Nasjonal dialogarena 2027' (3 places, then waiting list)")
    return arena


def ensure_privacy_page(home_page, stdout):
    site = Site.objects.filter(root_page=home_page).first() or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    settings_obj = SiteContactSettings.for_site(site)
    if settings_obj.privacy_page_id:
        return settings_obj.privacy_page
    page = StandardPage.objects.descendant_of(home_page).filter(slug=PRIVACY_SLUG).first()
    if page is None:
        page = StandardPage(
            title="Personvernerklæring",
            slug=PRIVACY_SLUG,
            introduction="Slik behandler RHF-enes servicemiljø personopplysninger på dette nettstedet.",
            body=PRIVACY_BODY,
        )
        home_page.add_child(instance=page)
        _publish(page)
        stdout.write("  events: created the privacy notice /personvern/")
    settings_obj.privacy_page = page
    settings_obj.save()
    return page


def load(home_page, stdout):
    index = ensure_event_index(home_page, stdout)
    arena = ensure_future_arena(index, stdout)
    ensure_privacy_page(home_page, stdout)
    if arena.end < timezone.now():  # pragma: no cover - only after September 2027
        stdout.write("  events: note: the demo arena date has passed; move it forward in the admin")
