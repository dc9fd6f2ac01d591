"""The unit page as a clinician needs it: how to refer, contact as text, the hospital's page, every site,
quality tools, and a clear notice and timeline for a discontinued unit."""

import datetime

import pytest

from servicepages.choices import QualityToolKind, TermOutcome, UnitKind, UnitStatus
from servicepages.models import QualityTool, UnitSite
from tests import factories

pytestmark = pytest.mark.django_db


def add_site(unit, trust, **values):
    defaults = {
        "department": "Brannskadeavdelinga",
        "referral_address": "Postboks 1, 5021 Bergen",
        "electronic_referral": "Elektronisk henvisning til Helse Bergen HF",
        "phone": "55 00 12 34",
        "email": "brannskade@example.no",
        "page_url": "https://www.helse-bergen.no/brannskade/",
    }
    defaults.update(values)
    unit.sites.add(UnitSite(health_trust=trust, **defaults))


def test_a_treatment_service_shows_how_to_refer_with_phone_and_e_mail_as_text(client, region_pages, regions):
    trust = regions["helse-vest"].health_trusts.get()
    unit = factories.ServicePageFactory(
        parent=region_pages["helse-vest"], kind=UnitKind.TREATMENT, host_trusts=[trust], who_may_refer="Sykehuslege."
    )
    add_site(unit, trust)
    unit.quality_tool_items.add(QualityTool(kind=QualityToolKind.REGISTER, name="Brannskaderegisteret"))
    unit.save_revision().publish()
    html = client.get(unit.url).content.decode()
    refer = html[html.index('id="sec-refer"') :]
    assert "Slik henviser du" in html and "Sykehuslege." in refer
    assert "Postboks 1, 5021 Bergen" in refer and "Elektronisk henvisning til Helse Bergen HF" in refer
    assert '<a class="ds-link" href="tel:55001234">55 00 12 34</a>' in refer
    assert '<a class="ds-link" href="mailto:brannskade@example.no">brannskade@example.no</a>' in refer
    assert 'href="https://www.helse-bergen.no/brannskade/">Tjenestens side hos Helse Bergen HF</a>' in refer
    assert "Kvalitetsregister</span> Brannskaderegisteret" in html


def test_a_multiregional_service_shows_every_site(client, region_pages, regions):
    oslo = regions["helse-sor-ost"].health_trusts.get()
    bergen = regions["helse-vest"].health_trusts.get()
    unit = factories.ServicePageFactory(
        parent=region_pages["helse-sor-ost"], kind=UnitKind.MULTIREGIONAL, host_trusts=[oslo, bergen]
    )
    add_site(unit, oslo, phone="22 00 11 11", email="oslo@example.no")
    add_site(unit, bergen, phone="55 00 22 22", email="bergen@example.no", sort_order=1)
    unit.save_revision().publish()
    html = client.get(unit.url).content.decode()
    refer = html[html.index('id="sec-refer"') : html.index("</section>", html.index('id="sec-refer"'))]
    assert "Oslo universitetssykehus HF (Helse Sør-Øst)" in refer and "Helse Bergen HF (Helse Vest)" in refer
    assert ">22 00 11 11</a>" in refer and ">55 00 22 22</a>" in refer


def test_a_discontinued_unit_shows_a_notice_with_its_successor_and_the_date_and_a_timeline(
    client, region_pages, regions
):
    trust = regions["helse-vest"].health_trusts.get()
    old = factories.ServicePageFactory(
        parent=region_pages["helse-vest"],
        title="Nasjonal kompetansetjeneste for MS",
        kind=UnitKind.COMPETENCE,
        status=UnitStatus.CONTINUED,
        established=datetime.date(2010, 1, 1),
        term_years=10,
        term_outcome=TermOutcome.OTHER_FORM,
        ended_on=datetime.date(2023, 1, 1),
        host_trusts=[trust],
    )
    factories.NetworkPageFactory(
        parent=region_pages["helse-vest"],
        title="Nasjonalt nettverk for MS",
        established=datetime.date(2023, 1, 1),
        predecessor=old,
        host_trusts=[trust],
    )
    html = client.get(old.url).content.decode()
    notice = html[html.index("unit-notice") : html.index("</div>", html.index("unit-notice"))]
    assert "Denne enheten er videreført i annen form" in notice
    assert "1. januar 2023" in notice and "Nasjonalt nettverk for MS</a>" in notice
    timeline = html[html.index('<ol class="timeline">') : html.index("</ol>", html.index('<ol class="timeline">'))]
    labels = timeline.split('<strong class="timeline__label">')[1:]
    steps = [step.split("</strong>")[0] for step in labels]
    assert steps == ["Etablert", "Virketid", "Utfall", "Videreført som"]
    assert "10 år, gikk ut 1. januar 2020" in " ".join(timeline.split())
    assert "Videreføring i annen organisasjonsform, 1. januar 2023" in timeline


def test_a_network_shows_its_evaluation_year(client, region_pages, regions):
    network = factories.NetworkPageFactory(
        parent=region_pages["helse-vest"],
        established=datetime.date(2023, 1, 1),
        host_trusts=[regions["helse-vest"].health_trusts.get()],
    )
    html = client.get(network.url).content.decode()
    assert "I 2028 (år seks)" in html


def test_an_active_unit_has_no_notice(client, region_pages, regions):
    unit = factories.ServicePageFactory(
        parent=region_pages["helse-vest"], host_trusts=[regions["helse-vest"].health_trusts.get()]
    )
    assert "unit-notice" not in client.get(unit.url).content.decode()


@pytest.mark.parametrize("page_cache", [True, False])
def test_the_unit_page_loads_sites_and_tools_in_a_fixed_number_of_queries(
    client, settings, region_pages, regions, page_cache
):
    settings.PAGECACHE_ENABLED = page_cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    trust = regions["helse-vest"].health_trusts.get()
    counts = []
    for size in (1, 6):
        unit = factories.ServicePageFactory(
            parent=region_pages["helse-vest"], title=f"Tjeneste med {size} steder {page_cache}", host_trusts=[trust]
        )
        for number in range(size):
            add_site(unit, trust, contact=factories.ContactPersonFactory(), sort_order=number)
            unit.quality_tool_items.add(QualityTool(name=f"Register {number}", sort_order=number))
        unit.save_revision().publish()
        client.get(unit.url)  # warm the routes and settings
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{unit.url}?fresh={size}")
        assert response.content.decode().count("unit-site__facts") == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    if page_cache:  # the budget of tests/performance holds with routes cached
        assert counts[1] <= 10, counts
