"""What editors see in the admin: the required-content panel on service pages."""

import pytest
from django.contrib.auth import get_user_model

from servicepages.models import UnitKind
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("redaktor", "r@example.no", "pw")
    client.force_login(user)
    return client


def test_edit_view_lists_missing_required_content(admin_client, region_pages, regions):
    page = factories.ServicePageFactory(
        parent=region_pages["helse-vest"],
        kind=UnitKind.TREATMENT,
        approved_description="<p>Godkjent.</p>",
        goals="",
        host_trusts=[regions["helse-vest"].health_trusts.get()],
    )
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    panel = html[html.index("Denne siden mangler påkrevd innhold") :][:800]
    for label in ("Henvisningskriterier", "Mål", "Kvalitetsverktøy", "Kontakt"):
        assert label in panel
    assert "Godkjent beskrivelse" not in panel


def test_competence_service_does_not_require_referral_criteria(region_pages, regions):
    page = factories.ServicePageFactory(
        parent=region_pages["helse-vest"],
        kind=UnitKind.COMPETENCE,
        quality_tools="<p>Register</p>",
        contact_email="post@example.no",
        host_trusts=[regions["helse-vest"].health_trusts.get()],
    )
    assert page.get_missing_required_content() == []


def test_required_content_is_not_shown_to_the_public(client, region_pages, regions):
    page = factories.ServicePageFactory(
        parent=region_pages["helse-vest"], host_trusts=[regions["helse-vest"].health_trusts.get()]
    )
    assert "påkrevd innhold" not in client.get(page.url).content.decode()


def test_editor_creates_a_service_page_in_the_admin(admin_client, region_pages, regions):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    from servicepages.models import ServicePage

    trust = regions["helse-vest"].health_trusts.get()
    parent = region_pages["helse-vest"]
    data = nested_form_data(
        {
            "title": "Nasjonal behandlingstjeneste for testing i admin",
            "slug": "testing-i-admin",
            "introduction": "Kort ingress.",
            "kind": "behandlingstjeneste",
            "status": "active",
            "established": "2020-01-01",
            "approved_description": rich_text("<p>Beskrivelse</p>"),
            "referral_criteria": rich_text("<p>Kriterier</p>"),
            "goals": rich_text("<p>Mål</p>"),
            "quality_tools": rich_text(""),
            "quality_tool_items": inline_formset([]),
            "sites": inline_formset([]),
            "body": streamfield([]),
            "language": "nb",
            "action-publish": "publish",
        }
    )
    data["host_trusts"] = [trust.pk]
    response = admin_client.post(f"/admin/pages/add/servicepages/servicepage/{parent.pk}/", data)
    if response.status_code != 302:
        form = response.context["form"]
        raise AssertionError(f"form errors: {form.errors.as_data()}")
    page = ServicePage.objects.get(slug="testing-i-admin")
    assert page.live
    assert list(page.host_trusts.all()) == [trust]


def test_admin_refuses_a_network_kind_on_a_service_page(admin_client, region_pages, regions):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    trust = regions["helse-vest"].health_trusts.get()
    data = nested_form_data(
        {
            "title": "Feil type",
            "slug": "feil-type",
            "kind": "nettverk",
            "status": "active",
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
    response = admin_client.post(f"/admin/pages/add/servicepages/servicepage/{region_pages['helse-vest'].pk}/", data)
    assert response.status_code == 200  # the form is shown again with the error
    assert "Denne typen er ikke tillatt for denne siden" in response.content.decode()
