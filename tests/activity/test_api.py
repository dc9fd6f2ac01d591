"""The open data API: the public register of live units and their figures; private and unpublished pages
never appear; bad parameters give 400 with a Norwegian message; CSV cells are never formulas."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from registers.factories import ActivityFiguresFactory
from tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(units, region_pages, regions):
    """A unit in a view-restricted section, and a draft unit, each with figures."""
    trust = regions["helse-vest"].health_trusts.first()
    private = ServicePageFactory(parent=region_pages["helse-vest"], title="Hemmelig tjeneste", host_trusts=[trust])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = ServicePageFactory(parent=region_pages["helse-vest"], title="Utkast til tjeneste", host_trusts=[trust])
    draft.unpublish()
    for unit in (private, draft, units["helse-vest"]):
        ActivityFiguresFactory(unit=unit, year=2024, west=10)
    return private, draft


def test_units_lists_every_live_public_unit_and_never_private_or_unpublished(client, units, hidden):
    data = client.get(reverse("opendata:units")).json()
    titles = {row["title"] for row in data["results"]}
    assert titles == {unit.title for unit in units.values()}
    assert data["count"] == 4
    row = next(r for r in data["results"] if r["id"] == units["helse-vest"].pk)
    assert row["regions"] == ["Helse Vest"] and row["host_trusts"][0]["region_slug"] == "helse-vest"
    assert row["url"].endswith(units["helse-vest"].url)
    csv = client.get(reverse("opendata:units_csv")).content.decode()
    assert "Hemmelig" not in csv and "Utkast" not in csv and units["helse-nord"].title in csv


def test_activity_never_shows_figures_of_private_or_unpublished_units(client, units, hidden):
    private, draft = hidden
    data = client.get(reverse("opendata:activity")).json()
    assert [row["unit_id"] for row in data["results"]] == [units["helse-vest"].pk]
    for unit in hidden:
        response = client.get(reverse("opendata:activity"), {"enhet": unit.pk})
        assert response.status_code == 200 and response.json()["count"] == 0
    csv = client.get(reverse("opendata:activity_csv")).content.decode()
    assert "Hemmelig" not in csv and "Utkast" not in csv


def test_a_predecessor_or_successor_that_is_not_public_is_left_out(client, units, hidden):
    private, _draft = hidden
    unit = units["helse-vest"]
    unit.predecessor = private
    unit.save_revision().publish()
    row = next(r for r in client.get(reverse("opendata:units")).json()["results"] if r["id"] == unit.pk)
    assert row["predecessor"] is None


def test_pagination(client, units):
    first = client.get(reverse("opendata:units"), {"per_page": 3}).json()
    second = client.get(reverse("opendata:units"), {"per_page": 3, "page": 2}).json()
    assert (first["count"], first["pages"], len(first["results"]), len(second["results"])) == (4, 2, 3, 1)


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("opendata:units", {"page": "0"}, "Sidetallet"),
        ("opendata:units", {"page": "9"}, "Siste side er 1"),
        ("opendata:units", {"per_page": "1000"}, "Antall per side"),
        ("opendata:units", {"type": "sykehus"}, "ikke et av valgene"),
        ("opendata:units", {"region": "helse-atlantis"}, "regionen"),
        ("opendata:units_csv", {"status": "x"}, "ikke et av valgene"),
        ("opendata:activity", {"year": "20x4"}, "ikke et gyldig år"),
        ("opendata:activity", {"enhet": "abc"}, "enhetsnummer"),
        ("opendata:activity_csv", {"year": "1999"}, "Året må være mellom"),
    ],
)
def test_bad_parameters_give_400_with_a_norwegian_message(client, units, name, params, message):
    response = client.get(reverse(name), params)
    assert response.status_code == 400
    data = response.json()
    assert data["detail"] == "Noen av parameterne er ikke gyldige."
    assert any(message in error for error in data["errors"]), data["errors"]


def test_a_nul_byte_is_refused_before_the_api(client, units):
    """NUL never reaches the API: the unreadable-input middleware answers 400 (cms/core/http.py)."""
    response = client.get(reverse("opendata:units_csv"), {"status": "x\x00"})
    assert response.status_code == 400
    assert "error" in response.json()


def test_csv_neutralises_formula_prefixes(client, units, region_pages, regions):
    trust = regions["helse-vest"].health_trusts.first()
    unit = ServicePageFactory(parent=region_pages["helse-vest"], title="=HYPERLINK(1)", host_trusts=[trust])
    ActivityFiguresFactory(unit=unit, year=2024, west=3)
    for name in ("opendata:units_csv", "opendata:activity_csv"):
        response = client.get(reverse(name))
        assert response["Content-Type"].startswith("text/csv")
        text = response.content.decode()
        assert "'=HYPERLINK(1)" in text and ";=HYPERLINK" not in text


def test_the_unit_csv_has_the_units_figures_with_rates(client, units, populations):
    unit = units["helse-vest"]
    ActivityFiguresFactory(unit=unit, year=2024, south_east=30, west=20, central=8, north=5, unknown=2)
    response = client.get(reverse("opendata:activity_csv"), {"enhet": unit.pk})
    lines = response.content.decode().lstrip("\ufeff").splitlines()
    assert lines[0].startswith("enhet_id;enhet;aar;sted;maal;helse_sor_ost")
    assert lines[1].split(";")[5:11] == ["30", "20", "8", "5", "2", "65"]
    assert lines[1].split(";")[11:15] == ["1,0", "2,0", "1,0", "1,0"]


def test_openapi_describes_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/enheter/", "/api/v1/enheter.csv", "/api/v1/aktivitet/", "/api/v1/aktivitet.csv"} <= set(
        schema["paths"]
    )
    params = {p["name"] for p in schema["paths"]["/api/v1/enheter/"]["get"]["parameters"]}
    assert {"type", "status", "region", "page", "per_page"} <= params


def test_answers_are_kept_by_the_page_cache_until_the_site_changes(client, units, settings):
    settings.PAGECACHE_ENABLED = True
    url = reverse("opendata:units")
    assert client.get(url).json()["count"] == 4
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).json()["count"] == 4
    assert len(queries) == 0
    units["helse-nord"].unpublish()
    assert client.get(url).json()["count"] == 3


def test_unknown_parameters_are_answered_but_not_kept(client, units, settings):
    settings.PAGECACHE_ENABLED = True
    url = reverse("opendata:units")
    client.get(url, {"x": "1"})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"x": "1"}).json()["count"] == 4
    assert len(queries) > 0
