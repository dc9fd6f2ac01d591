"""A multiregional unit goes live only when every host region's moderators approved that revision (issue 13, 1).

The unit is the demo's "Flerregional behandlingstjeneste for allogen stamcelletransplantasjon": under Helse
Sør-Øst, hosted by Oslo universitetssykehus HF (Sør-Øst) and Helse Bergen HF (Vest). Every publish path is
tried by the Sør-Øst moderator (and some by an administrator) while Helse Vest has not approved: the live
page must stay as it was. Then the workflow with both approvals does publish it.
"""

import datetime
import json
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, WorkflowState

from editorial.roles import editor_group_name, moderator_group_name
from servicepages.models import UnitKind
from tests import factories

from . import actions
from .factories import UserFactory

pytestmark = pytest.mark.django_db

TITLE = "Flerregional behandlingstjeneste for allogen stamcelletransplantasjon"
NEW_TITLE = TITLE + " (endret)"


def login(client, user):
    client.logout()
    client.force_login(user)
    return client


def reload(page):
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def joint(editorial):
    """The Sør-Øst/Vest unit, live, with Sør-Øst's editors and moderators and a second Sør-Øst page."""
    sorost = editorial.regions["helse-sor-ost"]
    vest = editorial.regions["helse-vest"]
    unit = factories.ServicePageFactory(
        parent=editorial.region_pages["helse-sor-ost"],
        title=TITLE,
        kind=UnitKind.MULTIREGIONAL,
        host_trusts=[sorost.health_trusts.get(), vest.health_trusts.get()],
    )
    unit.save_revision().publish()
    other = factories.ServicePageFactory(
        parent=editorial.region_pages["helse-sor-ost"],
        title="Sør-Øst-tjenesten",
        host_trusts=[sorost.health_trusts.get()],
    )
    users = editorial.users
    users.sorost_editor = UserFactory(username="sorost.redaktor", groups=[editor_group_name(sorost)])
    users.sorost_moderator = UserFactory(username="sorost.moderator", groups=[moderator_group_name(sorost)])
    users.sorost_moderator2 = UserFactory(username="sorost.moderator2", groups=[moderator_group_name(sorost)])
    editorial.unit, editorial.other_sorost = unit, other
    editorial.vest_group = moderator_group_name(vest)
    mail.outbox.clear()
    return editorial


