"""An editorial site: the tree from tests/conftest.py, common sections, services, roles and users."""

from types import SimpleNamespace

import pytest
from django.core import mail

from editorial.roles import NATIONAL_GROUP_NAME, editor_group_name, moderator_group_name, setup_editorial_roles
from servicepages.models import UnitKind
from tests import factories

from .factories import UserFactory


@pytest.fixture
def common_sections(home_page):
    """Two common sections under the home page, the first with a leaf page."""
    about = factories.StandardPageFactory(parent=home_page, title="Om servicemiljøet", slug="om-servicemiljoet")
    framework = factories.StandardPageFactory(
        parent=home_page, title="Rammeverk og retningslinjer", slug="rammeverk-og-retningslinjer"
    )
    return SimpleNamespace(about=about, framework=framework)


@pytest.fixture
def editorial(home_page, region_pages, regions, common_sections):
    """Roles set up, one service per region, and users for every role (two editors and moderators per region)."""
    setup_editorial_roles()
    vest, nord = regions["helse-vest"], regions["helse-nord"]
    site = SimpleNamespace(
        home=home_page,
        regions=regions,
        region_pages=region_pages,
        sections=common_sections,
        vest_trust=vest.health_trusts.get(),
        nord_trust=nord.health_trusts.get(),
    )
    site.vest_service = factories.ServicePageFactory(
        parent=region_pages["helse-vest"], title="Vest-tjenesten", host_trusts=[site.vest_trust]
    )
    site.nord_service = factories.ServicePageFactory(
        parent=region_pages["helse-nord"], title="Nord-tjenesten", host_trusts=[site.nord_trust]
    )
    site.common_page = factories.StandardPageFactory(parent=common_sections.about, title="Kontakt oss")
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
    mail.outbox.clear()
    return site


@pytest.fixture
def multiregional(editorial):
    """A multiregional treatment service hosted in Helse Vest and Helse Nord, placed under Helse Vest."""
    return factories.ServicePageFactory(
        parent=editorial.region_pages["helse-vest"],
        title="Flerregional tjeneste",
        kind=UnitKind.MULTIREGIONAL,
        host_trusts=[editorial.vest_trust, editorial.nord_trust],
    )
