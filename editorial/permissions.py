"""Rights on a page itself, not on its subtree, for the structural pages (home page, service index).

Wagtail grants page permissions to a page and everything below it. The national group keeps the home
page and the service index page, but the regions sit below them: a tree grant there would make the
national group an editor and publisher of every region. So these two pages carry *page-only* rights:

* :data:`editorial.roles.PAGE_ONLY_GRANTS` declares which groups get which actions ("change",
  "publish") on a page-only page; nothing is stored in the database;
* page models opt in with :class:`PageOnlyPermissionsMixin`, whose ``permissions_for_user`` returns a
  :class:`PageOnlyPermissionTester`: that is what the admin's edit, publish, unpublish, copy, move,
  delete and privacy views (and Wagtail's page actions) ask;
* :class:`PageOnlyPermissionPolicy` is registered in Wagtail's permission policy registry for those
  models (``EditorialConfig.ready``), for the code that asks the policy instead of the tester.

A page-only grant allows opening the editor, saving drafts, submitting for moderation (the page's
workflow still applies), publishing, unpublishing and unscheduling the page itself. It never allows
adding, deleting, moving, copying, reordering children, locking or view restrictions (a restriction
would cascade into the regions), and nothing below the page. Tree grants work as before.

Imported by the page models: no model imports at module level.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

_CACHE_ATTR = "_editorial_page_only_actions"


def page_only_actions(user):
    """The actions ("change", "publish") that ``user`` has on each page-only page, through its groups.

    Superusers need none (they may do everything anyway); inactive and anonymous users get none. Cached
    on the user object, like Wagtail's own page permission cache, for the duration of a request.
    """
    if not user.is_active or user.is_anonymous or user.is_superuser:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        from .roles import PAGE_ONLY_GRANTS

        names = set(user.groups.filter(name__in=PAGE_ONLY_GRANTS).values_list("name", flat=True))
        cached = frozenset(action for name in names for action in PAGE_ONLY_GRANTS[name])
        setattr(user, _CACHE_ATTR, cached)
    return cached


def groups_with_page_only_actions(actions):
    """Names of the groups whose page-only grant includes any of ``actions``."""
    from .roles import PAGE_ONLY_GRANTS

    return [name for name, granted in PAGE_ONLY_GRANTS.items() if set(granted) & set(actions)]


class PageOnlyPermissionTester(PagePermissionTester):
    """Wagtail's tester, plus the page-only grants of the user's groups on this page itself.

    ``self.permissions`` (the tree grants) is left as Wagtail computes it, so every check that reads it
    (add subpage, delete, move, reorder, lock, and the destination checks of copy and move) is unchanged.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.page_only_actions = frozenset() if self.page_is_root else page_only_actions(user)

    def can_edit(self):
        return super().can_edit() or "change" in self.page_only_actions

    def can_publish(self):
        return super().can_publish() or "publish" in self.page_only_actions

    def can_unpublish(self):
        if super().can_unpublish():
            return True
        return "publish" in self.page_only_actions and self.page.live and not self.page_locked()

    def can_copy(self):
        # Wagtail: copy = edit. A structural page is copied only with tree rights (in practice: admins).
        return super().can_edit()

    def can_set_view_restrictions(self):
        # A view restriction covers the whole subtree, so it needs a tree grant to publish here.
        return super().can_publish()


class PageOnlyPermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, plus the page-only grants on instances of the model it is registered for."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if super().user_has_any_permission_for_instance(user, actions, instance):
            return True
        return _is_page_only_page(instance) and bool(page_only_actions(user) & set(actions))

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        if page_only_actions(user) & set(actions):
            pages |= self.model._default_manager.filter(depth__gt=1)
        return pages

    def users_with_any_permission_for_instance(self, actions, instance, include_superusers=True):
        users = super().users_with_any_permission_for_instance(actions, instance, include_superusers)
        groups = groups_with_page_only_actions(actions)
        if not groups or not _is_page_only_page(instance):
            return users
        return (
            get_user_model()
            ._default_manager.filter(is_active=True)
            .filter(Q(pk__in=users.values("pk")) | Q(groups__name__in=groups))
            .distinct()
        )


def _is_page_only_page(instance):
    specific_class = getattr(instance, "specific_class", None) or type(instance)
    return issubclass(specific_class, PageOnlyPermissionsMixin) and instance.depth > 1


class PageOnlyPermissionsMixin:
    """For page models whose rights cannot be granted through the tree (see the module docstring).

    Add it before the page base class; it has no fields, so it needs no migration.
    """

    def permissions_for_user(self, user):
        return PageOnlyPermissionTester(user, self)


def register_page_only_policies():
    """Register :class:`PageOnlyPermissionPolicy` for every page model with the mixin (from ``ready()``)."""
    from wagtail.models import get_page_models
    from wagtail.permissions import policy_registry, register_permission_policy

    for model in get_page_models():
        if issubclass(model, PageOnlyPermissionsMixin) and not isinstance(
            policy_registry.get_by_type(model, fallback=False), PageOnlyPermissionPolicy
        ):
            register_permission_policy(model, PageOnlyPermissionPolicy(model), exact_class=True)
