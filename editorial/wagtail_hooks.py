from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import CancelWorkflowMenuItem, WorkflowMenuItem
from wagtail.admin.views.home import UserObjectsInWorkflowModerationPanel, WorkflowObjectsToModeratePanel
from wagtail.log_actions import LogFormatter
from wagtail.models import TaskState, WorkflowState

from cms.core.permissions import PUBLISH_REFUSED_LOG_ACTION, publish_blocked
from organisations.teams import regions_moderated_by, teams_of
from servicepages.panels import missing_required_content

from . import views
from .feedback import keep_only_what_we_told
from .models import EditorialApprovalTaskState, and_names, region_names_of_groups
from .panels import AwaitingReviewPanel, MySubmissionsPanel
from .permissions import and_list, joint_approval_guard

_ROUTED_ATTR = "_editorial_publish_routed"
_WAGTAIL_UPDATED = gettext_lazy("Page '%(page_title)s' has been updated.")  # Wagtail's msgid


def tell_changes_requested(request, page):
    """After "Request changes": the edit view says so, with the comment and who asked."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return
    task_state = state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_REJECTED:
        return
    reviewer = task_state.finished_by
    who = (reviewer.get_full_name() or reviewer.get_username()) if reviewer else _("a reviewer")
    regions = [team.region.name for team in teams_of(regions_moderated_by(reviewer))] if reviewer else []
    if regions:
        who = f"{who} ({and_list(regions)})"
    comment = task_state.get_comment()
    text = _("Changes requested by %(who)s on %(when)s.") % {
        "who": who,
        "when": date_format(localtime(task_state.finished_at), "DATETIME_FORMAT") if task_state.finished_at else "",
    }
    if comment:
        text = f"{text} «{comment}»"
    messages.warning(request, text)


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    """Replace Wagtail's workflow panels by region-aware ones that show each region's approval."""
    panels[:] = [
        panel
        for panel in panels
        if not isinstance(panel, (WorkflowObjectsToModeratePanel, UserObjectsInWorkflowModerationPanel))
    ]
    panels.append(AwaitingReviewPanel())
    panels.append(MySubmissionsPanel())


# -- joint approval of multiregional units in the edit view ------------------------------------------------


@hooks.register("before_edit_page")
def explain_or_route_joint_approval(request, page):
    """A multiregional unit has no "Publish": say why, and send a "Publish" (a stale form) into the workflow."""
    if request.method == "GET":
        tell_changes_requested(request, page)
    reason = publish_blocked(page)
    if not reason:
        return None
    if request.method == "GET":
        messages.info(request, reason)
    elif request.POST.get("action-publish"):
        post = request.POST.copy()
        del post["action-publish"]
        post["action-submit"] = "1"
        request.POST = post
        setattr(request, _ROUTED_ATTR, True)
    return None


@hooks.register("before_publish_page")
def route_refused_publish_into_workflow(request, page):
    """The last line in the edit and create views: a version that needs other regions goes to the workflow.

    The revision is saved already; it is submitted instead of published, and the moderator is told why.
    """
    revision = page.get_latest_revision()
    missing = joint_approval_guard.missing_regions(page, revision) if revision else []
    if not missing:
        return None
    if not page.workflow_in_progress and (workflow := page.get_workflow()):
        workflow.start(page, request.user)
    _tell_routed(request, page, missing)
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


@hooks.register("after_edit_page")
def tell_routed_publish(request, page):
    # A workflow action told what happened ("approved", "sent on to …"): Wagtail's "updated" is not news.
    keep_only_what_we_told(request, [_WAGTAIL_UPDATED % {"page_title": page.get_admin_display_title()}])
    if getattr(request, _ROUTED_ATTR, False):
        revision = page.get_latest_revision()
        _tell_routed(request, page, joint_approval_guard.missing_regions(page, revision) if revision else [])


_SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


@hooks.register("after_edit_page")
@hooks.register("after_create_page")
def warn_missing_required_content(request, page):
    """Submitting a page that lacks required content goes ahead, with a warning that names what is missing."""
    if request.method != "POST" or not any(action in request.POST for action in _SUBMIT_ACTIONS):
        return
    missing = missing_required_content(page.specific)
    if missing:
        text = _("The page was sent for review, but it lacks required content: %(items)s.")
        messages.warning(request, text % {"items": and_list([str(label) for label in missing])})


def _tell_routed(request, page, missing):
    if page.workflow_in_progress:
        messages.warning(
            request,
            _("“%(title)s” is not published yet: the change has been sent for approval by %(regions)s.")
            % {"title": page.get_admin_display_title(), "regions": and_list(missing)},
        )
    else:
        messages.warning(
            request,
            _("“%(title)s” is not published: it needs the approval of %(regions)s. Submit it for approval.")
            % {"title": page.get_admin_display_title(), "regions": and_list(missing)},
        )


class ConfirmCancelWorkflowMenuItem(CancelWorkflowMenuItem):
    """Wagtail's "Cancel workflow", as a link to a confirmation page instead of an immediate cancel."""

    def get_url(self, context):
        return reverse("editorial_cancel_workflow", args=[context["page"].pk])


@hooks.register("construct_page_action_menu")
def confirm_before_cancelling(menu_items, request, context):
    menu_items[:] = [
        ConfirmCancelWorkflowMenuItem(order=item.order) if isinstance(item, CancelWorkflowMenuItem) else item
        for item in menu_items
    ]


@hooks.register("construct_page_action_menu")
def approve_says_where_it_goes_next(menu_items, request, context):
    """Wagtail labels the last task's approval "… and Publish"; when other host regions must still approve a
    multiregional unit, approving sends it on instead, and the menu says so."""
    page = context.get("page")
    state = getattr(page, "current_workflow_task_state", None) if page is not None else None
    state = state.specific if state is not None else None
    if not isinstance(state, EditorialApprovalTaskState):
        return
    if request.user.is_superuser:  # a superuser's approval counts for every region (EditorialApprovalTask)
        return
    still_pending = state.pending_group_ids() - set(request.user.groups.values_list("pk", flat=True))
    if not still_pending:
        return
    labels = {(name, modal): label for name, label, modal in state.task.specific.get_actions(page, request.user)}
    regions = and_names(region_names_of_groups(still_pending))
    for item in menu_items:
        if isinstance(item, WorkflowMenuItem) and item.name == "approve":
            label = labels.get((item.name, item.launch_modal), item.label)
            item.label = _("%(label)s and send on to %(regions)s") % {"label": label, "regions": regions}


@hooks.register("register_admin_urls")
def editorial_admin_urls():
    return [path("editorial/cancel/<int:page_id>/", views.confirm_cancel_workflow, name="editorial_cancel_workflow")]


@hooks.register("register_log_actions")
def register_editorial_log_actions(actions):
    @actions.register_action("editorial.partial_approve")
    class PartialApprove(LogFormatter):
        label = _("Approved for one region")

        def format_message(self, log_entry):
            data = log_entry.data
            return _("Approved by %(approved)s; waiting for %(pending)s") % {
                "approved": ", ".join(data.get("approved_groups", [])),
                "pending": ", ".join(data.get("pending_groups", [])),
            }

        def format_comment(self, log_entry):
            return log_entry.data.get("comment", "")

    @actions.register_action(PUBLISH_REFUSED_LOG_ACTION)
    class PublishRefused(LogFormatter):
        label = _("Publishing refused")

        def format_message(self, log_entry):
            return log_entry.data.get("reason", "")
