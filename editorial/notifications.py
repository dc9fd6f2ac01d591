"""Workflow e-mails that reach only the people concerned.

Wagtail's defaults e-mail every superuser on each submission, and every member of a task's groups. These
notifiers take over Wagtail's signal receivers (same ``dispatch_uid``), so that:

* on submission, the moderators of the region(s) whose approval is pending are told, and no one else;
* on approval or rejection, the person who submitted is told (with the reviewer's comment);
* on a partial approval of a multiregional unit, the submitter and the moderators still to approve are told;
* when a workflow is cancelled, the person who submitted is told who cancelled it.

Mail goes through Django's e-mail backend, in the recipient's admin language (Norwegian by default),
with a link to the review page built from ``WAGTAILADMIN_BASE_URL``.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.admin.mail import EmailNotificationMixin, Notifier
from wagtail.models import AbstractGroupApprovalTask, Page, TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_cancelled, workflow_rejected, workflow_submitted
from wagtail.users.models import UserProfile

from cms.core.siteurl import absolute_url

from .models import EditorialApprovalTaskState
from .signals import partially_approved


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def public_url(page):
    """The live page on ``SITE_URL``, not on the Wagtail site's host name (``localhost`` in the demo)."""
    site = page.get_site()
    return absolute_url(page.relative_url(site) if site else page.url)


def review_urls(obj, task=None):
    """The edit page (where reviewers approve or request changes) and, for pages, the review preview."""
    if isinstance(obj, Page):
        urls = {"review_url": admin_url(reverse("wagtailadmin_pages:edit", args=[obj.pk]))}
        if task is not None and obj.is_previewable():
            urls["preview_url"] = admin_url(reverse("wagtailadmin_pages:workflow_preview", args=[obj.pk, task.pk]))
        return urls
    from wagtail.admin.admin_url_finder import AdminURLFinder

    edit_url = AdminURLFinder().get_edit_url(obj)
    return {"review_url": admin_url(edit_url) if edit_url else ""}


class _EditorialEmailNotifier(EmailNotificationMixin, Notifier):
    template_directory = "editorial/notifications/"
    preference = None  # the user profile's "<preference>_notifications" setting; by default the notification's

    def get_valid_recipients(self, instance, **kwargs):
        setting = f"{self.preference or self.notification}_notifications"
        return {
            user
            for user in self.get_recipient_users(instance, **kwargs)
            if user and user.is_active and user.email and getattr(UserProfile.get_for_user(user), setting)
        }

    def get_template_base_prefix(self, instance, **kwargs):
        return ""


class ReviewRequestNotifier(_EditorialEmailNotifier):
    """On submission to a group approval task: the reviewers whose approval is still pending."""

    notification = "submitted"

    def __init__(self):
        super().__init__((TaskState,))

    def can_handle(self, instance, **kwargs):
        return super().can_handle(instance, **kwargs) and isinstance(instance.task.specific, AbstractGroupApprovalTask)

    def get_recipient_users(self, task_state, **kwargs):
        if isinstance(task_state, EditorialApprovalTaskState):
            group_ids = task_state.pending_group_ids()
        else:
            group_ids = set(task_state.task.specific.groups.values_list("pk", flat=True))
        recipients = get_user_model().objects.filter(groups__in=group_ids).distinct()
        excluded = {kwargs.get("user") and kwargs["user"].pk, task_state.workflow_state.requested_by_id}
        return set(recipients.exclude(pk__in=[pk for pk in excluded if pk]))

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        obj = task_state.workflow_state.content_object
        obj = obj.specific if isinstance(obj, Page) else obj
        if isinstance(task_state, EditorialApprovalTaskState):
            reviewers = [approval.group.name for approval in task_state.approvals() if approval.approved_at is None]
        else:
            reviewers = [group.name for group in task_state.task.specific.groups.all()]
        context.update(
            {
                "object": obj,
                "title": obj.get_admin_display_title() if isinstance(obj, Page) else str(obj),
                "task": task_state.task.specific,
                "requested_by": task_state.workflow_state.requested_by,
                "reviewers": reviewers,
                **review_urls(obj, task_state.task),
            }
        )
        return context


