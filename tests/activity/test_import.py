"""Importing activity figures from CSV: every bad row with its line number, and nothing changed on error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from registers.access import get_scope
from registers.activity_import import import_figures
from registers.models import ActivityFigures
from tests.factories import UserFactory

HEADER = "enhet;år;sted;mål;helse_sor_ost;helse_vest;helse_midt_norge;helse_nord;ukjent_utland"


def csv_text(*rows):
    return "\n".join([HEADER, *rows]) + "\n"


@pytest.mark.django_db
def test_a_valid_file_creates_and_then_replaces_figures(units):
    vest = units["helse-vest"]
    result = import_figures(
        csv_text(f"{vest.slug};2024;;;10;20;3;4;1", f"{vest.title};2023;;pasienter behandlet;1;2;3;4;0")
    )
    assert result.ok and (result.created, result.updated) == (2, 0), result.errors
    figures = ActivityFigures.objects.get(unit=vest, year=2024)
    assert (figures.south_east, figures.west, figures.central, figures.north, figures.unknown) == (10, 20, 3, 4, 1)
    assert figures.reporting_region.slug == "helse-vest"

    result = import_figures(csv_text(f"{vest.slug};2024;;konsultasjoner;11;20;3;4;1"))
    assert result.ok and (result.created, result.updated) == (0, 1)
    figures.refresh_from_db()
    assert figures.south_east == 11 and figures.measure == "consultations"
    assert figures.history.count() == 2


@pytest.mark.django_db
def test_each_bad_row_is_reported_with_its_line_number_and_nothing_changes(units):
    vest, nord = units["helse-vest"], units["helse-nord"]
    text = csv_text(
        f"{vest.slug};2024;;;10;20;3;4;1",  # line 2: fine
        "Ingen slik tjeneste;2024;;;1;1;1;1;1",  # line 3
        f"{nord.slug};24;;;1;1;1;1;1",  # line 4
        f"{nord.slug};2024;;;1;-1;x;1;1",  # line 5
        f"{nord.slug};2024;;turer;1;1;1;1;1",  # line 6
        f"{vest.slug};2024;;;1;1;1;1;1",  # line 7: the same as line 2
        f"{nord.slug};2024;Helse Bergen HF;;1;1;1;1;1",  # line 8: not a host of this unit
        f"{nord.slug};2099;;;1;1;1;1;1",  # line 9: a year that has not started
    )
    result = import_figures(text)
    assert not result.ok
    lines = [error.split(":")[0] for error in result.errors]
    assert lines == [f"Linje {n}" for n in (3, 4, 5, 6, 7, 8, 9)]
    assert "Ingen slik tjeneste" in result.errors[0]
    assert "helse_vest" in result.errors[2] and "helse_midt_norge" in result.errors[2]
    assert "linje 2" in result.errors[4]
    assert not ActivityFigures.objects.exists()  # line 2 was valid, but the file had errors


@pytest.mark.django_db
def test_a_missing_column_or_a_file_that_is_not_utf8_is_refused(units):
    result = import_figures("enhet;år;helse_vest\nx;2024;1\n")
    assert not result.ok and result.errors[0].startswith("Linje 1:")
    assert "helse_sor_ost" in result.errors[0]
    result = import_figures("enhet;år\nBodø;2024\n".encode("latin-1").replace(b"\xf8", b"\xf8\xff"))
    assert not result.ok and "UTF-8" in result.errors[0]


@pytest.mark.django_db
def test_a_moderator_imports_for_their_own_region_only(units, vest_moderator):
    vest, nord = units["helse-vest"], units["helse-nord"]
    scope = get_scope(vest_moderator)
    result = import_figures(csv_text(f"{nord.slug};2024;;;1;1;1;1;1"), scope=scope, user=vest_moderator)
    assert not result.ok and "egen region" in result.errors[0]
    result = import_figures(csv_text(f"{vest.slug};2024;;;1;1;1;1;1"), scope=scope, user=vest_moderator)
    assert result.ok
    assert ActivityFigures.objects.get().history.first().history_user == vest_moderator


@pytest.mark.django_db
def test_the_command_reports_errors_and_exits_with_an_error(units, tmp_path, capsys):
    path = tmp_path / "tall.csv"
    path.write_text(csv_text(f"{units['helse-vest'].slug};2024;;;1;1;1;1;1", "nei;2024;;;1;1;1;1;1"), encoding="utf-8")
    with pytest.raises(CommandError, match="ingenting er endret"):
        call_command("import_activity_figures", str(path))
    assert "Linje 3" in capsys.readouterr().err
    assert not ActivityFigures.objects.exists()
    path.write_text(csv_text(f"{units['helse-vest'].slug};2024;;;1;1;1;1;1"), encoding="utf-8")
    call_command("import_activity_figures", str(path))
    assert ActivityFigures.objects.count() == 1


@pytest.mark.django_db
def test_admin_upload_lists_errors_with_status_400(client, units, vest_moderator):
    client.force_login(vest_moderator)
    url = reverse("registers_import_activity")
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("tall.csv", csv_text(f"{units['helse-nord'].slug};2024;;;1;1;1;1;1").encode())
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert "Linje 2" in response.content.decode()
    upload = SimpleUploadedFile("tall.csv", csv_text(f"{units['helse-vest'].slug};2024;;;1;1;1;1;1").encode())
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    assert ActivityFigures.objects.count() == 1


@pytest.mark.django_db
def test_people_without_register_access_cannot_upload(client, units):
    client.force_login(UserFactory(username="redaktor", groups=["Helse Vest redaktør"]))
    assert client.get(reverse("registers_import_activity")).status_code in (302, 403)
