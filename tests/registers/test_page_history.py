"""Page history: revisions can be compared and reverted in the admin, and public pages show "Sist oppdatert"."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.factories import ReportingPageFactory


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.no", "passord-for-test")


@pytest.fixture
def page_with_revisions(home_page, admin_user):
    page = ReportingPageFactory(parent=home_page, title="Rapportering", introduction="Første versjon.")
    first = page.save_revision(user=admin_user)
    first.publish(user=admin_user)
    page.introduction = "Andre versjon med feil."
    second = page.save_revision(user=admin_user)
    second.publish(user=admin_user)
    page.refresh_from_db()
    return page, first, second


def edit_data(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "introduction": page.introduction,
        "deadline_day": page.deadline_day,
        "deadline_month": page.deadline_month,
        "erapport_url": page.erapport_url,
        "body": streamfield([]),
        "language": page.language,
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(changes)
    return nested_form_data(data)


def test_revisions_can_be_compared(client, admin_user, page_with_revisions):
    page, first, second = page_with_revisions
    client.force_login(admin_user)
    url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk])
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<span class="deletion">Første</span><span class="addition">Andre</span> versjon' in content


def test_draft_can_be_compared_with_live(client, admin_user, page_with_revisions):
    page, _first, _second = page_with_revisions
    page.introduction = "Utkast."
    draft = page.save_revision(user=admin_user)
    client.force_login(admin_user)
    response = client.get(reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", draft.pk]))
    assert response.status_code == 200
    assert '<span class="addition">Utkast.</span>' in response.content.decode()


def test_reverting_a_revision_restores_content(client, admin_user, page_with_revisions):
    page, first, _second = page_with_revisions
    client.force_login(admin_user)
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk])
    response = client.get(revert_url)
    assert response.status_code == 200
    assert "Første versjon." in response.content.decode()  # the edit form is filled from the old revision

    old = first.as_object()
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_data(old, revision=first.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.introduction == "Første versjon."
    public = client.get(page.url).content.decode()
    assert "Første versjon." in public and "Andre versjon med feil." not in public
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", user=admin_user).count() >= 3


def test_audit_log_shows_who_did_what(client, admin_user, page_with_revisions):
    page, _first, _second = page_with_revisions
    client.force_login(admin_user)
    response = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert response.status_code == 200
    assert "admin" in response.content.decode()


def test_public_page_shows_last_updated(client, page_with_revisions):
    page, _first, second = page_with_revisions
    response = client.get(page.url)
    content = response.content.decode()
    assert "Sist oppdatert" in content
    # the page shows the date in Norwegian time (UTC and Oslo disagree on the date around midnight)
    assert timezone.localtime(page.last_published_at).date().isoformat() in content
