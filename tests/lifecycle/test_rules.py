"""The lifecycle rules: term and end date from the establishment, and a status that cannot contradict them."""

import datetime

import pytest

from servicepages import lifecycle
from servicepages.choices import TermOutcome, UnitKind, UnitStatus
from servicepages.importer import CSVImportError, ServiceImporter
from tests import factories

TODAY = datetime.date(2026, 12, 1)
HEADER = "name,type,host_trusts,regions,established,status,predecessor,source_url\n"


def test_term_end_follows_from_the_establishment():
    assert lifecycle.term_end(datetime.date(2014, 1, 1), 10) == datetime.date(2024, 1, 1)
    assert lifecycle.term_end(datetime.date(2020, 2, 29), 5) == datetime.date(2025, 2, 28)
    assert lifecycle.term_end(None, 10) is None
    assert lifecycle.evaluation_year(datetime.date(2023, 1, 1)) == 2028


def problems(kind=UnitKind.COMPETENCE, status=UnitStatus.ACTIVE, established=None, term=10, outcome="", **kw):
    return lifecycle.problems(kind, status, established, term, outcome, today=TODAY, **kw)


def test_active_past_the_end_of_the_term_is_refused():
    [message] = problems(established=datetime.date(2014, 1, 1))
    assert "1. januar 2024" in message and "Aktiv" in message
    assert problems(established=datetime.date(2020, 1, 1)) == []  # ends 2030
    assert problems(established=datetime.date(2020, 1, 1), term=5)  # ended 2025
    assert problems(status=UnitStatus.DISCONTINUING, established=datetime.date(2014, 1, 1)) == []
    # A treatment service has no term.
    assert problems(kind=UnitKind.TREATMENT, established=datetime.date(1990, 1, 1), term=None) == []


def test_an_ended_competence_service_records_an_outcome_that_agrees_with_its_status():
    assert problems(status=UnitStatus.DISCONTINUED, established=datetime.date(2002, 1, 1))
    assert problems(status=UnitStatus.CONTINUED, outcome=TermOutcome.OTHER_FORM) == []
    assert problems(status=UnitStatus.DISCONTINUED, outcome=TermOutcome.WOUND_UP) == []
    assert problems(status=UnitStatus.CONTINUED, outcome=TermOutcome.WOUND_UP)
    assert problems(status=UnitStatus.DISCONTINUED, outcome=TermOutcome.OTHER_FORM)
    assert problems(kind=UnitKind.NETWORK, outcome=TermOutcome.OTHER_FORM, term=None)
    ended = datetime.date(2023, 1, 1)
    assert problems(status=UnitStatus.CONTINUED, outcome=TermOutcome.OTHER_FORM, ended_on=ended) == []
    assert problems(ended_on=datetime.date(2023, 1, 1))  # active with an end date


def test_the_five_outcomes_of_the_seed():
    assert [str(label) for _, label in TermOutcome.choices] == [
        "Driftsoppgaver",
        "Innlemmelse i nasjonal behandlingstjeneste",
        "Videre kompetansebygging",
        "Videreføring i annen organisasjonsform",
        "Avvikling",
    ]


@pytest.mark.django_db
def test_the_importer_refuses_active_past_the_term_with_the_line_number(region_pages):
    text = HEADER + (
        "Nasjonal kompetansetjeneste for testing,kompetansetjeneste,Oslo universitetssykehus HF,Helse Sør-Øst,"
        "2020-01-01,active,,\n"
        "Nasjonal kompetansetjeneste for sjeldne ting,kompetansetjeneste,Oslo universitetssykehus HF,Helse Sør-Øst,"
        "2014-01-01,active,,\n"
    )
    with pytest.raises(CSVImportError) as error:
        ServiceImporter(text).run()
    [message] = error.value.errors
    assert message.startswith("Linje 3:") or message.startswith("Line 3:"), message
    assert "1. januar 2024" in message
    from servicepages.models import NationalUnitPage

    assert not NationalUnitPage.objects.exists()  # nothing written
    ServiceImporter(text.replace("2014-01-01,active", "2014-01-01,discontinuing")).run()
    assert NationalUnitPage.objects.count() == 2


@pytest.mark.django_db
def test_the_admin_form_refuses_active_past_the_term(admin_client, region_pages, regions):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    trust = regions["helse-sor-ost"].health_trusts.get()
    data = nested_form_data(
        {
            "title": "Nasjonal kompetansetjeneste for utgått virketid",
            "slug": "utgatt",
            "kind": "kompetansetjeneste",
            "status": "active",
            "established": "2014-01-01",
            "term_years": "10",
            "approved_description": rich_text(""),
            "referral_criteria": rich_text(""),
            "goals": rich_text(""),
            "quality_tools": rich_text(""),
            "quality_tool_items": inline_formset([]),
            "sites": inline_formset([]),
            "body": streamfield([]),
            "language": "nb",
        }
    )
    data["host_trusts"] = [trust.pk]
    url = f"/admin/pages/add/servicepages/servicepage/{region_pages['helse-sor-ost'].pk}/"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "virketiden gikk ut 1. januar 2024" in response.content.decode()
    data["status"] = "discontinuing"
    assert admin_client.post(url, data).status_code == 302


@pytest.mark.django_db
def test_a_stored_contradiction_is_flagged(region_pages, regions):
    unit = factories.ServicePageFactory(
        parent=region_pages["helse-sor-ost"],
        kind=UnitKind.COMPETENCE,
        established=datetime.date(2003, 11, 1),
        term_years=10,
        host_trusts=[regions["helse-sor-ost"].health_trusts.get()],
    )
    assert unit.lifecycle_problems
