"""Fixtures for the register tests: a service per region, and users in the editorial groups."""

import pytest

from registers.access import NATIONAL_GROUP
from tests.factories import ServicePageFactory

from .factories import UserFactory


@pytest.fixture
def units(region_pages, regions):
    """One live national service hosted in each region, keyed by region slug."""
    result = {}
    for slug, page in region_pages.items():
        trust = regions[slug].health_trusts.first()
        result[slug] = ServicePageFactory(
            parent=page, title=f"Nasjonal tjeneste i {regions[slug].name}", host_trusts=[trust]
        )
    return result


@pytest.fixture
def vest_moderator(regions):
    return UserFactory(username="vest", first_name="Vera", last_name="Vestmo", groups=["Helse Vest moderator"])


@pytest.fixture
def nord_moderator(regions):
    return UserFactory(username="nord", first_name="Nils", last_name="Nordheim", groups=["Helse Nord moderator"])


@pytest.fixture
def national_user(regions):
    return UserFactory(username="nasjonal", first_name="Nina", last_name="Nasjonal", groups=[NATIONAL_GROUP])


@pytest.fixture
def editor(regions):
    return UserFactory(username="redaktor", groups=["Helse Vest redaktør"])
