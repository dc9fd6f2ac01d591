from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.home import UserObjectsInWorkflowModerationPanel, WorkflowObjectsToModeratePanel
from wagtail.log_actions import LogFormatter

from .panels import AwaitingReviewPanel, MySubmissionsPanel


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
