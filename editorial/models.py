"""Editorial teams per region and the approval task used by the regional and national workflows.

A region's team is a pair of Wagtail groups (editors, moderators) and an image/document collection,
created by ``manage.py setup_editorial_roles``. Pages are reviewed by :class:`EditorialApprovalTask`:
every *required group* must approve, and nobody may approve a change they submitted or wrote. For a
multiregional service the required groups grow to the moderators of every host region, so the page
stays in moderation until each of them has approved, whichever region the page sits under.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, LockableMixin, TaskState
from wagtail.signals import task_submitted

from organisations.models import Region, RegionTeam  # noqa: F401  (RegionTeam: re-exported)
from organisations.teams import host_region_ids
from servicepages.models import NationalUnitPage

from .feedback import tell
from .signals import partially_approved


def _host_region_ids(unit):
    return host_region_ids(unit) if isinstance(unit, NationalUnitPage) else set()


def joint_approval_regions(unit, revision_object=None):
    """Ids of the regions whose moderators must all approve ``unit`` (or the version ``revision_object``).

    A multiregional unit (one service at hospital trusts in more than one region) needs the moderators of
    every host region, whichever region it sits under. Both the unit as stored and the version under review
    count, so that dropping a host trust or the multiregional type in a draft still needs the region it drops.
    """
    return _host_region_ids(unit) | _host_region_ids(revision_object)


def host_regions_requiring_approval(obj):
    """Regions whose moderators must approve ``obj`` in addition to the task's own groups.

    ``obj`` is the revision under review; the unit as stored counts too (:func:`joint_approval_regions`).
    """
    if not isinstance(obj, NationalUnitPage):
        return Region.objects.none()
    stored = NationalUnitPage.objects.filter(pk=obj.pk).first() if obj.pk else None
    return Region.objects.filter(pk__in=joint_approval_regions(stored, obj))


class EditorialApprovalTask(AbstractGroupApprovalTask):
    """Approval by each of the required groups; a reviewer can never approve their own change."""

    include_host_regions = models.BooleanField(
        _("include host regions"),
        default=False,
        help_text=_("For a multiregional service, also require approval from the moderators of every host region."),
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["include_host_regions"]

    class Meta:
        verbose_name = _("editorial approval task")
        verbose_name_plural = _("editorial approval tasks")

    @classmethod
    def get_description(cls):
        return _(
            "Each chosen group (and, for multiregional services, each host region's moderators) must approve. "
            "Nobody can approve a change they submitted."
        )

    @classmethod
    def get_task_state_class(cls):
        return EditorialApprovalTaskState

    # -- who has to approve -------------------------------------------------------------------------

    def get_required_groups(self, obj):
        groups = set(self.groups.all())
        if self.include_host_regions:
            regions = host_regions_requiring_approval(obj)
            groups.update(team.moderators for team in RegionTeam.objects.filter(region__in=regions))
        return groups

    def start(self, workflow_state, user=None):
        obj = workflow_state.content_object
        revision = obj.get_latest_revision()
        required_groups = self.get_required_groups(revision.as_object())
        # Like Wagtail's group approval: a lock held by someone who cannot review is released.
        if (
            isinstance(obj, LockableMixin)
            and obj.locked_by_id
            and not obj.locked_by.groups.filter(pk__in=[g.pk for g in required_groups]).exists()
        ):
            obj.locked, obj.locked_by, obj.locked_at = False, None, None
            obj.save(update_fields=["locked", "locked_by", "locked_at"])

        task_state = EditorialApprovalTaskState(workflow_state=workflow_state)
        task_state.status = TaskState.STATUS_IN_PROGRESS
        task_state.revision = revision
        task_state.task = self
        task_state.save()
        GroupApproval.objects.bulk_create(GroupApproval(task_state=task_state, group=g) for g in required_groups)
        # Notify only now that the required groups are known.
        task_submitted.send(sender=EditorialApprovalTaskState, instance=task_state, user=user)
        return task_state

    # -- helpers --------------------------------------------------------------------------------------

    @staticmethod
    def _current_state(obj):
        state = getattr(obj, "current_workflow_task_state", None)
        if state is None:
            return None
        state = state.specific
        return state if isinstance(state, EditorialApprovalTaskState) else None

    def _user_group_ids(self, user):
        cache_attr = "_editorial_group_ids"
        if not hasattr(user, cache_attr):
            setattr(user, cache_attr, set(user.groups.values_list("pk", flat=True)) if user.is_authenticated else set())
        return getattr(user, cache_attr)

    def _is_required_reviewer(self, task_state, user):
        if task_state is None:
            return user.is_superuser or self._user_in_groups(user)
        return user.is_superuser or bool(task_state.required_group_ids() & self._user_group_ids(user))

    # -- Wagtail task API -----------------------------------------------------------------------------

    def user_can_access_editor(self, obj, user):
        return self._is_required_reviewer(self._current_state(obj), user)

    def locked_for_user(self, obj, user):
        return not self._is_required_reviewer(self._current_state(obj), user)

    def user_can_lock(self, obj, user):
        return self._is_required_reviewer(self._current_state(obj), user)

    def get_actions(self, obj, user):
        state = self._current_state(obj)
        if state is None or state.task_id != self.pk or state.is_own_change(user):
            return []
        if user.is_superuser or state.pending_group_ids() & self._user_group_ids(user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return []

    def get_template_for_action(self, action):
        """The approve and request-changes dialogs show what the revision under review lacks."""
        if action in ("approve", "reject"):
            return "editorial/admin/workflow_action_modal.html"
        return super().get_template_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        task_state = task_state.specific
        if task_state.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied
        if task_state.is_own_change(user):
            raise PermissionDenied(_("You cannot review a change you submitted yourself."))
        comment = kwargs.get("comment", "")
        if user.is_superuser:
            groups = task_state.pending_group_ids()
        else:
            groups = task_state.pending_group_ids() & self._user_group_ids(user)
        if not groups:
            raise PermissionDenied
        title = task_state.revision.object_str
        if action_name == "reject":
            task_state.reject(user=user, comment=comment)
            tell(
                messages.WARNING,
                _("Changes requested for “%(title)s”. The person who submitted it is told.") % {"title": title},
            )
        elif action_name == "approve":
            # An approval is of the latest revision: a reviewer may have edited the page while approving.
            latest = task_state.workflow_state.content_object.get_latest_revision()
            approved_now = region_names_of_groups(groups)
            task_state.record_approval(user, groups, comment, latest)
            reopened = task_state.reopen_approvals_of_older_revisions(latest)
            if task_state.pending_group_ids():
                task_state.log_partial_approval(user, comment)
                # The submitter and every region still pending are told, a region whose approval the
                # reviewer's own change reopened included (editorial.notifications receives this).
                partially_approved.send(
                    sender=EditorialApprovalTaskState,
                    instance=task_state,
                    user=user,
                    comment=comment,
                    reopened=bool(reopened),
                )
                tell(
                    messages.SUCCESS,
                    _("“%(title)s” is approved for %(approved)s and sent on to %(pending)s.")
                    % {
                        "title": title,
                        "approved": and_names(approved_now),
                        "pending": and_names(region_names_of_groups(task_state.pending_group_ids())),
                    },
                )
            else:
                task_state.approve(user=user, comment=comment)
                obj = task_state.workflow_state.content_object
                obj.refresh_from_db()
                if getattr(obj, "live", False) and obj.live_revision_id == latest.pk:
                    tell(messages.SUCCESS, _("“%(title)s” is approved and published.") % {"title": title})
                else:
                    tell(messages.SUCCESS, _("“%(title)s” is approved.") % {"title": title})

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if not user.is_superuser:
            pending = GroupApproval.objects.filter(group__in=self._user_group_ids(user), approved_at__isnull=True)
            states = states.filter(pk__in=pending.values("task_state_id"))
        return states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)


# Revision content that records the page's state rather than what was written.
_VOLATILE_CONTENT_KEYS = {
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "has_unpublished_changes",
    "live",
    "first_published_at",
    "last_published_at",
    "locked",
    "locked_at",
    "locked_by",
    "expired",
    "draft_title",
}


def same_content(revision_a, revision_b):
    """Whether two revisions hold the same written content (ignoring publishing and locking state)."""

    def written(revision):
        return {k: v for k, v in revision.content.items() if k not in _VOLATILE_CONTENT_KEYS}

    return written(revision_a) == written(revision_b)


def region_names_of_groups(group_ids):
    """The region names of moderator groups (a group that is no region's moderators by its own name)."""
    teams = {team.moderators_id: team.region.name for team in RegionTeam.objects.filter(moderators__in=group_ids)}
    names = []
    for group in Group.objects.filter(pk__in=group_ids).order_by("name"):
        names.append(teams.get(group.pk, group.name))
    return names


def and_names(names):
    """'A', 'A og B', 'A, B og C'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return _("%(items)s and %(last)s") % {"items": ", ".join(names[:-1]), "last": names[-1]}


class EditorialApprovalTaskState(TaskState):
    """A task state that tracks which of the required groups have approved."""

    class Meta:
        verbose_name = _("editorial approval task state")
        verbose_name_plural = _("editorial approval task states")

    def is_own_change(self, user):
        """True if ``user`` submitted the workflow or wrote the revision under review."""
        if not user.is_authenticated:
            return False
        return user.pk in {self.workflow_state.requested_by_id, self.revision.user_id}

    def required_group_ids(self):
        return {approval.group_id for approval in self._approvals()}

    def pending_group_ids(self):
        return {approval.group_id for approval in self._approvals() if approval.approved_at is None}

    def _approvals(self):
        if not hasattr(self, "_approval_cache"):
            self._approval_cache = list(self.group_approvals.select_related("group"))
        return self._approval_cache

    def approvals(self):
        """Each required group with who approved it and when (``None`` while pending)."""
        return self._approvals()

    def record_approval(self, user, group_ids, comment, revision):
        self.group_approvals.filter(group_id__in=group_ids, approved_at__isnull=True).update(
            approved_by=user, approved_at=timezone.now(), comment=comment, revision=revision
        )
        self.__dict__.pop("_approval_cache", None)

    def reopen_approvals_of_older_revisions(self, revision):
        """Approvals given to an earlier revision than ``revision`` are pending again; returns how many.

        When a host region's moderator changes a multiregional service while approving it, the other
        region has not approved that change yet. A newer revision with the same content (an autosave, or a
        save with no change) keeps the approval: it moves to ``revision``.
        """
        count = 0
        for approval in self.group_approvals.filter(approved_at__isnull=False).exclude(revision=revision):
            if approval.revision is not None and same_content(approval.revision, revision):
                approval.revision = revision
                approval.save(update_fields=["revision"])
                continue
            approval.approved_by, approval.approved_at, approval.comment, approval.revision = None, None, "", None
            approval.save(update_fields=["approved_by", "approved_at", "comment", "revision"])
            count += 1
        self.__dict__.pop("_approval_cache", None)
        return count

    def log_partial_approval(self, user, comment):
        obj = self.revision.as_object()
        approved = [a.group.name for a in self._approvals() if a.approved_at]
        pending = [a.group.name for a in self._approvals() if a.approved_at is None]
        log(
            instance=obj,
            action="editorial.partial_approve",
            user=user,
            revision=self.revision,
            data={
                "task_state_id": self.pk,
                "approved_groups": approved,
                "pending_groups": pending,
                "comment": comment,
            },
        )


class GroupApproval(models.Model):
    """One required group's approval of a task state (pending while ``approved_at`` is empty)."""

    task_state = models.ForeignKey(EditorialApprovalTaskState, on_delete=models.CASCADE, related_name="group_approvals")
    group = models.ForeignKey(Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("approved revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("group approval")
        verbose_name_plural = _("group approvals")
        constraints = [models.UniqueConstraint(fields=["task_state", "group"], name="editorial_one_approval_per_group")]
        ordering = ["group__name"]

    def __str__(self):
        return f"{self.group} – {self.task_state_id}"
