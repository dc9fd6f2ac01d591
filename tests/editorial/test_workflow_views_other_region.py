"""Issue 13, §6: the workflow and history views of a page tell another region's users nothing about it."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from . import actions

pytestmark = pytest.mark.django_db


def login(client, user):
    client.logout()
    client.force_login(user)
    return client


def workflow_urls(page):
    page = Page.objects.get(pk=page.pk)
    state = page.current_workflow_state
    task_state = page.current_workflow_task_state
    assert state is not None and task_state is not None, "the page is not in moderation"
    pk = page.pk
    return {
        "confirm_cancellation": reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[pk]),
        "editorial_cancel": reverse("editorial_cancel_workflow", args=[pk]),
        "workflow_history": reverse("wagtailadmin_pages:workflow_history", args=[pk]),
        "workflow_history_detail": reverse("wagtailadmin_pages:workflow_history_detail", args=[pk, state.pk]),
        "workflow_preview": reverse("wagtailadmin_pages:workflow_preview", args=[pk, task_state.task_id]),
        "collect_workflow_action_data": reverse(
            "wagtailadmin_pages:collect_workflow_action_data", args=[pk, "approve", task_state.pk]
        ),
        "workflow_action": reverse("wagtailadmin_pages:workflow_action", args=[pk, "approve", task_state.pk]),
        "history": reverse("wagtailadmin_pages:history", args=[pk]),
        "history_results": reverse("wagtailadmin_pages:history_results", args=[pk]),
        "revisions_index": reverse("wagtailadmin_pages:revisions_index", args=[pk]),
        "revisions_view": reverse("wagtailadmin_pages:revisions_view", args=[pk, page.latest_revision_id]),
        "revisions_compare": reverse(
            "wagtailadmin_pages:revisions_compare", args=[pk, "live", page.latest_revision_id]
        ),
    }


def refused(client, response):
    """403/404/405, or Wagtail's refusal: a redirect to the dashboard (another redirect is followed once)."""
    if response.status_code == 302 and response.url != "/admin/":
        response = client.get(response.url)
    return response.status_code in (403, 404, 405) or (response.status_code == 302 and response.url == "/admin/")


@pytest.mark.parametrize("method", ["get", "post"])
def test_other_region_gets_nothing_from_workflow_views(client, editorial, method):
    users, page = editorial.users, editorial.vest_service
    actions.submit(login(client, users.vest_editor1), page, title="Vest i moderering")
    urls = workflow_urls(page)

    login(client, users.nord_moderator1)
    leaks = {}
    for name, url in urls.items():
        response = getattr(client, method)(url)
        if not refused(client, response) or "Vest i moderering" in response.content.decode():
            leaks[name] = response.status_code
    assert leaks == {}
    assert Page.objects.get(pk=page.pk).workflow_in_progress


def test_own_region_moderator_still_opens_workflow_views(client, editorial):
    users, page = editorial.users, editorial.vest_service
    actions.submit(login(client, users.vest_editor1), page, title="Vest i moderering")
    urls = workflow_urls(page)
    login(client, users.vest_moderator1)
    for name in ("confirm_cancellation", "workflow_history", "workflow_history_detail", "history"):
        assert client.get(urls[name]).status_code == 200, name
