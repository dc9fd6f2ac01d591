"""The demo loader and the CSV import of services."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Revision

from organisations.models import HealthTrust, Region
from servicepages.models import NationalUnitPage, NetworkPage, RegionPage, UnitKind
from tests.lifecycle.demo_checks import check_demo_units_for_clinicians_and_lifecycle

pytestmark = pytest.mark.django_db

HEADER = "name,type,host_trusts,regions,established,status,predecessor,source_url,confidence\n"


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "units": NationalUnitPage.objects.live().count(),
        "trusts": HealthTrust.objects.count(),
        "regions": Region.objects.count(),
    }


def test_demo_loader_builds_the_portal_and_is_idempotent(db, client):
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    assert "30" in output.getvalue()
    assert NationalUnitPage.objects.live().count() == 30
    assert RegionPage.objects.count() == 4
    by_region = {page.region.slug: page.get_units().count() for page in RegionPage.objects.all()}
    assert by_region == {"helse-sor-ost": 17, "helse-vest": 9, "helse-midt-norge": 3, "helse-nord": 2}
    network = NetworkPage.objects.get(title="Nasjonalt kvalitets- og kompetansenettverk for leddproteser og hoftebrudd")
    assert network.predecessor.title == "Nasjonal kompetansetjeneste for leddproteser og hoftebrudd"
    renamed = NationalUnitPage.objects.get(title="Nasjonal behandlingstjeneste for kjønnsinkongruens")
    assert "transseksualisme" in renamed.former_names
    burns = NationalUnitPage.objects.get(title__contains="brannskadebehandling")
    assert burns.language == "nn"
    check_demo_units_for_clinicians_and_lifecycle(client)
    # Every page of the demo is reachable and renders.
    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    before = counts()
    call_command("load_demo_content", stdout=io.StringIO())
    assert counts() == before


def write_csv(tmp_path, body):
    path = tmp_path / "services.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return str(path)


@pytest.fixture
def tree(region_pages):
    """Regions with region pages and the hospital trusts the CSVs below use."""
    HealthTrust.objects.create(name="Nordlandssykehuset HF", region=Region.objects.get(slug="helse-nord"))
    return region_pages


def test_import_with_bad_rows_changes_nothing_and_names_the_rows(tree, tmp_path):
    before = counts()
    path = write_csv(
        tmp_path,
        "Ny nasjonal tjeneste for testing,behandlingstjeneste,Helse Bergen HF,Helse Vest,2025-01-01,active,,,\n"
        "Feil type,sykehus,Helse Bergen HF,Helse Vest,,active,,,\n"
        "Feil region,behandlingstjeneste,Helse Bergen HF,Helse Atlantis,,active,,,\n"
        "Feil dato,kompetansetjeneste,Helse Bergen HF,Helse Vest,31.12.2020,active,,,\n"
        "Ensom flerregional,flerregional behandlingstjeneste,Helse Bergen HF,Helse Vest,,active,,,\n"
        ",behandlingstjeneste,Helse Bergen HF,Helse Vest,,active,,,\n",
    )
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="Fant 5 feil. Ingenting ble importert"):
        call_command("import_services", path, stdout=io.StringIO(), stderr=stderr)
    errors = stderr.getvalue()
    for line in (3, 4, 5, 6, 7):
        assert f"Linje {line}:" in errors
    assert "Linje 2:" not in errors
    assert "ukjent type «sykehus»" in errors
    assert "ukjent region «Helse Atlantis»" in errors
    assert counts() == before


def test_import_creates_and_updates(tree, tmp_path):
    path = write_csv(
        tmp_path,
        "Nasjonal behandlingstjeneste for testing,behandlingstjeneste,Nordlandssykehuset HF,Helse Nord,2025,active,,,\n"
        "Nasjonal kompetansetjeneste for traumatologi,kompetansetjeneste,Oslo universitetssykehus HF,Helse Sør-Øst,"
        "2013-05-01,discontinuing,,,\n",  # its term ended in 2023: "active" is refused (tests/lifecycle)
    )
    call_command("import_services", path, stdout=io.StringIO())
    path = write_csv(
        tmp_path,
        "Nasjonal behandlingstjeneste for testing,behandlingstjeneste,Nordlandssykehuset HF,Helse Nord,2025,active,,,\n"
        "Nasjonal kompetansetjeneste for traumatologi,kompetansetjeneste,Oslo universitetssykehus HF,Helse Sør-Øst,"
        "2013-05-01,continued,,,\n"
        "Nasjonalt senter for traumatologi,nasjonalt senter,Oslo universitetssykehus HF,Helse Sør-Øst,2024-01-01,"
        "active,Nasjonal kompetansetjeneste for traumatologi,,\n",
    )
    out = io.StringIO()
    call_command("import_services", path, stdout=out)
    assert "Importerte 1 nye og oppdaterte 1 eksisterende" in out.getvalue()
    centre = NationalUnitPage.objects.get(title="Nasjonalt senter for traumatologi")
    assert centre.kind == UnitKind.CENTRE
    assert centre.predecessor.title == "Nasjonal kompetansetjeneste for traumatologi"
    new = NationalUnitPage.objects.get(title="Nasjonal behandlingstjeneste for testing")
    assert new.live and new.kind == UnitKind.TREATMENT
    assert new.get_parent().specific.region.slug == "helse-nord"
    assert NationalUnitPage.objects.get(title="Nasjonal kompetansetjeneste for traumatologi").status == "continued"


def test_import_of_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Kan ikke lese"):
        call_command("import_services", str(tmp_path / "nope.csv"))


def test_import_without_required_columns(tmp_path, db):
    path = tmp_path / "bad.csv"
    path.write_text("title,kind\nA,B\n", encoding="utf-8")
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_services", str(path), stderr=stderr)
    assert "Filen mangler kolonnene" in stderr.getvalue()
