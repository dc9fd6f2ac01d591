"""Demo records for the registers: annual reports for 2023 and 2024 (every unit), a few applications, activity
figures and population (fictional demo figures).

The registers' demo section (``cms.core.demo``), after the page tree exists. Idempotent: records are looked up by their
natural keys (unit and year; title and round) and only created when missing. The statuses and dates are
invented for the demo; the application titles come from Helsedirektoratet's 2012 assessment of
applications (see ../shared/data/national_services_sources.md, section D).
"""

import csv
import datetime
import random
import re

from cms.core import demo
from organisations.models import HealthTrust, MedicalField, Region
from servicepages.demo import CSV_PATH
from servicepages.models import NationalUnitPage

from .models import (
    HOME_REGION_FIELDS,
    ActivityFigures,
    ActivityMeasure,
    AnnualReport,
    Application,
    ApplicationKind,
    ApplicationStage,
    AssessmentStatus,
    RegionPopulation,
)

ERAPPORT_REPORT_URL = "https://forskningsprosjekter.ihelse.net/senter/rapport/{id}/{year}"
#: For a unit whose eRapport ID the sources do not give, the demo report links to eRapport's start page.
ERAPPORT_HOME = "https://forskningsprosjekter.ihelse.net/"

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
            link = (
                (ERAPPORT_REPORT_URL.format(id=erapport_id, year=year) if erapport_id else ERAPPORT_HOME)
                if received
                else ""
            )
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


# --- activity figures and population (fictional demo figures, see README) ---------------------------------

#: Round demo populations per region on 1 January of the first demo year, and the yearly growth. Not
#: Statistics Norway's figures: labelled "demotall" wherever they are shown.
DEMO_POPULATION = {
    "helse-sor-ost": 3_100_000,
    "helse-vest": 1_120_000,
    "helse-midt-norge": 740_000,
    "helse-nord": 490_000,
}
DEMO_GROWTH = 0.008
DEMO_POPULATION_SOURCE = "Demotall: avrundede, oppdiktede befolkningstall (ikke fra SSB)"
ACTIVITY_YEARS = 5

#: What each type of unit counts in the demo.
DEMO_MEASURES = {
    "behandlingstjeneste": [ActivityMeasure.PATIENTS],
    "flerregional": [ActivityMeasure.PATIENTS],
    "kompetansetjeneste": [ActivityMeasure.CONSULTATIONS, ActivityMeasure.COURSE_PARTICIPANTS, ActivityMeasure.ADVICE],
    "nettverk": [ActivityMeasure.COURSE_PARTICIPANTS],
    "senter": [ActivityMeasure.CONSULTATIONS],
}


def demo_years(today=None):
    """The last five whole years."""
    last = (today or datetime.date.today()).year - 1
    return list(range(last - ACTIVITY_YEARS + 1, last + 1))


def load_populations(years):
    created = 0
    for region in Region.objects.filter(slug__in=DEMO_POPULATION):
        for number, year in enumerate(years):
            population = round(DEMO_POPULATION[region.slug] * (1 + DEMO_GROWTH) ** number, -4)
            _row, was_created = RegionPopulation.objects.get_or_create(
                region=region,
                year=year,
                defaults={"population": int(population), "source": DEMO_POPULATION_SOURCE, "is_demo": True},
            )
            created += was_created
    return created


def demo_counts(rng, total, host_slugs, weak_slug):
    """Counts per home region that follow the population, more from the host region(s) and fewer from
    ``weak_slug`` (so some units show a region clearly below the national rate)."""
    weights = {}
    for _name, slug, _column in HOME_REGION_FIELDS:
        weight = DEMO_POPULATION[slug] * rng.uniform(0.85, 1.15)
        if slug in host_slugs:
            weight *= 1.5
        if slug == weak_slug:
            weight *= 0.45
        weights[slug] = weight
    scale = total / sum(weights.values())
    counts = {name: round(weights[slug] * scale) for name, slug, _column in HOME_REGION_FIELDS}
    counts["unknown"] = max(0, round(total * rng.uniform(0.0, 0.03)))
    return counts


def load_activity(years):
    units = list(NationalUnitPage.objects.live().prefetch_related("host_trusts__region").order_by("title"))
    slugs = [slug for _name, slug, _column in HOME_REGION_FIELDS]
    created = 0
    for unit in units:
        trusts = [t for t in unit.host_trusts.all() if t.region.slug in DEMO_POPULATION]
        if not trusts:
            continue
        rng = random.Random(unit.title)  # noqa: S311 (demo figures, not security)
        measure = rng.choice(DEMO_MEASURES.get(unit.kind, [ActivityMeasure.PATIENTS]))
        host_slugs = {t.region.slug for t in trusts}
        weak = rng.choice([s for s in slugs if s not in host_slugs] + [None, None])
        base = rng.randrange(40, 600, 10)
        trend = rng.uniform(-0.04, 0.08)
        sites = trusts if unit.kind == "flerregional" and len(trusts) > 1 else [None]
        for number, year in enumerate(years):
            for site in sites:
                share = 1 / len(sites)
                total = max(5, round(base * share * (1 + trend) ** number * rng.uniform(0.9, 1.1)))
                region = site.region if site else trusts[0].region
                counts = demo_counts(rng, total, {region.slug} if site else host_slugs, weak)
                _row, was_created = ActivityFigures.objects.get_or_create(
                    unit=unit,
                    year=year,
                    site=site,
                    defaults={"measure": measure, "reporting_region": region, **counts},
                )
                created += was_created
    return created


@demo.section("registers", order=70, label="Annual reports, applications and activity figures")
def build(builder):
    load(builder.home_page, builder.stdout)


def load(home_page, stdout):
    reports = load_annual_reports(stdout)
    applications = load_applications()
    years = demo_years()
    populations = load_populations(years)
    figures = load_activity(years)
    stdout.write(
        f"  {reports} annual reports, {applications} applications, {populations} population figures and "
        f"{figures} sets of activity figures (demo) created"
    )
