"""Snippet history: organisation snippets keep revisions with history and compare in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Revision

from organisations.models import ContactPerson, Region
from tests.factories import ContactPersonFactory, RegionFactory


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.no", "passord-for-test")


def snippet_url(model, action, *args):
    return reverse(f"wagtailsnippets_organisations_{model}:{action}", args=args)


def test_region_edit_creates_revisions_with_history_and_compare(client, admin_user):
    region = RegionFactory(name="Helse Vest", short_name="HV")
    client.force_login(admin_user)
    data = {"name": "Helse Vest", "slug": region.slug, "short_name": "HV", "website": "", "sort_order": 1}
    assert client.post(snippet_url("region", "edit", region.pk), data).status_code == 302
    data["website"] = "https://helse-vest.no/"
    assert client.post(snippet_url("region", "edit", region.pk), data).status_code == 302
    revisions = list(Revision.objects.for_instance(region).order_by("created_at", "pk"))
    assert len(revisions) == 2
    assert all(r.user == admin_user for r in revisions)

    history = client.get(snippet_url("region", "history", region.pk))
    assert history.status_code == 200
    compare = client.get(snippet_url("region", "revisions_compare", region.pk, revisions[0].pk, revisions[1].pk))
    assert compare.status_code == 200
    assert "https://helse-vest.no/" in compare.content.decode()
    region.refresh_from_db()
    assert region.website == "https://helse-vest.no/"


def test_contact_person_draft_is_not_live_until_published(client, admin_user):
    contact = ContactPersonFactory(name="Kari Kontakt", job_title="Rådgiver")
    client.force_login(admin_user)
    data = {
        "name": "Kari Kontakt",
        "job_title": "Seniorrådgiver",
        "email": contact.email,
        "phone": "",
        "region": contact.region_id,
        "health_trust": "",
    }
    assert client.post(snippet_url("contactperson", "edit", contact.pk), data).status_code == 302
    contact.refresh_from_db()
    assert contact.job_title == "Rådgiver"  # the draft is saved as a revision only
    assert contact.has_unpublished_changes
    assert (
        client.post(snippet_url("contactperson", "edit", contact.pk), {**data, "action-publish": "publish"}).status_code
        == 302
    )
    contact.refresh_from_db()
    assert contact.job_title == "Seniorrådgiver" and contact.live
    live, draft = contact.live_revision, contact.revisions.order_by("created_at", "pk").first()
    response = client.get(snippet_url("contactperson", "revisions_compare", contact.pk, draft.pk, live.pk))
    assert response.status_code == 200


def test_deleting_a_snippet_deletes_its_revisions(admin_user):
    region = RegionFactory(name="Helse Testregion")
    region.save_revision(user=admin_user)
    assert Revision.objects.for_instance(region).count() == 1
    region.delete()
    assert not Revision.objects.filter(object_id=str(region.pk), base_content_type__model="region").exists()


def test_factories_create_live_contacts(db):
    assert ContactPersonFactory().live
    assert ContactPerson.objects.count() == 1 and Region.objects.count() == 1
