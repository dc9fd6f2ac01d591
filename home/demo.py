"""Demo sections of the home page and the common pages: about, framework, privacy and accessibility, the
seed texts of the sections other apps make, and the portal tiles.

Every text comes from ``home/seed_content.py`` (the seed documents in shared/seeds, each fact with its
source; docs/seed-checklist.md). ``common_page_texts`` is the one place the home section reads the common
pages from; ``apply_seed_texts`` writes the seed texts into the section pages that lower apps create.
"""

import json

from wagtail.models import Page, Site

from cms.core import demo
from cms.core.demo import block
from cms.core.models import SiteContactSettings
from events import conf as events_conf
from events.models import EventPage
from organisations.models import ContactPerson
from reporting.models import ApplicationPage, ReportingPage
from servicepages.models import ReferenceGroupIndexPage, ServiceIndexPage

from . import seed_content as seed
from .factories import HomePageFactory, StandardPageFactory
from .models import HomePage, StandardPage

PRIVACY_SLUG = "personvern"

ACCESSIBILITY_SLUG = "tilgjengelighetserklaering"


@demo.section("home", order=20, label="Home page")
def build_home_page(builder):
    """The home page as the default site's root (replacing Wagtail's welcome page), and the footer's contact."""
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.first()
    if home is None:
        home = builder.publish(
            HomePageFactory(
                parent=Page.get_first_root_node(),
                title="RHF-enes servicemiljø for nasjonale tjenester, nettverk og sentre",
                slug="forside",
                introduction="RHF-enes servicemiljø skal bistå og veilede nasjonale tjenester, kvalitets- og "
                "kompetansenettverk og nasjonale sentre. Servicemiljøet skal bidra til samordning på tvers "
                "av regionene.",
                body=json.dumps(seed.home_body()),
            )
        )
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="RHF-enes servicemiljø"
        )
    if site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "RHF-enes servicemiljø"
        site.save()
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()  # Wagtail's "Welcome" placeholder
    settings = SiteContactSettings.for_site(site)
    if not settings.email:
        settings.email = "servicemiljo@example.no"
        settings.address = "RHF-enes servicemiljø\nv/ Helse Vest RHF"
        settings.save()
    builder.home_page = home
    return home


def common_page_texts(contacts, contact_email="servicemiljo@example.no"):
    """The texts of the common pages: ``(slug, fields)`` in the order the pages are made."""
    return [
        (
            "om-servicemiljoet",
            {
                "title": "Om servicemiljøet",
                "show_in_menus": True,
                "introduction": seed.ABOUT_INTRODUCTION,
                "body": seed.about_body(contacts),
            },
        ),
        (
            "rammeverk-og-retningslinjer",
            {
                "title": "Rammeverk og retningslinjer",
                "show_in_menus": True,
                "introduction": seed.FRAMEWORK_INTRODUCTION,
                "body": seed.framework_body(),
            },
        ),
        (
            PRIVACY_SLUG,
            {
                "title": "Personvernerklæring",
                "introduction": seed.PRIVACY_INTRODUCTION,
                "body": seed.privacy_body(contact_email, events_conf.get("EVENTS_ANONYMISE_AFTER_DAYS")),
            },
        ),
        (
            ACCESSIBILITY_SLUG,
            {
                "title": "Tilgjengelighetserklæring",
                "introduction": seed.ACCESSIBILITY_INTRODUCTION,
                "body": seed.accessibility_body(contact_email),
            },
        ),
    ]


def regional_contacts():
    return ContactPerson.objects.filter(region__isnull=False, health_trust__isnull=True).order_by("region__name")


def _contact_email(home_page):
    site = _site_of(home_page)
    return (SiteContactSettings.for_site(site).email if site else "") or "servicemiljo@example.no"


def _site_of(home_page):
    return Site.objects.filter(root_page=home_page).first() or Site.objects.filter(is_default_site=True).first()


