"""Demo records and the application register's rules."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from registers import demo
from registers.models import AnnualReport, Application, ApplicationKind, ApplicationStage
from tests.factories import HealthTrustFactory

from .factories import ApplicationFactory


def test_demo_load_is_idempotent(home_page, units):
    out = io.StringIO()
    demo.load(home_page, out)
    reports, applications = AnnualReport.objects.count(), Application.objects.count()
    assert reports == 8  # four units, two years
    assert applications == 5
    assert set(AnnualReport.objects.values_list("year", flat=True)) == {2023, 2024}
    demo.load(home_page, out)
    assert (AnnualReport.objects.count(), Application.objects.count()) == (reports, applications)


def test_demo_load_without_units(home_page):
    out = io.StringIO()
    demo.load(home_page, out)
    assert AnnualReport.objects.count() == 0
    assert "no annual reports" in out.getvalue()


def test_multiregional_application_needs_two_trusts_in_two_regions(regions):
    vest, nord = regions["helse-vest"], regions["helse-nord"]
    application = ApplicationFactory.build(
        applying_region=vest, kind=ApplicationKind.MULTIREGIONAL, health_trust=vest.health_trusts.first()
    )
    with pytest.raises(ValidationError) as error:
        application.full_clean()
    assert "second_health_trust" in error.value.message_dict
    application.second_health_trust = HealthTrustFactory(name="Helse Stavanger HF", region=vest)
    with pytest.raises(ValidationError) as error:
        application.full_clean()
    assert "ulike regioner" in error.value.message_dict["second_health_trust"][0]
    application.second_health_trust = nord.health_trusts.first()
    application.full_clean()


def test_ranked_application_needs_rank(regions):
    application = ApplicationFactory.build(
        applying_region=regions["helse-vest"],
        stage=ApplicationStage.RANKED,
        health_trust=regions["helse-vest"].health_trusts.first(),
    )
    with pytest.raises(ValidationError) as error:
        application.full_clean()
    assert "irf_rank" in error.value.message_dict


def test_regional_moderator_sees_all_applications_but_edits_own(client, vest_moderator, regions):
    own = ApplicationFactory(applying_region=regions["helse-vest"], title="Søknad fra Vest")
    other = ApplicationFactory(applying_region=regions["helse-nord"], title="Søknad fra Nord")
    client.force_login(vest_moderator)
    listing = client.get(reverse("registers_application_modeladmin_index")).content.decode()
    assert "Søknad fra Vest" in listing and "Søknad fra Nord" in listing
    assert client.get(reverse("registers_application_modeladmin_inspect", args=[other.pk])).status_code == 200
    assert client.get(reverse("registers_application_modeladmin_edit", args=[own.pk])).status_code == 200
    response = client.get(reverse("registers_application_modeladmin_edit", args=[other.pk]))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_application_create_with_bad_input_shows_norwegian_errors(client, vest_moderator, regions):
    client.force_login(vest_moderator)
    data = {
        "title": "Ny tjeneste",
        "kind": ApplicationKind.TREATMENT,
        "round_year": "tjuetjuefem",
        "applying_region": regions["helse-vest"].pk,
        "stage": ApplicationStage.RECEIVED,
        "received_on": "32.13.2024",
    }
    response = client.post(reverse("registers_application_modeladmin_create"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Skriv inn et heltall" in content or "fire sifre" in content
    assert "gyldig dato" in content
    assert not Application.objects.exists()


def test_application_csv_export(client, national_user, regions):
    ApplicationFactory(applying_region=regions["helse-vest"], title="Søknad A", round_year=2025)
    ApplicationFactory(applying_region=regions["helse-nord"], title="Søknad B", round_year=2024)
    client.force_login(national_user)
    response = client.get(reverse("registers_application_modeladmin_index"), {"round_year": "2025", "export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Søknad A" in content and "Søknad B" not in content
    assert "Helse Bergen HF" in content
