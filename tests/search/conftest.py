"""Fixtures for the search tests: the 30 national units of the demo data file, built with factories,
plus the other kinds of pages, an unpublished page and a private page."""

import csv
import datetime
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Page, PageViewRestriction, Site

from search import popular
from search.engines import available_engines, get_engine
from search.index import rebuild_vocabulary
from tests import factories

DATA = Path(__file__).parent / "data" / "national_services.csv"
QUERIES = Path(__file__).parent / "relevance_queries.csv"

EXTRA_TRUSTS = {"Sykehuset i Vestfold HF": "Helse Sør-Øst", "Finnmarkssykehuset HF": "Helse Nord"}
MEDICAL_FIELDS = {
    "brannskade": ["Plastikkirurgi"],
    "replantasjon": ["Plastikkirurgi", "Ortopedi"],
    "epilepsi": ["Nevrologi"],
    "multippel sklerose": ["Nevrologi"],
    "søvn": ["Nevrologi"],
    "leddproteser": ["Ortopedi"],
    "inkontinens": ["Urologi"],
    "samisk": ["Psykisk helsevern"],
    "kjønnsinkongruens": ["Psykisk helsevern", "Endokrinologi"],
}
KIND_FACTORIES = {
    "behandlingstjeneste": ("ServicePageFactory", "behandlingstjeneste"),
    "flerregional behandlingstjeneste": ("ServicePageFactory", "flerregional"),
    "kompetansetjeneste": ("ServicePageFactory", "kompetansetjeneste"),
    "kvalitets- og kompetansenettverk": ("NetworkPageFactory", "nettverk"),
    "nasjonalt senter": ("CentrePageFactory", "senter"),
}
NYNORSK_INTRO = (
    "Brannskadeavdelinga ved Haukeland universitetssjukehus har landsdekkande funksjon for behandling av "
    "pasientar i alle aldersgrupper med store brannskadar."
)


def read_units():
    with DATA.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_queries():
    with QUERIES.open(encoding="utf-8") as handle:
        return [(row["query"], row["expected_title"]) for row in csv.DictReader(handle)]


def _introduction(row):
    if "teneste" in row["name"]:
        return NYNORSK_INTRO
    kind = row["type"]
    return f"{row['name']} er en {kind} i spesialisthelsetjenesten, lagt til {row['host_trusts'].replace(';', ' og ')}."


def build_base_site():
    """What tests/conftest.py's home_page, regions and region_pages fixtures build, for a wider scope."""
    root = Page.get_first_root_node()
    home_page = factories.HomePageFactory(parent=root)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home_page
    site.save()
    Page.objects.filter(depth=2).exclude(pk=home_page.pk).delete()
    service_index = factories.ServiceIndexPageFactory(parent=home_page)
    names = [
        ("Helse Sør-Øst", "Oslo universitetssykehus HF", "helse-sor-ost"),
        ("Helse Vest", "Helse Bergen HF", "helse-vest"),
        ("Helse Midt-Norge", "St. Olavs hospital HF", "helse-midt-norge"),
        ("Helse Nord", "Universitetssykehuset Nord-Norge HF", "helse-nord"),
    ]
    regions, region_pages = {}, {}
    for order, (region_name, trust_name, slug) in enumerate(names):
        region = factories.RegionFactory(name=region_name, slug=slug, sort_order=order)
        factories.HealthTrustFactory(name=trust_name, region=region)
        regions[slug] = region
        region_pages[slug] = factories.RegionPageFactory(parent=service_index, region=region)
    return home_page, regions, region_pages


@pytest.fixture(scope="module")
def demo_site_data(django_db_setup, django_db_blocker):
    """Built once per test module inside a transaction that is rolled back at the end of the module;
    each test runs in its own savepoint inside it (pytest-django's ``db``), so changes never leak."""
    with django_db_blocker.unblock(), transaction.atomic():
        home_page, regions, region_pages = build_base_site()
        pages = build_demo_site(home_page, regions, region_pages)
        rebuild_vocabulary()
        yield {title: page.pk for title, page in pages.items()}
        transaction.set_rollback(True)


@pytest.fixture
def demo_site(db, demo_site_data):
    """{title: page} of the demo site, fresh from the database for this test."""
    cache.clear()
    return {title: Page.objects.get(pk=pk).specific for title, pk in demo_site_data.items()}


