"""End-to-end moderation: submit, notify the right reviewers, approve or reject, publish."""

import pytest
from django.core import mail
from wagtail.models import Page, TaskState, WorkflowState

from editorial.models import EditorialApprovalTaskState

from . import actions

pytestmark = pytest.mark.django_db


def login(client, user):
    client.logout()
    client.force_login(user)
    return client


def assert_denied(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard (and a message)."""
    assert response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/"), response


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def reload(page):
    return Page.objects.get(pk=page.pk).specific


def test_editor_submits_moderator_approves_page_goes_live(client, editorial):
    users, page = editorial.users, editorial.vest_service
    login(client, users.vest_editor1)
    response = actions.submit(client, page, title="Vest-tjenesten (oppdatert)")
    assert response.status_code == 302, actions.form_errors(response)

    page = reload(page)
    assert page.workflow_in_progress
    assert page.title == "Vest-tjenesten"  # the live page is unchanged until approved
    # Exactly the region's moderators are told: not the other region, not the superuser, not the national group.
    assert recipients() == ["vest.moderator1@example.no", "vest.moderator2@example.no"]
    message = mail.outbox[0]
    assert "Vest-tjenesten (oppdatert)" in message.subject
    assert "venter på din godkjenning" in message.subject
    assert f"http://testserver/admin/pages/{page.pk}/edit/" in message.body
    assert "Helse Vest moderator" in message.body

    mail.outbox.clear()
    login(client, users.vest_moderator1)
    response = actions.approve(client, page, comment="Fint!")
    assert response.status_code == 302
    page = reload(page)
    assert not page.workflow_in_progress
    assert page.live and page.title == "Vest-tjenesten (oppdatert)"
    assert not page.has_unpublished_changes
    # The submitter hears that it was approved, in Norwegian, with the comment.
    assert recipients() == ["vest.redaktor1@example.no"]
    assert "er godkjent" in mail.outbox[0].subject
    assert "Fint!" in mail.outbox[0].body

    client.logout()
    assert "Vest-tjenesten (oppdatert)" in client.get(page.url).content.decode()


def test_rejection_sends_the_comment_to_the_editor(client, editorial):
    users, page = editorial.users, editorial.vest_service
    actions.submit(login(client, users.vest_editor1), page, title="Utkast med feil")
    mail.outbox.clear()

    response = actions.reject(login(client, users.vest_moderator2), page, comment="Henvisningskriteriene mangler.")
    assert response.status_code == 302
    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert reload(page).title == "Vest-tjenesten"
    assert recipients() == ["vest.redaktor1@example.no"]
    message = mail.outbox[0]
    assert "Endringer" in message.subject and "Utkast med feil" in message.subject
    assert "Henvisningskriteriene mangler." in message.body
    assert f"http://testserver/admin/pages/{page.pk}/edit/" in message.body


def test_other_region_moderator_cannot_see_or_approve(client, editorial):
    users, page = editorial.users, editorial.vest_service
    actions.submit(login(client, users.vest_editor1), page, title="Ny tittel")

    nord = users.nord_moderator1
    assert not TaskState.objects.reviewable_by(nord).exists()
    assert TaskState.objects.reviewable_by(users.vest_moderator1).count() == 1
    dashboard = login(client, nord).get("/admin/")
    assert "Ny tittel" not in dashboard.content.decode()

    assert_denied(actions.approve(client, page))
    assert reload(page).workflow_in_progress
    assert reload(page).title == "Vest-tjenesten"
    # Nor can they open the editor through the review.
    assert_denied(client.get(actions.edit_url(page)))


def test_self_approval_is_refused(client, editorial):
    users, page = editorial.users, editorial.vest_service
    login(client, users.vest_moderator1)
    actions.submit(client, page, title="Moderatorens egen endring")
    # The other Vest moderator is told; the submitter is not.
    assert recipients() == ["vest.moderator2@example.no"]
    assert not TaskState.objects.reviewable_by(users.vest_moderator1).exists()

    assert_denied(actions.approve(client, page))
    page = reload(page)
    assert page.workflow_in_progress and page.title == "Vest-tjenesten"
    # Not through the editor's workflow action either: it falls back to saving a draft.
    client.post(
        actions.edit_url(page),
        actions.edit_form_data(
            page,
            title="Moderatorens egen endring",
            **{"action-workflow-action": "true", "workflow-action-name": "approve"},
        ),
    )
    assert reload(page).workflow_in_progress

    actions.approve(login(client, users.vest_moderator2), page)
    page = reload(page)
    assert not page.workflow_in_progress and page.title == "Moderatorens egen endring"


def test_editor_cannot_approve(client, editorial):
    users, page = editorial.users, editorial.vest_service
    actions.submit(login(client, users.vest_editor1), page, title="Ny")
    assert_denied(actions.approve(login(client, users.vest_editor2), page))
    assert reload(page).workflow_in_progress


@pytest.mark.parametrize("placed_under", ["helse-vest", "helse-nord"])
def test_multiregional_service_needs_both_host_regions(client, editorial, placed_under):
    from servicepages.models import UnitKind
    from tests import factories

    users = editorial.users
    page = factories.ServicePageFactory(
        parent=editorial.region_pages[placed_under],
        title="Flerregional tjeneste",
        kind=UnitKind.MULTIREGIONAL,
        host_trusts=[editorial.vest_trust, editorial.nord_trust],
    )
    editor = users.vest_editor1 if placed_under == "helse-vest" else users.nord_editor1
    first, second = (
        (users.vest_moderator1, users.nord_moderator1)
        if placed_under == "helse-vest"
        else (users.nord_moderator1, users.vest_moderator1)
    )

    actions.submit(login(client, editor), page, title="Flerregional tjeneste (ny)")
    assert recipients() == [
        "nord.moderator1@example.no",
        "nord.moderator2@example.no",
        "vest.moderator1@example.no",
        "vest.moderator2@example.no",
    ]
    state = EditorialApprovalTaskState.objects.get()
    assert sorted(state.group_approvals.values_list("group__name", flat=True)) == [
        "Helse Nord moderator",
        "Helse Vest moderator",
    ]

    # The first host region approves: still in moderation, nothing published.
    mail.outbox.clear()
    response = actions.approve(login(client, first), page)
    assert response.status_code == 302 and response.url == actions.edit_url(page), response.url
    page = reload(page)
    assert page.workflow_in_progress and page.title == "Flerregional tjeneste"
    assert TaskState.objects.get().status == TaskState.STATUS_IN_PROGRESS
    # Issue 13, 4: a partial approval tells the submitter and the region still to approve (it told nobody).
    remaining = "nord" if placed_under == "helse-vest" else "vest"
    assert recipients() == sorted(
        [editor.email, f"{remaining}.moderator1@example.no", f"{remaining}.moderator2@example.no"]
    )
    mail.outbox.clear()
    # The first region's moderators no longer have it in their list; the second region's do.
    assert not TaskState.objects.reviewable_by(first).exists()
    assert TaskState.objects.reviewable_by(second).count() == 1
    # A second approval from the same region does not count.
    other_same_region = users.vest_moderator2 if first == users.vest_moderator1 else users.nord_moderator2
    assert_denied(actions.approve(login(client, other_same_region), page))
    assert reload(page).workflow_in_progress
    # The partial approval is in the page history.
    dashboard = login(client, second).get("/admin/").content.decode()
    assert "Flerregional tjeneste (ny)" in dashboard

    # The second host region approves: published.
    response = actions.approve(client, page)
    assert response.status_code == 302 and response.url == actions.edit_url(page), response.url
    page = reload(page)
    assert not page.workflow_in_progress
    assert page.live and page.title == "Flerregional tjeneste (ny)"
    assert recipients() == [editor.email]


def test_multiregional_rejection_by_either_region_sends_back(client, editorial, multiregional):
    users = editorial.users
    actions.submit(login(client, users.vest_editor1), multiregional, title="Endret")
    actions.approve(login(client, users.vest_moderator1), multiregional)
    mail.outbox.clear()
    actions.reject(login(client, users.nord_moderator1), multiregional, comment="Målene må avstemmes med Nord.")
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_NEEDS_CHANGES
    assert recipients() == ["vest.redaktor1@example.no"]
    assert "Målene må avstemmes med Nord." in mail.outbox[0].body

    # Resubmitting starts over: both regions must approve again.
    mail.outbox.clear()
    actions.submit(login(client, users.vest_editor1), multiregional, title="Endret igjen")
    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert len(recipients()) == 4


def test_common_pages_go_through_the_national_group(client, editorial):
    users, page = editorial.users, editorial.common_page
    actions.submit(login(client, users.national1), page, title="Kontakt servicemiljøet")
    assert recipients() == ["nasjonal2@example.no"]
    assert_denied(actions.approve(login(client, users.vest_moderator1), page))
    assert actions.approve(login(client, users.national2), page).status_code == 302
    assert reload(page).title == "Kontakt servicemiljøet"


def test_dashboard_panels(client, editorial):
    users, page = editorial.users, editorial.vest_service
    actions.submit(login(client, users.vest_editor1), page, title="Til vurdering")

    mine = client.get("/admin/").content.decode()
    assert "Dine innsendinger til godkjenning" in mine
    assert "Til vurdering" in mine

    reviewer = login(client, users.vest_moderator1).get("/admin/").content.decode()
    assert "Venter på din godkjenning" in reviewer
    assert "Til vurdering" in reviewer
    assert "Helse Vest moderator" in reviewer


def test_superusers_are_not_emailed(client, editorial, django_user_model):
    actions.submit(login(client, editorial.users.vest_editor1), editorial.vest_service, title="Endring")
    assert "admin@example.no" not in recipients()


def test_moderator_approves_from_the_editor(client, editorial):
    """The usual path in the admin: the moderator opens the page and picks "Approve with comment"."""
    users, page = editorial.users, editorial.vest_service
    actions.submit(login(client, users.vest_editor1), page, title="Godkjennes i redigeringen")
    login(client, users.vest_moderator1)
    edit = client.get(actions.edit_url(page))
    assert edit.status_code == 200
    assert "Godkjenn" in edit.content.decode()
    response = client.post(
        actions.edit_url(page),
        actions.edit_form_data(
            reload(page),
            title="Godkjennes i redigeringen",
            **{
                "action-workflow-action": "true",
                "workflow-action-name": "approve",
                "workflow-action-extra-data": '{"comment": "Ser bra ut"}',
            },
        ),
    )
    assert response.status_code == 302
    page = reload(page)
    assert page.live and page.title == "Godkjennes i redigeringen" and not page.workflow_in_progress
    assert TaskState.objects.get().comment == "Ser bra ut"


def test_editor_cannot_edit_while_in_review_but_can_after_rejection(client, editorial):
    users, page = editorial.users, editorial.vest_service
    actions.submit(login(client, users.vest_editor1), page, title="Første forsøk")
    revisions = page.revisions.count()
    actions.save_draft(client, page, title="Endret under vurdering")
    assert page.revisions.count() == revisions  # locked while the moderators review it

    actions.reject(login(client, users.vest_moderator1), page, comment="Mangler mål.")
    login(client, users.vest_editor1)
    actions.submit(client, page, title="Andre forsøk")
    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert reload(page).get_latest_revision().as_object().title == "Andre forsøk"


def test_partial_approval_is_in_the_page_history(client, editorial, multiregional):
    from wagtail.models import PageLogEntry

    users = editorial.users
    actions.submit(login(client, users.vest_editor1), multiregional, title="Endret")
    actions.approve(login(client, users.vest_moderator1), multiregional, comment="Vest er enig")
    entry = PageLogEntry.objects.get(page=multiregional, action="editorial.partial_approve")
    assert entry.user == users.vest_moderator1
    assert entry.data["pending_groups"] == ["Helse Nord moderator"]
    history = client.get(f"/admin/pages/{multiregional.pk}/history/").content.decode()
    assert "Godkjent av Helse Vest moderator; venter på Helse Nord moderator" in history
    assert "Vest er enig" in history


def test_a_change_made_while_approving_needs_the_other_region_again(client, editorial, multiregional):
    """Nord changes the text while approving: Vest approved the earlier version, so Vest must approve again."""
    users = editorial.users
    actions.submit(login(client, users.vest_editor1), multiregional, title="Felles tekst")
    actions.approve(login(client, users.vest_moderator1), multiregional)
    mail.outbox.clear()

    login(client, users.nord_moderator1)
    response = client.post(
        actions.edit_url(multiregional),
        actions.edit_form_data(
            reload(multiregional),
            title="Felles tekst, rettet av Nord",
            **{"action-workflow-action": "true", "workflow-action-name": "approve"},
        ),
    )
    assert response.status_code == 302
    page = reload(multiregional)
    assert page.workflow_in_progress and page.title == "Flerregional tjeneste"
    state = EditorialApprovalTaskState.objects.get()
    assert sorted(state.group_approvals.filter(approved_at__isnull=True).values_list("group__name", flat=True)) == [
        "Helse Vest moderator"
    ]
    # Vest's moderators are asked again, and the submitter is told why it is not live yet.
    assert recipients() == ["vest.moderator1@example.no", "vest.moderator2@example.no", "vest.redaktor1@example.no"]
    to_submitter = next(m for m in mail.outbox if m.to == ["vest.redaktor1@example.no"])
    assert "endret også siden under godkjenningen" in to_submitter.body
    assert "må fortsatt godkjennes av Helse Vest" in to_submitter.body

    actions.approve(login(client, users.vest_moderator1), multiregional)
    page = reload(multiregional)
    assert not page.workflow_in_progress and page.title == "Felles tekst, rettet av Nord"


def test_every_link_in_a_workflow_mail_uses_site_url(client, editorial, settings):
    """Issue 13, 6: the public link said http://localhost/ while the admin link said http://127.0.0.1:8000."""
    settings.SITE_URL = "https://servicemiljo.example.no"
    settings.WAGTAILADMIN_BASE_URL = settings.SITE_URL
    users, page = editorial.users, editorial.vest_service
    actions.submit(login(client, users.vest_editor1), page, title="Nytt navn")
    mail.outbox.clear()
    actions.approve(login(client, users.vest_moderator1), page)
    body = mail.outbox[0].body
    assert "https://servicemiljo.example.no/" in body
    assert "localhost" not in body and "127.0.0.1" not in body
