"""The setup_editorial_roles command: what it creates, that it is idempotent, and clear warnings."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from editorial.models import EditorialApprovalTask, RegionTeam
from editorial.roles import NATIONAL_GROUP_NAME

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def run():
    out, err = StringIO(), StringIO()
    call_command("setup_editorial_roles", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot():
    """Everything the command manages, as comparable values."""
    return {
        "groups": sorted(
            (g.name, sorted(g.permissions.values_list("codename", flat=True))) for g in Group.objects.all()
        ),
        "page_permissions": sorted(
            GroupPagePermission.objects.values_list("group__name", "page__title", "permission__codename")
        ),
        "collection_permissions": sorted(
            GroupCollectionPermission.objects.values_list("group__name", "collection__name", "permission__codename")
        ),
        "collections": sorted(Collection.objects.values_list("name", flat=True)),
        "workflows": sorted(Workflow.objects.values_list("pk", "name", "active")),
        "workflow_tasks": sorted(WorkflowTask.objects.values_list("workflow__name", "task__name")),
        "tasks": sorted(
            (t.pk, t.name, t.include_host_regions, sorted(t.groups.values_list("name", flat=True)))
            for t in EditorialApprovalTask.objects.all()
        ),
        "workflow_pages": sorted(WorkflowPage.objects.values_list("page__title", "workflow__name")),
        "teams": sorted(RegionTeam.objects.values_list("region__name", "editors__name", "moderators__name")),
    }


def test_creates_groups_permissions_and_workflows(home_page, region_pages, regions):
    from tests import factories

    factories.StandardPageFactory(parent=home_page, title="Om servicemiljøet")
    out, err = run()
    assert "change(s)" in out and err == ""

    for region in regions.values():
        team = RegionTeam.objects.get(region=region)
        assert team.editors.name == f"{region.name} redaktør"
        assert team.moderators.name == f"{region.name} moderator"
        assert team.collection.name == region.name
        page = region_pages[region.slug]
        assert set(
            GroupPagePermission.objects.filter(group=team.editors).values_list("page", "permission__codename")
        ) == {(page.pk, "add_page"), (page.pk, "change_page")}
        assert set(
            GroupPagePermission.objects.filter(group=team.moderators).values_list("permission__codename", flat=True)
        ) == {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
        for group in (team.editors, team.moderators):
            assert group.permissions.filter(codename="access_admin").exists()
            assert set(GroupCollectionPermission.objects.filter(group=group).values_list("collection", flat=True)) == {
                team.collection.pk
            }
        workflow = WorkflowPage.objects.get(page=page).workflow
        task = Task.objects.get(workflow_tasks__workflow=workflow).specific
        assert isinstance(task, EditorialApprovalTask)
        assert list(task.groups.all()) == [team.moderators]
        assert task.include_host_regions

    national = Group.objects.get(name=NATIONAL_GROUP_NAME)
    assert set(national.permissions.values_list("codename", flat=True)) >= {
        "access_admin",
        "change_region",
        "change_healthtrust",
        "change_medicalfield",
        "change_contactperson",
    }
    grants = set(GroupPagePermission.objects.filter(group=national).values_list("page__title", "permission__codename"))
    assert ("Om servicemiljøet", "publish_page") in grants
    # Nothing in the regions but browsing.
    service_index = region_pages["helse-vest"].get_parent()
    assert {codename for title, codename in grants if title == service_index.title} == {"bulk_delete_page"}
    national_task = WorkflowPage.objects.get(page=home_page).workflow.workflow_tasks.get().task.specific
    assert list(national_task.groups.all()) == [national]
    assert not national_task.include_host_regions


def test_running_twice_changes_nothing(home_page, region_pages):
    run()
    before = snapshot()
    out, err = run()
    assert "nothing changed" in out
    assert snapshot() == before


def test_puts_drift_right(home_page, region_pages, regions):
    run()
    team = RegionTeam.objects.get(region=regions["helse-vest"])
    GroupPagePermission.objects.filter(group=team.moderators, permission__codename="publish_page").delete()
    GroupPagePermission.objects.create(group=team.editors, page=home_page, permission_type="change")
    out, _ = run()
    assert "set page permissions of Helse Vest moderator" in out
    assert "set page permissions of Helse Vest redaktør" in out
    assert not GroupPagePermission.objects.filter(group=team.editors, page=home_page).exists()
    assert GroupPagePermission.objects.filter(group=team.moderators, permission__codename="publish_page").exists()


def test_says_clearly_when_region_pages_do_not_exist(home_page, regions):
    out, err = run()
    assert "Helse Vest has no region page yet" in err
    assert "load_demo_content" in err
    assert "There are no region pages yet" in err
    # The groups exist (with no page rights) so that running again after the tree exists completes them.
    assert Group.objects.filter(name="Helse Vest redaktør").exists()
    assert not GroupPagePermission.objects.filter(group__name="Helse Vest redaktør").exists()


def test_national_group_browses_regions_read_only(client, home_page, region_pages):
    run()
    user = UserFactory(username="nasjonal", groups=[NATIONAL_GROUP_NAME])
    client.force_login(user)
    region_page = region_pages["helse-vest"]
    response = client.get(reverse("wagtailadmin_explore", args=[region_page.get_parent().pk]))
    assert response.status_code == 200
    assert region_page.title in response.content.decode()
    perms = region_page.permissions_for_user(user)
    assert not any(
        [
            perms.can_edit(),
            perms.can_add_subpage(),
            perms.can_delete(),
            perms.can_publish(),
            perms.can_lock(),
            perms.can_unlock(),
            perms.can_move(),
        ]
    )


def test_after_migrate_wagtails_default_groups_hold_no_rights():
    """Wagtail's initial migrations create "Editors" and "Moderators" with rights on the whole tree; the
    editorial migration 0004 runs after them (the test database is built by migrate)."""
    groups = Group.objects.filter(name__in=["Editors", "Moderators"])
    assert not GroupPagePermission.objects.filter(group__in=groups).exists()
    assert not GroupCollectionPermission.objects.filter(group__in=groups).exists()
    assert not any(group.permissions.exists() for group in groups)


def test_wagtails_default_groups_lose_their_whole_tree_rights(home_page, region_pages):
    """Issue 18, finding 10: "Editors" and "Moderators" (Wagtail's) held rights on the whole tree."""
    from django.contrib.auth.models import Permission
    from wagtail.models import Page

    from editorial.roles import setup_editorial_roles as setup

    root = Page.get_first_root_node()
    change, publish = (Permission.objects.get(codename=f"{action}_page") for action in ("change", "publish"))
    editors = Group.objects.create(name="Editors")
    GroupPagePermission.objects.create(group=editors, page=root, permission=change)
    moderators = Group.objects.create(name="Moderators")
    GroupPagePermission.objects.create(group=moderators, page=root, permission=publish)
    member = UserFactory(username="gammel", groups=[moderators])
    setup()
    assert not Group.objects.filter(name="Editors").exists()
    assert Group.objects.filter(name="Moderators").exists()  # it has a member: kept, without rights
    assert not GroupPagePermission.objects.filter(group__name__in=["Editors", "Moderators"]).exists()
    assert not root.permissions_for_user(member).can_edit()


def test_the_national_group_can_publish_contact_persons(home_page, region_pages):
    from editorial.roles import setup_editorial_roles as setup

    setup()
    national = Group.objects.get(name=NATIONAL_GROUP_NAME)
    assert national.permissions.filter(codename="publish_contactperson").exists()
    user = UserFactory(username="nasjonal-publiserer", groups=[national])
    assert user.has_perm("organisations.publish_contactperson")
