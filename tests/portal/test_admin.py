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
