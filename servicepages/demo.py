"""Demo section of the services, networks and centres: the service index, the region pages, the 30 units of
the public list (``demo_data/national_services.csv``, through the importer) with texts, medical fields and
contacts, and reference groups. Also the bulk helpers with which the benchmark grows the site to thousands of
units (``grow_units``, ``grow_reference_groups``).
"""

import csv
import datetime
import json
import time
from pathlib import Path

from cms.core import demo
from cms.core.demo import add_revisions, block, create_pages, index_for_search
from cms.core.text import norwegian_slugify
from organisations.demo import MEDICAL_FIELDS, fictional_person
from organisations.factories import ContactPersonFactory
from organisations.models import ContactPerson, HealthTrust, MedicalField, Region

from .choices import QualityToolKind, TermOutcome, UnitKind
from .factories import (
    CentrePageFactory,
    NetworkPageFactory,
    ReferenceGroupIndexPageFactory,
    ReferenceGroupPageFactory,
    RegionPageFactory,
    ServiceIndexPageFactory,
    ServicePageFactory,
)
from .importer import ServiceImporter
from .models import NationalUnitPage, QualityTool, ReferenceGroupIndexPage, ReferenceGroupPage, RegionPage, UnitSite

CSV_PATH = Path(__file__).resolve().parent / "demo_data" / "national_services.csv"

