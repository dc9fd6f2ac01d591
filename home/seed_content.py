"""The texts of the portal's common pages, taken from the two seed documents, each fact with its source.

Every function returns StreamField data (lists of block dicts) built from the blocks in ``cms/core/blocks.py``,
ready for a page's ``body``. The demo builder calls them; nothing here touches the database.

The seed documents (``shared/seeds/``) are:

* the servicemiljø's own presentation and web texts (2023), which quote the "Utredning av et nasjonalt
  servicemiljø" (13 May 2022), the "Rammeverk for kvalitets- og kompetansenettverk" and the report
  "Omorganisering av nasjonale kompetansetjenester" (2 February 2022);
* the board case 109-2022 of Helse Sør-Øst RHF (22 September 2022).

Where a page needs a fact the seeds do not hold (the application cycle, who may apply), it comes from the
public sources listed in ``shared/data/national_services_sources.md``, is marked as an example and names its
source. ``docs/seed-checklist.csv`` lists every seed fact and the page it is on; a test reads it.
"""

import datetime
import uuid

# --- sources ----------------------------------------------------------------------------------------------

PRESENTATION = "RHF-enes servicemiljø: presentasjon og nettsidetekster om servicemiljøet (2023)"
UTREDNING = (
    "«Utredning av et nasjonalt servicemiljø for nasjonale tjenester, nasjonale kvalitets- og "
    "kompetansenettverk og nasjonale sentre» (13. mai 2022; vedtatt i AD-møtet mai 2022, forslag sendt til "
    "Helse- og omsorgsdepartementet juni 2022)"
)
RAMMEVERK = (
    "«Rammeverk for kvalitets- og kompetansenettverk» (utarbeidet av RHF-ene på oppdrag fra Helse- og "
    "omsorgsdepartementet; vedlegg 2 til sak 109-2022 i styret i Helse Sør-Øst RHF)"
)
OMORGANISERING = (
    "Rapporten «Omorganisering av nasjonale kompetansetjenester i spesialisthelsetjenesten» (02.02.22), "
    "behandlet i AD-møtet 25. april 2022"
)
SAK_109 = (
    "Saksframlegg sak 109-2022 «Endringer i styring og oppfølging av nasjonale tjenester i "
    "spesialisthelsetjenesten», styret i Helse Sør-Øst RHF, møte 22. september 2022"
)
HELSE_VEST_SOKNAD = (
    "Helse Vest RHF: sidene «Søknad om nye nasjonale tjenester» og «Søknadsprosess og søknadsskjema», og "
    "nyhetssakene 24.05.2023 og 04.03.2024 (helse-vest.no)"
)

FORSKRIFT_URL = "https://lovdata.no/dokument/SF/forskrift/2010-12-17-1706"
REGJERINGEN_NASJONALE_TJENESTER_URL = (
    "https://www.regjeringen.no/no/tema/helse-og-omsorg/sykehus/nasjonale-tjenester/id614574/"
)
REGJERINGEN_OPPFOLGING_URL = (
    "https://nettsteder.regjeringen.no/nasjonaletjenester/oppfolging-av-nasjonale-kompetansetjenester/"
)
ERN_URL = "https://health.ec.europa.eu/european-reference-networks_en"


# --- block helpers ----------------------------------------------------------------------------------------


def block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def rich(html):
    return block("paragraph", html)


def heading(text, level="h2"):
    return block("heading", {"text": text, "level": level})


def source(*names):
    """A paragraph naming where the facts just above come from."""
    return rich(f"<p>Kilde: {'; '.join(names)}.</p>")


