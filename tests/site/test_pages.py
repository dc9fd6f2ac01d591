"""Public pages of the site: live counts, error pages, sitemaps, statements and meta tags."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser

from servicepages.models import UnitKind, UnitStatus
from tests import factories

pytestmark = pytest.mark.django_db


def region_row(html, region):
    table = html[html.index("region-table") : html.index("</table>", html.index("region-table"))]
    row = table[table.index(region) :].split("</tr>")[0]
    return [re.sub(r"<[^>]+>", "", cell).strip().split(">")[-1] for cell in row.split("</td>")[:-1]]


def test_live_counts_leave_out_ended_units_and_say_so(client, home_page, service_index, region_pages, regions):
    trust = regions["helse-vest"].health_trusts.get()
    for status in (UnitStatus.ACTIVE, UnitStatus.DISCONTINUING, UnitStatus.DISCONTINUED, UnitStatus.CONTINUED):
        factories.ServicePageFactory(
            parent=region_pages["helse-vest"],
            title=f"Kompetansetjeneste {status}",
            kind=UnitKind.COMPETENCE,
            status=status,
            host_trusts=[trust],
        )
    for url in (home_page.url, service_index.url):
        html = client.get(url).content.decode()
        # Active and being discontinued count; discontinued and continued in another form do not.
        row = region_row(html, "Helse Vest")
        assert row[2] == "2" and row[-2] == "2", url  # competence services, total
        assert row[-1] == "2", url  # ended, shown apart
        assert "Avviklet eller videreført, ikke talt med" in html, url
        assert "er ikke med i tallene" in html, url


def test_sitemap_xml_uses_the_public_host(client, settings, home_page, service_index):
    settings.SITE_URL = "https://servicemiljo.example.no"
    body = client.get("/sitemap.xml").content.decode()
    assert f"<loc>https://servicemiljo.example.no{service_index.url}</loc>" in body
    assert "localhost" not in body and "testserver" not in body


def test_html_sitemap_lists_every_page_as_a_tree(client, home_page, service_index, region_pages):
    html = client.get("/nettstedskart/").content.decode()
    assert '<h1 class="ds-heading" data-size="xl">Nettstedskart</h1>' in html
    nested = html[html.index(service_index.url) :]
    assert region_pages["helse-vest"].url in nested.split("</ul>")[0]
    assert 'href="/nettstedskart/"' in client.get(home_page.url).content.decode()  # linked from the footer


def test_meta_description_and_open_graph(client, settings, home_page, service_index):
    settings.SITE_URL = "https://servicemiljo.example.no"
    service_index.introduction = "Alle nasjonale tjenester."
    service_index.save_revision().publish()
    html = client.get(service_index.url).content.decode()
    assert '<meta name="description" content="Alle nasjonale tjenester.">' in html
    assert '<meta property="og:description" content="Alle nasjonale tjenester.">' in html
    assert f'<meta property="og:url" content="https://servicemiljo.example.no{service_index.url}">' in html
    assert f'<meta property="og:title" content="{service_index.title}">' in html


def test_styled_norwegian_403_page(client, home_page, rf):
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    request = rf.get("/hemmelig/")
    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied())
    html = response.content.decode()
    assert response.status_code == 403
    assert "Du har ikke tilgang til denne siden" in html
    assert 'href="/static/css/site.css"' in html and "<style" not in html


def test_expired_form_gives_the_norwegian_csrf_page(home_page):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/sok/", {"q": "x"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Skjemaet kunne ikke sendes" in html and "Forbidden" not in html
    assert 'class="site-nav"' in html  # in the site's frame


def test_500_page_renders_without_the_database(django_assert_num_queries):
    from cms.core.views import server_error

    with django_assert_num_queries(0):
        response = server_error(None)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Noe gikk galt" in html and "<style" not in html and "style=" not in html
    assert 'href="/static/vendor/designsystemet/designsystemet.css"' in html


def test_privacy_and_accessibility_statements_are_complete_and_linked(client, settings):
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    home = client.get("/").content.decode()
    assert 'href="/personvern/"' in home and 'href="/tilgjengelighetserklaering/"' in home
    privacy = client.get("/personvern/").content.decode()
    for part in (
        "Behandlingsansvarlig",
        "artikkel 6 nr. 1 bokstav a",
        "90 dager etter at arrangementet",
        "Datatilsynet",
        "Dine rettigheter",
        "Hvem som ser opplysningene",
    ):
        assert part in privacy, part
    statement = client.get("/tilgjengelighetserklaering/").content.decode()
    assert statement.count("<tr>") >= 51  # a header row and the 50 success criteria of WCAG 2.1 A and AA
    for part in (
        "1.4.10 Dynamisk tilpasning",
        "4.1.3 Statusbeskjeder",
        "Ikke et krav",
        "sist oppdatert",
        "Tilbakemelding og kontakt",
        "uutilsynet.no",
    ):
        assert part in statement, part


def test_503_page_renders_without_the_database(django_assert_num_queries):
    from django.template import loader

    with django_assert_num_queries(0):
        html = loader.get_template("503.html").render()
    assert "Nettstedet er midlertidig utilgjengelig" in html and "<style" not in html
    assert '<html lang="nb"' in html


def test_pagination_marks_the_current_page_and_keeps_its_arrows_on_previous_and_next(
    client, service_index, region_pages, regions
):
    trust = regions["helse-nord"].health_trusts.get()
    for n in range(45):
        factories.ServicePageFactory(parent=region_pages["helse-nord"], title=f"Tjeneste {n:02d}", host_trusts=[trust])
    html = client.get(service_index.url + "?page=2").content.decode()
    nav = html[html.index('class="ds-pagination"') : html.index("</nav>", html.index('class="ds-pagination"'))]
    items = re.findall(r"<li>(.*?)</li>", nav, re.S)
    # Designsystemet puts its arrows on the first and last item: those are always «Forrige» and «Neste».
    assert "Forrige" in items[0] and "Neste" in items[-1]
    assert re.search(r'aria-current="page"[^>]*>2</a>', nav)
    assert nav.count('aria-current="page"') == 1
    first = client.get(service_index.url).content.decode()
    first_nav = first[first.index('class="ds-pagination"') :]
    assert '<span class="ds-button" data-variant="tertiary" aria-hidden="true">Forrige</span>' in first_nav


def test_lists_do_not_repeat_what_they_are_grouped_or_filtered_by(client, service_index, region_pages, regions):
    trust = regions["helse-vest"].health_trusts.get()
    factories.ServicePageFactory(parent=region_pages["helse-vest"], title="Tjeneste A", host_trusts=[trust])
    region_html = client.get(region_pages["helse-vest"].url).content.decode()
    item = region_html[region_html.index('class="unit-item"') :].split("</li>")[0]
    assert "ds-tag" not in item and "· Helse Vest" not in item  # grouped by type, on the region's own page
    listing = client.get(service_index.url).content.decode()
    item = listing[listing.index('class="unit-item"') :].split("</li>")[0]
    assert "ds-tag" in item and "· Helse Vest" in item
    filtered = client.get(service_index.url + "?type=behandlingstjeneste&region=helse-vest").content.decode()
    item = filtered[filtered.index('class="unit-item"') :].split("</li>")[0]
    assert "Nasjonal behandlingstjeneste</span>" not in item and "· Helse Vest" not in item