# Specific facts for some units (from public sources in shared/data); others get a general text.
UNIT_TEXTS = {
    "Nasjonal behandlingsteneste for avansert brannskadebehandling": {
        "abbreviation": "",
        "introduction": "Brannskadeavdelinga ved Haukeland universitetssjukehus har landsdekkande funksjon for "
        "behandling av pasientar i alle aldersgrupper med store brannskadar.",
        "approved_description": "<p>Brannskadeavdelinga har landsdekkande funksjon for behandling av pasientar i "
        "alle aldersgrupper med store brannskadar, brannskadar som krev spesiell ekspertise og andre definerte "
        "tilstandar. Avdelinga har åtte senger, fire av desse er intensivsenger. Det blir behandla om lag 150 "
        "pasientar med alvorlege brannskadar kvart år.</p>",
        "referral_criteria": "<ul><li>Brannskadar over 10 % av kroppsoverflata hos vaksne</li><li>Brannskadar "
        "over 5 % av kroppsoverflata hos barn</li><li>Brannskadar i andlet, hender, føter eller kjønnsorgan "
        "som krev spesiell ekspertise</li></ul>",
        "goals": "<p>Alle pasientar i landet med store brannskadar skal få likeverdig tilgang til "
        "høgspesialisert behandling av høg kvalitet.</p>",
        "quality_tools": "<p>Brannskadeavdelinga, Haukeland universitetssjukehus, brukar desse kvalitetsverktøya:</p>",
    },
    "Nasjonal behandlingstjeneste for kjønnsinkongruens": {
        "abbreviation": "NBTK",
        "introduction": "Utredning og behandling av kjønnsinkongruens. Tjenesten het tidligere Nasjonal "
        "behandlingstjeneste for transseksualisme (NBTS).",
    },
    "Nasjonal behandlingstjeneste for akutt replantasjonskirurgi": {
        "introduction": "Akutt replantasjon av amputerte kroppsdeler, godkjent som nasjonal tjeneste fra 7. juli 2011.",
    },
    "Nasjonal behandlingstjeneste for organtransplantasjon": {
        "introduction": "Transplantasjon av nyre, hjerte, lunge, lever, bukspyttkjertel og øyceller, og "
        "implantasjon av kunstig hjertepumpe (LVAD).",
    },
    "Nasjonal behandlingstjeneste for kirurgisk epilepsi": {
        "introduction": "Utredning og kirurgisk behandling av epilepsi ved Spesialsykehuset for epilepsi og "
        "Nevrokirurgisk avdeling, Rikshospitalet.",
    },
    "Nasjonal behandlingstjeneste for cochleaimplantat hos barn": {
        "introduction": "Cochleaimplantat til barn med alvorlig hørselstap, med oppfølging til fylte 18 år.",
    },
    "Nasjonal behandlingstjeneste for strålekniv": {
        "introduction": "Behandling med gammakniv (strålekniv) ved Nevrokirurgisk avdeling, Haukeland "
        "universitetssjukehus.",
    },
    "Nasjonal behandlingstjeneste for avansert invasiv fostermedisin": {
        "introduction": "Fostertransfusjon, drenasje og fosterreduksjon ved Senter for fostermedisin, St. Olavs "
        "hospital.",
    },
    "Flerregional behandlingstjeneste for allogen stamcelletransplantasjon": {
        "introduction": "Allogen stamcelletransplantasjon ved Oslo universitetssykehus og Helse Bergen. De to "
        "stedene har felles mål for tjenesten.",
    },
    "Nasjonal kompetansetjeneste for sjeldne diagnoser": {
        "abbreviation": "NKSD",
        "introduction": "Koordinerer kompetansesentrene for sjeldne diagnoser. Sjeldentelefonen: 800 41 710.",
    },
    "Nasjonal kompetansetjeneste for prehospital akuttmedisin": {
        "abbreviation": "NAKOS",
        "introduction": "Etablert 1. november 2003. Driver blant annet Norsk hjertestansregister.",
    },
    "Nasjonal kompetansetjeneste for familiær hyperkolesterolemi": {"abbreviation": "NKT for FH"},
    "Nasjonal kompetansetjeneste for traumatologi": {
        "abbreviation": "NKT-Traume",
        "introduction": "Kompetansetjenesten ble videreført som Nasjonalt senter for traumatologi fra 1. januar 2024.",
    },
    "Nasjonal kompetansetjeneste for solide svulster hos barn": {"abbreviation": "KSSB"},
    "Nasjonal kompetansetjeneste for leddproteser og hoftebrudd": {
        "introduction": "Kompetansetjenesten ble videreført som nasjonalt kvalitets- og kompetansenettverk fra "
        "januar 2023.",
    },
    "Nasjonal kompetansetjeneste for multippel sklerose": {
        "abbreviation": "NKMS",
        "introduction": "Kompetansetjenesten ble videreført som nasjonalt nettverk fra 1. januar 2023.",
    },
    "Nasjonal kompetansetjeneste for søvnsykdommer": {"abbreviation": "SOVno"},
    "Nasjonal kompetansetjeneste for ultralyd og bildeveiledet behandling": {"abbreviation": "USIGT"},
    "Nasjonal kompetansetjeneste for inkontinens og bekkenbunnsykdom": {"abbreviation": "NKIB"},
    "Samisk nasjonal kompetansetjeneste – psykisk helsevern og rus": {
        "abbreviation": "SANKS",
        "introduction": "Samisk nasjonal kompetansetjeneste for psykisk helsevern og rus, med hovedsete i Karasjok.",
    },
    "Nasjonalt kvalitets- og kompetansenettverk for leddproteser og hoftebrudd": {
        "introduction": "Nettverket viderefører fagmiljøet fra kompetansetjenesten for leddproteser og hoftebrudd, "
        "med Nasjonalt register for leddproteser.",
        "quality_tools": "<p>Nettverket driver to nasjonale medisinske kvalitetsregistre:</p>",
    },
    "Nasjonalt senter for traumatologi": {
        "introduction": "Nasjonalt senter fra 1. januar 2024, videreført fra NKT-Traume.",
    },
    "Nasjonalt forskningssenter for minimalt invasiv og bildeassistert diagnostikk og behandling": {
        "abbreviation": "MiDT",
        "introduction": "Slått sammen av kompetansetjenestene for avansert laparoskopisk kirurgi, funksjonell MR og "
        "ultralyd og bildeveiledet behandling.",
    },
    "Nasjonalt senter for søvnmedisin": {"abbreviation": "SOVno"},
}

