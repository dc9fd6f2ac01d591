"""Dashboard panels: what awaits the user's review (their region only) and their own submissions in review."""

from django.db.models import Q
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from servicepages.panels import missing_required_content

from .roles import region_of_page


def _status_rows(task_state):
    """Which groups have approved and which are still pending, for an editorial task state."""
    specific = task_state.specific
    approvals = getattr(specific, "approvals", None)
    if approvals is None:
        return [], [group.name for group in task_state.task.specific.groups.all()]
    approved, pending = [], []
    for approval in approvals():
        (approved if approval.approved_at else pending).append(approval.group.name)
    return approved, pending


def _page_item(obj, task_state):
    page = obj.specific if isinstance(obj, Page) else obj
    region = region_of_page(page) if isinstance(page, Page) else None
    approved, pending = _status_rows(task_state) if task_state else ([], [])
    return {"page": page, "region": region, "task_state": task_state, "approved": approved, "pending": pending}


class AwaitingReviewPanel(Component):
    """Pages whose current task awaits an approval the user can give (never their own changes)."""

    name = "editorial_awaiting_review"
    template_name = "editorial/panels/awaiting_review.html"
    order = 205

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        states = (
            TaskState.objects.reviewable_by(request.user)
            .select_related("revision", "workflow_state__requested_by", "task")
            .order_by("started_at")
        )
        items = []
        for state in states:
            obj = state.workflow_state.content_object
            if obj is None:
                continue
            item = _page_item(obj, state)
            item["requested_by"] = state.workflow_state.requested_by
            under_review = state.revision.as_object() if state.revision_id else item["page"]
            item["missing"] = [str(label) for label in missing_required_content(under_review)]
            items.append(item)
        return {"items": items, "request": request}


class MySubmissionsPanel(Component):
    """The user's own submissions that are still in review or sent back for changes."""

    name = "editorial_my_submissions"
    template_name = "editorial/panels/my_submissions.html"
    order = 210

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        states = (
            WorkflowState.objects.active()
            .filter(Q(requested_by=request.user))
            .select_related("current_task_state__task")
            .order_by("-created_at")
        )
        items = []
        for state in states:
            obj = state.content_object
            if obj is None:
                continue
            item = _page_item(obj, state.current_task_state)
            item["workflow_state"] = state
            items.append(item)
        return {"items": items, "request": request}
