"""Roles as code: groups, page/collection/snippet permissions and workflows for the editorial teams.

``setup_editorial_roles()`` brings the database to the declared state and reports what it changed, so
running it twice changes nothing. Wagtail page permissions cascade down the page tree and cannot be
excluded below a page, which shapes the national group's grants:

* each region's groups get their rights on that region's RegionPage (its whole subtree);
* the national group gets its rights on every *common section* (each child of the home page except the
  service index that holds the regions). A tree grant on the home page or the service index would
  cascade into every region, so on those two pages themselves the national group has the *page-only*
  rights of :data:`PAGE_ONLY_GRANTS` (edit, submit, publish, unpublish; never delete, move, copy or
  anything below them), applied by ``editorial.permissions`` to the page models with
  ``PageOnlyPermissionsMixin``. They are code, not database rows, so this command stores nothing for them;
* the national group browses the regions read-only through ``bulk_delete`` alone on the service index:
  Wagtail lets any page permission open the explorer, and ``bulk_delete`` without ``add``/``change``
  allows no action at all (deleting needs ``change`` or ``add``; see ``PagePermissionTester``).
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from organisations.models import Region, RegionTeam
from organisations.teams import NATIONAL_GROUP_NAME, editor_group_name, moderator_group_name, national_permissions
from servicepages.models import RegionPage, ServiceIndexPage

from .models import EditorialApprovalTask

__all__ = ["NATIONAL_GROUP_NAME", "editor_group_name", "moderator_group_name", "setup_editorial_roles"]

NATIONAL_COLLECTION_NAME = NATIONAL_GROUP_NAME  # the collection is named after the group
NATIONAL_WORKFLOW_NAME = "Servicemiljø nasjonal: godkjenning"
NATIONAL_TASK_NAME = "Godkjenning av Servicemiljø nasjonal"

EDITOR_PAGE_PERMISSIONS = ("add", "change")
MODERATOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
NATIONAL_PAGE_PERMISSIONS = MODERATOR_PAGE_PERMISSIONS
BROWSE_ONLY_PAGE_PERMISSIONS = ("bulk_delete",)
# Rights on the structural pages themselves (home page, service index), not on their subtrees.
PAGE_ONLY_GRANTS = {NATIONAL_GROUP_NAME: ("change", "publish")}

MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
CHOOSE_MEDIA_PERMISSIONS = (("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document"))

SNIPPET_MODELS = ("region", "healthtrust", "medicalfield", "contactperson")
PUBLISHABLE_SNIPPET_MODELS = ("contactperson",)  # snippets with drafts: the national group publishes them
ADMIN_ACCESS = ("wagtailadmin", "access_admin")


def workflow_name(region):
    return f"{region.name}: godkjenning"


def task_name(region):
    return f"Godkjenning av {region.name} moderator"


@dataclass
class Report:
    """What a run changed, and what it could not do."""

    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def changed(self, message):
        self.changes.append(message)


_PERMISSION_APPS = ("wagtailadmin", "wagtailcore", "wagtailimages", "wagtaildocs", "organisations")


def _permissions():
    """All permissions the roles use, keyed by (app_label, codename), fetched in one query per run."""
    cache = _permissions.cache
    if cache is None:
        cache = {
            (p.content_type.app_label, p.codename): p
            for p in Permission.objects.filter(content_type__app_label__in=_PERMISSION_APPS).select_related(
                "content_type"
            )
        }
        _permissions.cache = cache
    return cache


_permissions.cache = None


def _permission(app_label, codename):
    try:
        return _permissions()[(app_label, codename)]
    except KeyError:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(action):
    return _permission("wagtailcore", f"{action}_page")


def _national_app_permissions():
    """The permissions other apps declare for the national group (``organisations.teams``), e.g. the search's."""
    result = []
    for name in national_permissions():
        app_label, codename = name.split(".")
        result.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return result


def _group(name, report):
    group, created = Group.objects.get_or_create(name=name)
    if created:
        report.changed(f"created group {name}")
    return group


def _collection(name, report):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    if existing:
        return existing
    report.changed(f"created collection {name}")
    return root.add_child(name=name)