GENERAL_TEXTS = {
    "behandlingstjeneste": {
        "approved_description": "<p>{name} gir høyspesialisert diagnostikk og behandling til en klart definert "
        "pasientgruppe fra hele landet. Tjenesten er sentralisert til {trusts}.</p>",
        "referral_criteria": "<p>Henvisning fra spesialisthelsetjenesten. Henvisningen skal beskrive "
        "problemstilling, relevante funn og tidligere behandling.</p>",
        "goals": "<p>Likeverdig tilgang til høyspesialisert behandling av god kvalitet for pasienter i hele "
        "landet.</p>",
        "quality_tools": "<p>Tjenesten bruker disse kvalitetsverktøyene:</p>",
    },
    "flerregional": {
        "approved_description": "<p>{name} gis ved {trusts}. Tjenesten har felles mål og felles innhold for "
        "begge stedene.</p>",
        "referral_criteria": "<p>Henvisning fra spesialisthelsetjenesten til ett av de to stedene som har "
        "tjenesten.</p>",
        "goals": "<p>Felles mål for begge regionene: likeverdig tilgang og lik kvalitet uansett bosted.</p>",
        "quality_tools": "<p>De to stedene bruker de samme kvalitetsverktøyene:</p>",
    },
    "kompetansetjeneste": {
        "approved_description": "<p>{name} bygger opp og sprer kompetanse i hele landet for å bidra til god "
        "kvalitet og pasientsikkerhet. Tjenesten er lagt til {trusts}.</p>",
        "goals": "<p>Kompetansespredning gjennom undervisning, veiledning og forskning i alle regioner.</p>",
        "quality_tools": "<p>Tjenesten bidrar til og bruker disse kvalitetsverktøyene:</p>",
    },
    "nettverk": {
        "approved_description": "<p>{name} er et faglig, interregionalt samarbeid der ett fagmiljø ved {trusts} "
        "koordinerer aktiviteten. En representant fra fagmiljø i alle regioner deltar, og brukere er "
        "representert.</p>",
        "goals": "<p>Likeverdige helsetjenester med god kvalitet, ved at eksisterende og ny kunnskap fra forskning "
        "og kvalitetsregistre tas i bruk i alle regioner.</p>",
        "quality_tools": "<p>Nettverket bygger på disse kvalitetsverktøyene:</p>",
    },
    "senter": {
        "approved_description": "<p>{name} er et nasjonalt senter opprettet av de regionale helseforetakene, lagt "
        "til {trusts}. Mandatet er godkjent av RHF-ene.</p>",
        "goals": "<p>Forskning, kompetansebygging og kompetansespredning på nasjonalt nivå.</p>",
        "quality_tools": "<p>Senteret bruker og utvikler disse kvalitetsverktøyene:</p>",
    },
}

# --- for clinicians: who may refer, the sites, quality tools (issue 14 §3) -------------------------------------
# Departments and the hospitals' own pages are from the public sources in shared/data; phone numbers, postal
# lines, e-mail addresses and people are fictional demo data (README, "Demo content"), except Sjeldentelefonen.

