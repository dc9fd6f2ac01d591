"""Every role × {own region, other region, common pages} × every editing action, through the admin views.

Each action is performed with the test client against Wagtail's real admin views, and its outcome is
read back from the database (Wagtail answers a refusal with a redirect to the dashboard, or by falling
back to a lesser action, e.g. saving a draft instead of publishing), so "allowed" means the action
really happened.

* own region: a service in Helse Vest (the national group has no region; for it this is a region page);
* other region: a service in Helse Nord;
* common pages: a page in a common section (Om servicemiljøet).

"move" moves the page to another section of the same kind: a region page's only other possible parents
are the other regions, so for region pages it is always a move into another region (Wagtail issue #9270).
"copy" copies the page next to itself.

The structural pages (the home page and the service index) are a matrix of their own: the national group
has rights on each of them itself but not below it (``editorial.permissions``), the regional groups have
none, and a superuser is the control that shows each action can really take effect there. A structural
page has no other possible parent, so "move" asks for the move view and moves it within its own parent
(a move or reorder in the page's log), and "copy" asks for the copy view and copies it next to itself.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, WorkflowState

from . import actions

pytestmark = pytest.mark.django_db

ACTIONS = ["edit_view", "save_draft", "submit", "approve", "publish", "unpublish", "delete", "move", "copy"]
ALL = set(ACTIONS)
NOTHING = set()

EXPECTED = {
    ("editor", "own_region"): {"edit_view", "save_draft", "submit", "copy"},
    ("editor", "other_region"): NOTHING,
    ("editor", "common"): NOTHING,
    ("moderator", "own_region"): ALL - {"move"},
    ("moderator", "other_region"): NOTHING,
    ("moderator", "common"): NOTHING,
    ("national", "own_region"): NOTHING,
    ("national", "other_region"): NOTHING,
    ("national", "common"): ALL,
}

ACTORS = {"editor": "vest_editor1", "moderator": "vest_moderator1", "national": "national1"}
# Who submits the change that the actor is then asked to approve (someone allowed to submit there).
SUBMITTERS = {
    "own_region": "vest_editor2",
    "other_region": "nord_editor2",
    "common": "national2",
    "home": "national2",
    "service_index": "national2",
}

STRUCTURAL_TARGETS = ("home", "service_index")
PAGE_ONLY = {"edit_view", "save_draft", "submit", "approve", "publish", "unpublish"}
STRUCTURAL_EXPECTED = {"editor": NOTHING, "moderator": NOTHING, "national": PAGE_ONLY, "admin": ALL}
STRUCTURAL_ACTORS = {**ACTORS, "admin": "admin"}


def target_page(site, target):
    return {
        "own_region": site.vest_service,
        "other_region": site.nord_service,
        "common": site.common_page,
        "home": site.home,
        "service_index": site.region_pages["helse-vest"].get_parent(),
    }[target]


def move_destination(site, target):
    return {
        "own_region": site.region_pages["helse-nord"],
        "other_region": site.region_pages["helse-vest"],
        "common": site.sections.framework,
    }[target]


def reload(page):
    return Page.objects.filter(pk=page.pk).first()


def perform(action, client, site, page, target, actor):
    """Do ``action`` as ``actor``; return True if it took effect."""
    if action == "edit_view":
        response = client.get(actions.edit_url(page))
        return response.status_code == 200
    if action == "save_draft":
        before = page.revisions.count()
        actions.save_draft(client, page, title="Utkast fra matrisen")
        latest = reload(page).get_latest_revision()
        if page.revisions.count() == before:
            return False
        return latest.user == actor and latest.as_object().title == "Utkast fra matrisen"
    if action == "submit":
        actions.submit(client, page, title="Sendt fra matrisen")
        state = WorkflowState.objects.active().filter(object_id=str(page.pk)).first()
        return state is not None and state.requested_by == actor
    if action == "approve":
        submitter = getattr(site.users, SUBMITTERS[target])
        client.force_login(submitter)
        actions.submit(client, page, title="Til godkjenning i matrisen")
        assert reload(page).specific.workflow_in_progress, "the submitter must be able to submit"
        client.logout()
        client.force_login(actor)
        actions.approve(client, page)
        state = WorkflowState.objects.filter(object_id=str(page.pk)).get()
        return state.status == WorkflowState.STATUS_APPROVED and reload(page).title == "Til godkjenning i matrisen"
    if action == "publish":
        actions.publish(client, page, title="Publisert fra matrisen")
        page = reload(page)
        return page.live and page.title == "Publisert fra matrisen"
    if action == "unpublish":
        assert page.live
        actions.unpublish(client, page)
        return not reload(page).live
    if action == "delete":
        actions.delete(client, page)
        return reload(page) is None
    if action == "move" and target in STRUCTURAL_TARGETS:
        opened = client.get(reverse("wagtailadmin_pages:move", args=[page.pk])).status_code == 200
        actions.move(client, page, page.get_parent())
        logged = PageLogEntry.objects.filter(page=page, action__in=["wagtail.move", "wagtail.reorder"]).exists()
        return opened or logged
    if action == "copy" and target in STRUCTURAL_TARGETS:
        opened = client.get(reverse("wagtailadmin_pages:copy", args=[page.pk])).status_code == 200
        actions.copy(client, page, page.get_parent(), slug="kopi-fra-matrisen")
        return opened or Page.objects.filter(slug="kopi-fra-matrisen").exists()
    if action == "move":
        destination = move_destination(site, target)
        actions.move(client, page, destination)
        return reload(page).get_parent().pk == destination.pk
    if action == "copy":
        actions.copy(client, page, page.get_parent(), slug="kopi-fra-matrisen")
        return Page.objects.filter(slug="kopi-fra-matrisen").exists()
    raise AssertionError(action)


CASES = [
    pytest.param(role, target, action, action in EXPECTED[(role, target)], id=f"{role}-{target}-{action}")
    for role in ACTORS
    for target in ("own_region", "other_region", "common")
    for action in ACTIONS
]


@pytest.mark.parametrize(("role", "target", "action", "allowed"), CASES)
def test_permission_matrix(client, db, editorial_module, role, target, action, allowed):
    editorial = editorial_module
    actor = getattr(editorial.users, ACTORS[role])
    page = Page.objects.get(pk=target_page(editorial, target).pk).specific
    client.force_login(actor)
    assert perform(action, client, editorial, page, target, actor) is allowed


STRUCTURAL_CASES = [
    pytest.param(role, target, action, action in STRUCTURAL_EXPECTED[role], id=f"{role}-{target}-{action}")
    for role in STRUCTURAL_ACTORS
    for target in STRUCTURAL_TARGETS
    for action in ACTIONS
]


@pytest.mark.parametrize(("role", "target", "action", "allowed"), STRUCTURAL_CASES)
def test_structural_pages_matrix(client, db, editorial_module, role, target, action, allowed):
    editorial = editorial_module
    actor = getattr(editorial.users, STRUCTURAL_ACTORS[role])
    page = Page.objects.get(pk=target_page(editorial, target).pk).specific
    client.force_login(actor)
    assert perform(action, client, editorial, page, target, actor) is allowed
    if target == "service_index" and action in {"publish", "unpublish", "approve"}:
        # Whatever happened to the service index, the regions below it kept their state.
        assert all(p.live for p in Page.objects.descendant_of(page)), "a region or unit changed with the index"