def _sync_model_permissions(group, permissions, report):
    wanted = {p.pk for p in permissions}
    current = set(group.permissions.values_list("pk", flat=True))
    if wanted != current:
        group.permissions.set(wanted)
        report.changed(f"set model permissions of {group.name}")


def _sync_page_permissions(group, grants, report):
    """``grants`` maps a page to the actions the group has there; everything else is removed."""
    wanted = {(page.pk, _page_permission(action).pk) for page, actions in grants.items() for action in actions}
    current = set(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission_id"))
    for page_id, permission_id in wanted - current:
        GroupPagePermission.objects.create(group=group, page_id=page_id, permission_id=permission_id)
    stale = current - wanted
    for page_id, permission_id in stale:
        GroupPagePermission.objects.filter(group=group, page_id=page_id, permission_id=permission_id).delete()
    if wanted != current:
        report.changed(f"set page permissions of {group.name} ({len(wanted - current)} added, {len(stale)} removed)")


def _sync_collection_permissions(group, grants, report):
    """``grants`` maps a collection to (app_label, codename) pairs."""
    wanted = {
        (collection.pk, _permission(app, codename).pk)
        for collection, perms in grants.items()
        for app, codename in perms
    }
    current = set(GroupCollectionPermission.objects.filter(group=group).values_list("collection_id", "permission_id"))
    for collection_id, permission_id in wanted - current:
        GroupCollectionPermission.objects.create(group=group, collection_id=collection_id, permission_id=permission_id)
    for collection_id, permission_id in current - wanted:
        GroupCollectionPermission.objects.filter(
            group=group, collection_id=collection_id, permission_id=permission_id
        ).delete()
    if wanted != current:
        report.changed(f"set collection permissions of {group.name}")


def _workflow(name, task_name_, groups, include_host_regions, page, report):
    """One workflow with one EditorialApprovalTask, assigned to ``page`` (and so its subtree)."""
    task = EditorialApprovalTask.objects.filter(name=task_name_).first()
    if task is None:
        task = EditorialApprovalTask.objects.create(name=task_name_, include_host_regions=include_host_regions)
        report.changed(f"created task {task_name_}")
    elif not task.active or task.include_host_regions != include_host_regions:
        task.active = True
        task.include_host_regions = include_host_regions
        task.save(update_fields=["active", "include_host_regions"])
        report.changed(f"updated task {task_name_}")
    if set(task.groups.all()) != set(groups):
        task.groups.set(groups)
        report.changed(f"set reviewers of {task_name_}")

    workflow = Workflow.objects.filter(name=name).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=name)
        report.changed(f"created workflow {name}")
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
        report.changed(f"reactivated workflow {name}")
    tasks = list(WorkflowTask.objects.filter(workflow=workflow).values_list("task_id", flat=True))
    if tasks != [task.pk]:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        report.changed(f"set the task of {name}")

    assignment = WorkflowPage.objects.filter(page=page).first()
    if assignment is None:
        WorkflowPage.objects.create(page=page, workflow=workflow)
        report.changed(f"assigned {name} to {page.title}")
    elif assignment.workflow_id != workflow.pk:
        assignment.workflow = workflow
        assignment.save()
        report.changed(f"assigned {name} to {page.title}")
    return workflow


def home_page():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or site.root_page.depth < 2:
        return None
    return site.root_page.specific