WHO_MAY_REFER = {
    "behandlingstjeneste": "Lege i spesialisthelsetjenesten. Fastleger henviser gjennom pasientens lokalsykehus.",
    "flerregional": "Lege i spesialisthelsetjenesten, til det av de to stedene som dekker pasientens region.",
}
UNIT_SITES = {
    # unit title: {trust name: {site fields}}; the rest get general values from their host trusts
    "Nasjonal behandlingsteneste for avansert brannskadebehandling": {
        "Helse Bergen HF": {
            "department": "Brannskadeavdelinga, Haukeland universitetssjukehus",
            "page_url": "https://www.helse-bergen.no/avdelinger/kirurgisk-klinikk/plastikkirurgi-og-brannskade/"
            "brannskadeavdelinga/tilvising-til-nasjonal-behandlingsteneste-for-avansert-brannskadebehandling/",
        },
    },
    "Nasjonal behandlingstjeneste for strålekniv": {
        "Helse Bergen HF": {
            "department": "Nevrokirurgisk avdeling, Haukeland universitetssjukehus",
            "page_url": "https://www.helse-bergen.no/avdelinger/nevroklinikken/nevrokirurgisk-avdeling/"
            "nasjonal-behandlingstjeneste-i-stralekniv/henvisningsrutiner-og-kontrollopplegg/",
        },
    },
    "Nasjonal behandlingstjeneste for avansert invasiv fostermedisin": {
        "St. Olavs hospital HF": {
            "department": "Senter for fostermedisin, Kvinneklinikken",
            "page_url": "https://www.stolav.no/avdelinger/kvinneklinikken/fodeavdelingen/senter-for-fostermedisin-nsfm/"
            "nasjonal-behandlingstjeneste-for-avansert-fostermedisin/",
        },
    },
    "Nasjonal behandlingstjeneste for kirurgisk epilepsi": {
        "Oslo universitetssykehus HF": {
            "department": "Spesialsykehuset for epilepsi og Nevrokirurgisk avdeling, Rikshospitalet",
        },
    },
    "Flerregional behandlingstjeneste for allogen stamcelletransplantasjon": {
        "Oslo universitetssykehus HF": {"department": "Avdeling for blodsykdommer, Rikshospitalet"},
        "Helse Bergen HF": {"department": "Seksjon for blodsykdommer, Haukeland universitetssjukehus (familiedonorer)"},
    },
    "Nasjonal kompetansetjeneste for sjeldne diagnoser": {
        "Oslo universitetssykehus HF": {
            "department": "Kvinne- og barneklinikken",
            "phone": "800 41 710",  # Sjeldentelefonen (public, sjelden.no)
            "page_url": "https://sjelden.no/nasjonal-kompetansetjeneste-for-sjeldne-diagnoser/",
        },
    },
    "Nasjonal kompetansetjeneste for prehospital akuttmedisin": {
        "Oslo universitetssykehus HF": {"department": "Akuttklinikken, Avdeling for forskning og utvikling"},
    },
    "Samisk nasjonal kompetansetjeneste – psykisk helsevern og rus": {
        "Finnmarkssykehuset HF": {"department": "Sámi klinihkka, Karasjok"},
    },
    "Nasjonalt kvalitets- og kompetansenettverk for leddproteser og hoftebrudd": {
        "Helse Bergen HF": {
            "page_url": "https://helse-bergen.no/nasjonalt-kvalitets-og-kompetansenettverk-for-leddproteser-og-"
            "hoftebrudd/norwegian-national-advisory-unit-on-arthroplasty-and-hip-fractures",
        },
    },
    "Nasjonalt nettverk for multippel sklerose": {
        "Helse Bergen HF": {
            "department": "Nevrologisk avdeling, Haukeland universitetssjukehus",
            "page_url": "https://www.helse-bergen.no/nasjonal-kompetansetjeneste-for-multippel-sklerose-ms/"
            "fra-nasjonal-kompetansetjeneste-til-nasjonalt-nettverk/",
        },
    },
    "Nasjonalt forskningssenter for minimalt invasiv og bildeassistert diagnostikk og behandling": {
        "St. Olavs hospital HF": {
            "page_url": "https://www.stolav.no/avdelinger/sentral-stab/forskningsavdelingen/"
            "senter-for-innovasjon-medisinsk-utstyr-og-teknologi/midt/",
        },
    },
}
# Fictional postal lines and phone prefixes per trust (demo data).
TRUST_DEMO_CONTACT = {
    "Oslo universitetssykehus HF": ("Postboks 4950 Nydalen, 0424 Oslo", "22 00"),
    "Sykehuset i Vestfold HF": ("Postboks 2168, 3103 Tønsberg", "33 00"),
    "Helse Bergen HF": ("Postboks 1400, 5021 Bergen", "55 00"),
    "St. Olavs hospital HF": ("Postboks 3250 Torgarden, 7006 Trondheim", "73 00"),
    "Universitetssykehuset Nord-Norge HF": ("Postboks 100, 9038 Tromsø", "77 00"),
    "Finnmarkssykehuset HF": ("Postboks 1294, 9616 Hammerfest", "78 00"),
}
# Quality tools named in the sources; every unit also gets its type's general tools.
UNIT_TOOLS = {
    "Nasjonal behandlingsteneste for avansert brannskadebehandling": [
        (QualityToolKind.GUIDELINE, "Metodebok i brannskadebehandling"),
    ],
    "Nasjonal kompetansetjeneste for prehospital akuttmedisin": [
        (QualityToolKind.REGISTER, "Norsk hjertestansregister"),
        (QualityToolKind.REGISTER, "Hjertestarterregisteret"),
    ],
    "Nasjonal kompetansetjeneste for leddproteser og hoftebrudd": [
        (QualityToolKind.REGISTER, "Nasjonalt register for leddproteser"),
        (QualityToolKind.REGISTER, "Nasjonalt hoftebruddregister"),
    ],
    "Nasjonalt kvalitets- og kompetansenettverk for leddproteser og hoftebrudd": [
        (QualityToolKind.REGISTER, "Nasjonalt register for leddproteser"),
        (QualityToolKind.REGISTER, "Nasjonalt hoftebruddregister"),
    ],
    "Nasjonalt nettverk for multippel sklerose": [(QualityToolKind.REGISTER, "Norsk MS-register og biobank")],
}
GENERAL_TOOLS = {
    "behandlingstjeneste": [
        (QualityToolKind.GUIDELINE, "Nasjonale faglige retningslinjer for fagområdet"),
        (QualityToolKind.INDICATOR, "Tjenestens kvalitetsindikatorer i årsrapporten"),
    ],
    "flerregional": [
        (QualityToolKind.REGISTER, "Felles kvalitetsregister for begge stedene"),
        (QualityToolKind.GUIDELINE, "Felles faglige retningslinjer"),
    ],
    "kompetansetjeneste": [
        (QualityToolKind.GUIDELINE, "Faglige veiledere og prosedyrer fra tjenesten"),
        (QualityToolKind.INDICATOR, "Resultat- og kvalitetsmål i årsrapporten"),
    ],
    "nettverk": [
        (QualityToolKind.REGISTER, "Nasjonalt medisinsk kvalitetsregister på fagområdet"),
        (QualityToolKind.GUIDELINE, "Felles faglige retningslinjer i alle regioner"),
    ],
    "senter": [
        (QualityToolKind.GUIDELINE, "Faglige retningslinjer senteret bidrar til"),
        (QualityToolKind.INDICATOR, "Resultat- og kvalitetsmål i årsrapporten"),
    ],
}
# What became of the competence services whose term has ended (shared/data/national_services_sources.md).
# A term that ended without a recorded outcome leaves the unit "being discontinued" (in the CSV).
UNIT_LIFECYCLE = {
    "Nasjonal kompetansetjeneste for traumatologi": (TermOutcome.OTHER_FORM, datetime.date(2024, 1, 1)),
    "Nasjonal kompetansetjeneste for leddproteser og hoftebrudd": (TermOutcome.OTHER_FORM, datetime.date(2023, 1, 1)),
    "Nasjonal kompetansetjeneste for multippel sklerose": (TermOutcome.OTHER_FORM, datetime.date(2023, 1, 1)),
    "Nasjonal kompetansetjeneste for søvnsykdommer": (TermOutcome.OTHER_FORM, datetime.date(2024, 1, 1)),
    # Merged into MiDT; the date is not in the sources.
    "Nasjonal kompetansetjeneste for ultralyd og bildeveiledet behandling": (TermOutcome.OTHER_FORM, None),
}
HOSPITAL_DOMAINS = ("oslo-universitetssykehus.no", "helse-bergen.no", "stolav.no", "unn.no", "finnmarkssykehuset.no")


