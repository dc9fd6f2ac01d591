"""A unit per region, populations of round numbers, and users in the editorial groups."""

import pytest

from registers.access import NATIONAL_GROUP
from registers.factories import RegionPopulationFactory
from tests.factories import ServicePageFactory, UserFactory

#: Inhabitants per region (slug) in every year of the tests: rates are easy to check by hand.
POPULATION = {"helse-sor-ost": 3_000_000, "helse-vest": 1_000_000, "helse-midt-norge": 800_000, "helse-nord": 500_000}


@pytest.fixture
def populations(regions):
    for slug, inhabitants in POPULATION.items():
        for year in range(2020, 2026):
            RegionPopulationFactory(region=regions[slug], year=year, population=inhabitants)


@pytest.fixture
def units(region_pages, regions):
    result = {}
    for slug, page in region_pages.items():
        trust = regions[slug].health_trusts.first()
        result[slug] = ServicePageFactory(
            parent=page, title=f"Nasjonal tjeneste i {regions[slug].name}", host_trusts=[trust]
        )
    return result


@pytest.fixture
def vest_moderator(regions):
    return UserFactory(username="vest", groups=["Helse Vest moderator"])


@pytest.fixture
def national_user(regions):
    return UserFactory(username="nasjonal", groups=[NATIONAL_GROUP])