def bullets(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def table(caption, columns, rows, source_text=""):
    """A captioned table of figures. `columns` are (type, heading) pairs; types as in FiguresTableBlock."""
    return block(
        "table",
        {
            "caption": caption,
            "source": source_text,
            "table": {
                "columns": [{"type": kind, "heading": title} for kind, title in columns],
                "rows": [{"values": list(row)} for row in rows],
            },
        },
    )


def link(url, text):
    return f'<a href="{url}">{text}</a>'


def contacts(people, heading_for=None):
    """Contact cards for ContactPerson snippets (fictional people in the demo)."""
    return [
        block("contact", {"contact": person.pk, "heading": heading_for(person) if heading_for else ""})
        for person in people
    ]


# --- the official table of national services per region (sak 109-2022, table 1) -------------------------

NATIONAL_SERVICES_TABLE = {
    "caption": "Nasjonale tjenester per region (offisiell oversikt, tabell 1 i sak 109-2022)",
    "columns": [
        ("text", "Region"),
        ("integer", "Kompetansetjenester"),
        ("integer", "Behandlingstjenester"),
        ("integer", "Flerregionale behandlingstjenester"),
        ("text", "Kommentar"),
    ],
    "rows": [
        ("Helse Sør-Øst", 30, 33, 7, "Fem flerregionale tjenester sammen med Helse Vest og to med Helse Midt-Norge"),
        ("Helse Vest", 10, 11, 5, "Fem flerregionale tjeneste med Helse Sør-Øst"),
        ("Helse Midt-Norge", 8, 1, 2, "To flerregionale tjenester med Helse Sør-Øst"),
        ("Helse Nord", 5, 1, 0, "–"),
        ("Totalt", 53, 46, 7, "Totalt er det sju flerregionale tjenester"),
    ],
    "source": f"{SAK_109}, tabell 1; også i {PRESENTATION}",
}


def national_services_table():
    spec = NATIONAL_SERVICES_TABLE
    return table(spec["caption"], spec["columns"], spec["rows"], spec["source"])


def home_body():
    """The home page: the official per-region figures, shown beside the live counts."""
    return [national_services_table()]


# --- Tjenester, nettverk og sentre: the governance system ------------------------------------------------


def service_index_body():
    return [
        national_services_table(),
        heading("Styringssystem for nasjonale tjenester"),
        rich(
            "<p>Styringssystemet skal sikre rasjonell ressursutnyttelse og likeverdig tilgang til kompetanse og "
            "høyspesialisert behandling.</p>"
        ),
        heading("Helsedirektoratet", "h3"),
        rich(
            bullets(
                "årlig evaluering av nasjonale tjenester",
                "godkjenner opprettelse av nye tjenester",
                "tar stilling til endring eller avvikling av etablerte tjenester.",
            )
        ),
        heading("De regionale helseforetakene/helseforetakene", "h3"),
        rich(
            bullets(
                "ansvaret for drift av de nasjonale tjenestene",
                "skal sørge for at godkjente tjenester oppfyller krav og intensjoner i "
                + link(FORSKRIFT_URL, "forskrift 1706 av 17. desember 2010 (lovdata.no)"),
            )
        ),
        source(PRESENTATION),
        heading("Hva er nasjonale tjenester?"),
        rich(
            "<p>Nasjonale tjenester er en fellesbetegnelse for nasjonale behandlingstjenester, flerregionale "
            "behandlingstjenester og nasjonale kompetansetjenester i spesialisthelsetjenesten.</p>"
            "<p>Nasjonale og flerregionale behandlingstjenester innebærer en sentralisering av behandlingen til ett "
            "eller to steder i landet og skal bidra til helsemessige gevinster og mer likeverdig tilgang til "
            "pasientbehandling av høy kvalitet, samt bedre kostnadseffektivitet.</p>"
            "<p>Nasjonale kompetansetjenester er etablert for å utvikle og heve kvaliteten på de leverte tjenestene "
            "og å levere dem så trygt som mulig, gjennom oppbygging og spredning av nasjonal kompetanse innen en "
            "rimelig tidshorisont.</p>"
            "<p>Det er Helse- og omsorgsdepartementet som fatter vedtak om etablering, lokalisering og avvikling av "
            "de nasjonale tjenestene og alle tjenester skal derfor rapportere årlig om virksomheten som grunnlag "
            "for videreføring eller avvikling.</p>"
            "<p>De regionale helseforetakene kan etablere og avvikle regionale funksjoner og kompetansesentre. Den "
            "enkelte region velger selv hvilke av disse sentrene de ønsker synliggjort på portalsiden.</p>"
        ),
        source(PRESENTATION),
        rich(
            "<p>Nasjonale tjenester i spesialisthelsetjenesten omfatter nasjonale kompetansetjenester, nasjonale "
            "behandlingstjenester (behandlingen gis ved ett helseforetak) og flerregionale behandlingstjenester "
            "(behandlingen gis ved to helseforetak i to ulike regioner).</p>"
            "<p>Nasjonale tjenester er regulert i "
            + link(
                FORSKRIFT_URL,
                "forskrift om krav til spesialisthelsetjenester, godkjenning av nasjonale tjenester i "
                "spesialisthelsetjenesten og bruk av betegnelsen universitetssykehus",
            )
            + ". Styringssystemet er nedfelt i egen veileder om nasjonale tjenester i spesialisthelsetjenesten.</p>"
            "<p>Nasjonale kompetansetjenester skal spre kompetanse innenfor et gitt fagområde for å bidra til å "
            "fremme god kvalitet og pasientsikkerhet i spesialisthelsetjenesten.</p>"
            "<p>Nasjonale og flerregionale behandlingstjenester skal tilby høyspesialisert diagnostikk og "
            "behandling til en klart definert undergruppe av pasienter fra hele landet.</p>"
            "<p>Nasjonale nettverk og sentre reguleres ikke gjennom forskrift og veileder, men underlegges de "
            "regionale helseforetakenes styring.</p>"
        ),
        source(SAK_109),
        heading("Endringer i styringssystemet"),
        rich(
            "<p>Helse- og omsorgsdepartementet vurderte etter en gjennomgang av de nasjonale tjenestene i 2017 og "
            "2018 at det var behov for å endre styringssystemet og å styrke RHF-enes rolle i styringen av "
            "tjenestene.</p>"
            "<p>RHF-ene gis et øremerket tilskudd til nasjonale kompetansetjenester gjennom post 78 i "
            "Statsbudsjettet. Tidligere har etablering av nye nasjonale kompetansetjenester ført til en økning i "
            "denne budsjettposten. Fra og med 2020 tilføres ikke nye midler til denne posten når nye "
            "kompetansetjenester etableres.</p>"
            "<p>I tillegg til å styrke regional og nasjonal oppfølging ble det foreslått å overføre nye oppgaver "
            "til de regionale helseforetakene i forbindelse med de nasjonale tjenestene:</p>"
            + bullets(
                "beslutning om opprettelse, endring og avvikling av nasjonale tjenester",
                "vurdering av årsrapporter (dette er en vurdering som i dag gjøres av Helsedirektoratet).",
            )
        ),
        source(SAK_109),
        heading("Mer om nasjonale tjenester"),
        rich(
            bullets(
                link(REGJERINGEN_NASJONALE_TJENESTER_URL, "Nasjonale tjenester (regjeringen.no)"),
                link(REGJERINGEN_OPPFOLGING_URL, "Oppfølging av nasjonale kompetansetjenester (regjeringen.no)"),
                link(FORSKRIFT_URL, "Forskrift 1706 av 17. desember 2010 (lovdata.no)"),
            )
        ),
    ]


# --- Om servicemiljøet ------------------------------------------------------------------------------------

ABOUT_INTRODUCTION = (
    "De regionale servicemiljøene skal bistå og veilede nasjonale tjenester, kvalitets- og kompetansenettverk og "
    "nasjonale sentre."
)

MANDATE_TABLE = {
    "caption": "Mandat: oppgaver for de regionale servicemiljøene og det nasjonale servicemiljøet",
    "columns": [("text", "Oppgave"), ("text", "Regionalt servicemiljø"), ("text", "Nasjonalt servicemiljø")],
    "rows": [
        (
            "Søknader om nye nasjonale tjenester",
            "Legge til rette for søknadsprosess i egen region. Bidra til forankring av søknader fra alle regioner.",
            "Utforme og vedlike søknadsinformasjon og felles søknadsskjema. Forberede sak til interregionalt "
            "fagdirektørmøte om søknader om nye tjeneste.",
        ),
        (
            "Faglig rapportering",
            "Gjennomgå årsrapporter og identifisere oppfølgingsbehov for hver tjeneste. Oppfølging av tjenester, "
            "nettverk og sentre.",
            "Vurdere utfordringer som framkommer gjennom regional gjennomgang av årsrapporter. Utarbeide "
            "oppsummering av årsrapporter. Utarbeide sak til IRF (hva går bra, felles utfordringer). Vedlikeholde "
            "rapportskjema og veiledningstekster for nasjonale tjenester, utvikle nye rapportskjema for nettverk og "
            "sentre.",
        ),
        (
            "Avvikling av nasjonale kompetansetjenester",
            "Sørge for avvikling og ivareta organisatoriske konsekvenser.",
            "Samordne prosesser interregionalt. Fremme sak til IRF om vurdering av ev videre drift av tjenester.",
        ),
        (
            "Informasjon og opplæring til tjenester og referansegrupper",
            "Informere/opplæring tjenester og referansegruppe-medlemmer i egen region.",
            "Utarbeide felles informasjon/opplæringsmateriell. Vedlikeholde nettside.",
        ),
        (
            "Samarbeids- og dialogarena",
            "Organisere samarbeids- og dialogarena i egen region.",
            "Utvikle nye og mer skreddersydde arenaer for samarbeid og dialog som f.eks. workshops, konferanser om "
            "utvalgte tema mv., for bedre kompetanseoverføring og informasjons- og erfaringsutveksling.",
        ),
        (
            "Dialog med Helse- og omsorgsdepartementet og Helsedirektoratet",
            "–",
            "Om rapportering. Ved avvikling av kompetansetjenester m.m.",
        ),
        (
            "Referansegrupper",
            "Oppnevne referansegruppedlemmer. Følge opp/støtte referansegruppedlemmer.",
            "Vedlikeholde og forbedre kjernemandat for referansegrupper. Vurdere organisering og rutiner for "
            "oppnevning av referansegruppedlemmer.",
        ),
        (
            "Oppfølging av tjenester, nettverk og sentre. F.eks. arbeid med resultat- og kvalitetsmål, likeverdig "
            "tilgjengelighet m.m.",
            "Støtte egne tjenester, nettverk og sentre.",
            "Samordne og utarbeide felles maler o.l. ved behov. Vurdere felles utfordringer.",
        ),
        ("Nettsted", "–", "Etablere og drifte felles nettsted."),
    ],
}


def about_body(regional_contacts):
    mandate = MANDATE_TABLE
    return [
        rich(
            "<p>De regionale servicemiljøene skal bistå og veilede nasjonale tjenester, kvalitets- og "
            "kompetansenettverk og nasjonale sentre. RHF-enes servicemiljø skal bidra til samordning på tvers av "
            "regionene og rapporterer til interregionalt fagdirektørmøte. I perioden 2023 – 2024 er det Helse Vest "
            "som leder RHF-enes servicemiljø.</p>"
            "<p>RHF-enes servicemiljø skal bistå:</p>"
            + bullets(
                "Referansegruppene",
                "Nasjonale behandlingstjenester",
                "Nasjonale kompetansetjenester",
                "Nasjonale senter",
                "Nasjonale kvalitets- og kompetansenettverk",
            )
        ),
        source(PRESENTATION),
        heading("Organisering"),
        rich(
            "<p>Organisasjonskart, fra toppen:</p>"
            + bullets(
                "Det interregionale AD-møtet",
                "Det interregionale fagdirektørmøtet",
                "Nasjonalt servicemiljø: består av de fire regionale servicemiljøene. Driftes av en interregional "
                "arbeidsgruppe hvor ledelse og koordinering rulleres mellom regionene (RHF-ene). Interregional "
                "arbeidsgruppe rapporterer til IR fagdirektørmøte ved den regionen som har ledelsen.",
            )
            + "<p>RHF-enes servicemiljø:</p>"
            + bullets(
                "Mandat basert på rapport vedtatt i AD-møtet",
                "Drift i tråd med forskrift og veileder for nasjonale tjenester",
                "Skal styrke regional oppfølging og bedre nasjonal samordning",
                "Regionene har et selvstendig ansvar for drift av tjenester i egen region.",
                "Skille mellom regionale og nasjonale oppgaver og ansvar",
                "Styring og oppfølging i tråd med "
                + link(FORSKRIFT_URL, "forskrift")
                + " og "
                + link(REGJERINGEN_NASJONALE_TJENESTER_URL, "veileder i det nasjonale styringssystemet")
                + ".",
                "Nettverksmodell – fire regionale enheter",
                "Driftes av interregional arbeidsgruppe",
                "Leder for arbeidsgruppen rapporterer til interregionalt fagdirektørmøte",
                "Ledes av Helse Vest 2023 – 24",
                "Evaluering etter 2 års drift",
            )
        ),
        source(PRESENTATION),
        rich(
            "<p>Det nasjonale servicemiljøet organiseres som et nettverk bestående av fire regionale serviceenheter "
            "med nasjonale og regionale oppgaver. Det nasjonale samarbeidet formaliseres bl.a. gjennom å opprette en "
            "interregional arbeidsgruppe. Arbeidsgruppen består av ledere ved de regionale serviceenhetene. "
            "Ledelse av interregional arbeidsgruppe og koordinering av arbeidet går på omgang mellom regionene. "
            "Leder for interregional arbeidsgruppe rapporterer minimum årlig til det interregionale "
            "fagdirektørmøtet.</p>"
            "<p>En alternativ modell kunne være å organisere all oppfølging av nasjonale tjenester i et nasjonalt "
            "miljø i ett regionalt helseforetak. En slik sentralisert modell er ikke støttet av flertallet med "
            "henvisning til at oppfølgingen av nasjonale behandlingstjenester innebærer oppfølging av kliniske "
            "behandlingstilbud som det regionale helseforetaket tjenesten er lokalisert i, har «sørge for»-ansvaret "
            "for.</p>"
        ),
        source(SAK_109),
        heading("Ledelse"),
        rich(
            "<p>Ledelse av servicemiljøet skal gå på omgang mellom regionene. I interregionalt fagdirektørmøte "
            "21. november 2022 sluttet fagdirektørene seg til at Helse Vest leder nasjonalt servicemiljø for "
            "nasjonale tjenester, nasjonale kvalitets- og kompetansenettverk og nasjonale sentre i perioden "
            "2023-2024.</p>"
        ),
        source(UTREDNING + ", kapittel 5"),
        heading("Evaluering"),
        rich(
            "<p>I brevet til RHF-ene mottatt 20.09.22 der Helse- og omsorgsdepartementet støttet etablering av en "
            "nettverksmodell for drift av servicemiljøet, ble det bedt om en statusrapport for servicemiljøet etter "
            "to års drift. Det ble særlig bedt om en evaluering av risiko som ble pekt på i rapporten fra RHF-ene "
            "knyttet til sårbarhet, mengde oppgaver og ansvar for å vurdere årsrapportene.</p>"
            "<p>Det skal på denne bakgrunn gjøres en gjennomgang av erfaringer med drift av servicemiljøet etter to "
            "år.</p>"
        ),
        source(UTREDNING + ", kapittel 6"),
        heading("Oppgaver"),
        rich(
            bullets(
                "Oppfølging av <b>tjenester, nettverk, sentre og referansegrupper</b>",
                "Legge til rette for faglig rapportering og vurdering av årsrapporter",
                "Omorganisering nasjonale tjenester – vurdere eventuell videre drift (jf. rapport)",
                "Informasjon og opplæring",
                "Legge til rette for samarbeid og dialog",
                "Dialog med Helse- og omsorgsdepartementet og Helsedirektoratet",
                "Etablere og drifte nettsted",
                "Interregional oppfølging og koordinering knyttet til medlemskap og tilknytning til "
                + link(ERN_URL, "European Reference Networks (ERN)"),
                "Nasjonal kompetansetjeneste for sjeldne diagnoser og Nasjonal kompetansetjeneste for døvblinde",
                "Søknader om nye nasjonale tjenester – egen interregional prosess",
            )
        ),
        heading("Sentrale oppgaver første år", "h3"),
        rich(
            bullets(
                "Administrative rutiner – etablert felles arbeidsområde og møtestruktur",
                "Skille mellom regionale og nasjonale oppgaver",
                "Rapportering og vurdering av årsrapporter",
                "Etablere nettside",
                "Samordning av nettsider for tjenestene",
                "Prosess/årshjul for søknader om nye tjenester – gjennomgang søknadsskjema for nye tjenester",
                "Følge opp rutiner for nettverk og sentre",
                "Informasjon til tjenestene – inkl. dagsmøte",
            )
        ),
        source(PRESENTATION),
        heading("Mandat: regionale og nasjonale oppgaver"),
        table(mandate["caption"], mandate["columns"], mandate["rows"], UTREDNING),
        heading("Kontaktinformasjon til de regionale servicemiljøene"),
        rich(
            "<p>Personene nedenfor er oppdiktet for demonstrasjonen; de virkelige kontaktpersonene står i "
            "kildedokumentet.</p>"
        ),
        *contacts(regional_contacts, heading_for=lambda person: person.region.name),
    ]


# --- Rammeverk og retningslinjer -------------------------------------------------------------------------

FRAMEWORK_INTRODUCTION = (
    "Oppdraget fra Helse- og omsorgsdepartementet, rammeverket for kvalitets- og kompetansenettverk, modellen for "
    "omorganisering av nasjonale kompetansetjenester og finansieringen av servicemiljøet."
)

FUNDING_TABLE = {
    "caption": "Øremerket tilskudd og 4 % til støttefunksjoner per region (mill. kr)",
    "columns": [
        ("text", "Region"),
        ("integer", "Antall komp. tj. pr. 2021"),
        ("number", "Øremerket tilskudd 2022"),
        ("text", "Hvorav til sjeldne diagnoser"),
        ("number", "Til øvrige tjenester"),
        ("percent", "Andel øvrige"),
        ("number", "Støttefunksjoner 4 % til øvrige tjenester"),
    ],
    "rows": [
        ("Helse Sør-Øst", 29, "354.2", "232,7", "121.5", 56, "4.9"),
        ("Helse Vest", 10, "36.9", "–", "36.9", 17, "1.5"),
        ("Helse Midt-Norge", 8, "41.0", "–", "41.0", 19, "1.6"),
        ("Helse Nord", 5, "76.3", "58,6", "17.7", 8, "0.7"),
        ("Totalt", 52, "508.4", "291,3", "217.1", 100, "8.7"),
    ],
    "source": f"{UTREDNING}, kapittel 4; grunnlaget er hentet fra Prop. 1 S (2021–2022) fra Helse- og "
    "omsorgsdepartementet, s. 189",
}

REORGANISATION_OUTCOMES = [
    "Driftsoppgaver",
    "Innlemmelse i nasjonal behandlingstjeneste",
    "Videre kompetansebygging",
    "Videreføring i annen organisasjonsform",
    "Avvikling",
]


def framework_body():
    funding = FUNDING_TABLE
    return [
        heading("Bakgrunn og oppdrag"),
        rich(
            "<p>HOD besluttet å gjennomføre endringer i organisering av og videreføring av dagens nasjonale "
            "kompetansetjenester.</p>"
            + bullets(
                "Avvikle kompetansetjenester – videreføres som kvalitets- og kompetansenettverk",
                "Oppdrag fra HOD: 1. Lage rammeverk for kvalitets- og kompetansenettverk. 2. Utrede servicemiljø "
                "for nasjonale tjenester.",
                "RHF-ene har i tillegg laget <b>prinsipper for etablering</b> av nasjonale funksjoner for tjenester "
                "som ikke lenger faller inn under forskrift/lov",
            )
            + "<p>Oppdrag i tilleggsdokument 2021 og statsbudsjett 2022:</p>"
            "<p>«Helse Vest RHF skal følge opp endringane i system for nasjonale tenester, jf. omtale i Prop. 1 S "
            "(2020-2021), under dette leggje rammene for <b>nasjonale kvalitets- og kompetansenettverk</b> og "
            "etablere nasjonalt servicemiljø med regionale nodar.»</p>"
            "<p>Tidligere øremerket tilskudd skal finansiere nasjonalt servicemiljø med regionale noder som de "
            "regionale helseforetakene har fått i oppdrag å etablere, samt tjenester som avvikles som nasjonale "
            "kompetansetjenester, men videreføres som nasjonale kvalitets- og kompetansenettverk eller i annen "
            "form.</p>"
            "<p>RHF-ene holder av midler til servicemiljø, anslagsvis 2–4 % av øremerkede midler.</p>"
        ),
        source(PRESENTATION),
        rich(
            "<p>Helse- og omsorgsdepartementet ønsker å skape mer dynamikk i systemet med nasjonale "
            "kompetansetjenester, slik at nye tjenester kan etableres når gamle tjenester avvikles.</p>"
            "<p>Helse- og omsorgsdepartementet gjennomførte i 2020 og 2021 møter med alle nasjonale "
            "kompetansetjenester for å drøfte fremtidig organisering av tjenestene. Den endelige beslutningen om "
            "organisasjonsform, oppgaver og finansiering er lagt til de regionale helseforetakene, som gjennom 2022 "
            "har hatt ny dialog med hver enkelt nasjonale kompetansetjeneste.</p>"
            "<p>Nye tjenester etableres med en varighet på enten fem eller 10 år. Som følge av endringene, blir en "
            "rekke nasjonale kompetansetjenester som har eksistert i over 10 år, avviklet og videreført i andre "
            "organisasjonsformer, flere fortsatt med en nasjonal rolle. Ansvaret for oppfølging og finansiering av "
            "tjenestene vil overføres til de regionale helseforetakene.</p>"
            "<p>Flere av tjenestene er besluttet avviklet i løpet av 2023, og arbeidet med å avvikle tjenestene som "
            "har eksistert over 10 år, fortsetter i 2024-2026, avhengig av omfanget av omorganisering og når den "
            "enkelte tjeneste har nådd sin virketid.</p>"
            "<p>I forbindelse med avviklingen av nasjonale kompetansetjenester skal det vurderes om tjenestene skal "
            "videreføres som et permanent tilbud, eventuelt i form av et nasjonalt kvalitets- og "
            "kompetansenettverk. Disse nettverkene skal bidra til å videreføre og samordne fagmiljø som allerede er "
            "bygget opp i alle fire regioner. Disse blir ikke del av styringssystemet for nasjonale tjenester, men "
            "er lagt til RHF-ene for styring og oppfølging.</p>"
            "<p>Ved en overgang fra kompetansetjeneste til nettverk vil det økonomiske tilskuddet reduseres i tråd "
            "med reduksjonen i omfang av oppgaver som skal ivaretas av tjenesten. Det legges opp til en "
            "overgangsordning over to år for å bevare kompetanse og ivareta personell som berøres av endringene. I "
            "tillegg vil oppgaver som skal videreføres utover nettverksfunksjonen, som f.eks. drift av "
            "kvalitetsregistre, bli finansiert ut over tilskuddet til nettverkene.</p>"
            "<p>Brukere og tillitsvalgte har blitt orientert og involvert i arbeidet med omorganisering av "
            "kompetansetjenestene i alle regioner. Selve omorganiseringen av den enkelte tjeneste håndteres av de "
            "respektive HF-ene og skal følge vanlige spilleregler i arbeidslivet.</p>"
            "<p>De regionale helseforetakene vil foreslå overfor Helse- og omsorgsdepartementet at det øremerkede "
            "tilskuddet blir lagt inn i rammen til regionene.</p>"
        ),
        source(SAK_109),
        heading("Rammeverk for kvalitets- og kompetansenettverk"),
        heading("Utgangspunkt og forankring", "h3"),
        rich(
            "<p>I forbindelse med revisjon av nasjonale tjenester har Helse- og omsorgsdepartementet i 2019 satt "
            "tidsrammen for nasjonale kompetansetjenester til å være fem eller 10 år. Det er Helse- og "
            "omsorgsdepartementet som ifølge veilederen for nasjonale tjenester vedtar avvikling av nasjonale "
            "tjenester. Fra 1. januar 2019 er denne myndigheten delegert til Helsedirektoratet.</p>"
            "<p>Etter avvikling som nasjonal tjeneste, kan kompetansetjenester videreføres som et kvalitets- og "
            "kompetansenettverk utenom regelverket for nasjonale tjenester. Kvalitets- og kompetansenettverk skal "
            "bidra til å videreføre fagmiljø som er bygget opp. Nettverkene skal forankres i de regionale "
            "helseforetakene (RHF-ene), som i fellesskap har ansvar for oppretting og avvikling av "
            "nettverkene.</p>"
        ),
        heading("Nettverk", "h3"),
        rich(
            "<p>Et nettverk er i denne sammenheng definert som et faglig, interregionalt samarbeid der aktørene har "
            "et felles ansvar for kompetansespredning, og der ett fagmiljø koordinerer aktiviteten.</p>"
        ),
        heading("Formål", "h3"),
        rich("<p>Kvalitets- og kompetansenettverk skal bidra til likeverdige helsetjenester med god kvalitet.</p>"),
        heading("Organisering, oppgaver og rammer", "h3"),
        rich(
            "<p>Nettverkene skal koordineres fra det helseforetaket som hadde ansvar for den nasjonale "
            "kompetansetjenesten.</p>"
            "<p>Hovedoppgavene for nettverket skal være:</p>"
            + bullets(
                "Kompetansespredning gjennom nettverket ved å bistå til at eksisterende og ny kunnskap fra forskning "
                "og kvalitetsregistre blir tatt i bruk i alle regioner",
                "Bistå eiere og nasjonale helsemyndigheter til å avklare faglige spørsmål",
            )
            + "<p>En representant fra fagmiljø i alle regioner skal delta i nettverket, og representantene har et "
            "felles ansvar for oppgavene som ligger til nettverket. Brukere skal være representert. Ut fra behov, "
            "kan aktører fra den kommunale helse- og omsorgstjenesten og andre relevante sektorer være med i "
            "nettverket.</p>"
        ),
        heading("Finansiering", "h3"),
        rich(
            "<p>Rammen for den koordinerende enheten er en million kroner som skal dekke ledelse og "
            "sekretariatsfunksjoner, samt driftsmidler til bl.a. drift av nettsider og nettverkssamlinger.</p>"
            "<p>Dersom det er behov for en tettere forankring av nettverket, f.eks. gjennom etablering av mindre "
            "stillinger (10-20 %) i alle regioner, vil rammen pr. år være to millioner kroner.</p>"
            "<p>Nettverket finansieres av de regionale helseforetakene. Ved oppstart av nettverket avgjøres rammen "
            "for finansieringen, jf. alternativene ovenfor. Ved etablering av stillinger i andre regioner, må "
            "innholdet i stillingene avtales. Personer med slike delstillinger skal fortsatt være ansatt i egne "
            "helseforetak.</p>"
            "<p>Drift av finansiering avgjøres av RHF-ene, i samråd med aktuelt helseforetak og fagmiljø.</p>"
            "<p>Forskning, drift av registre og andre underbyggende aktiviteter, forutsettes finansiert av andre "
            "kilder.</p>"
        ),
        heading("Varighet", "h3"),
        rich(
            "<p>Kvalitets- og kompetansenettverk har en varighet på fem år med øremerket tilskudd. Etter fem år (i "
            "år seks etter etablering) gjør RHF-ene i fellesskap en vurdering av om tilskudd skal videreføres for en "
            "ny periode. Dette vil blant annet bli sett i sammenheng med ressursbehov for andre nettverk. Etter "
            "hvert som nye kompetansetjenester skal utvikles og videreføres som nettverk, vil det være behov for å "
            "frigjøre midler for å kunne finansiere disse.</p>"
        ),
        heading("Rapportering", "h3"),
        rich(
            "<p>Nettverkene skal levere en kortfattet, årlig rapport til RHF-ene med fokus på oppgavene som ligger "
            "til nettverket. De regionale helseforetakenes felles rapporteringssystem, eRapport, skal benyttes. "
            "Lenker til rapporteringsskjema vil bli sendt ut til den koordinerende enheten som har ansvar for å "
            "forankre årsrapporten i nettverket.</p>"
        ),
        heading("Lenker", "h3"),
        rich(
            bullets(
                link(REGJERINGEN_OPPFOLGING_URL, "Oppfølging av nasjonale kompetansetjenester (regjeringen.no)"),
                link(REGJERINGEN_NASJONALE_TJENESTER_URL, "Nasjonale tjenester (regjeringen.no)"),
            )
        ),
        source(RAMMEVERK),
        heading("Omorganisering av nasjonale kompetansetjenester"),
        rich(
            "<p>Rapporten «Omorganisering av nasjonale kompetansetjenester i spesialisthelsetjenesten» (02.02.22) "
            "ble behandlet i AD-møtet 25. april 2022. Den inneholder:</p>"
            + bullets(
                "prinsipper for samordning av videreutvikling av nasjonale kompetansetjenester som avvikles",
                "prinsipper for etablering av nasjonale funksjoner for tjenester som ikke lenger faller inn under "
                "forskrift/lov",
                "finansieringsmodell for kompetansetjenester, kvalitets- og kompetansenettverk og "
                "kompetansetjenester som videreføres i annen organisasjonsform",
                "RHF-ene skal samordne arbeidet med omorganisering av kompetansetjenester som ikke skal videreføres "
                "som kvalitets- og kompetansenettverk.",
                "RHF-ene samordner prosessen, men selve omorganiseringen gjennomføres regionalt med involvering av "
                "brukere og tillitsvalgte.",
            )
        ),
        heading("Modell: må vurderes når nasjonal kompetansetjeneste omorganiseres", "h3"),
        rich(
            "<ol>"
            + "".join(f"<li>{outcome}</li>" for outcome in REORGANISATION_OUTCOMES)
            + "</ol><p>HOD støttet forslag til modell.</p>"
        ),
        source(OMORGANISERING, PRESENTATION),
        heading("Finansiering av servicemiljøet"),
        rich(
            "<p>Helse- og omsorgsdepartementet gir i dag et øremerket tilskudd til nasjonale kompetansetjenester. "
            "RHF-ene ble i Statsbudsjettet for 2021–2022 bedt om at 2-4 % av det øremerkede tilskuddet skal holdes "
            "tilbake for å finansiere et nasjonalt servicemiljø.</p>"
            "<p>Tabellen nedenfor gir en oversikt over hva 4 % av øremerket tilskudd utgjør for hver region. "
            "Grunnlaget er hentet fra Prop. 1 S fra HOD 2021-2022, s. 189.</p>"
        ),
        table(funding["caption"], funding["columns"], funding["rows"], funding["source"]),
        rich(
            "<p>Med bakgrunn i dette er hver region ansvarlig for å sette av tilstrekkelig midler til å ivareta "
            "oppgavene som servicemiljøet har ansvar for. Dette omfatter både ressurser til regionale oppgaver "
            "utover det som er ytt hittil, og til nasjonal koordinering. RHF-ene vurderer selv fordeling av "
            "ressurser mellom RHF og aktuelle HF.</p>"
        ),
        source(UTREDNING + ", kapittel 4"),
        heading("Behandling i styrene i de regionale helseforetakene"),
        rich(
            "<p>Saken om endringer i styring og oppfølging av nasjonale tjenester ble lagt fram for styrene i alle "
            "regionale helseforetak. Styret i Helse Sør-Øst RHF behandlet den 22. september 2022 (sak 109-2022) "
            "med dette forslaget til vedtak:</p>"
            "<ol><li>Styret i Helse Sør-Øst RHF tar fremlagte endringer i styring og oppfølging av nasjonale "
            "tjenester i spesialisthelsetjenesten til orientering. Dette inkluderer prinsipper for omorganisering "
            "av nasjonale kompetansetjenester, prinsipper for finansiering samt anbefalt modell for etablering av "
            "nasjonalt servicemiljø for nasjonale tjenester, kvalitets- og kompetansenettverk og sentre.</li>"
            "<li>Endringsprosessene må innrettes slik at ansatte ivaretas på en god måte og at kompetanse "
            "videreføres på en hensiktsmessig måte.</li></ol>"
            "<p>KTV/KVO pekte på at det kan være hensiktsmessig med en bred gjennomgang av tjenestene med sikte på å "
            "innrette tjenestene i større grad som nettverk, at prosessen må innrettes slik at ansatte ivaretas på "
            "en god måte, at kompetansen videreføres, og at eventuelle fristilte midler fortsatt skal benyttes i "
            "tråd med formålet.</p>"
            "<p>Administrerende direktør pekte på at etablering av et nasjonalt servicemiljø vil styrke og "
            "formalisere samarbeidet slik at også de regionene som ikke selv drifter tjenestene bedre kan bidra i "
            "oppfølgingen av dem. Alle regioner er avhengig av de nasjonale tjenestene gjennom sitt "
            "sørge-for-ansvar og bør ha en aktiv rolle i oppfølgingen.</p>"
            "<p>Vedlegg til saken: Oversikt nasjonale kompetansetjenester (per mars 2022); Rammeverk for kvalitets- "
            "og kompetansenettverk; Omorganisering av nasjonale kompetansetjenester i spesialisthelsetjenesten; "
            "Utredning av et nasjonalt servicemiljø for nasjonale tjenester, nasjonale kvalitets- og "
            "kompetansenettverk og nasjonale sentre.</p>"
        ),
        source(SAK_109),
    ]


# --- Rapportering -----------------------------------------------------------------------------------------

REPORTING_INTRODUCTION = (
    "Nasjonale tjenester, nettverk og sentre skal rapportere årlig til regionalt helseforetak. Rapporteringen skjer "
    "gjennom eRapport, og lenke til skjema sendes alle som skal rapportere."
)


def reporting_body(regional_contacts):
    return [
        rich(
            "<p>Frist for rapportering er 10. februar. Årsrapportene inngår som en del av RHF-ets årlige melding "
            "til Helse- og omsorgsdepartementet.</p>"
        ),
        source(PRESENTATION),
        heading("Endring av ansvar"),
        rich(
            bullets(
                "Ønsket fra både Helse- og omsorgsdepartementet og Helsedirektoratet at RHF-ene overtar vurdering av "
                "årsrapporter fra nasjonale behandlings- og kompetansetjenester",
                "Helsedirektoratet har ansvar i 2022, men servicemiljøet gjennomførte vurdering for 2022 i tett "
                "samarbeid med Helsedirektoratet:"
                + bullets(
                    "Vurderte spesielt behov for regional og interregional oppfølging",
                    "Interregionalt fagdirektørmøte vurderte status og behov for oppfølging og tiltak i mai 23",
                    "Tilbakemelding til Helsedirektoratet 1. juni 2023",
                ),
                "Fra og med rapportering for 2023 legges ansvaret til RHF-ene ved Servicemiljøet",
            )
        ),
        source(PRESENTATION),
        block(
            "accordion",
            {
                "items": [
                    {
                        "title": "Krav til innhold på nettsider",
                        "content": "<p>Mange informative og gode sider i dag. Mer informasjon på nettsider – "
                        "forenkle årlig rapportering:</p>"
                        + bullets(
                            "Godkjent beskrivelse av tjenesten",
                            "Henvisningskriterier",
                            "Mål for tjenesten",
                            "Samsvar mellom sider for flerregionale tjenester – felles mål",
                            "Få fram data over tid – likeverdig tilgjengelighet",
                        )
                        + "<p>Planlegger interregionalt samarbeid – mal for nettsider – kommunikasjonsavdelinger "
                        "bidrar.</p>",
                    },
                    {
                        "title": "Vurdering av årsrapporter",
                        "content": "<p>De regionale servicemiljøene:</p>"
                        + bullets(
                            "Gjennomgå årsrapporter og identifisere oppfølgingsbehov for hver tjeneste",
                            "Oppfølging av tjenester, nettverk og sentre",
                        )
                        + "<p>Det nasjonale servicemiljøet:</p>"
                        + bullets(
                            "Vurdere utfordringer som framkommer gjennom regional gjennomgang av årsrapporter",
                            "Utarbeide oppsummering av årsrapporter",
                            "Utarbeide sak til IRF (hva går bra, felles utfordringer)",
                            "Vedlikeholde rapportskjema og veiledningstekster for nasjonale tjenester, utvikle nye "
                            "rapportskjema for nettverk og sentre.",
                        ),
                    },
                    {
                        "title": "Rapportering fra kvalitets- og kompetansenettverk",
                        "content": "<p>Nettverkene skal levere en kortfattet, årlig rapport til RHF-ene med fokus "
                        "på oppgavene som ligger til nettverket. De regionale helseforetakenes felles "
                        "rapporteringssystem, eRapport, skal benyttes.</p>",
                    },
                ]
            },
        ),
        source(PRESENTATION, UTREDNING, RAMMEVERK),
        heading("Spørsmål? Ta kontakt med ansvarlig i din region"),
        rich("<p>Personene nedenfor er oppdiktet for demonstrasjonen.</p>"),
        *contacts(regional_contacts, heading_for=lambda person: person.region.name),
    ]


# --- Referansegrupper -------------------------------------------------------------------------------------

REFERENCE_GROUPS_INTRODUCTION = (
    "Mandat, etablering, brukerrepresentanter og opplæring. Alle nasjonale tjenester skal ha referansegruppe."
)


def reference_groups_body():
    return [
        rich(
            "<p>Alle nasjonale tjenester skal ha referansegruppe.</p>"
            + bullets(
                "Deltakere fra alle regioner (inkl. annet sykehus i regionen som har tjenesten) og brukerrepresentant",
                "Ledes av deltaker fra annen region enn den som har tjenesten",
                "Regelmessige møter – fysisk eller digitalt",
                "Vurderer årsrapporten i egen skriftlig vurdering som legges inn i eRapport",
            )
            + "<p>Referansegruppen godkjenner årsrapporten og gir en skriftlig tilbakemelding som publiseres på "
            "eRapport. Dette vil bli endret: referansegruppen skal i større grad involveres i utarbeidelse av "
            "årsrapporten slik at dette ikke blir en egen sløyfe.</p>"
            "<p>I løpet av 2023 vurderer RHF-enes servicemiljø mandat og behov for eventuelle endringer i "
            "oppfølging av og bistand til referansegruppemedlemmer.</p>"
        ),
        source(PRESENTATION),
        heading("Servicemiljøets oppgaver for referansegruppene"),
        rich(
            "<p>De regionale servicemiljøene:</p>"
            + bullets(
                "Oppnevne referansegruppedlemmer",
                "Følge opp/støtte referansegruppedlemmer",
                "Informere/opplæring tjenester og referansegruppe-medlemmer i egen region",
            )
            + "<p>Det nasjonale servicemiljøet:</p>"
            + bullets(
                "Vedlikeholde og forbedre kjernemandat for referansegrupper",
                "Vurdere organisering og rutiner for oppnevning av referansegruppedlemmer",
                "Utarbeide felles informasjon/opplæringsmateriell",
            )
        ),
        source(UTREDNING),
        rich("<p>Medlemmene i referansegruppene på dette nettstedet er oppdiktet for demonstrasjonen.</p>"),
    ]


# --- Søknad om nye nasjonale tjenester --------------------------------------------------------------------

APPLICATION_INTRODUCTION = "Informasjon om skjema og søknadsprosess."

# An example: the round with the deadline 31 August 2024 (shared/data, section E), not a rule from the seeds.
APPLICATION_CYCLE_EXAMPLE = [
    (
        "Januar",
        "Kunngjøring",
        "RHF-enes servicemiljø kunngjør at det kan søkes, eller lyser ut søknader innen et prioritert område.",
    ),
    (
        "Februar–august",
        "Arbeid i helseforetak og region",
        "Intern forankring i helseforetaket (ledelse, ressursbehov), forankring i regionen og vurdering i "
        "regionale fagdirektør- eller direktørmøter. Regionen rangerer sine søknader.",
    ),
    (
        "31. august 2024",
        "Søknadene sendes til RHF-enes servicemiljø",
        "Søknadene sendes fra RHF-ene til RHF-enes servicemiljø. Hver region setter i tillegg egne interne frister.",
    ),
    (
        "Desember 2024",
        "Prioritering i interregionalt fagdirektørmøte (IRF)",
        "Interregionalt fagdirektørmøte prioriterer og rangerer søknadene.",
    ),
    (
        "15. januar 2025",
        "Søknadene sendes Helse- og omsorgsdepartementet",
        "Departementet godkjenner tjenestene. (I runden før gikk søknadene 15. januar 2024 til Helsedirektoratet.)",
    ),
]


def application_cycle():
    return [
        block("step", {"period": period, "title": title, "description": description})
        for period, title, description in APPLICATION_CYCLE_EXAMPLE
    ]


def application_body():
    return [
        rich(
            "<p>Viktige endringer av styringssystem og veileder for kompetansetjenestene. Søknadsskjema revidert i "
            "tråd med dette våren 2023.</p>"
            "<p>Interregional prosess for søknad om nye tjenester:</p>"
            + bullets(
                "Felles og samordnet prosess i regionene",
                "Forankring av søknader på regionalt nivå i andre regioner",
                "Krav om prioritering og rangering av søknader i IRF",
            )
        ),
        source(PRESENTATION),
        heading("Servicemiljøets oppgaver"),
        rich(
            bullets(
                "Regionalt servicemiljø: legge til rette for søknadsprosess i egen region og bidra til forankring "
                "av søknader fra alle regioner.",
                "Nasjonalt servicemiljø: utforme og vedlikeholde søknadsinformasjon og felles søknadsskjema, og "
                "forberede sak til interregionalt fagdirektørmøte om søknader om nye tjenester.",
            )
        ),
        source(UTREDNING),
        heading("Hvem kan søke?"),
        rich(
            "<p>Etter Helse Vests beskrivelse av ordningen er det de regionale helseforetakene som søker. "
            "Brukerorganisasjoner, fagmiljøer og nasjonale myndigheter kan be et RHF om å søke, og hvert RHF "
            "samordner og rangerer søknadene fra sine helseforetak. Det er egne skjemaer for behandlingstjenester og "
            "kompetansetjenester; de fås hos det regionale servicemiljøet. En flerregional behandlingstjeneste "
            "trenger én felles søknad fra begge helseforetakene.</p>"
            "<p>Dette står ikke i servicemiljøets egne kildedokumenter. Spør servicemiljøet i din region om hva som "
            "gjelder for neste søknadsrunde.</p>"
        ),
        source(HELSE_VEST_SOKNAD),
        rich(
            "<p><b>Eksempel:</b> årshjulet nedenfor viser søknadsrunden med frist 31. august 2024, slik Helse Vest "
            "beskrev den. Datoene endrer seg fra år til år.</p>"
        ),
        source(HELSE_VEST_SOKNAD),
    ]


# --- the national dialogue arena of 15 September 2023 -----------------------------------------------------

DIALOGUE_ARENA_2023 = {
    "title": "Nasjonalt dialogarena for nasjonale tjenester, nettverk og sentre i spesialisthelsetjenesten",
    "slug": "nasjonal-dialogarena-2023",
    "introduction": "Endringer i nasjonalt regelverk, oppfølging i RHF-ene, etablering av nasjonalt servicemiljø og "
    "ny samarbeids- og dialogarena.",
    "start": datetime.datetime(2023, 9, 15, 10, 0),
    "end": datetime.datetime(2023, 9, 15, 15, 30),
}


def dialogue_arena_body():
    return [
        rich(
            "<p>Etter ønske fra tjenester arrangerte RHF-enes servicemiljø et nasjonalt dialogarena for nasjonale "
            "tjenester, nettverk og sentre i spesialisthelsetjenesten 15. september 2023 kl. 10:00–15:30.</p>"
            "<p>Tema:</p>"
            + bullets(
                "Endringer i nasjonalt regelverk",
                "Oppfølging i RHF-ene",
                "Etablering av nasjonalt servicemiljø",
                "Ny samarbeids- og dialogarena",
            )
        ),
        source(PRESENTATION),
    ]


# --- site statements (not from the seeds: written for this site) ------------------------------------------

STATEMENT_DATE = datetime.date(2026, 12, 1)
DATATILSYNET_URL = "https://www.datatilsynet.no/"
UUTILSYNET_URL = "https://www.uutilsynet.no/"
UUSTATUS_URL = "https://www.uustatus.no/"

PRIVACY_INTRODUCTION = "Slik behandler RHF-enes servicemiljø personopplysninger på dette nettstedet."


def privacy_body(contact_email, anonymise_after_days):
    """The privacy notice. `anonymise_after_days` is the EVENTS_ANONYMISE_AFTER_DAYS setting."""
    mail = f'<a href="mailto:{contact_email}">{contact_email}</a>'
    return [
        heading("Behandlingsansvarlig"),
        rich(
            "<p>Behandlingsansvarlig for personopplysningene på dette nettstedet er det regionale helseforetaket "
            "som leder RHF-enes servicemiljø, i 2023–2024 Helse Vest RHF. Spørsmål om personvern sender du til "
            f"servicemiljøet på {mail}. Du kan også kontakte personvernombudet i det regionale helseforetaket.</p>"
        ),
        heading("Hva vi behandler, hvorfor og på hvilket grunnlag"),
        heading("Påmelding til arrangementer", "h3"),
        rich(
            "<p>Når du melder deg på et arrangement, lagrer vi navn, e-postadresse, organisasjon eller "
            "helseforetak, region og eventuelle behov for spesialkost eller tilrettelegging som du selv skriver "
            "inn, og tidspunktet du samtykket.</p>"
            "<p>Formålet er å gjennomføre arrangementet: bekreftelse og kalenderfil på e-post, venteliste, "
            "deltakerliste og praktisk tilrettelegging.</p>"
            "<p>Behandlingsgrunnlaget er samtykket ditt (personvernforordningen artikkel 6 nr. 1 bokstav a). "
            "Opplysninger om behov for tilrettelegging eller spesialkost kan si noe om helsen din; dem behandler vi "
            "bare fordi du uttrykkelig samtykker (artikkel 9 nr. 2 bokstav a). Du kan trekke samtykket når som "
            "helst ved å melde deg av med lenken i bekreftelsen på e-post.</p>"
        ),
        heading("Redaktører og moderatorer", "h3"),
        rich(
            "<p>For dem som har brukerkonto i publiseringsløsningen, lagrer vi navn, e-postadresse, hvilken region og "
            "rolle de har, og hvem som har endret hvilken side og når (versjonshistorikk). Mislykkede innlogginger "
            "registreres med brukernavn og IP-adresse for å hindre innbrudd. Formålet er å drifte og sikre "
            "nettstedet og å kunne dokumentere endringer; grunnlaget er at det er nødvendig for å utføre en oppgave "
            "i allmennhetens interesse (artikkel 6 nr. 1 bokstav e).</p>"
        ),
        heading("Besøkende", "h3"),
        rich(
            "<p>Nettstedet bruker ikke analyseverktøy, annonser eller sporing. Det setter bare de "
            "informasjonskapslene som trengs for at skjemaer og innlogging skal virke (en sikkerhetsnøkkel mot "
            "falske skjemainnsendinger, og økt for innloggede redaktører). Webserveren fører tekniske logger "
            "(IP-adresse, tidspunkt og hvilken adresse som ble bedt om) for drift og sikkerhet.</p>"
        ),
        heading("Hvor lenge vi lagrer"),
        rich(
            "<p>Påmeldinger anonymiseres automatisk "
            f"{anonymise_after_days} dager etter at arrangementet er slutt: navn, e-postadresse, organisasjon og "
            "behov slettes, og bare region og status beholdes som anonym statistikk. Melder du deg av før "
            "arrangementet, er du ikke lenger med på deltakerlisten, og opplysningene anonymiseres på samme tid.</p>"
            "<p>Brukerkontoer slettes når personen ikke lenger skal redigere nettstedet. Versjonshistorikken for "
            "sidene beholdes så lenge sidene finnes.</p>"
        ),
        heading("Hvem som ser opplysningene"),
        rich(
            "<p>Påmeldinger ser bare den som er ansvarlig for arrangementet, servicemiljøets nasjonale koordinatorer "
            "(gruppen «Servicemiljø nasjonal») og administratorer av nettstedet. Opplysningene gis ikke videre til "
            "andre. E-post sendes gjennom virksomhetens e-posttjeneste, og nettstedet driftes av en leverandør som "
            "er databehandler for oss. Opplysningene overføres ikke til land utenfor EU/EØS.</p>"
        ),
        heading("Dine rettigheter"),
        rich(
            "<p>Du har rett til innsyn i opplysningene vi har om deg, og til å få dem rettet, slettet eller "
            "begrenset. Du kan protestere mot behandling som bygger på allmennhetens interesse, og få utlevert "
            "opplysninger du har gitt oss etter samtykke (dataportabilitet). Ta kontakt på "
            f"{mail}. Vi svarer innen en måned.</p>"
        ),
        heading("Klage"),
        rich(
            "<p>Mener du at vi behandler personopplysninger i strid med regelverket, kan du klage til "
            f"{link(DATATILSYNET_URL, 'Datatilsynet')}. Vi setter pris på om du tar kontakt med oss først, så vi "
            "kan rette feilen.</p>"
        ),
        rich(
            f"<p>Erklæringen ble sist oppdatert {STATEMENT_DATE.day}. desember {STATEMENT_DATE.year}. Den er skrevet "
            "for demonstrasjonsnettstedet, og den behandlingsansvarlige må bekrefte den før nettstedet settes i "
            "drift.</p>"
        ),
    ]


ACCESSIBILITY_INTRODUCTION = (
    "Erklæringen viser i hvilken grad nettstedet oppfyller kravene til universell utforming av IKT, og hvordan du "
    "kan melde fra om feil."
)

AUTOMATED = "Kontrollert med automatiske tester (axe-core) på alle sidetyper i fire skjermbredder"
NOT_RELEVANT_MEDIA = "Nettstedet har ikke lyd eller video"
NOT_REQUIRED = "Ikke et krav i Norge (forskrift om universell utforming av IKT)"

# (number, name, level, status, comment). Status: Samsvar / Ikke relevant / Ikke et krav / Avvik.
WCAG_21_CRITERIA = [
    (
        "1.1.1",
        "Ikke-tekstlig innhold",
        "A",
        "Samsvar",
        "Ikoner er skjult for skjermlesere; bilder må ha alternativ tekst",
    ),
    ("1.2.1", "Bare lyd og bare video (forhåndsinnspilt)", "A", "Ikke relevant", NOT_RELEVANT_MEDIA),
    ("1.2.2", "Teksting (forhåndsinnspilt)", "A", "Ikke relevant", NOT_RELEVANT_MEDIA),
    ("1.2.3", "Synstolking eller mediealternativ (forhåndsinnspilt)", "A", "Ikke et krav", NOT_REQUIRED),
    ("1.2.4", "Teksting (direkte)", "AA", "Ikke et krav", NOT_REQUIRED),
    ("1.2.5", "Synstolking (forhåndsinnspilt)", "AA", "Ikke et krav", NOT_REQUIRED),
    (
        "1.3.1",
        "Informasjon og relasjoner",
        "A",
        "Samsvar",
        "Overskrifter, lister, tabeller med overskriftsceller og skjemaer med ledetekster",
    ),
    ("1.3.2", "Meningsfylt rekkefølge", "A", "Samsvar", "Lese- og tabulatorrekkefølgen følger kildekoden"),
    (
        "1.3.3",
        "Sensoriske egenskaper",
        "A",
        "Samsvar",
        "Instruksjoner viser ikke bare til form, farge eller plassering",
    ),
    ("1.3.4", "Visningsretning", "AA", "Samsvar", "Sidene virker både stående og liggende"),
    (
        "1.3.5",
        "Identifiser formål med inndata",
        "AA",
        "Samsvar",
        "Påmeldingsskjemaet har autocomplete for navn, e-post og organisasjon",
    ),
    ("1.4.1", "Bruk av farge", "A", "Samsvar", "Lenker er understreket; status vises også som tekst"),
    ("1.4.2", "Styring av lyd", "A", "Ikke relevant", NOT_RELEVANT_MEDIA),
    ("1.4.3", "Kontrast (minimum)", "AA", "Samsvar", AUTOMATED),
    ("1.4.4", "Endring av tekststørrelse", "AA", "Samsvar", "Tekst kan forstørres til 200 % uten tap av innhold"),
    ("1.4.5", "Bilder av tekst", "AA", "Samsvar", "Nettstedet bruker ikke bilder av tekst"),
    (
        "1.4.10",
        "Dynamisk tilpasning (reflow)",
        "AA",
        "Samsvar",
        "Ingen side ruller sidelengs ved 320 piksler; brede tabeller ruller i en egen, merket ramme (unntaket for "
        "todimensjonalt innhold)",
    ),
    ("1.4.11", "Kontrast for ikke-tekstlig innhold", "AA", "Samsvar", "Designsystemets komponenter og fokusmarkering"),
    ("1.4.12", "Tekstavstand", "AA", "Samsvar", "Ingen faste høyder på tekstbokser"),
    (
        "1.4.13",
        "Pekerfølsomt innhold eller innhold ved fokus",
        "AA",
        "Samsvar",
        "Forslagslisten i søket lukkes med Escape",
    ),
    ("2.1.1", "Tastatur", "A", "Samsvar", "Kontrollert med automatiske tastaturtester: søk, meny, filtre og påmelding"),
    ("2.1.2", "Ingen tastaturfelle", "A", "Samsvar", "Kontrollert med automatiske tastaturtester"),
    ("2.1.4", "Hurtigtaster som består av ett tegn", "A", "Ikke relevant", "Nettstedet har ingen hurtigtaster"),
    ("2.2.1", "Justerbar hastighet", "A", "Ikke relevant", "Ingen tidsbegrensninger på sidene"),
    (
        "2.2.2",
        "Pause, stopp, skjul",
        "A",
        "Ikke relevant",
        "Ikke noe innhold som beveger seg eller oppdateres automatisk",
    ),
    ("2.3.1", "Terskelverdi på maksimalt tre glimt", "A", "Samsvar", "Ikke noe blinkende innhold"),
    ("2.4.1", "Hoppe over blokker", "A", "Samsvar", "Lenken «Hopp til hovedinnhold» først på hver side"),
    ("2.4.2", "Sidetitler", "A", "Samsvar", "Hver side har en beskrivende tittel"),
    ("2.4.3", "Fokusrekkefølge", "A", "Samsvar", "Kontrollert med automatiske tastaturtester"),
    ("2.4.4", "Formål med lenke (i kontekst)", "A", "Samsvar", "Lenketekstene sier hvor lenken går"),
    ("2.4.5", "Flere måter", "AA", "Samsvar", "Hovedmeny, søk og nettstedskart"),
    ("2.4.6", "Overskrifter og ledetekster", "AA", "Samsvar", "Beskrivende overskrifter og ledetekster"),
    ("2.4.7", "Synlig fokus", "AA", "Samsvar", "Kontrollert med automatiske tastaturtester"),
    ("2.5.1", "Pekerbevegelser", "A", "Ikke relevant", "Ingen funksjoner krever bevegelser med flere fingre"),
    ("2.5.2", "Pekeravbrytelse", "A", "Samsvar", "Knapper og lenker utløses når du slipper"),
    ("2.5.3", "Ledetekst i navn", "A", "Samsvar", "Synlig tekst er en del av det tilgjengelige navnet"),
    ("2.5.4", "Bevegelsesaktivering", "A", "Ikke relevant", "Ingen funksjoner styres med bevegelse"),
    ("3.1.1", "Språk på siden", "A", "Samsvar", "Hver side oppgir språk (bokmål eller nynorsk)"),
    (
        "3.1.2",
        "Språk på deler av innhold",
        "AA",
        "Samsvar",
        "Egennavn på engelsk er ikke merket, som regelverket tillater",
    ),
    ("3.2.1", "Fokus", "A", "Samsvar", "Fokus endrer ikke kontekst"),
    ("3.2.2", "Inndata", "A", "Samsvar", "Filtre brukes først når du trykker «Vis treff»"),
    ("3.2.3", "Konsekvent navigering", "AA", "Samsvar", "Samme meny og bunntekst på alle sider"),
    ("3.2.4", "Konsekvent identifikasjon", "AA", "Samsvar", "Samme funksjon har samme navn overalt"),
    ("3.3.1", "Identifikasjon av feil", "A", "Samsvar", "Feil vises i en feiloppsummering og ved hvert felt"),
    ("3.3.2", "Ledetekster eller instruksjoner", "A", "Samsvar", "Alle felt har ledetekst; valgfrie felt er merket"),
    ("3.3.3", "Forslag ved feil", "AA", "Samsvar", "Feilmeldingene sier hva som må rettes"),
    (
        "3.3.4",
        "Forhindring av feil (juridiske feil, økonomiske feil, datafeil)",
        "AA",
        "Samsvar",
        "En påmelding kan trekkes med lenken i bekreftelsen",
    ),
    ("4.1.1", "Parsing (oppdeling)", "A", "Samsvar", "Kontrollert med Nu HTML Checker på alle sidetyper"),
    ("4.1.2", "Navn, rolle, verdi", "A", "Samsvar", AUTOMATED),
    ("4.1.3", "Statusbeskjeder", "AA", "Samsvar", "Antall treff i søk og filtre leses opp når det endres"),
]


def accessibility_body(contact_email):
    mail = f'<a href="mailto:{contact_email}">{contact_email}</a>'
    return [
        rich(
            "<p>Denne erklæringen gjelder nettstedet til RHF-enes servicemiljø for nasjonale tjenester, nettverk og "
            "sentre. Offentlige nettsteder skal oppfylle 47 av suksesskriteriene i WCAG 2.1 på nivå A og AA, etter "
            "forskrift om universell utforming av informasjons- og kommunikasjonsteknologiske (IKT-)løsninger.</p>"
            f"<p>Erklæringen ble sist oppdatert {STATEMENT_DATE.day}. desember {STATEMENT_DATE.year}.</p>"
        ),
        heading("Status"),
        rich(
            "<p>Nettstedet oppfyller etter vår kontroll alle kravene som gjelder for det. Vi kjenner til disse "
            "begrensningene:</p>"
            + bullets(
                "Dokumenter som redaktører laster opp (for eksempel PDF), kontrolleres ikke automatisk. Meld fra om "
                "et dokument du ikke kan lese, så sender vi det i et annet format.",
                "Brede tabeller må rulles sidelengs på smale skjermer. Rammen de ruller i, er merket og kan nås med "
                "tastaturet.",
                "Nettstedet er kontrollert med automatiske tester og tastatur, men ikke med brukertesting eller med "
                "alle skjermlesere.",
                "Publiseringsløsningen for redaktører (Wagtail) er ikke omfattet av denne erklæringen.",
            )
        ),
        heading("Hvordan nettstedet er kontrollert"),
        rich(
            "<p>Hver endring kontrolleres automatisk før den tas i bruk: alle sidetyper, søk, filtre, skjemaer med "
            "feil og feilsider lastes i en nettleser i bredder fra 320 til 1280 piksler og sjekkes med axe-core "
            "(WCAG 2.0 og 2.1, nivå A og AA) og Nu HTML Checker. Tastaturtester går gjennom søk, hovedmeny, filtre "
            "og påmelding, og sjekker at fokus alltid er synlig.</p>"
        ),
        table(
            "Status for hvert suksesskriterium i WCAG 2.1, nivå A og AA",
            [("text", "Suksesskriterium"), ("text", "Nivå"), ("text", "Status"), ("text", "Merknad")],
            [(f"{number} {name}", level, status, comment) for number, name, level, status, comment in WCAG_21_CRITERIA],
        ),
        heading("Tilbakemelding og kontakt"),
        rich(
            "<p>Finner du noe på nettstedet som ikke virker for deg, eller trenger du innholdet i et annet format? "
            f"Skriv til oss på {mail}. Vi svarer så raskt vi kan, og senest innen to uker.</p>"
        ),
        heading("Tilsyn og klage"),
        rich(
            "<p>Tilsynet for universell utforming av IKT i Digitaliseringsdirektoratet (Digdir) fører tilsyn med at "
            "nettsteder oppfyller kravene. Mener du at nettstedet ikke er universelt utformet, og får du ikke svar "
            f"fra oss, kan du melde fra til {link(UUTILSYNET_URL, 'Tilsynet for universell utforming av IKT')}.</p>"
            "<p>Erklæringen følger oppsettet tilsynet bruker for tilgjengelighetserklæringer på "
            f"{link(UUSTATUS_URL, 'uustatus.no')}.</p>"
        ),
    ]
