"""Copying or moving a page into another region is refused (cf. Wagtail issue #9270); locking; scheduling."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from . import actions

pytestmark = pytest.mark.django_db


def children_titles(page):
    return sorted(Page.objects.get(pk=page.pk).get_children().values_list("title", flat=True))


@pytest.mark.parametrize("alias", [False, True], ids=["copy", "alias"])
def test_moderator_cannot_copy_own_page_into_another_region(client, editorial, alias):
    nord_page = editorial.region_pages["helse-nord"]
    before = children_titles(nord_page)
    client.force_login(editorial.users.vest_moderator1)
    response = actions.copy(client, editorial.vest_service, nord_page, slug="kopi-i-nord", alias=alias)
    assert response.status_code == 200  # the form is shown again with an error
    assert "new_parent_page" in response.context["form"].errors
    assert children_titles(nord_page) == before
    assert not Page.objects.filter(slug="kopi-i-nord").exists()


def test_moderator_cannot_copy_other_region_page_into_own_region(client, editorial):
    client.force_login(editorial.users.vest_moderator1)
    actions.copy(client, editorial.nord_service, editorial.region_pages["helse-vest"], slug="hentet-fra-nord")
    assert not Page.objects.filter(slug="hentet-fra-nord").exists()


def test_moves_across_regions_are_refused_both_ways(client, editorial):
    client.force_login(editorial.users.vest_moderator1)
    actions.move(client, editorial.vest_service, editorial.region_pages["helse-nord"])
    actions.move(client, editorial.nord_service, editorial.region_pages["helse-vest"])
    assert Page.objects.get(pk=editorial.vest_service.pk).get_parent().pk == editorial.region_pages["helse-vest"].pk
    assert Page.objects.get(pk=editorial.nord_service.pk).get_parent().pk == editorial.region_pages["helse-nord"].pk
    # The move chooser offers no destination in another region either.
    response = client.get(f"/admin/pages/{editorial.vest_service.pk}/move/")
    assert response.status_code == 200


def test_administrator_can_move_across_regions(client, editorial):
    """The refusal above is about rights, not about the page tree: an administrator can move the page."""
    client.force_login(editorial.users.admin)
    actions.move(client, editorial.vest_service, editorial.region_pages["helse-nord"])
    assert Page.objects.get(pk=editorial.vest_service.pk).get_parent().pk == editorial.region_pages["helse-nord"].pk


def test_a_locked_page_cannot_be_changed_by_others(client, editorial):
    page = editorial.vest_service
    client.force_login(editorial.users.vest_moderator1)
    client.post(f"/admin/pages/{page.pk}/lock/")
    assert Page.objects.get(pk=page.pk).locked

    revisions = page.revisions.count()
    client.force_login(editorial.users.vest_editor1)
    actions.save_draft(client, page, title="Endret mens låst")
    assert page.revisions.count() == revisions
    assert Page.objects.get(pk=page.pk).title == "Vest-tjenesten"


def test_scheduled_go_live_after_approval(client, editorial, monkeypatch):
    """An approved page with a future go-live date waits for publish_scheduled (run from cron)."""
    page = editorial.vest_service
    page.save_revision().publish()  # live, with a live revision, as after a normal first publication
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    client.force_login(editorial.users.vest_editor1)
    actions.submit(client, page, title="Publiseres senere", go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    client.force_login(editorial.users.vest_moderator1)
    actions.approve(client, page)

    page = Page.objects.get(pk=page.pk)
    assert not page.workflow_in_progress
    assert page.title == "Vest-tjenesten"
    revision = page.get_latest_revision()
    assert revision.approved_go_live_at is not None

    call_command("publish_scheduled")
    assert Page.objects.get(pk=page.pk).title == "Vest-tjenesten"  # not yet

    later = go_live + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)  # cron runs after the go-live time
    call_command("publish_scheduled")
    page = Page.objects.get(pk=page.pk)
    assert page.title == "Publiseres senere" and page.live