REFERENCE_GROUPS = [
    ("Nasjonal behandlingsteneste for avansert brannskadebehandling", "Helse Sør-Øst"),
    ("Nasjonal behandlingstjeneste for kjønnsinkongruens", "Helse Vest"),
    ("Nasjonalt senter for traumatologi", "Helse Nord"),
    ("Nasjonal kompetansetjeneste for inkontinens og bekkenbunnsykdom", "Helse Midt-Norge"),
]


@demo.section("servicepages", order=30, label="Services, networks, centres and reference groups")
def build(builder):
    home = builder.home_page
    builder.step("Service index and region pages", lambda: build_index(builder, home))
    builder.step("National units from CSV", lambda: ServiceImporter.from_path(CSV_PATH).run())
    builder.step("Texts and medical fields of the units", lambda: enrich_units(builder))
    builder.step("Reference groups", lambda: build_reference_groups(builder, home))
    builder.summary.append(f"{NationalUnitPage.objects.live().count()} services, networks and centres.")


def build_index(builder, home):
    index = builder.child(
        home,
        ServiceIndexPageFactory,
        "tjenester",
        title="Tjenester, nettverk og sentre",
        show_in_menus=True,
        introduction="Nasjonale behandlingstjenester, flerregionale behandlingstjenester, nasjonale "
        "kompetansetjenester, kvalitets- og kompetansenettverk og nasjonale sentre i "
        "spesialisthelsetjenesten. Etablering, endring, oppgaver og prosedyrer.",
    )
    for region in Region.objects.all():
        if not RegionPage.objects.filter(region=region).exists():
            builder.child(
                index,
                RegionPageFactory,
                region.slug,
                title=region.name,
                region=region,
                introduction=f"Nasjonale tjenester, nettverk og sentre i {region.name}. Regionen har et "
                "selvstendig ansvar for drift av tjenestene i egen region.",
            )
    return index


