"""Demo sections of the home page and the common pages: about, framework and privacy, and the portal tiles.

The texts of the common pages are the seed texts below (``common_page_texts``); they come from the seed
documents in shared/seeds. A seed-content module may take them over: ``common_page_texts`` is the one place
the home section reads them from.
"""

import json

from wagtail.models import Page, Site

from cms.core import demo
from cms.core.demo import block, rich
from cms.core.models import SiteContactSettings
from organisations.models import ContactPerson

from .factories import HomePageFactory, StandardPageFactory
from .models import HomePage, StandardPage

PRIVACY_SLUG = "personvern"

FUNDING_TABLE = {
    "caption": "Øremerket tilskudd og 4 % til støttefunksjoner per region (mill. kr)",
    "source": "Prop. 1 S (2021–2022), Helse- og omsorgsdepartementet, s. 189",
    "columns": [
        ("text", "Region"),
        ("integer", "Antall komp.tj. pr. 2021"),
        ("number", "Øremerket tilskudd 2022"),
        ("text", "Hvorav til sjeldne diagnoser"),
        ("number", "Til øvrige tjenester"),
        ("percent", "Andel øvrige"),
        ("number", "Støttefunksjoner 4 % til øvrige tjenester"),
    ],
    "rows": [
        ["Helse Sør-Øst", 29, "354.2", "232,7", "121.5", 56, "4.9"],
        ["Helse Vest", 10, "36.9", "–", "36.9", 17, "1.5"],
        ["Helse Midt-Norge", 8, "41.0", "–", "41.0", 19, "1.6"],
        ["Helse Nord", 5, "76.3", "58,6", "17.7", 8, "0.7"],
        ["Totalt", 52, "508.4", "291,3", "217.1", 100, "8.7"],
    ],
}


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


def common_page_texts(contacts):
    """The seed texts of the common pages: ``(slug, fields)`` in the order the pages are made."""
    return [
        (
            "om-servicemiljoet",
            {
                "title": "Om servicemiljøet",
                "show_in_menus": True,
                "introduction": "De regionale servicemiljøene skal bistå og veilede nasjonale tjenester, kvalitets- "
                "og kompetansenettverk og nasjonale sentre.",
                "body": [
                    rich(
                        "<p>RHF-enes servicemiljø skal bidra til samordning på tvers av regionene og rapporterer "
                        "til interregionalt fagdirektørmøte. I perioden 2023–2024 er det Helse Vest som leder "
                        "RHF-enes servicemiljø. Ledelsen går på omgang mellom regionene.</p>"
                    ),
                    block("heading", {"text": "Kontaktinformasjon til de regionale servicemiljøene", "level": "h2"}),
                    *[block("contact", {"contact": c.pk, "heading": c.region.name}) for c in contacts],
                ],
            },
        ),
        (
            "rammeverk-og-retningslinjer",
            {
                "title": "Rammeverk og retningslinjer",
                "show_in_menus": True,
                "introduction": "Rammeverk for kvalitets- og kompetansenettverk, vedtatt i AD-møtet 25. april "
                "2022, og finansiering av servicemiljøet.",
                "body": [
                    block("heading", {"text": "Formål", "level": "h2"}),
                    rich(
                        "<p>Kvalitets- og kompetansenettverk skal bidra til likeverdige helsetjenester med god "
                        "kvalitet. Nettverkene skal koordineres fra det helseforetaket som hadde ansvar for den "
                        "nasjonale kompetansetjenesten.</p>"
                    ),
                    block("heading", {"text": "Finansiering", "level": "h2"}),
                    rich(
                        "<p>Rammen for den koordinerende enheten er en million kroner per år. Dersom det er "
                        "behov for en tettere forankring, for eksempel gjennom mindre stillinger (10–20 %) i alle "
                        "regioner, er rammen to millioner kroner per år.</p>"
                    ),
                    block(
                        "table",
                        {
                            "caption": FUNDING_TABLE["caption"],
                            "source": FUNDING_TABLE["source"],
                            "table": {
                                "columns": [{"type": t, "heading": h} for t, h in FUNDING_TABLE["columns"]],
                                "rows": [{"values": row} for row in FUNDING_TABLE["rows"]],
                            },
                        },
                    ),
                    block("heading", {"text": "Varighet", "level": "h2"}),
                    rich(
                        "<p>Kvalitets- og kompetansenettverk har en varighet på fem år med øremerket tilskudd. I "
                        "år seks etter etablering vurderer RHF-ene i fellesskap om tilskuddet skal "
                        "videreføres.</p>"
                    ),
                ],
            },
        ),
        (
            PRIVACY_SLUG,
            {
                "title": "Personvernerklæring",
                "introduction": "Slik behandler RHF-enes servicemiljø personopplysninger på dette nettstedet.",
                "body": [
                    rich(
                        "<p>Når du melder deg på et arrangement, lagrer vi navn, e-postadresse, organisasjon, "
                        "region og eventuelle behov du oppgir. Opplysningene brukes bare til å gjennomføre "
                        "arrangementet, og anonymiseres etter at arrangementet er holdt. Bare de som arrangerer, "
                        "har tilgang.</p>"
                    ),
                ],
            },
        ),
    ]


def _site_of(home_page):
    return Site.objects.filter(root_page=home_page).first() or Site.objects.filter(is_default_site=True).first()


@demo.section("home-pages", order=60, label="About, framework and privacy pages")
def build_common_pages(builder):
    home = builder.home_page
    contacts = ContactPerson.objects.filter(region__isnull=False, health_trust__isnull=True).order_by("region__name")
    pages = {}
    for slug, fields in common_page_texts(contacts):
        fields = dict(fields, body=json.dumps(fields["body"]))
        pages[slug] = builder.child(home, StandardPageFactory, slug, **fields)
    site = _site_of(home)
    settings = SiteContactSettings.for_site(site)
    if settings.privacy_page_id is None:
        settings.privacy_page = pages[PRIVACY_SLUG]
        settings.save()


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
        fields = dict(common_page_texts([]))[PRIVACY_SLUG]
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