def make_due(page):
    """Move the scheduled revisions' go-live into the past, as if the time had come; returns how many."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    revisions = list(Revision.objects.filter(object_id=str(page.pk)).exclude(approved_go_live_at=None))
    for revision in revisions:
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = past
        revision.save(update_fields=["content", "approved_go_live_at"])
    return len(revisions)


def assert_not_published(page, title=TITLE):
    page = reload(page)
    assert page.live
    assert page.title == title, "published without every host region's approval"
    assert page.live_revision.as_object().title == title


# -- what was seen ------------------------------------------------------------------------------------------


def test_sorost_moderator_has_no_publish_action_but_is_told_why(client, joint):
    response = login(client, joint.users.sorost_moderator).get(actions.edit_url(joint.unit))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html
    assert "publiseres når moderatorene i Helse Sør-Øst og Helse Vest har godkjent" in html


def test_vest_editor_and_moderator_can_open_edit_and_submit_the_unit(client, joint):
    for user in (joint.users.vest_editor1, joint.users.vest_moderator1):
        assert login(client, user).get(actions.edit_url(joint.unit)).status_code == 200, user
    response = actions.submit(login(client, joint.users.vest_editor1), joint.unit, title=NEW_TITLE)
    assert response.status_code == 302, actions.form_errors(response)
    state = WorkflowState.objects.get()
    assert state.requested_by == joint.users.vest_editor1
    # Both host regions are asked.
    assert {a.group.name for a in state.current_task_state.specific.approvals()} == {
        "Helse Sør-Øst moderator",
        "Helse Vest moderator",
    }
    assert_not_published(joint.unit)


def test_nothing_else_of_the_other_region_opens_up(client, joint):
    login(client, joint.users.vest_editor1)
    for page in (joint.other_sorost, joint.region_pages["helse-sor-ost"]):
        response = client.get(actions.edit_url(page))
        assert response.status_code in (302, 403), page
    # No adding below it, no delete, no move, no publish, no unpublish.
    perms = joint.unit.permissions_for_user(joint.users.vest_moderator1)
    assert perms.can_edit()
    assert not perms.can_add_subpage()
    assert not perms.can_delete()
    assert not perms.can_move()
    assert not perms.can_publish()
    assert not perms.can_unpublish()
    assert not perms.can_lock()
    assert not perms.can_set_view_restrictions()
    # Nord sees nothing of it.
    assert not joint.unit.permissions_for_user(joint.users.nord_editor1).can_edit()
    assert login(client, joint.users.nord_moderator1).get(actions.edit_url(joint.unit)).status_code in (302, 403)


# -- the publish paths (matrix) -----------------------------------------------------------------------------


def publish_in_edit_view(client, joint, user):
    return actions.publish(login(client, user), joint.unit, title=NEW_TITLE)


def publish_in_bulk(client, joint, user):
    actions.save_draft(login(client, user), joint.unit, title=NEW_TITLE)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={joint.unit.pk}"
    return client.post(url, {"include_descendants": ""})


def publish_by_schedule_from_edit_view(client, joint, user):
    go_live = (timezone.localtime() + datetime.timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M")
    actions.publish(login(client, user), joint.unit, title=NEW_TITLE, go_live_at=go_live)
    make_due(joint.unit)  # with the fix nothing is scheduled; without it the schedule would go live
    call_command("publish_scheduled", stdout=StringIO())


def publish_by_schedule_of_unapproved_revision(client, joint, user):
    """A revision marked for go-live by any other means is still not put live by ``publish_scheduled``."""
    page = reload(joint.unit)
    page.title = NEW_TITLE
    page.go_live_at = timezone.now() + datetime.timedelta(minutes=5)
    revision = page.save_revision(user=user)
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=page.go_live_at)
    make_due(joint.unit)
    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    assert not Revision.objects.filter(pk=revision.pk).exclude(approved_go_live_at=None).exists()


def revert_then_publish(client, joint, user):
    page = reload(joint.unit)
    page.title = NEW_TITLE
    old = page.save_revision(user=user)
    page = reload(joint.unit)
    page.title = TITLE + " (utkast)"
    page.save_revision(user=user)
    url = reverse("wagtailadmin_pages:revisions_revert", args=[joint.unit.pk, old.pk])
    login(client, user)
    assert client.get(url).status_code == 200
    from .factories import edit_form_data

    return client.post(url, edit_form_data(reload(joint.unit), title=NEW_TITLE, **{"action-publish": "Publish"}))


def publish_through_admin_api(client, joint, user):
    page = reload(joint.unit)
    page.title = NEW_TITLE
    page.save_revision(user=user)
    url = f"/admin/api/main/pages/{joint.unit.pk}/action/publish/"
    response = login(client, user).post(url, json.dumps({}), content_type="application/json")
    assert response.status_code in (400, 403), response.content
    return response


def publish_own_edit_after_one_region_approved(client, joint, user):
    """The moderator submits their own edit, Vest approves; the Sør-Øst approval is still missing."""
    actions.submit(login(client, user), joint.unit, title=NEW_TITLE)
    actions.approve(login(client, joint.users.vest_moderator1), joint.unit)
    assert reload(joint.unit).workflow_in_progress
    return actions.publish(login(client, user), joint.unit, title=NEW_TITLE)


def publish_in_code(client, joint, user):
    page = reload(joint.unit)
    page.title = NEW_TITLE
    with pytest.raises(PermissionDenied):
        page.save_revision(user=user).publish(user=user)
    with pytest.raises(PermissionDenied):
        page.get_latest_revision().publish(user=user, skip_permission_checks=True)


PATHS = [
    publish_in_edit_view,
    publish_in_bulk,
    publish_by_schedule_from_edit_view,
    publish_by_schedule_of_unapproved_revision,
    revert_then_publish,
    publish_through_admin_api,
    publish_own_edit_after_one_region_approved,
    publish_in_code,
]


@pytest.mark.parametrize("who", ["sorost_moderator", "admin"])
@pytest.mark.parametrize("path", PATHS, ids=[p.__name__ for p in PATHS])
def test_no_publish_path_skips_the_other_region(client, joint, path, who):
    if path is publish_own_edit_after_one_region_approved and who == "admin":
        pytest.skip("an administrator's approval counts for every region")
    user = getattr(joint.users, who)
    path(client, joint, user)
    assert_not_published(joint.unit)


def test_refused_publish_is_explained_and_routed_into_the_workflow(client, joint):
    response = publish_in_edit_view(client, joint, joint.users.sorost_moderator)
    assert response.status_code == 302
    assert_not_published(joint.unit)
    follow = client.get(response.url)
    html = follow.content.decode()
    assert "sendt til godkjenning" in html
    assert "Helse Vest" in html
    # Routed: the change is in the workflow, and Vest's moderators are told.
    state = WorkflowState.objects.get(status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.requested_by == joint.users.sorost_moderator
    assert reload(joint.unit).get_latest_revision().as_object().title == NEW_TITLE
    to = {address for message in mail.outbox for address in message.to}
    assert {"vest.moderator1@example.no", "vest.moderator2@example.no"} <= to


def test_both_regions_approve_and_it_goes_live(client, joint):
    users = joint.users
    actions.submit(login(client, users.vest_editor1), joint.unit, title=NEW_TITLE)
    actions.approve(login(client, users.sorost_moderator), joint.unit)
    assert_not_published(joint.unit)
    actions.approve(login(client, users.vest_moderator1), joint.unit)
    page = reload(joint.unit)
    assert page.live and page.title == NEW_TITLE and not page.workflow_in_progress


def test_approved_scheduled_go_live_is_published(client, joint):
    """An approved revision with a go-live date is scheduled, and ``publish_scheduled`` puts it live."""
    users = joint.users
    go_live = (timezone.localtime() + datetime.timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M")
    actions.submit(login(client, users.vest_editor1), joint.unit, title=NEW_TITLE, go_live_at=go_live)
    actions.approve(login(client, users.sorost_moderator), joint.unit)
    actions.approve(login(client, users.vest_moderator1), joint.unit)
    assert_not_published(joint.unit)
    scheduled = Revision.objects.filter(object_id=str(joint.unit.pk)).exclude(approved_go_live_at=None).first()
    assert scheduled is not None and scheduled.as_object().title == NEW_TITLE
    assert make_due(joint.unit), "nothing was scheduled"
    call_command("publish_scheduled", stdout=StringIO())
    assert reload(joint.unit).title == NEW_TITLE


def test_removing_the_other_host_trust_does_not_skip_its_approval(client, joint):
    """Dropping Helse Bergen HF (or the multiregional type) in the draft still needs Vest's approval."""
    sorost_trust = joint.regions["helse-sor-ost"].health_trusts.get()
    actions.publish(
        login(client, joint.users.sorost_moderator),
        joint.unit,
        title=NEW_TITLE,
        host_trusts=[sorost_trust.pk],
        kind=UnitKind.TREATMENT,
    )
    assert_not_published(joint.unit)