def build_demo_site(home_page, regions, region_pages):
    """The demo content's 30 units and one page of each other kind. Returns {title: page}."""
    trusts = {t.name: t for t in factories.HealthTrustFactory._meta.model.objects.all()}
    by_name = {region.name: region for region in regions.values()}
    for name, region_name in EXTRA_TRUSTS.items():
        trusts[name] = factories.HealthTrustFactory(name=name, region=by_name[region_name])
    fields = {}
    pages = {}
    titles = {row["name"] for row in read_units()}
    for row in read_units():
        factory_name, kind = KIND_FACTORIES[row["type"]]
        host_trusts = [trusts[name.strip()] for name in row["host_trusts"].split(";")]
        region_slug = host_trusts[0].region.slug
        if region_slug not in region_pages:
            raise AssertionError(f"no region page for {region_slug}")
        medical = []
        for key, names in MEDICAL_FIELDS.items():
            if key in row["name"].lower():
                for name in names:
                    if name not in fields:
                        fields[name] = factories.MedicalFieldFactory(name=name)
                    medical.append(fields[name])
        predecessor = row["predecessor"]
        page = getattr(factories, factory_name)(
            parent=region_pages[region_slug],
            title=row["name"],
            kind=kind,
            status=row["status"],
            introduction=_introduction(row),
            language="nn" if "teneste" in row["name"] else "nb",
            former_names=predecessor if predecessor and predecessor not in titles else "",
            host_trusts=host_trusts,
            medical_fields=medical,
        )
        if predecessor in pages:
            page.predecessor = pages[predecessor]
            page.save()
        pages[row["name"]] = page
    group_index = factories.ReferenceGroupIndexPageFactory(parent=home_page)
    pages["Referansegruppe for kjønnsinkongruens"] = factories.ReferenceGroupPageFactory(
        parent=group_index,
        title="Referansegruppe for Nasjonal behandlingstjeneste for kjønnsinkongruens",
        introduction="Referansegruppen følger tjenesten og godkjenner årsrapporten.",
        unit=pages["Nasjonal behandlingstjeneste for kjønnsinkongruens"],
    )
    events = factories.EventIndexPageFactory(parent=home_page)
    pages["Dialogarena"] = factories.EventPageFactory(
        parent=events,
        title="Nasjonal dialogarena for nasjonale tjenester",
        introduction="Dialogarena for tjenestene, RHF-ene og brukerne.",
        start=datetime.datetime(2023, 9, 15, 9, tzinfo=datetime.UTC),
        end=datetime.datetime(2023, 9, 15, 15, tzinfo=datetime.UTC),
    )
    pages["Rapportering"] = factories.ReportingPageFactory(
        parent=home_page,
        introduction="Alle nasjonale tjenester, nettverk og sentre rapporterer årlig i eRapport. "
        "Fristen for årsrapporten er 10. februar.",
    )
    # never in any result: a draft and a private page, each with a word no other page has
    draft = factories.ServicePageFactory(
        parent=region_pages["helse-nord"],
        title="Nasjonal behandlingstjeneste for hemmeligutkast",
        host_trusts=[trusts["Universitetssykehuset Nord-Norge HF"]],
    )
    draft.unpublish()
    private = factories.StandardPageFactory(parent=home_page, title="Intern side om hemmeligprivat")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return pages


def engine_params():
    """Every engine the suite runs against; Elasticsearch is skipped with the reason when not configured."""
    params = [pytest.param("database", id="database")]
    if "elasticsearch" in available_engines():
        params.append(pytest.param("elasticsearch", id="elasticsearch"))
    else:
        params.append(
            pytest.param(
                "elasticsearch",
                id="elasticsearch",
                marks=pytest.mark.skip(reason="ELASTICSEARCH_URL is not set: no Elasticsearch to test against"),
            )
        )
    return params


@pytest.fixture(params=engine_params())
def engine(request, demo_site, settings):
    """The engine under test, with its index holding the demo site."""
    if request.param == "elasticsearch":
        from search.index import rebuild_elasticsearch as rebuild

        settings.PORTAL_SEARCH_INDEX = "servicemiljo-pages-test"
        rebuild(refresh=True)
    return get_engine(request.param)


@pytest.fixture(autouse=True)
def _no_waiting_query_counts():
    """Counts of the popular search terms waiting in this process belong to the test that made them."""
    popular._pending.clear()
    yield
    popular._pending.clear()
