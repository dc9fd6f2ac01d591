"""Feedback that reaches people (issue 13, 4): rejection in the edit view, cancelling, partial approval, toasts."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from . import actions
from .test_workflow import login, recipients, reload

pytestmark = pytest.mark.django_db


def toasts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_rejected_editor_sees_the_comment_and_who_asked_in_the_edit_view(client, editorial):
    users, page = editorial.users, editorial.vest_service
    users.vest_moderator1.first_name, users.vest_moderator1.last_name = "Vera", "Vestmo"
    users.vest_moderator1.save()
    actions.submit(login(client, users.vest_editor1), page, title="Nytt navn")
    actions.reject(login(client, users.vest_moderator1), page, comment="Målene mangler kilde.")
    html = login(client, users.vest_editor1).get(actions.edit_url(page)).content.decode()
    assert "Endringer etterspurt" in html
    assert "Målene mangler kilde." in html
    assert "Vera Vestmo (Helse Vest)" in html


def test_cancelling_asks_first_and_emails_the_submitter(client, editorial):
    users, page = editorial.users, editorial.vest_service
    actions.submit(login(client, users.vest_editor1), page, title="Nytt navn")
    login(client, users.vest_moderator1)
    confirm_url = reverse("editorial_cancel_workflow", args=[page.pk])
    html = client.get(actions.edit_url(page)).content.decode()
    assert 'name="action-cancel-workflow"' not in html
    assert confirm_url in html
    # Asking is not doing.
    response = client.get(confirm_url)
    assert response.status_code == 200
    assert "Avbryte godkjenningen?" in response.content.decode()
    assert reload(page).workflow_in_progress
    mail.outbox.clear()
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert not reload(page).workflow_in_progress
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_CANCELLED
    assert recipients() == ["vest.redaktor1@example.no"]
    assert "avbrutt" in mail.outbox[0].subject
    # Another region's moderator cannot cancel it.
    actions.submit(login(client, users.vest_editor1), page, title="Nytt navn igjen")
    assert login(client, users.nord_moderator1).post(confirm_url).status_code in (302, 403)
    assert reload(page).workflow_in_progress


def test_a_partial_approval_tells_the_submitter_and_the_remaining_region(client, editorial, multiregional):
    users = editorial.users
    actions.submit(login(client, users.vest_editor1), multiregional, title="Endret")
    mail.outbox.clear()
    login(client, users.vest_moderator1)
    response = client.post(
        actions.edit_url(multiregional),
        actions.edit_form_data(
            reload(multiregional),
            title="Endret",
            **{"action-workflow-action": "true", "workflow-action-name": "approve"},
        ),
    )
    assert response.status_code == 302
    assert recipients() == ["nord.moderator1@example.no", "nord.moderator2@example.no", "vest.redaktor1@example.no"]
    assert "venter på Helse Nord moderator" in mail.outbox[0].subject
    messages = toasts(response)
    assert any("godkjent for Helse Vest og sendt videre til Helse Nord" in m for m in messages), messages
    assert not any("er oppdatert" in m or "has been updated" in m for m in messages), messages

    response = actions.approve(login(client, users.nord_moderator1), multiregional)
    messages = toasts(response)
    assert any("er godkjent og publisert" in m for m in messages), messages
    assert reload(multiregional).live and reload(multiregional).title == "Endret"


def test_a_rejection_toast_says_so(client, editorial):
    users, page = editorial.users, editorial.vest_service
    actions.submit(login(client, users.vest_editor1), page, title="Nytt navn")
    response = actions.reject(login(client, users.vest_moderator1), page, comment="Nei")
    assert any("Endringer etterspurt" in m for m in toasts(response))
