"""Activity figures and population in the admin: region scoping, the national group keeps the population."""

import pytest

from registers.factories import ActivityFiguresFactory, RegionPopulationFactory
from registers.models import ActivityFigures

pytestmark = pytest.mark.django_db

LIST = "/admin/registers/activityfigures/"


def test_a_moderator_sees_and_enters_figures_for_their_own_region_only(client, units, vest_moderator, regions):
    ActivityFiguresFactory(unit=units["helse-vest"], year=2024, west=11)
    nord = ActivityFiguresFactory(unit=units["helse-nord"], year=2024, north=22)
    client.force_login(vest_moderator)
    html = client.get(LIST).content.decode()
    assert units["helse-vest"].title in html and units["helse-nord"].title not in html
    assert "Hva som telles" in html  # the column headings are the translated ones
    assert client.get(f"{LIST}edit/{nord.pk}/").status_code in (302, 403)

    data = {
        "unit": units["helse-nord"].pk,
        "year": 2023,
        "measure": "patients",
        "reporting_region": regions["helse-nord"].pk,
    }
    data.update(dict.fromkeys(("south_east", "west", "central", "north", "unknown"), 1))
    response = client.post(f"{LIST}create/", data)
    assert response.status_code == 200  # the form again, with the error
    assert not ActivityFigures.objects.filter(year=2023).exists()

    data.update({"unit": units["helse-vest"].pk, "reporting_region": regions["helse-vest"].pk})
    assert client.post(f"{LIST}create/", data).status_code == 302
    saved = ActivityFigures.objects.get(year=2023)
    assert saved.history.get().history_user == vest_moderator


def test_only_the_national_group_changes_the_population(client, regions, vest_moderator, national_user):
    population = RegionPopulationFactory(region=regions["helse-vest"], year=2024)
    client.force_login(vest_moderator)
    assert client.get("/admin/registers/regionpopulation/").status_code == 200
    assert client.get("/admin/registers/regionpopulation/create/").status_code == 302
    assert client.get(f"/admin/registers/regionpopulation/edit/{population.pk}/").status_code == 302
    client.force_login(national_user)
    assert client.get("/admin/registers/regionpopulation/create/").status_code == 200
    assert client.get(f"/admin/registers/regionpopulation/edit/{population.pk}/").status_code == 200