def test_ordinary_units_publish_as_before(client, joint):
    response = actions.publish(login(client, joint.users.sorost_moderator), joint.other_sorost, title="Ny tittel")
    assert response.status_code == 302
    assert reload(joint.other_sorost).title == "Ny tittel"


def test_a_save_without_changes_after_approving_keeps_the_approval(client, joint):
    """The edit view autosaves: a revision with the same content must not reopen the other region's approval."""
    users = joint.users
    actions.submit(login(client, users.vest_editor1), joint.unit, title=NEW_TITLE)
    actions.approve(login(client, users.sorost_moderator), joint.unit)
    # An autosave (or "Save draft") by the approver, with nothing changed.
    page = reload(joint.unit).get_latest_revision_as_object()
    page.save_revision(user=users.sorost_moderator)
    actions.approve(login(client, users.vest_moderator1), joint.unit)
    page = reload(joint.unit)
    assert page.live and page.title == NEW_TITLE and not page.workflow_in_progress


def test_in_review_the_first_region_is_offered_approve_and_send_on_not_approve_and_publish(client, joint):
    """Wagtail calls the last task's approval "Godkjenn og publiser"; while Helse Vest must still approve, it
    sends the unit on, and the menu and the banner say so."""
    actions.submit(login(client, joint.users.vest_editor1), joint.unit, title=NEW_TITLE)
    html = login(client, joint.users.sorost_moderator).get(actions.edit_url(joint.unit)).content.decode()
    assert "Godkjenn og send videre til Helse Vest" in html
    assert "Godkjenn med kommentar og send videre til Helse Vest" in html
    assert "og Publiser" not in html and "and Publish" not in html
    assert "Den er til godkjenning nå." in html and "Send den til godkjenning." not in html

    actions.approve(client, joint.unit)
    # The last region's approval publishes: Wagtail's label is right there.
    html = login(client, joint.users.vest_moderator1).get(actions.edit_url(joint.unit)).content.decode()
    assert "send videre" not in html
    assert "Godkjenn og Publiser" in html or "Godkjenn og publiser" in html
