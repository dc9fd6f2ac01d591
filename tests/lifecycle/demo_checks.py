"""Checks of the demo content for issue 14 §3–§4, run by the demo loader test (one load of the demo for both)."""

import datetime
import re

from servicepages import lifecycle
from servicepages.models import NationalUnitPage, UnitStatus


def check_demo_units_for_clinicians_and_lifecycle(client):
    units = list(NationalUnitPage.objects.live().specific().prefetch_related("sites", "quality_tool_items"))
    assert len(units) == 30
    for unit in units:
        # Every unit: quality tools, a site with a phone, an e-mail and the hospital's page; no contradiction.
        assert unit.has_quality_tools and unit.tool_list, unit.title
        assert unit.site_list and all(s.phone and s.email and s.page_url for s in unit.site_list), unit.title
        assert lifecycle.unit_problems(unit) == [], (unit.title, lifecycle.unit_problems(unit))
        assert unit.get_missing_required_content() == [], unit.title
    by_title = {unit.title: unit for unit in units}
    # The three whose term ran out while the CSV says "active" now agree with their dates.
    for title in (
        "Nasjonal kompetansetjeneste for sjeldne diagnoser",
        "Nasjonal kompetansetjeneste for prehospital akuttmedisin",
        "Samisk nasjonal kompetansetjeneste – psykisk helsevern og rus",
    ):
        unit = by_title[title]
        assert unit.term_end < datetime.date.today() and unit.status == UnitStatus.DISCONTINUING, title
    sjeldne = client.get(by_title["Nasjonal kompetansetjeneste for sjeldne diagnoser"].url).content.decode()
    assert "Under avvikling" in sjeldne and "Virketiden gikk ut 1. januar 2024" in sjeldne
    assert "<dd>Aktiv</dd>" not in sjeldne
    # The competence services continued as networks and centres say so, with outcome, date and successor.
    leddproteser = by_title["Nasjonal kompetansetjeneste for leddproteser og hoftebrudd"]
    assert leddproteser.status == UnitStatus.CONTINUED and leddproteser.term_outcome == "other_form"
    html = client.get(leddproteser.url).content.decode()
    assert "Denne enheten er videreført i annen form" in html and "1. januar 2023" in html
    assert "Nasjonalt kvalitets- og kompetansenettverk for leddproteser og hoftebrudd</a>" in html
    assert "Videreføring i annen organisasjonsform" in html
    network = by_title["Nasjonalt kvalitets- og kompetansenettverk for leddproteser og hoftebrudd"]
    assert network.status == UnitStatus.ACTIVE and network.evaluation_year == 2028
    # The multiregional unit: a contact and a referral route at both sites.
    multi = by_title["Flerregional behandlingstjeneste for allogen stamcelletransplantasjon"]
    html = client.get(multi.url).content.decode()
    for trust in ("Oslo universitetssykehus HF", "Helse Bergen HF"):
        assert html.count(f'<h3 class="ds-heading" data-size="xs">{trust}') == 1, trust
    assert html.count("Via Norsk helsenett til") == 2
    # The burns service: how to refer, phone and e-mail as text, the hospital's page.
    burns = client.get(by_title["Nasjonal behandlingsteneste for avansert brannskadebehandling"].url).content.decode()
    assert "Slik henviser du" in burns and "Hvem kan henvise" in burns
    assert re.search(r'href="tel:5500\d{4}">55 00 \d\d \d\d</a>', burns)
    assert re.search(r'href="mailto:([^"]+@example\.no)">\1</a>', burns)
    assert "https://www.helse-bergen.no/avdelinger/kirurgisk-klinikk/plastikkirurgi-og-brannskade/" in burns
    assert "Metodebok i brannskadebehandling" in burns
