"""Demo section of the snippets: the four regions with a regional contact, hospital trusts, medical fields.

Facts from the public sources in shared/data; people are fictional (``fictional_person``).
"""

from cms.core import demo

from .factories import ContactPersonFactory, HealthTrustFactory, MedicalFieldFactory, RegionFactory
from .models import ContactPerson, Region

REGIONS = [
    # name, slug, short name, website, regional contact (fictional)
    (
        "Helse Sør-Øst",
        "helse-sor-ost",
        "HSØ",
        "https://www.helse-sorost.no",
        ("Kari Nordmann", "kari.nordmann@example.no"),
    ),
    ("Helse Vest", "helse-vest", "HV", "https://helse-vest.no", ("Ola Vestbø", "ola.vestbo@example.no")),
    (
        "Helse Midt-Norge",
        "helse-midt-norge",
        "HMN",
        "https://www.helse-midt.no",
        ("Ingrid Midtli", "ingrid.midtli@example.no"),
    ),
    ("Helse Nord", "helse-nord", "HN", "https://helse-nord.no", ("Per Nordvik", "per.nordvik@example.no")),
]

HEALTH_TRUSTS = [
    # name, short name, region, the trust's public website
    ("Oslo universitetssykehus HF", "OUS", "Helse Sør-Øst", "https://www.oslo-universitetssykehus.no"),
    ("Sykehuset i Vestfold HF", "SiV", "Helse Sør-Øst", "https://www.siv.no"),
    ("Sørlandet sykehus HF", "SSHF", "Helse Sør-Øst", "https://www.sshf.no"),
    ("Helse Bergen HF", "HB", "Helse Vest", "https://www.helse-bergen.no"),
    ("Helse Stavanger HF", "HS", "Helse Vest", "https://www.helse-stavanger.no"),
    ("St. Olavs hospital HF", "St. Olav", "Helse Midt-Norge", "https://www.stolav.no"),
    ("Helse Møre og Romsdal HF", "HMR", "Helse Midt-Norge", "https://www.helse-mr.no"),
    ("Universitetssykehuset Nord-Norge HF", "UNN", "Helse Nord", "https://www.unn.no"),
    ("Finnmarkssykehuset HF", "FIN", "Helse Nord", "https://www.finnmarkssykehuset.no"),
    ("Nordlandssykehuset HF", "NLSH", "Helse Nord", "https://www.nordlandssykehuset.no"),
]

# Medical fields per unit, matched on a word in the unit's name.
MEDICAL_FIELDS = {
    "replantasjonskirurgi": ["Plastikkirurgi", "Ortopedi"],
    "assistert befruktning": ["Gynekologi og fødselshjelp", "Infeksjonsmedisin"],
    "kjønnsinkongruens": ["Endokrinologi", "Psykisk helsevern"],
    "epilepsi": ["Nevrologi", "Nevrokirurgi"],
    "organtransplantasjon": ["Transplantasjonsmedisin"],
    "cochleaimplantat": ["Øre-nese-hals", "Barnesykdommer"],
    "brannskade": ["Plastikkirurgi"],
    "strålekniv": ["Nevrokirurgi"],
    "fostermedisin": ["Gynekologi og fødselshjelp"],
    "stamcelletransplantasjon": ["Blodsykdommer", "Transplantasjonsmedisin"],
    "rusmiddelavhengige": ["Rusmedisin"],
    "underernæring": ["Ernæring"],
    "sjeldne diagnoser": ["Sjeldne diagnoser"],
    "spise- og ernæringsvansker": ["Barnesykdommer", "Ernæring"],
    "hyperkolesterolemi": ["Hjerte- og karsykdommer"],
    "aldring og helse": ["Geriatri"],
    "prehospital": ["Akuttmedisin"],
    "traumatologi": ["Akuttmedisin", "Kirurgi"],
    "solide svulster": ["Kreftsykdommer", "Barnesykdommer"],
    "leddproteser": ["Ortopedi"],
    "multippel sklerose": ["Nevrologi"],
    "søvn": ["Nevrologi"],
    "ultralyd": ["Radiologi", "Kirurgi"],
    "minimalt invasiv": ["Radiologi", "Kirurgi"],
    "inkontinens": ["Gynekologi og fødselshjelp", "Urologi"],
    "samisk": ["Psykisk helsevern", "Rusmedisin"],
}

FICTIONAL_FIRST_NAMES = [
    "Anne",
    "Bjørn",
    "Camilla",
    "Dag",
    "Eli",
    "Frode",
    "Guro",
    "Håkon",
    "Ida",
    "Jon",
    "Kristin",
    "Lars",
    "Marit",
    "Nils",
    "Oda",
    "Petter",
    "Rita",
    "Sindre",
    "Tone",
    "Vegard",
]
FICTIONAL_LAST_NAMES = ["Aasen", "Berg", "Dahl", "Eide", "Fjell", "Haug", "Lie", "Moen", "Nygård", "Strand"]


def fictional_person(index):
    first = FICTIONAL_FIRST_NAMES[index % len(FICTIONAL_FIRST_NAMES)]
    last = FICTIONAL_LAST_NAMES[(index // len(FICTIONAL_FIRST_NAMES) + index) % len(FICTIONAL_LAST_NAMES)]
    return f"{first} {last}"


@demo.section("organisations", order=10, label="Regions, hospital trusts and contacts")
def build(builder):
    for order, (name, slug, short, website, (person, email)) in enumerate(REGIONS):
        region = Region.objects.filter(slug=slug).first() or RegionFactory(
            name=name, slug=slug, short_name=short, website=website, sort_order=order
        )
        if not ContactPerson.objects.filter(name=person).exists():
            ContactPersonFactory(name=person, job_title=f"Regionalt servicemiljø, {name}", email=email, region=region)
    regions = {r.name: r for r in Region.objects.all()}
    for name, short, region_name, website in HEALTH_TRUSTS:
        trust = HealthTrustFactory(name=name, short_name=short, region=regions[region_name])
        if not trust.website:
            trust.website = website
            trust.save(update_fields=["website"])
    for names in MEDICAL_FIELDS.values():
        for name in names:
            MedicalFieldFactory(name=name)
