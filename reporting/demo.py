"""Demo section of the reporting page and the application page (with the yearly cycle of applications)."""

import json

from cms.core import demo
from cms.core.demo import block, rich

from .factories import ApplicationPageFactory, ReportingPageFactory

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


@demo.section("reporting", order=40, label="Reporting and applications")
def build(builder):
    home = builder.home_page
    builder.child(
        home,
        ReportingPageFactory,
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
    builder.child(
        home,
        ApplicationPageFactory,
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
        cycle=json.dumps([block("step", {"period": p, "title": t, "description": d}) for p, t, d in APPLICATION_CYCLE]),
    )
