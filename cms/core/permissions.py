"""Rights on a single page (not its subtree) and guards on publishing, for page models that opt in.

Wagtail grants page permissions to a page and everything below it. Two kinds of page need more:

* the structural pages (home page, service index): the national group keeps them, but a tree grant there
  would cascade into every region. They use :class:`PageOnlyPermissionsMixin`;
* the units (services, networks, centres): a multiregional unit sits under one region but is edited by the
  editors and moderators of every host region, and goes live only once each host region has approved it.
  They use :class:`PageGrantsMixin`.

This module is the mechanism; the rules are registered by the apps that know them (``editorial``, from its
``AppConfig.ready``), because the page models sit below those apps:

* a *grant source* (:func:`register_grant_source`) answers which actions ("change", "publish") a user has on a
  page itself, which groups those are (for "who may publish this?") and which pages (for listings);
* a *publish guard* (:func:`register_publish_guard`) answers whether a page can be published directly at all
  (``blocked``: the admin then offers no "Publish") and whether a given revision may go live (``refusal``).

The guard holds on every publish path: the tester's ``can_publish`` (edit view, bulk publish, the admin API,
create view) and the model's ``publish`` (``Revision.publish``: bulk publish, the workflow's last approval,
``publish_scheduled``, code). Code publishing without a user (the demo builder, the importer) is trusted;
``publish_scheduled`` is not: a refused scheduled revision is unscheduled and the refusal is logged.

Imported by the page models: no model imports at module level.
"""

import logging

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.log_actions import log
from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

logger = logging.getLogger(__name__)

SCHEDULED_PUBLISH_LOG_ACTION = "wagtail.publish.scheduled"
PUBLISH_REFUSED_LOG_ACTION = "cms.publish_refused"  # its formatter is registered by editorial

_grant_sources = []
_publish_guards = []


def register_grant_source(source):
    """``source`` has ``actions(user, page)``, ``group_names(page, actions)`` and ``pages(model, user, actions)``."""
    if source not in _grant_sources:
        _grant_sources.append(source)


def register_publish_guard(guard):
    """``guard`` has ``blocked(page)`` and ``refusal(page, revision, user)``, each a message or ``None``."""
    if guard not in _publish_guards:
        _publish_guards.append(guard)


def page_actions(user, page):
    """The actions ``user`` has on ``page`` itself through the grant sources (none for superusers: they need none)."""
    if not user.is_active or user.is_anonymous or user.is_superuser or page.depth <= 1:
        return frozenset()
    return frozenset(action for source in _grant_sources for action in source.actions(user, page))


def admin_title_for(user, page):
    """The title the admin shows ``user`` for ``page``: the latest draft's (Wagtail's ``get_admin_display_title``)
    where the user may edit the page, otherwise the published ``title``. Another region's unapproved draft is that
    region's own business (issue 18, finding 8); the page chooser names pages with it."""
    if user is None:
        return page.title
    memo = page.__dict__.setdefault("_admin_titles", {})
    if user.pk not in memo:
        may_edit = page.permissions_for_user(user).can_edit()
        memo[user.pk] = page.get_admin_display_title() if may_edit else page.title
    return memo[user.pk]


def publish_blocked(page):
    """Why ``page`` cannot be published directly (a message), or ``None``."""
    for guard in _publish_guards:
        reason = guard.blocked(page)
        if reason:
            return reason
    return None


def publish_refusal(page, revision, user):
    """Why ``revision`` of ``page`` may not go live now (a message), or ``None``."""
    for guard in _publish_guards:
        reason = guard.refusal(page, revision, user)
        if reason:
            return reason
    return None


class PageGrantsPermissionTester(PagePermissionTester):
    """Wagtail's tester, plus the page's own grants and its publish guards.

    ``self.permissions`` (the tree grants) is left as Wagtail computes it, so every check that reads it (add
    subpage, delete, move, reorder, lock, and the destination checks of copy and move) is unchanged.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.page_only_actions = page_actions(user, page)

    def can_edit(self):
        return super().can_edit() or "change" in self.page_only_actions

    def _may_publish(self):
        return super().can_publish() or "publish" in self.page_only_actions

    def can_publish(self):
        return self._may_publish() and publish_blocked(self.page) is None

    def can_unpublish(self):
        if super().can_unpublish():
            return True
        return "publish" in self.page_only_actions and self.page.live and not self.page_locked()

    def can_unschedule(self):
        return self._may_publish()

    def can_copy(self):
        # Wagtail: copy = edit. A page is copied only with tree rights.
        return super().can_edit()

    def can_set_view_restrictions(self):
        # A view restriction covers the whole subtree, so it needs a tree grant to publish here.
        return super().can_publish()


class PageOnlyPermissionTester(PageGrantsPermissionTester):
    """The tester of the structural pages (home page, service index)."""


class PageOnlyPermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, plus the grant sources, on instances of the model it is registered for."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if super().user_has_any_permission_for_instance(user, actions, instance):
            return True
        return bool(page_actions(user, instance) & set(actions))

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        if not user.is_active or user.is_anonymous or user.is_superuser:
            return pages
        for source in _grant_sources:
            pages |= source.pages(self.model, user, set(actions))
        return pages

    def users_with_any_permission_for_instance(self, actions, instance, include_superusers=True):
        users = super().users_with_any_permission_for_instance(actions, instance, include_superusers)
        groups = {name for source in _grant_sources for name in source.group_names(instance, set(actions))}
        if not groups or instance.depth <= 1:
            return users
        return (
            get_user_model()
            ._default_manager.filter(is_active=True)
            .filter(Q(pk__in=users.values("pk")) | Q(groups__name__in=groups))
            .distinct()
        )


class PageGrantsMixin:
    """For page models with grants on the page itself and publish guards (see the module docstring).

    Add it before the page base class; it has no fields, so it needs no migration.
    """

    permission_tester_class = PageGrantsPermissionTester

    def permissions_for_user(self, user):
        return self.permission_tester_class(user, self)

    def publish(self, revision, user=None, changed=True, log_action=True, previous_revision=None, **kwargs):
        scheduled = user is None and log_action == SCHEDULED_PUBLISH_LOG_ACTION
        if user is not None or scheduled:
            reason = publish_refusal(self, revision, user)
            if reason and scheduled:
                _unschedule(self, revision, reason)
                return None
            if reason:
                raise PublishPagePermissionError(reason)
        return super().publish(
            revision,
            user=user,
            changed=changed,
            log_action=log_action,
            previous_revision=previous_revision,
            **kwargs,
        )


class PageOnlyPermissionsMixin(PageGrantsMixin):
    """For the structural pages, whose rights cannot be granted through the tree."""

    permission_tester_class = PageOnlyPermissionTester


def _unschedule(page, revision, reason):
    type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=None)
    log(instance=page, action=PUBLISH_REFUSED_LOG_ACTION, revision=revision, data={"reason": str(reason)})
    logger.warning("Scheduled publishing of %r (revision %s) refused: %s", page, revision.pk, reason)


def register_page_only_policies():
    """Register :class:`PageOnlyPermissionPolicy` for every page model with the structural mixin."""
    from wagtail.models import get_page_models
    from wagtail.permissions import policy_registry, register_permission_policy

    for model in get_page_models():
        if issubclass(model, PageOnlyPermissionsMixin) and not isinstance(
            policy_registry.get_by_type(model, fallback=False), PageOnlyPermissionPolicy
        ):
            register_permission_policy(model, PageOnlyPermissionPolicy(model), exact_class=True)
