"""Public pages of the portal: every page type renders, filters never fail, structure rules hold."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from servicepages.models import (
    CentrePage,
    NetworkPage,
    ReferenceGroupPage,
    RegionPage,
    ServiceIndexPage,
    ServicePage,
    UnitKind,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def trusts(regions):
    return {slug: region.health_trusts.get() for slug, region in regions.items()}


@pytest.fixture
def burns_service(region_pages, trusts):
    return factories.ServicePageFactory(
        parent=region_pages["helse-vest"],
        title="Nasjonal behandlingsteneste for avansert brannskadebehandling",
        language="nn",
        referral_criteria="<p>Brannskadar over 10 %.</p>",
        host_trusts=[trusts["helse-vest"]],
    )


@pytest.fixture
def stem_cell_service(region_pages, trusts):
    return factories.ServicePageFactory(
        parent=region_pages["helse-sor-ost"],
        title="Flerregional behandlingstjeneste for allogen stamcelletransplantasjon",
        kind=UnitKind.MULTIREGIONAL,
        host_trusts=[trusts["helse-sor-ost"], trusts["helse-vest"]],
    )


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response.content.decode()


def test_every_page_type_renders(client, home_page, service_index, region_pages, trusts, burns_service):
    network = factories.NetworkPageFactory(parent=region_pages["helse-vest"], host_trusts=[trusts["helse-vest"]])
    centre = factories.CentrePageFactory(parent=region_pages["helse-nord"], host_trusts=[trusts["helse-nord"]])
    group_index = factories.ReferenceGroupIndexPageFactory(parent=home_page)
    group = factories.ReferenceGroupPageFactory(parent=group_index, unit=burns_service)
    events = factories.EventIndexPageFactory(parent=home_page)
    event = factories.EventPageFactory(parent=events)
    pages = [
        home_page,
        service_index,
        region_pages["helse-vest"],
        burns_service,
        network,
        centre,
        group_index,
        group,
        factories.ReportingPageFactory(parent=home_page),
        factories.ApplicationPageFactory(parent=home_page),
        events,
        event,
        factories.StandardPageFactory(parent=home_page, title="Om servicemiljøet"),
    ]
    for page in pages:
        html = get_ok(client, page.url)
        assert f'<h1 class="ds-heading" data-size="xl">{page.title}</h1>' in html
        assert 'href="#main-content"' in html  # skip link
    # The service page shows its structured facts up front, and links its reference group.
    html = get_ok(client, burns_service.url)
    assert html.index("Helse Bergen HF") < html.index("Godkjent beskrivelse")
    assert group.title in html


def test_page_language_sets_lang_attribute(client, burns_service, home_page):
    assert '<html lang="nn"' in get_ok(client, burns_service.url)
    assert '<html lang="nb"' in get_ok(client, home_page.url)


def test_public_text_is_norwegian(client, home_page):
    html = get_ok(client, home_page.url)
    assert "Hopp til hovedinnhold" in html
    assert "Skip to main content" not in html


def test_multiregional_service_is_listed_under_both_regions(client, region_pages, stem_cell_service):
    assert stem_cell_service.title in get_ok(client, region_pages["helse-sor-ost"].url)
    assert stem_cell_service.title in get_ok(client, region_pages["helse-vest"].url)
    assert stem_cell_service.title not in get_ok(client, region_pages["helse-nord"].url)


def test_service_index_filters_by_kind_region_status_and_field(
    client, service_index, region_pages, trusts, burns_service, stem_cell_service
):
    field = factories.MedicalFieldFactory(name="Plastikkirurgi", slug="plastikkirurgi")
    burns_service.medical_fields.add(field)
    burns_service.save_revision().publish()
    url = service_index.url
    html = get_ok(client, url + "?region=helse-sor-ost")
    assert stem_cell_service.title in html and burns_service.title not in html
    html = get_ok(client, url + "?type=flerregional")
    assert stem_cell_service.title in html and burns_service.title not in html
    html = get_ok(client, url + "?field=plastikkirurgi")
    assert burns_service.title in html and stem_cell_service.title not in html
    html = get_ok(client, url + "?status=discontinued")
    assert "Ingen tjenester passer" in html


@pytest.mark.parametrize(
    "query",
    [
        "?type=bogus",
        "?region=atlantis",
        "?field=" + "x" * 3000,
        "?page=abc",
        "?page=999999",
        "?page=-1",
        "?q=%27%22%3C%3E%5C",
        "?type[]=a&region=helse-vest&region=helse-nord",
    ],
)
def test_service_index_bad_filter_values_never_fail(client, service_index, burns_service, query):
    response = client.get(service_index.url + query)
    assert response.status_code == 200
    assert burns_service.title.encode() in response.content or b"Ingen tjenester" in response.content


def test_a_nul_byte_is_refused_with_the_400_page(client, service_index, burns_service):
    # No view sees NUL: cms.core.http.UnreadableInputMiddleware answers first (PostgreSQL cannot store it).
    response = client.get(service_index.url + "?status=%00")
    assert response.status_code == 400
    assert "Ugyldig forespørsel" in response.content.decode()


def test_bad_filter_values_are_reported(client, service_index, burns_service):
    html = get_ok(client, service_index.url + "?type=bogus")
    assert "Noen filterverdier ble ikke gjenkjent" in html


def test_service_index_paginates(client, service_index, region_pages, trusts):
    for n in range(25):
        factories.ServicePageFactory(
            parent=region_pages["helse-nord"], title=f"Tjeneste {n:02d}", host_trusts=[trusts["helse-nord"]]
        )
    first = get_ok(client, service_index.url)
    second = get_ok(client, service_index.url + "?page=2")
    assert "Tjeneste 00" in first and "Tjeneste 24" not in first
    assert "Tjeneste 24" in second
    assert "25 tjenester, nettverk og sentre" in first


def test_services_per_region_table_is_computed_from_content(
    client, home_page, region_pages, burns_service, stem_cell_service
):
    html = get_ok(client, home_page.url)
    table = html[html.index("region-table") : html.index("</table>", html.index("region-table"))]
    vest_row = table[table.index("Helse Vest") :].split("</tr>")[0]
    # Helse Vest: the burns service (treatment) and the multiregional service (counted in both regions).
    # The last column: ended units (discontinued or continued in another form), shown apart and not counted.
    assert [cell.split(">")[-1] for cell in vest_row.split("</td>")[:-1]] == ["1", "1", "0", "0", "0", "2", "0"]


def test_unpublished_services_are_not_listed(client, service_index, burns_service):
    burns_service.unpublish()
    assert burns_service.title not in get_ok(client, service_index.url)
    assert client.get(burns_service.url if burns_service.url else "/tjenester/x/").status_code == 404


def test_successor_and_predecessor_are_linked(client, region_pages, trusts):
    old = factories.ServicePageFactory(
        parent=region_pages["helse-vest"],
        title="Nasjonal kompetansetjeneste for leddproteser og hoftebrudd",
        kind=UnitKind.COMPETENCE,
        status="discontinued",
        host_trusts=[trusts["helse-vest"]],
    )
    new = factories.NetworkPageFactory(
        parent=region_pages["helse-vest"],
        title="Nasjonalt kvalitets- og kompetansenettverk for leddproteser og hoftebrudd",
        predecessor=old,
        host_trusts=[trusts["helse-vest"]],
    )
    assert new.url in get_ok(client, old.url)
    assert old.url in get_ok(client, new.url)


def test_a_unit_page_links_its_live_public_reference_groups_only(client, home_page, burns_service):
    group_index = factories.ReferenceGroupIndexPageFactory(parent=home_page)
    group = factories.ReferenceGroupPageFactory(parent=group_index, unit=burns_service, title="Gruppe for brannskader")
    factories.ReferenceGroupPageFactory(parent=group_index, unit=burns_service, title="Utkast til gruppe", live=False)
    closed = factories.ReferenceGroupPageFactory(parent=group_index, unit=burns_service, title="Lukket gruppe")
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.PASSWORD, password="x3")
    html = get_ok(client, burns_service.url)
    section = html[html.index('id="sec-refgroup"') :]
    assert f'href="{group.url}">Gruppe for brannskader</a>' in section
    assert "Utkast til gruppe" not in html and "Lukket gruppe" not in html


def test_norwegian_404_page(client, home_page):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()


def test_sitemap_and_robots(client, settings, home_page, service_index, burns_service):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert burns_service.url.encode() in sitemap.content
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert b"Disallow: /admin/" in robots.content
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in robots.content.decode()


def test_main_menu_lists_sections(client, home_page, service_index):
    service_index.show_in_menus = True
    service_index.save_revision().publish()
    html = get_ok(client, home_page.url)
    nav = html[html.index('id="main-menu"') : html.index("</nav>", html.index('id="main-menu"'))]
    assert service_index.title in nav


class TestParentChildRules:
    def test_services_only_under_region_pages(self, home_page, service_index, region_pages):
        region = region_pages["helse-vest"]
        for model in (ServicePage, NetworkPage, CentrePage):
            assert model.can_create_at(region)
            assert not model.can_create_at(home_page)
            assert not model.can_create_at(service_index)

    def test_region_pages_only_under_the_service_index(self, home_page, service_index):
        assert RegionPage.can_create_at(service_index)
        assert not RegionPage.can_create_at(home_page)

    def test_single_instance_sections(self, home_page, service_index):
        assert not ServiceIndexPage.can_create_at(home_page)  # max_count = 1

    def test_reference_groups_under_their_index(self, home_page):
        group_index = factories.ReferenceGroupIndexPageFactory(parent=home_page)
        assert ReferenceGroupPage.can_create_at(group_index)
        assert not ReferenceGroupPage.can_create_at(home_page)

    def test_base_unit_page_cannot_be_created(self, region_pages):
        from servicepages.models import NationalUnitPage

        assert not NationalUnitPage.can_create_at(region_pages["helse-vest"])


def test_search_page_answers(client, home_page):
    assert client.get(reverse("search"), {"q": "brannskade"}).status_code == 200