def enrich_units(builder):
    """Write texts, medical fields and contacts on units that have none yet (first run only)."""
    fields = {f.name: f for f in MedicalField.objects.all()}
    with open(CSV_PATH, encoding="utf-8") as handle:
        sources = {row["name"]: row.get("source_url") or "" for row in csv.DictReader(handle)}
    units = NationalUnitPage.objects.prefetch_related("host_trusts__region").specific()
    for number, unit in enumerate(units):
        if unit.approved_description:
            continue
        trusts = list(unit.host_trusts.all())
        trust_names = " og ".join(t.name for t in trusts)
        texts = {
            key: value.format(name=unit.title, trusts=trust_names) for key, value in GENERAL_TEXTS[unit.kind].items()
        }
        texts.update(UNIT_TEXTS.get(unit.title, {}))
        if not hasattr(unit, "referral_criteria"):
            texts.pop("referral_criteria", None)
        for key, value in texts.items():
            setattr(unit, key, value)
        lowered = unit.title.lower()
        unit.medical_fields.set(
            [fields[name] for word, names in MEDICAL_FIELDS.items() if word in lowered for name in names]
        )
        if unit.kind == UnitKind.COMPETENCE and unit.established:
            unit.term_years = 10
        unit.term_outcome, unit.ended_on = UNIT_LIFECYCLE.get(unit.title, ("", None))
        unit.who_may_refer = WHO_MAY_REFER.get(unit.kind, "")
        unit.contact = demo_contact(number, trusts[0] if trusts else None)
        add_sites(unit, trusts, number, sources.get(unit.title, ""))
        add_quality_tools(unit)
        builder.publish(unit)


def demo_contact(number, trust):
    """A fictional person with e-mail and phone at ``trust`` (the same person on later runs)."""
    person = fictional_person(number)
    prefix = TRUST_DEMO_CONTACT.get(trust.name if trust else "", ("", "22 00"))[1]
    return ContactPerson.objects.filter(name=person).first() or ContactPersonFactory(
        name=person,
        job_title="Leder",
        email=f"{norwegian_slugify(person).replace('-', '.')}@example.no",
        phone=f"{prefix} {10 + number % 90:02d} {number % 100:02d}",
        health_trust=trust,
        region=trust.region if trust else None,
    )


def add_sites(unit, trusts, number, source_url):
    """One site per host trust: where to refer, phone, e-mail and the hospital's own page about the unit."""
    specific = UNIT_SITES.get(unit.title, {})
    slug = norwegian_slugify(unit.abbreviation or unit.title.split(" for ")[-1])[:24].rstrip("-")
    for position, trust in enumerate(trusts):
        address, prefix = TRUST_DEMO_CONTACT.get(trust.name, ("", "22 00"))
        own = specific.get(trust.name, {})
        where = own.get("department", "").split(",")[0] or unit.title
        values = {
            "department": "",
            "referral_address": f"{trust.name}, {where}\n{address}" if address else "",
            "electronic_referral": f"Via Norsk helsenett til {trust.name}, {where}",
            "phone": f"{prefix} {20 + (number + position) % 80:02d} {(number * 7 + position) % 100:02d}",
            "email": f"{slug}.{(trust.short_name or 'hf').lower().replace(' ', '').replace('.', '')}@example.no",
            "page_url": source_url if any(d in source_url for d in HOSPITAL_DOMAINS) else trust.website,
            "contact": unit.contact if position == 0 else demo_contact(number + 60 + position, trust),
        }
        values.update(own)
        unit.sites.add(UnitSite(health_trust=trust, sort_order=position, **values))


