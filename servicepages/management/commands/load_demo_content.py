"""Build the demo site from the seed documents and the public list of national services.

Idempotent: pages and snippets that already exist (matched by slug or name) are left as they are, so
running the command twice gives the same site. Other apps add their own demo data through a
`<app>/demo.py` module with a `load(home_page, stdout)` function, called after the tree exists.
"""

import importlib
import json
import uuid
from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from cms.core.models import SiteContactSettings
from cms.core.text import norwegian_slugify
from events.models import EventIndexPage, EventPage
from home.models import HomePage, StandardPage
from organisations.models import ContactPerson, HealthTrust, MedicalField, Region
from reporting.models import ApplicationPage, ReportingPage
from servicepages import demo_content as demo
from servicepages.importer import ServiceImporter
from servicepages.models import (
    NationalUnitPage,
    ReferenceGroupIndexPage,
    ReferenceGroupPage,
    RegionPage,
    ServiceIndexPage,
    UnitKind,
)

CSV_PATH = Path(__file__).resolve().parents[2] / "demo_data" / "national_services.csv"


def block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def rich(html):
    return block("paragraph", html)


class Command(BaseCommand):
    help = "Load the demo content: regions, hospital trusts, the 30 national units and the portal's pages."

    def handle(self, *args, **options):
        with transaction.atomic():
            self.step("Regions, hospital trusts and contacts", self.load_organisations)
            home = self.step("Home page", self.load_home)
            index = self.step("Services, networks and centres", lambda: self.load_service_index(home))
            self.step("National units from CSV", self.load_units)
            self.step("Texts and medical fields of the units", self.enrich_units)
            self.step("Reference groups", lambda: self.load_reference_groups(home))
            self.step("Reporting, applications and events", lambda: self.load_sections(home))
            self.step("About, framework and privacy pages", lambda: self.load_standard_pages(home))
            self.step("Portal tiles", lambda: self.load_tiles(home, index))
        for module in self.demo_modules():
            self.step(f"Demo data from {module.__name__}", lambda m=module: m.load(home_page=home, stdout=self.stdout))
        count = NationalUnitPage.objects.live().count()
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {count} services, networks and centres."))

    def step(self, label, func):
        self.stdout.write(f"· {label} …", ending="")
        self.stdout.flush()
        result = func()
        self.stdout.write(" ok")
        return result

    @staticmethod
    def demo_modules():
        for config in apps.get_app_configs():
            if config.name in ("servicepages",):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            if hasattr(module, "load"):
                yield module

    # --- snippets ---------------------------------------------------------------------

    def load_organisations(self):
        for order, (name, slug, short, website, contact) in enumerate(demo.REGIONS):
            region, _ = Region.objects.get_or_create(
                slug=slug, defaults={"name": name, "short_name": short, "website": website, "sort_order": order}
            )
            ContactPerson.objects.get_or_create(
                name=contact[0],
                defaults={"job_title": f"Regionalt servicemiljø, {name}", "email": contact[1], "region": region},
            )
        regions = {r.name: r for r in Region.objects.all()}
        for name, short, region_name in demo.HEALTH_TRUSTS:
            HealthTrust.objects.get_or_create(name=name, defaults={"short_name": short, "region": regions[region_name]})
        for names in demo.MEDICAL_FIELDS.values():
            for name in names:
                MedicalField.objects.get_or_create(name=name, defaults={"slug": norwegian_slugify(name)})

    # --- pages ------------------------------------------------------------------------

    def publish(self, page):
        page.save_revision(log_action=True).publish()
        return page

    def child(self, parent, model, slug, **fields):
        """The child of `parent` with this slug, created and published if missing."""
        existing = parent.get_children().filter(slug=slug).specific().first()
        if existing is not None:
            return existing
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        return self.publish(page)

    def load_home(self):
        site = Site.objects.filter(is_default_site=True).first()
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = HomePage(
                title="RHF-enes servicemiljø for nasjonale tjenester, nettverk og sentre",
                slug="forside",
                introduction="RHF-enes servicemiljø skal bistå og veilede nasjonale tjenester, kvalitets- og "
                "kompetansenettverk og nasjonale sentre. Servicemiljøet skal bidra til samordning på tvers "
                "av regionene.",
            )
            root.add_child(instance=home)
            self.publish(home)
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
        return home

    def load_service_index(self, home):
        index = self.child(
            home,
            ServiceIndexPage,
            "tjenester",
            title="Tjenester, nettverk og sentre",
            show_in_menus=True,
            introduction="Nasjonale behandlingstjenester, flerregionale behandlingstjenester, nasjonale "
            "kompetansetjenester, kvalitets- og kompetansenettverk og nasjonale sentre i "
            "spesialisthelsetjenesten. Etablering, endring, oppgaver og prosedyrer.",
        )
        for region in Region.objects.all():
            if not RegionPage.objects.filter(region=region).exists():
                self.child(
                    index,
                    RegionPage,
                    region.slug,
                    title=region.name,
                    region=region,
                    introduction=f"Nasjonale tjenester, nettverk og sentre i {region.name}. Regionen har et "
                    "selvstendig ansvar for drift av tjenestene i egen region.",
                )
        return index

    def load_units(self):
        ServiceImporter.from_path(CSV_PATH).run()

    def enrich_units(self):
        """Write texts, medical fields and contacts on units that have none yet (first run only)."""
        fields = {f.name: f for f in MedicalField.objects.all()}
        units = NationalUnitPage.objects.prefetch_related("host_trusts__region").specific()
        for number, unit in enumerate(units):
            if unit.approved_description:
                continue
            trusts = list(unit.host_trusts.all())
            trust_names = " og ".join(t.name for t in trusts)
            texts = {
                key: value.format(name=unit.title, trusts=trust_names)
                for key, value in demo.GENERAL_TEXTS[unit.kind].items()
            }
            texts.update(demo.UNIT_TEXTS.get(unit.title, {}))
            if not hasattr(unit, "referral_criteria"):
                texts.pop("referral_criteria", None)
            for key, value in texts.items():
                setattr(unit, key, value)
            lowered = unit.title.lower()
            unit.medical_fields.set(
                [fields[name] for word, names in demo.MEDICAL_FIELDS.items() if word in lowered for name in names]
            )
            if unit.kind == UnitKind.COMPETENCE and unit.established:
                unit.term_years = 10
            person = demo.fictional_person(number)
            unit.contact = ContactPerson.objects.get_or_create(
                name=person,
                defaults={
                    "job_title": "Leder",
                    "email": f"{norwegian_slugify(person).replace('-', '.')}@example.no",
                    "health_trust": trusts[0] if trusts else None,
                    "region": trusts[0].region if trusts else None,
                },
            )[0]
            self.publish(unit)

    def load_reference_groups(self, home):
        index = self.child(
            home,
            ReferenceGroupIndexPage,
            "referansegrupper",
            title="Referansegrupper",
            show_in_menus=True,
            introduction="Mandat, etablering, brukerrepresentanter og opplæring. Alle nasjonale tjenester skal ha "
            "en referansegruppe.",
            body=json.dumps(
                [
                    rich(
                        "<ul><li>Deltakere fra alle regioner (inkludert annet sykehus i regionen som har tjenesten) "
                        "og brukerrepresentant</li><li>Ledes av deltaker fra annen region enn den som har "
                        "tjenesten</li><li>Regelmessige møter – fysisk eller digitalt</li><li>Vurderer årsrapporten "
                        "i egen skriftlig vurdering som legges inn i eRapport</li></ul>"
                    ),
                ]
            ),
        )
        regions = {r.name: r for r in Region.objects.all()}
        for offset, (unit_title, chair_region) in enumerate(demo.REFERENCE_GROUPS):
            unit = NationalUnitPage.objects.filter(title=unit_title).first()
            if unit is None:
                continue
            members = []
            for position, region in enumerate(regions.values()):
                role = "chair" if region.name == chair_region else "member"
                members.append(
                    block(
                        "member",
                        {
                            "name": demo.fictional_person(40 + offset * 6 + position),
                            "role": role,
                            "organisation": f"{region.name}",
                            "region": region.pk,
                        },
                    )
                )
            members.append(
                block(
                    "member",
                    {
                        "name": demo.fictional_person(44 + offset * 6),
                        "role": "user_representative",
                        "organisation": "Brukerrepresentant",
                        "region": None,
                    },
                )
            )
            self.child(
                index,
                ReferenceGroupPage,
                norwegian_slugify(f"referansegruppe {unit.abbreviation or unit.title}")[:80],
                title=f"Referansegruppe for {unit.title[0].lower()}{unit.title[1:]}",
                unit=unit,
                chair_region=regions[chair_region],
                meetings_per_year=2,
                members=json.dumps(members),
                introduction="Referansegruppen følger tjenesten faglig og godkjenner årsrapporten med en skriftlig "
                "vurdering i eRapport.",
            )

    def load_sections(self, home):
        self.child(
            home,
            ReportingPage,
            "rapportering",
            title="Rapportering",
            show_in_menus=True,
            introduction="Nasjonale tjenester, nettverk og sentre skal rapportere årlig til regionalt helseforetak. "
            "Rapporteringen skjer gjennom eRapport, og lenke til skjema sendes alle som skal rapportere.",
            erapport_url="https://forskningsprosjekter.ihelse.net/",
            body=json.dumps(
                [
                    rich(
                        "<p>Årsrapportene inngår som en del av RHF-ets årlige melding til Helse- og "
                        "omsorgsdepartementet. Fra og med rapporteringen for 2023 vurderer RHF-ene ved servicemiljøet "
                        "årsrapportene; tidligere gjorde Helsedirektoratet dette.</p>"
                    ),
                    block(
                        "accordion",
                        {
                            "items": [
                                {
                                    "title": "Krav til innhold på nettsider",
                                    "content": "<ul><li>Godkjent beskrivelse av "
                                    "tjenesten</li><li>Henvisningskriterier</li><li>Mål for tjenesten</li>"
                                    "<li>Samsvar mellom sider "
                                    "for flerregionale tjenester – felles mål</li><li>Data over tid – likeverdig "
                                    "tilgjengelighet</li></ul>",
                                },
                                {
                                    "title": "Vurdering av årsrapporter",
                                    "content": "<p>De regionale servicemiljøene gjennomgår "
                                    "årsrapportene og identifiserer oppfølgingsbehov for hver tjeneste. Det nasjonale "
                                    "servicemiljøet utarbeider en oppsummering til interregionalt fagdirektørmøte.</p>",
                                },
                            ]
                        },
                    ),
                ]
            ),
        )
        self.child(
            home,
            ApplicationPage,
            "soknad",
            title="Søknad om nye nasjonale tjenester",
            show_in_menus=True,
            introduction="Informasjon om skjema og søknadsprosess. Bare de regionale helseforetakene kan søke om "
            "nye nasjonale tjenester.",
            body=json.dumps(
                [
                    rich(
                        "<p>Søknadsskjemaet ble revidert våren 2023. Prosessen er felles og samordnet i regionene, med "
                        "forankring av søknader på regionalt nivå i andre regioner og krav om prioritering og "
                        "rangering av søknader i interregionalt fagdirektørmøte (IRF).</p>"
                    ),
                ]
            ),
            cycle=json.dumps(
                [block("step", {"period": p, "title": t, "description": d}) for p, t, d in demo.APPLICATION_CYCLE]
            ),
        )
        events = self.child(
            home,
            EventIndexPage,
            "arrangementer",
            title="Arrangementer",
            show_in_menus=True,
            introduction="Samarbeids- og dialogarenaer, workshops og konferanser for nasjonale tjenester, nettverk "
            "og sentre.",
        )
        arena = demo.DIALOGUE_ARENA
        tz = timezone.get_default_timezone()
        self.child(
            events,
            EventPage,
            arena["slug"],
            title=arena["title"],
            introduction=arena["introduction"],
            start=timezone.make_aware(arena["start"], tz),
            end=timezone.make_aware(arena["end"], tz),
            venue=arena["venue"],
            audience=arena["audience"],
            programme=json.dumps(
                [
                    block("item", {"time": t.strftime("%H:%M:%S"), "title": title, "speaker": speaker})
                    for t, title, speaker in arena["programme"]
                ]
            ),
        )

    def load_standard_pages(self, home):
        contacts = ContactPerson.objects.filter(region__isnull=False, health_trust__isnull=True).order_by(
            "region__name"
        )
        self.child(
            home,
            StandardPage,
            "om-servicemiljoet",
            title="Om servicemiljøet",
            show_in_menus=True,
            introduction="De regionale servicemiljøene skal bistå og veilede nasjonale tjenester, kvalitets- og "
            "kompetansenettverk og nasjonale sentre.",
            body=json.dumps(
                [
                    rich(
                        "<p>RHF-enes servicemiljø skal bidra til samordning på tvers av regionene og rapporterer til "
                        "interregionalt fagdirektørmøte. I perioden 2023–2024 er det Helse Vest som leder RHF-enes "
                        "servicemiljø. Ledelsen går på omgang mellom regionene.</p>"
                    ),
                    block("heading", {"text": "Kontaktinformasjon til de regionale servicemiljøene", "level": "h2"}),
                    *[block("contact", {"contact": c.pk, "heading": c.region.name}) for c in contacts],
                ]
            ),
        )
        self.child(
            home,
            StandardPage,
            "rammeverk-og-retningslinjer",
            title="Rammeverk og retningslinjer",
            show_in_menus=True,
            introduction="Rammeverk for kvalitets- og kompetansenettverk, vedtatt i AD-møtet 25. april 2022, og "
            "finansiering av servicemiljøet.",
            body=json.dumps(
                [
                    block("heading", {"text": "Formål", "level": "h2"}),
                    rich(
                        "<p>Kvalitets- og kompetansenettverk skal bidra til likeverdige helsetjenester med god "
                        "kvalitet. Nettverkene skal koordineres fra det helseforetaket som hadde ansvar for den "
                        "nasjonale kompetansetjenesten.</p>"
                    ),
                    block("heading", {"text": "Finansiering", "level": "h2"}),
                    rich(
                        "<p>Rammen for den koordinerende enheten er en million kroner per år. Dersom det er behov for "
                        "en tettere forankring, for eksempel gjennom mindre stillinger (10–20 %) i alle regioner, er "
                        "rammen to millioner kroner per år.</p>"
                    ),
                    block(
                        "table",
                        {
                            "caption": demo.FUNDING_TABLE["caption"],
                            "source": demo.FUNDING_TABLE["source"],
                            "table": {
                                "columns": [{"type": t, "heading": h} for t, h in demo.FUNDING_TABLE["columns"]],
                                "rows": [{"values": row} for row in demo.FUNDING_TABLE["rows"]],
                            },
                        },
                    ),
                    block("heading", {"text": "Varighet", "level": "h2"}),
                    rich(
                        "<p>Kvalitets- og kompetansenettverk har en varighet på fem år med øremerket tilskudd. I år "
                        "seks etter etablering vurderer RHF-ene i fellesskap om tilskuddet skal videreføres.</p>"
                    ),
                ]
            ),
        )
        privacy = self.child(
            home,
            StandardPage,
            "personvern",
            title="Personvernerklæring",
            introduction="Slik behandler RHF-enes servicemiljø personopplysninger på dette nettstedet.",
            body=json.dumps(
                [
                    rich(
                        "<p>Når du melder deg på et arrangement, lagrer vi navn, e-postadresse, organisasjon, region "
                        "og eventuelle behov du oppgir. Opplysningene brukes bare til å gjennomføre arrangementet, og "
                        "anonymiseres etter at arrangementet er holdt. Bare de som arrangerer, har tilgang.</p>"
                    ),
                ]
            ),
        )
        site = Site.objects.get(is_default_site=True)
        settings = SiteContactSettings.for_site(site)
        if settings.privacy_page_id is None:
            settings.privacy_page = privacy
            settings.save()

    def load_tiles(self, home, index):
        if home.tiles:
            return
        pages = {p.slug: p for p in home.get_children()}
        tiles = [
            ("Tjenester, nettverk og sentre", "Etablering, endring, oppgaver og prosedyrer.", index),
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
        self.publish(home)
