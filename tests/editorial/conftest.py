"""An editorial site: the tree from tests/conftest.py, common sections, services, roles and users."""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import transaction
from wagtail.models import Page, Site

from editorial.roles import NATIONAL_GROUP_NAME, editor_group_name, moderator_group_name, setup_editorial_roles
from servicepages.models import UnitKind
from tests import factories

from .factories import UserFactory


def build_common_sections(home_page):
    """Two common sections under the home page, the first with a leaf page."""
    about = factories.StandardPageFactory(parent=home_page, title="Om servicemiljøet", slug="om-servicemiljoet")
    framework = factories.StandardPageFactory(
        parent=home_page, title="Rammeverk og retningslinjer", slug="rammeverk-og-retningslinjer"
    )
    return SimpleNamespace(about=about, framework=framework)


def build_editorial_site(home_page, regions, region_pages):
    """Roles set up, one service per region, and users for every role (two editors and moderators per region)."""
    sections = build_common_sections(home_page)
    setup_editorial_roles()
    vest, nord = regions["helse-vest"], regions["helse-nord"]
    site = SimpleNamespace(
        home=home_page,
        regions=regions,
        region_pages=region_pages,
        sections=sections,
        vest_trust=vest.health_trusts.get(),
        nord_trust=nord.health_trusts.get(),
    )
    site.vest_service = factories.ServicePageFactory(
        parent=region_pages["helse-vest"], title="Vest-tjenesten", host_trusts=[site.vest_trust]
    )
    site.nord_service = factories.ServicePageFactory(
        parent=region_pages["helse-nord"], title="Nord-tjenesten", host_trusts=[site.nord_trust]
    )
    site.common_page = factories.StandardPageFactory(parent=sections.about, title="Kontakt oss")
    users = {}
    for slug, prefix in (("helse-vest", "vest"), ("helse-nord", "nord")):
        region = regions[slug]
        for n in (1, 2):
            users[f"{prefix}_editor{n}"] = UserFactory(
                username=f"{prefix}.redaktor{n}", groups=[editor_group_name(region)]
            )
            users[f"{prefix}_moderator{n}"] = UserFactory(
                username=f"{prefix}.moderator{n}", groups=[moderator_group_name(region)]
            )
    users["national1"] = UserFactory(username="nasjonal1", groups=[NATIONAL_GROUP_NAME])
    users["national2"] = UserFactory(username="nasjonal2", groups=[NATIONAL_GROUP_NAME])
    users["admin"] = UserFactory(username="admin", is_superuser=True, is_staff=True)
    site.users = SimpleNamespace(**users)
    return site


@pytest.fixture
def editorial(home_page, region_pages, regions):
    """The editorial site on the shared page tree (tests/conftest.py), for one test."""
    site = build_editorial_site(home_page, regions, region_pages)
    mail.outbox.clear()
    return site


@pytest.fixture(scope="module")
def editorial_module(django_db_setup, django_db_blocker):
    """The same site built once per module inside a transaction that is rolled back at the end.

    Like Django's ``TestCase.setUpTestData``: each test still runs in its own savepoint (the ``db``
    fixture), so what a test changes is undone, and the (slow) tree is built once. The tree is built as
    tests/conftest.py builds it, because function-scoped fixtures cannot feed a module-scoped one.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        root = Page.get_first_root_node()
        home = factories.HomePageFactory(parent=root)
        site = Site.objects.get(is_default_site=True)
        site.root_page = home
        site.save()
        Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
        service_index = factories.ServiceIndexPageFactory(parent=home)
        regions, region_pages = {}, {}
        for order, (region_name, trust_name) in enumerate(
            [("Helse Vest", "Helse Bergen HF"), ("Helse Nord", "Universitetssykehuset Nord-Norge HF")]
        ):
            region = factories.RegionFactory(name=region_name, sort_order=order)
            factories.HealthTrustFactory(name=trust_name, region=region)
            regions[region.slug] = region
            region_pages[region.slug] = factories.RegionPageFactory(parent=service_index, region=region)
        yield build_editorial_site(home, regions, region_pages)
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()  # the cached site root no longer exists


@pytest.fixture
def multiregional(editorial):
    """A multiregional treatment service hosted in Helse Vest and Helse Nord, placed under Helse Vest."""
    return factories.ServicePageFactory(
        parent=editorial.region_pages["helse-vest"],
        title="Flerregional tjeneste",
        kind=UnitKind.MULTIREGIONAL,
        host_trusts=[editorial.vest_trust, editorial.nord_trust],
    )
