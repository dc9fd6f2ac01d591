"""The editorial rules on single pages, plugged into ``cms.core.permissions`` (the mechanism).

* Structural pages (home page, service index): the groups of :data:`editorial.roles.PAGE_ONLY_GRANTS` get
  their actions on the page itself. A page-only grant allows opening the editor, saving drafts, submitting
  for moderation (the page's workflow still applies), publishing, unpublishing and unscheduling the page
  itself; never adding, deleting, moving, copying, reordering children, locking or view restrictions, and
  nothing below the page.
* Multiregional units: the editors and moderators of every host region may open, edit and submit the unit
  ("change" on that page only; nothing else of the region it sits under opens up).
* Joint approval: a multiregional unit goes live only once the moderators of every host region have
  approved the very revision being published (:class:`JointApprovalGuard`). So nobody, administrators
  included, publishes it directly; the edit view routes "Publish" into the workflow (``wagtail_hooks``).
"""

from django.contrib.auth.models import Group
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cms.core.permissions import (
    PageOnlyPermissionsMixin,
    register_grant_source,
    register_page_only_policies,
    register_publish_guard,
)
from organisations.models import Region
from servicepages.models import NationalUnitPage

from .models import GroupApproval, RegionTeam, and_names, joint_approval_regions
from .roles import PAGE_ONLY_GRANTS

_CACHE_ATTR = "_editorial_page_only_actions"


def page_only_actions(user):
    """The actions ("change", "publish") that ``user`` has on each structural page, through its groups.

    Superusers need none (they may do everything anyway); inactive and anonymous users get none. Cached
    on the user object, like Wagtail's own page permission cache, for the duration of a request.
    """
    if not user.is_active or user.is_anonymous or user.is_superuser:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        names = set(user.groups.filter(name__in=PAGE_ONLY_GRANTS).values_list("name", flat=True))
        cached = frozenset(action for name in names for action in PAGE_ONLY_GRANTS[name])
        setattr(user, _CACHE_ATTR, cached)
    return cached


def groups_with_page_only_actions(actions):
    """Names of the groups whose page-only grant includes any of ``actions``."""
    return [name for name, granted in PAGE_ONLY_GRANTS.items() if set(granted) & set(actions)]


def _is_structural(page):
    specific_class = getattr(page, "specific_class", None) or type(page)
    return issubclass(specific_class, PageOnlyPermissionsMixin) and page.depth > 1


class StructuralPageGrants:
    """The national group's rights on the home page and the service index themselves."""

    def actions(self, user, page):
        return page_only_actions(user) if _is_structural(page) else ()

    def group_names(self, page, actions):
        return groups_with_page_only_actions(actions) if _is_structural(page) else ()

    def pages(self, model, user, actions):
        if issubclass(model, PageOnlyPermissionsMixin) and page_only_actions(user) & actions:
            return model._default_manager.filter(depth__gt=1)
        return model._default_manager.none()


def host_region_teams(unit):
    """The editorial teams of the regions whose trusts host the multiregional ``unit`` (as stored)."""
    regions = joint_approval_regions(unit)
    return RegionTeam.objects.filter(region__in=regions).select_related("region") if regions else []


class HostRegionGrants:
    """Editors and moderators of every host region may edit and submit a multiregional unit."""

    def _group_ids(self, page):
        if not isinstance(page, NationalUnitPage):
            return set()
        cache = page.__dict__.setdefault("_editorial_host_group_ids", None)
        if cache is None:
            cache = set()
            for team in host_region_teams(page):
                cache |= {team.editors_id, team.moderators_id}
            page.__dict__["_editorial_host_group_ids"] = cache
        return cache

    def actions(self, user, page):
        group_ids = self._group_ids(page)
        if group_ids and set(user.groups.values_list("pk", flat=True)) & group_ids:
            return ("change",)
        return ()

    def group_names(self, page, actions):
        if "change" not in actions:
            return ()
        return list(Group.objects.filter(pk__in=self._group_ids(page)).values_list("name", flat=True))

    def pages(self, model, user, actions):
        return model._default_manager.none()


and_list = and_names


class JointApprovalGuard:
    """A multiregional unit is published only through its workflow, once every host region has approved."""

    def blocked(self, page):
        if not isinstance(page, NationalUnitPage) or not page.pk:
            return None
        stored = NationalUnitPage.objects.filter(pk=page.pk).first()
        latest = page.get_latest_revision()
        regions = joint_approval_regions(page, stored) | joint_approval_regions(latest.as_object() if latest else None)
        if not regions:
            return None
        if page.workflow_in_progress:
            text = _(
                "“{title}” is a multiregional unit: it is published when the moderators of {regions} have "
                "approved the change. It is in review now."
            )
        else:
            text = _(
                "“{title}” is a multiregional unit: it is published when the moderators of {regions} have "
                "approved the change. Submit it for approval."
            )
        return format_lazy(
            text,
            title=page.title,
            regions=and_list(_region_names(regions)),
        )

    def refusal(self, page, revision, user):
        missing = self.missing_regions(page, revision)
        if not missing:
            return None
        return format_lazy(
            _(
                "“{title}” is a multiregional unit and cannot be published before the moderators of {regions} "
                "have approved this version."
            ),
            title=page.title,
            regions=and_list(missing),
        )

    def missing_regions(self, page, revision):
        """Names of the host regions whose moderators have not approved ``revision`` (empty if none needed)."""
        if not isinstance(page, NationalUnitPage):
            return []
        stored = NationalUnitPage.objects.filter(pk=page.pk).first() if page.pk else None
        regions = joint_approval_regions(stored, revision.as_object())
        if not regions:
            return []
        teams = RegionTeam.objects.filter(region__in=regions).select_related("region")
        approved = set(
            GroupApproval.objects.filter(
                revision=revision, approved_at__isnull=False, group__in=[t.moderators_id for t in teams]
            ).values_list("group_id", flat=True)
        )
        return [team.region.name for team in teams if team.moderators_id not in approved]


def _region_names(region_ids):
    return list(Region.objects.filter(pk__in=region_ids).order_by("sort_order", "name").values_list("name", flat=True))


structural_page_grants = StructuralPageGrants()
host_region_grants = HostRegionGrants()
joint_approval_guard = JointApprovalGuard()


def register_editorial_rules():
    """Plug the rules into ``cms.core.permissions`` (from ``EditorialConfig.ready``)."""
    register_grant_source(structural_page_grants)
    register_grant_source(host_region_grants)
    register_publish_guard(joint_approval_guard)
    register_page_only_policies()