def add_quality_tools(unit):
    tools = UNIT_TOOLS.get(unit.title, []) + GENERAL_TOOLS[unit.kind]
    for position, (kind, name) in enumerate(tools):
        unit.quality_tool_items.add(QualityTool(kind=kind, name=name, sort_order=position))


def build_reference_groups(builder, home):
    index = builder.child(
        home,
        ReferenceGroupIndexPageFactory,
        "referansegrupper",
        title="Referansegrupper",
        show_in_menus=True,
    )
    regions = {r.name: r for r in Region.objects.all()}
    for offset, (unit_title, chair_region) in enumerate(REFERENCE_GROUPS):
        unit = NationalUnitPage.objects.filter(title=unit_title).first()
        if unit is None:
            continue
        members = [
            block(
                "member",
                {
                    "name": fictional_person(40 + offset * 6 + position),
                    "role": "chair" if region.name == chair_region else "member",
                    "organisation": f"{region.name}",
                    "region": region.pk,
                },
            )
            for position, region in enumerate(regions.values())
        ]
        members.append(
            block(
                "member",
                {
                    "name": fictional_person(44 + offset * 6),
                    "role": "user_representative",
                    "organisation": "Brukerrepresentant",
                    "region": None,
                },
            )
        )
        builder.child(
            index,
            ReferenceGroupPageFactory,
            norwegian_slugify(f"referansegruppe {unit.abbreviation or unit.title}")[:80],
            title=f"Referansegruppe for {unit.title[0].lower()}{unit.title[1:]}",
            unit=unit,
            chair_region=regions[chair_region],
            meetings_per_year=2,
            members=json.dumps(members),
            introduction="Referansegruppen følger tjenesten faglig og godkjenner årsrapporten med en skriftlig "
            "vurdering i eRapport.",
        )


# --- bulk growth, for the benchmark (bench/generate.py) ----------------------------------------------------

TOPICS = [
    "avansert brannskadebehandling",
    "sjeldne diagnoser",
    "barnekreft",
    "epilepsi",
    "hørsel",
    "syn",
    "nevromuskulære sykdommer",
    "spiseforstyrrelser",
    "traumatologi",
    "transplantasjon",
    "smertebehandling",
    "kreftgenetikk",
    "hjertesvikt",
    "revmatologi",
    "ryggmargsskader",
    "palliasjon",
    "rus og psykiatri",
    "barneortopedi",
    "hodepine",
    "sikkerhetspsykiatri",
    "leppe-kjeve-ganespalte",
    "cerebral parese",
]
BULK_KINDS = [
    (ServicePageFactory, UnitKind.TREATMENT, 0.35),
    (ServicePageFactory, UnitKind.MULTIREGIONAL, 0.1),
    (ServicePageFactory, UnitKind.COMPETENCE, 0.3),
    (NetworkPageFactory, UnitKind.NETWORK, 0.15),
    (CentrePageFactory, UnitKind.CENTRE, 0.1),
]
PARAGRAPH = (
    "<p>Tjenesten skal bidra til likeverdig tilgang til høyspesialisert behandling i hele landet, bygge og "
    "spre kompetanse til helsetjenesten og samarbeide med brukerne om kvalitet og forbedring.</p>"
)
HostLink = NationalUnitPage.host_trusts.through
FieldLink = NationalUnitPage.medical_fields.through


def _flush(pages, host_links, field_links, search_sample):
    by_parent = {}
    for parent, page in pages:
        by_parent.setdefault(parent.pk, (parent, []))[1].append(page)
    for parent, children in by_parent.values():
        create_pages(parent, children)
    for link, (_, page) in host_links + field_links:
        link.nationalunitpage_id = page.pk
    HostLink.objects.bulk_create([link for link, _ in host_links])
    FieldLink.objects.bulk_create([link for link, _ in field_links])
    created = [page for _, page in pages]
    add_revisions(created, 3)
    index_for_search(created[::search_sample])
    return created