@transaction.atomic
def setup_editorial_roles():
    """Create or update every editorial group, permission and workflow. Returns a :class:`Report`."""
    report = Report()
    _permissions.cache = None  # permissions may have been added by migrations since the last run
    admin_access = _permission(*ADMIN_ACCESS)
    view_snippets = [_permission("organisations", f"view_{model}") for model in SNIPPET_MODELS]
    manage_snippets = [
        _permission("organisations", f"{action}_{model}")
        for model in SNIPPET_MODELS
        for action in ("add", "change", "delete", "view")
    ] + [_permission("organisations", f"publish_{model}") for model in PUBLISHABLE_SNIPPET_MODELS]

    # National group: the common sections, the snippets, read-only regions.
    national = _group(NATIONAL_GROUP_NAME, report)
    _sync_model_permissions(national, [admin_access, *manage_snippets, *_national_app_permissions()], report)
    home = home_page()
    if home is None:
        report.warnings.append(
            "The site has no home page yet, so the common pages and the national workflow were not set up. "
            "Create the page tree (manage.py load_demo_content) and run this command again."
        )
        common_sections = []
        service_indexes = []
    else:
        children = home.get_children()
        service_indexes = list(children.type(ServiceIndexPage))
        common_sections = list(children.not_type(ServiceIndexPage))
    national_grants = dict.fromkeys(common_sections, NATIONAL_PAGE_PERMISSIONS)
    national_grants.update(dict.fromkeys(service_indexes, BROWSE_ONLY_PAGE_PERMISSIONS))
    _sync_page_permissions(national, national_grants, report)
    national_collection = _collection(NATIONAL_COLLECTION_NAME, report)
    _sync_collection_permissions(
        national,
        {national_collection: MEDIA_PERMISSIONS, Collection.get_first_root_node(): CHOOSE_MEDIA_PERMISSIONS},
        report,
    )
    if home is not None:
        _workflow(NATIONAL_WORKFLOW_NAME, NATIONAL_TASK_NAME, [national], False, home, report)

    # One editor group and one moderator group per region, on that region's page.
    region_pages = {page.region_id: page for page in RegionPage.objects.all()}
    for region in Region.objects.order_by("sort_order", "name"):
        editors = _group(editor_group_name(region), report)
        moderators = _group(moderator_group_name(region), report)
        collection = _collection(region.name, report)
        team = RegionTeam.objects.filter(region=region).first()
        if team is None:
            RegionTeam.objects.create(region=region, editors=editors, moderators=moderators, collection=collection)
            report.changed(f"created the editorial team of {region.name}")
        elif (team.editors_id, team.moderators_id, team.collection_id) != (editors.pk, moderators.pk, collection.pk):
            team.editors, team.moderators, team.collection = editors, moderators, collection
            team.save()
            report.changed(f"updated the editorial team of {region.name}")
        for group in (editors, moderators):
            _sync_model_permissions(group, [admin_access, *view_snippets], report)
            _sync_collection_permissions(group, {collection: MEDIA_PERMISSIONS}, report)

        page = region_pages.get(region.pk)
        if page is None:
            report.warnings.append(
                f"{region.name} has no region page yet: its groups exist but have no page rights or workflow. "
                "Create the region page (manage.py load_demo_content) and run this command again."
            )
            _sync_page_permissions(editors, {}, report)
            _sync_page_permissions(moderators, {}, report)
            continue
        _sync_page_permissions(editors, {page: EDITOR_PAGE_PERMISSIONS}, report)
        _sync_page_permissions(moderators, {page: MODERATOR_PAGE_PERMISSIONS}, report)
        _workflow(workflow_name(region), task_name(region), [moderators], True, page, report)

    if not region_pages:
        report.warnings.append("There are no region pages yet, so no region has page rights or a workflow.")
    neutralise_default_groups(Group, GroupPagePermission, GroupCollectionPermission, report)
    return report


# Wagtail's initial migrations create these with rights on the whole page tree and every collection.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")


def neutralise_default_groups(group_model, page_permission_model, collection_permission_model, report=None):
    """Wagtail's default groups lose every right; without members they are deleted (also a data migration)."""
    for group in group_model.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        if not group.user_set.exists():
            page_permission_model.objects.filter(group=group).delete()
            collection_permission_model.objects.filter(group=group).delete()
            group.delete()
            if report is not None:
                report.changed(f"deleted Wagtail's default group {group.name}")
            continue
        removed = page_permission_model.objects.filter(group=group).delete()[0]
        removed += collection_permission_model.objects.filter(group=group).delete()[0]
        if group.permissions.exists():
            group.permissions.clear()
            removed += 1
        if removed and report is not None:
            report.changed(f"removed the rights of Wagtail's default group {group.name}")


def region_of_page(page):
    """The Region whose subtree holds ``page`` (or ``None`` for common pages)."""
    region_page = RegionPage.objects.filter(path__in=_ancestor_paths(page)).first()
    return region_page.region if region_page else None


def _ancestor_paths(page):
    steplen = Page.steplen
    return [page.path[:i] for i in range(steplen, len(page.path) + 1, steplen)]
