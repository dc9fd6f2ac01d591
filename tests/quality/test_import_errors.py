"""import_services answers every bad file with line-numbered errors, never a traceback, and changes nothing
(issue 18, finding 9). Lengths are checked by the importer itself: SQLite would store an over-long name."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from organisations.models import HealthTrust, MedicalField

HEADER = "name,type,host_trusts,regions,established,status,predecessor,source_url,medical_fields\n"
GOOD = "Nasjonal tjeneste for gode rader,behandlingstjeneste,Helse Bergen HF,Helse Vest,2020,active,,,\n"


def bad_row(**cells):
    row = {
        "name": "Nasjonal tjeneste for testing",
        "type": "behandlingstjeneste",
        "host_trusts": "Helse Bergen HF",
        "regions": "Helse Vest",
        "established": "2020",
        "status": "active",
        "predecessor": "",
        "source_url": "",
        "medical_fields": "",
    }
    row.update(cells)
    return ",".join(f'"{value}"' for value in row.values()) + "\n"


CASES = {
    "title over 255": (HEADER + GOOD + bad_row(name="N" * 256), 3, "256 tegn"),
    "cell over 131,072": (HEADER + GOOD + bad_row(predecessor="x" * 131_073), 3, "CSV"),
    "NUL": (HEADER + GOOD + bad_row(name="Nasjonal\x00tjeneste"), 3, "NUL"),
    "trust name over 150": (HEADER + GOOD + bad_row(host_trusts="T" * 151), 3, "151 tegn"),
    "medical field over 100": (HEADER + GOOD + bad_row(medical_fields="F" * 101), 3, "101 tegn"),
    "duplicate header": (HEADER.replace("source_url", "name") + GOOD, 1, "mer enn én gang"),
    "own predecessor": (
        HEADER + GOOD + bad_row(name="Nasjonal tjeneste X", predecessor="Nasjonal tjeneste X"),
        3,
        "sin egen forgjenger",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_file_gives_line_numbered_errors_and_changes_nothing(region_pages, tmp_path, case):
    text, line, message = CASES[case]
    path = tmp_path / "services.csv"
    path.write_text(text, encoding="utf-8")
    before = (Page.objects.count(), HealthTrust.objects.count(), MedicalField.objects.count())
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="Ingenting ble importert"):
        call_command("import_services", str(path), stderr=stderr, stdout=io.StringIO())
    errors = stderr.getvalue()
    assert f"Linje {line}:" in errors, errors[:500]
    assert message in errors, errors[:500]
    assert "Traceback" not in errors
    assert (Page.objects.count(), HealthTrust.objects.count(), MedicalField.objects.count()) == before


def test_a_good_file_still_imports(region_pages, tmp_path):
    path = tmp_path / "services.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    call_command("import_services", str(path), stdout=io.StringIO())
    assert Page.objects.filter(title="Nasjonal tjeneste for gode rader").exists()