@demo.section("home-pages", order=60, label="About, framework and privacy pages")
def build_common_pages(builder):
    home = builder.home_page
    pages = {}
    for slug, fields in common_page_texts(regional_contacts(), _contact_email(home)):
        fields = dict(fields, body=json.dumps(fields["body"]))
        pages[slug] = builder.child(home, StandardPageFactory, slug, **fields)
    site = _site_of(home)
    settings = SiteContactSettings.for_site(site)
    if settings.privacy_page_id is None or settings.accessibility_page_id is None:
        settings.privacy_page = settings.privacy_page or pages[PRIVACY_SLUG]
        settings.accessibility_page = settings.accessibility_page or pages[ACCESSIBILITY_SLUG]
        settings.save()


@demo.section("home-seed", order=62, label="Seed texts of the service, reference-group, reporting and event pages")
def apply_seed_texts(builder):
    """The sections below ``home`` make these pages with their titles only; their texts are seed texts, which
    live here (home/seed_content.py). Written once, on pages that have no content yet."""
    contacts = list(regional_contacts())
    texts = [
        (ServiceIndexPage, None, {"body": seed.service_index_body()}),
        (
            ReferenceGroupIndexPage,
            None,
            {"introduction": seed.REFERENCE_GROUPS_INTRODUCTION, "body": seed.reference_groups_body()},
        ),
        (ReportingPage, None, {"introduction": seed.REPORTING_INTRODUCTION, "body": seed.reporting_body(contacts)}),
        (
            ApplicationPage,
            None,
            {
                "introduction": seed.APPLICATION_INTRODUCTION,
                "body": seed.application_body(),
                "cycle": seed.application_cycle(),
            },
        ),
        (
            EventPage,
            seed.DIALOGUE_ARENA_2023["slug"],
            {"introduction": seed.DIALOGUE_ARENA_2023["introduction"], "body": seed.dialogue_arena_body()},
        ),
    ]
    for model, slug, fields in texts:
        pages = model.objects.descendant_of(builder.home_page)
        page = (pages.filter(slug=slug) if slug else pages).first()
        if page is None or page.body:
            continue
        for name, value in fields.items():
            setattr(page, name, json.dumps(value) if isinstance(value, list) else value)
        builder.publish(page)


@demo.provides("privacy-page")
def ensure_privacy_page(builder):
    """The site's privacy notice: the one the footer settings name, or the seed text's page, made if missing."""
    home = builder.home_page
    site = _site_of(home)
    if site is None:
        return None
    settings = SiteContactSettings.for_site(site)
    if settings.privacy_page_id:
        return settings.privacy_page
    page = StandardPage.objects.descendant_of(home).filter(slug=PRIVACY_SLUG).first()
    if page is None:
        fields = dict(common_page_texts([], _contact_email(home)))[PRIVACY_SLUG]
        page = builder.child(home, StandardPageFactory, PRIVACY_SLUG, **dict(fields, body=json.dumps(fields["body"])))
        builder.say(f"created the privacy notice {page.url}")
    settings.privacy_page = page
    settings.save()
    return page


@demo.section("home-tiles", order=65, label="Portal tiles")
def build_tiles(builder):
    home = builder.home_page
    if home.tiles:
        return
    pages = {p.slug: p for p in home.get_children()}
    tiles = [
        ("Tjenester, nettverk og sentre", "Etablering, endring, oppgaver og prosedyrer.", pages["tjenester"]),
        ("Referansegrupper", "Mandat, etablering, brukerrepresentanter og opplæring.", pages["referansegrupper"]),
        ("Rapportering", "Krav til rapportering, tidslinjer og frister.", pages["rapportering"]),
        ("Søknad om nye nasjonale tjenester", "Informasjon om skjema og søknadsprosess.", pages["soknad"]),
        ("Om servicemiljøet", "Mandat, organisering og kontaktinformasjon.", pages["om-servicemiljoet"]),
        (
            "Rammeverk og retningslinjer",
            "Rammeverk for kvalitets- og kompetansenettverk og finansiering.",
            pages["rammeverk-og-retningslinjer"],
        ),
    ]
    home.tiles = json.dumps([block("tile", {"title": t, "text": text, "page": p.pk}) for t, text, p in tiles])
    builder.publish(home)