class _WorkflowOutcomeNotifier(_EditorialEmailNotifier):
    """On approval or rejection of the whole workflow: the submitter, unless they did it themselves."""

    def __init__(self):
        super().__init__((WorkflowState,))

    def get_recipient_users(self, workflow_state, **kwargs):
        submitter = workflow_state.requested_by
        if submitter is None or submitter == kwargs.get("user"):
            return set()
        return {submitter}

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        obj = workflow_state.content_object
        obj = obj.specific if isinstance(obj, Page) else obj
        task_state = workflow_state.current_task_state
        context.update(
            {
                "object": obj,
                "title": obj.get_admin_display_title() if isinstance(obj, Page) else str(obj),
                "reviewer": kwargs.get("user"),
                "comment": task_state.get_comment() if task_state else "",
                "live_url": public_url(obj) if isinstance(obj, Page) and obj.live else "",
                **review_urls(obj),
            }
        )
        return context


class ApprovedNotifier(_WorkflowOutcomeNotifier):
    notification = "approved"


class CancelledNotifier(_WorkflowOutcomeNotifier):
    """A cancelled workflow: the submitter learns who cancelled it (unless they did it themselves)."""

    notification = "cancelled"
    preference = "rejected"

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        context["comment"] = ""
        return context


class PartialApprovalNotifier(_EditorialEmailNotifier):
    """Some host regions approved a multiregional unit: the submitter and the regions still pending are told."""

    notification = "partially_approved"
    preference = "approved"

    def __init__(self):
        super().__init__((EditorialApprovalTaskState,))

    def get_recipient_users(self, task_state, **kwargs):
        approver = kwargs.get("user")
        pending = get_user_model().objects.filter(groups__in=task_state.pending_group_ids(), is_active=True)
        recipients = set(pending.exclude(pk__in=[task_state.revision.user_id or 0]).distinct())
        if task_state.workflow_state.requested_by:
            recipients.add(task_state.workflow_state.requested_by)
        return {user for user in recipients if approver is None or user.pk != approver.pk}

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        obj = task_state.workflow_state.content_object
        obj = obj.specific if isinstance(obj, Page) else obj
        approvals = task_state.approvals()
        context.update(
            {
                "object": obj,
                "title": obj.get_admin_display_title() if isinstance(obj, Page) else str(obj),
                "reviewer": kwargs.get("user"),
                "comment": kwargs.get("comment", ""),
                "reopened": kwargs.get("reopened", False),
                "approved": [a.group.name for a in approvals if a.approved_at],
                "pending": [a.group.name for a in approvals if a.approved_at is None],
                "pending_group_ids": {a.group_id for a in approvals if a.approved_at is None},
                "submitter": task_state.workflow_state.requested_by,
                **review_urls(obj, task_state.task),
            }
        )
        return context


class RejectedNotifier(_WorkflowOutcomeNotifier):
    notification = "rejected"


def no_broadcast_on_submission(sender, **kwargs):
    """Replaces Wagtail's e-mail to every superuser on submission; the task notifier tells the reviewers."""
    return None


review_request_notifier = ReviewRequestNotifier()
approved_notifier = ApprovedNotifier()
rejected_notifier = RejectedNotifier()
cancelled_notifier = CancelledNotifier()
partial_approval_notifier = PartialApprovalNotifier()

# (signal, sender, Wagtail's dispatch_uid, our receiver)
RECEIVERS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification", review_request_notifier),
    (
        task_submitted,
        EditorialApprovalTaskState,
        "editorial_task_submitted_email_notification",
        review_request_notifier,
    ),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification", no_broadcast_on_submission),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification", approved_notifier),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification", rejected_notifier),
    (workflow_cancelled, WorkflowState, "editorial_workflow_cancelled_email_notification", cancelled_notifier),
    (
        partially_approved,
        EditorialApprovalTaskState,
        "editorial_partial_approval_email_notification",
        partial_approval_notifier,
    ),
]


def register_notifications():
    """Take Wagtail's receiver slots whichever app's ``ready()`` runs first.

    If Wagtail connected first, its receiver is disconnected; if we connect first, Wagtail's later
    ``connect`` with the same ``dispatch_uid`` is a no-op.
    """
    for signal, sender, dispatch_uid, receiver in RECEIVERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(receiver, sender=sender, dispatch_uid=dispatch_uid, weak=False)
