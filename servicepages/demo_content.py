"""Editorial texts for the demo content: from the seed documents and public facts; people are fictional."""

import datetime

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
    ("Oslo universitetssykehus HF", "OUS", "Helse Sør-Øst"),
    ("Sykehuset i Vestfold HF", "SiV", "Helse Sør-Øst"),
    ("Sørlandet sykehus HF", "SSHF", "Helse Sør-Øst"),
    ("Helse Bergen HF", "HB", "Helse Vest"),
    ("Helse Stavanger HF", "HS", "Helse Vest"),
    ("St. Olavs hospital HF", "St. Olav", "Helse Midt-Norge"),
    ("Helse Møre og Romsdal HF", "HMR", "Helse Midt-Norge"),
    ("Universitetssykehuset Nord-Norge HF", "UNN", "Helse Nord"),
    ("Finnmarkssykehuset HF", "FIN", "Helse Nord"),
    ("Nordlandssykehuset HF", "NLSH", "Helse Nord"),
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
        "quality_tools": "<p>Metodebok i brannskadebehandling (Brannskadeavdelinga, Haukeland "
        "universitetssjukehus).</p>",
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
        "quality_tools": "<p>Nasjonalt register for leddproteser og Nasjonalt hoftebruddregister.</p>",
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
        "quality_tools": "<p>Nasjonale faglige retningslinjer og tjenestens kvalitetsindikatorer.</p>",
    },
    "flerregional": {
        "approved_description": "<p>{name} gis ved {trusts}. Tjenesten har felles mål og felles innhold for "
        "begge stedene.</p>",
        "referral_criteria": "<p>Henvisning fra spesialisthelsetjenesten til ett av de to stedene som har "
        "tjenesten.</p>",
        "goals": "<p>Felles mål for begge regionene: likeverdig tilgang og lik kvalitet uansett bosted.</p>",
        "quality_tools": "<p>Felles kvalitetsregister og faglige retningslinjer.</p>",
    },
    "kompetansetjeneste": {
        "approved_description": "<p>{name} bygger opp og sprer kompetanse i hele landet for å bidra til god "
        "kvalitet og pasientsikkerhet. Tjenesten er lagt til {trusts}.</p>",
        "goals": "<p>Kompetansespredning gjennom undervisning, veiledning og forskning i alle regioner.</p>",
    },
    "nettverk": {
        "approved_description": "<p>{name} er et faglig, interregionalt samarbeid der ett fagmiljø ved {trusts} "
        "koordinerer aktiviteten. En representant fra fagmiljø i alle regioner deltar, og brukere er "
        "representert.</p>",
        "goals": "<p>Likeverdige helsetjenester med god kvalitet, ved at eksisterende og ny kunnskap fra forskning "
        "og kvalitetsregistre tas i bruk i alle regioner.</p>",
    },
    "senter": {
        "approved_description": "<p>{name} er et nasjonalt senter opprettet av de regionale helseforetakene, lagt "
        "til {trusts}. Mandatet er godkjent av RHF-ene.</p>",
        "goals": "<p>Forskning, kompetansebygging og kompetansespredning på nasjonalt nivå.</p>",
    },
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


REFERENCE_GROUPS = [
    ("Nasjonal behandlingsteneste for avansert brannskadebehandling", "Helse Sør-Øst"),
    ("Nasjonal behandlingstjeneste for kjønnsinkongruens", "Helse Vest"),
    ("Nasjonalt senter for traumatologi", "Helse Nord"),
    ("Nasjonal kompetansetjeneste for inkontinens og bekkenbunnsykdom", "Helse Midt-Norge"),
]

DIALOGUE_ARENA = {
    "title": "Nasjonal dialogarena for nasjonale tjenester, nettverk og sentre i spesialisthelsetjenesten",
    "slug": "nasjonal-dialogarena-2023",
    "introduction": "Endringer i nasjonalt regelverk, oppfølging i RHF-ene, etablering av nasjonalt servicemiljø "
    "og ny samarbeids- og dialogarena.",
    "start": datetime.datetime(2023, 9, 15, 10, 0),
    "end": datetime.datetime(2023, 9, 15, 15, 30),
    "venue": "Oslo",
    "audience": "Nasjonale tjenester, nettverk og sentre, referansegrupper og RHF-ene",
    "programme": [
        (datetime.time(10, 0), "Velkommen", "Servicemiljøet, Helse Vest"),
        (datetime.time(10, 15), "Endringer i nasjonalt regelverk", "Helse- og omsorgsdepartementet"),
        (datetime.time(11, 0), "Oppfølging av nasjonale tjenester i RHF-ene", "De regionale servicemiljøene"),
        (datetime.time(12, 0), "Lunsj", ""),
        (datetime.time(12, 45), "Nettsider for nasjonale tjenester", "Kommunikasjonsavdelingene"),
        (datetime.time(13, 45), "Rapportering og vurdering av årsrapporter", "Servicemiljøet"),
        (datetime.time(15, 0), "Oppsummering", "Servicemiljøet, Helse Vest"),
    ],
}

APPLICATION_CYCLE = [
    ("Januar", "Utlysning", "RHF-ene lyser ut muligheten til å søke om nye nasjonale tjenester."),
    (
        "Februar–august",
        "Arbeid i helseforetak og regioner",
        "Helseforetakene utarbeider søknader; regionene forankrer og prioriterer dem.",
    ),
    ("31. august", "Frist for søknader til servicemiljøet", "Søknader sendes fra RHF-ene til servicemiljøet."),
    ("Høsten", "Forankring i andre regioner", "Søknadene forankres regionalt i de andre regionene."),
    ("Desember", "Rangering i interregionalt fagdirektørmøte (IRF)", "IRF prioriterer og rangerer søknadene."),
    ("15. januar", "Oversendelse til departementet", "Rangerte søknader sendes Helse- og omsorgsdepartementet."),
]

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