def grow_units(target, rng, *, search_sample=1, progress=print):
    """Add services, networks and centres under the four region pages until the site has ``target`` of them
    (spread over the regions, with host trusts, medical fields, contacts, predecessors and three revisions
    each), in bulk. Only every ``search_sample``-th new unit is indexed for search."""
    regions = list(RegionPage.objects.select_related("region").order_by("path"))
    trusts_by_region = {r.region_id: list(HealthTrust.objects.filter(region=r.region)) for r in regions}
    fields = list(MedicalField.objects.all())
    contacts = list(ContactPerson.objects.all()) or [None]
    existing = NationalUnitPage.objects.count()
    previous = list(NationalUnitPage.objects.order_by("-pk").values_list("pk", flat=True)[:50])
    started = time.monotonic()
    batch, host_links, field_links = [], [], []
    for number in range(existing, target):
        region_page = regions[number % len(regions)]
        factory, kind, _ = rng.choices(BULK_KINDS, weights=[k[2] for k in BULK_KINDS])[0]
        topic = rng.choice(TOPICS)
        page = factory.build(
            title=f"Nasjonal tjeneste {number + 1} for {topic}",
            slug=f"tjeneste-{number + 1}",
            kind=kind,
            introduction=f"Nasjonal tjeneste for {topic}, nummer {number + 1}.",
            approved_description=PARAGRAPH,
            goals=PARAGRAPH,
            quality_tools="<p>Nasjonalt kvalitetsregister og faglige retningslinjer.</p>",
            established=datetime.date(2010 + number % 14, 1 + number % 12, 1),
            contact=rng.choice(contacts),
            predecessor_id=rng.choice(previous) if previous and number % 7 == 0 else None,
            former_names=f"Kompetansetjeneste for {topic} {number}" if number % 5 == 0 else "",
        )
        if kind == UnitKind.COMPETENCE:
            page.term_years = 10
        trusts = trusts_by_region.get(region_page.region_id) or []
        hosts = rng.sample(trusts, k=min(len(trusts), 2 if kind == UnitKind.MULTIREGIONAL else 1))
        if kind == UnitKind.MULTIREGIONAL:
            other = regions[(number + 1) % len(regions)]
            hosts += trusts_by_region.get(other.region_id, [])[:1]
        host_links.extend((HostLink(healthtrust_id=t.pk), (None, page)) for t in set(hosts))
        field_links.extend(
            (FieldLink(medicalfield_id=f.pk), (None, page)) for f in rng.sample(fields, k=min(2, len(fields)))
        )
        batch.append((region_page, page))
        if len(batch) == 500:
            previous.extend(p.pk for p in _flush(batch, host_links, field_links, search_sample))
            batch, host_links, field_links = [], [], []
            rate = (number + 1 - existing) / (time.monotonic() - started)
            progress(f"  {number + 1}/{target} units ({rate:.0f}/s)")
    if batch:
        _flush(batch, host_links, field_links, search_sample)


def grow_reference_groups():
    """A reference group for every tenth unit that has none, in bulk."""
    index = ReferenceGroupIndexPage.objects.first()
    if index is None:
        return
    regions = list(Region.objects.all())
    with_group = set(ReferenceGroupPage.objects.values_list("unit_id", flat=True))
    units = NationalUnitPage.objects.exclude(pk__in=with_group).order_by("pk").only("pk", "title")
    hosts = {}
    for unit_id, region_id in HostLink.objects.values_list("nationalunitpage_id", "healthtrust__region_id"):
        hosts.setdefault(unit_id, set()).add(region_id)
    groups = [
        ReferenceGroupPageFactory.build(
            title=f"Referansegruppe for {unit.title}"[:255],
            slug=f"referansegruppe-{unit.pk}",
            unit_id=unit.pk,
            chair_region=next((r for r in regions if r.pk not in hosts.get(unit.pk, ())), None),
            introduction="Referansegruppen følger tjenesten opp på vegne av de regionale helseforetakene.",
        )
        for number, unit in enumerate(units)
        if number % 10 == 0
    ]
    index_for_search(create_pages(index, groups))
