"""Demo records for the registers: annual reports for 2023 and 2024, and a few applications.

The registers' demo section (``cms.core.demo``), after the page tree exists. Idempotent: records are looked up by their
natural keys (unit and year; title and round) and only created when missing. The statuses and dates are
invented for the demo; the application titles come from Helsedirektoratet's 2012 assessment of
applications (see ../shared/data/national_services_sources.md, section D).
"""

import csv
import datetime
import re

from cms.core import demo
from organisations.models import HealthTrust, MedicalField, Region
from servicepages.demo import CSV_PATH
from servicepages.models import NationalUnitPage

from .models import AnnualReport, Application, ApplicationKind, ApplicationStage, AssessmentStatus

ERAPPORT_REPORT_URL = "https://forskningsprosjekter.ihelse.net/senter/rapport/{id}/{year}"

# (status, reference group approved, follow-up needs) in turn for the units, per year.
REPORT_PATTERNS = {
    2023: [
        (AssessmentStatus.CLOSED, True, ""),
        (AssessmentStatus.ASSESSED, True, ""),
        (AssessmentStatus.FOLLOW_UP, True, "Tjenesten mangler måltall for likeverdig tilgang i alle regioner."),
        (AssessmentStatus.CLOSED, True, ""),
        (AssessmentStatus.ASSESSED, False, ""),
    ],
    2024: [
        (AssessmentStatus.RECEIVED, None, ""),
        (AssessmentStatus.UNDER_ASSESSMENT, True, ""),
        (
            AssessmentStatus.FOLLOW_UP,
            True,
            "Referansegruppen har ikke hatt møte i 2024. Følges opp med helseforetaket.",
        ),
        (AssessmentStatus.ASSESSED, True, ""),
        (AssessmentStatus.NOT_RECEIVED, None, ""),
    ],
}

APPLICATIONS = [
    {
        "title": "Nasjonal behandlingstjeneste for primær hepatobiliær cancer",
        "kind": ApplicationKind.TREATMENT,
        "region": "Helse Sør-Øst",
        "trust": None,
        "field": "Kreft",
        "stage": ApplicationStage.SENT_TO_MINISTRY,
        "rank": 1,
    },
    {
        "title": "Nasjonal behandlingstjeneste for vurdering av alvorlig redusert bevissthet "
        "etter ervervet hjerneskade",
        "kind": ApplicationKind.TREATMENT,
        "region": "Helse Sør-Øst",
        "trust": None,
        "field": "Nevrologi",
        "stage": ApplicationStage.SENT_TO_MINISTRY,
        "rank": 2,
    },
    {
        "title": "Nasjonal kompetansetjeneste for spesialisert transportmedisin",
        "kind": ApplicationKind.COMPETENCE,
        "region": "Helse Nord",
        "trust": None,
        "field": None,
        "stage": ApplicationStage.RANKED,
        "rank": 3,
    },
    {
        "title": "Nasjonal kompetansetjeneste for barn og voksne med familiær hyperkolesterolemi og andre arvelige "
        "dyslipidemier",
        "kind": ApplicationKind.COMPETENCE,
        "region": "Helse Sør-Øst",
        "trust": "Oslo universitetssykehus HF",
        "field": None,
        "stage": ApplicationStage.APPROVED,
        "rank": 4,
    },
    {
        "title": "Nasjonal kompetansetjeneste for arbeidsrettet lungerehabilitering",
        "kind": ApplicationKind.COMPETENCE,
        "region": "Helse Vest",
        "trust": None,
        "field": None,
        "stage": ApplicationStage.REGIONAL_PRIORITISATION,
        "rank": None,
    },
]

DEMO_NOTE = (
    "Eksempel til demo: tittelen er hentet fra Helsedirektoratets vurdering av søknader i 2012. "
    "Status, rangering og datoer er oppdiktet."
)


SERVICES_CSV = CSV_PATH
ERAPPORT_ID = re.compile(r"/senter/rapport/([^/]+)/")


def known_erapport_ids(path=SERVICES_CSV):
    """eRapport IDs seen in the sources of the services list (unit name -> ID), where the source is eRapport."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError:
        return {}
    ids = {}
    for row in rows:
        match = ERAPPORT_ID.search(row.get("source_url") or "")
        if match:
            ids[row["name"]] = match.group(1)
    return ids


def _region_of(unit):
    trust = next(iter(unit.host_trusts.all()), None)
    return trust.region if trust else None


def load_annual_reports(stdout):
    erapport_ids = known_erapport_ids()
    units = list(NationalUnitPage.objects.live().prefetch_related("host_trusts__region").order_by("title"))
    # Units with a known eRapport ID first, so the public archive has real links to show.
    units.sort(key=lambda unit: (not (unit.erapport_id or erapport_ids.get(unit.title)), unit.title))
    units = units[:15]
    if not units:
        stdout.write("  no services, networks or centres yet: no annual reports created")
        return 0
    created = 0
    for year, patterns in REPORT_PATTERNS.items():
        for number, unit in enumerate(units):
            region = _region_of(unit)
            if region is None:
                continue
            status, approved, follow_up = patterns[number % len(patterns)]
            received = status != AssessmentStatus.NOT_RECEIVED
            erapport_id = unit.erapport_id or erapport_ids.get(unit.title)
            link = ERAPPORT_REPORT_URL.format(id=erapport_id, year=year) if erapport_id and received else ""
            _report, was_created = AnnualReport.objects.get_or_create(
                unit=unit,
                year=year,
                defaults={
                    "assessing_region": region,
                    "status": status,
                    "submitted": datetime.date(year + 1, 2, 1 + number % 12) if received else None,
                    "erapport_url": link,
                    "reference_group_approved": approved,
                    "reference_group_assessment": "Referansegruppen godkjenner rapporten." if approved else "",
                    "follow_up_needs": follow_up,
                },
            )
            created += was_created
    return created


def load_applications():
    created = 0
    for item in APPLICATIONS:
        region = Region.objects.filter(name=item["region"]).first()
        if region is None:
            continue
        trust = HealthTrust.objects.filter(name=item["trust"]).first() if item["trust"] else None
        field = MedicalField.objects.filter(name=item["field"]).first() if item["field"] else None
        ranked = item["rank"] is not None
        _application, was_created = Application.objects.get_or_create(
            title=item["title"],
            round_year=2013,
            defaults={
                "kind": item["kind"],
                "applying_region": region,
                "health_trust": trust,
                "medical_field": field,
                "stage": item["stage"],
                "irf_rank": item["rank"],
                "received_on": datetime.date(2011, 8, 31),
                "irf_meeting_on": datetime.date(2011, 12, 12) if ranked else None,
                "sent_to_ministry_on": datetime.date(2012, 1, 15) if ranked and item["stage"] != "ranked" else None,
                "notes": DEMO_NOTE,
            },
        )
        created += was_created
    return created


@demo.section("registers", order=70, label="Annual reports and applications")
def build(builder):
    load(builder.home_page, builder.stdout)


def load(home_page, stdout):
    reports = load_annual_reports(stdout)
    applications = load_applications()
    stdout.write(f"  {reports} annual reports and {applications} applications created")
