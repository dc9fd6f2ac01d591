"""The teams API: who edits or moderates which region, who is national, which groups approve a unit.

One module for every app (editorial, registers, events, search), below them in the layers. It reads
:class:`~organisations.models.RegionTeam`, the editorial groups and media collection of one region, created by
``manage.py setup_editorial_roles`` (``editorial.roles``) with the group names defined here. For a region
without a team yet (roles not set up), the groups are found by those names.

The answers for a user are cached on the user object for the request, like Wagtail's permission cache.
"""

from django.contrib.auth.models import Group

from .models import Region, RegionTeam

NATIONAL_GROUP_NAME = "Servicemiljø nasjonal"
EDITOR_SUFFIX = " redaktør"
MODERATOR_SUFFIX = " moderator"
MULTIREGIONAL_KIND = "flerregional"  # servicepages.choices.UnitKind.MULTIREGIONAL (a layer above)


_national_permissions = []


def add_national_permissions(names):
    """Apps declare the permissions ("app_label.codename") the national group needs (from ``ready()``);
    ``setup_editorial_roles`` gives them."""
    for name in names:
        if name not in _national_permissions:
            _national_permissions.append(name)


def national_permissions():
    return list(_national_permissions)


def editor_group_name(region):
    return f"{region.name}{EDITOR_SUFFIX}"


def moderator_group_name(region):
    return f"{region.name}{MODERATOR_SUFFIX}"


_CACHE_ATTR = "_teams_memberships"


def _memberships(user):
    """``(national, edited region ids, moderated region ids)`` of an active, logged-in user; cached on it."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False, frozenset(), frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    groups = dict(user.groups.values_list("pk", "name"))
    edited, moderated = set(), set()
    teamless = {}
    for region_id, region_name, editors_id, moderators_id in Region.objects.values_list(
        "pk", "name", "team__editors_id", "team__moderators_id"
    ):
        if editors_id is None:
            teamless[region_id] = region_name
            continue
        if editors_id in groups:
            edited.add(region_id)
        if moderators_id in groups:
            edited.add(region_id)
            moderated.add(region_id)
    names = set(groups.values())
    for region_id, region_name in teamless.items():
        if region_name + MODERATOR_SUFFIX in names:
            edited.add(region_id)
            moderated.add(region_id)
        elif region_name + EDITOR_SUFFIX in names:
            edited.add(region_id)
    cached = (NATIONAL_GROUP_NAME in names, frozenset(edited), frozenset(moderated))
    setattr(user, _CACHE_ATTR, cached)
    return cached


def is_national(user):
    """Whether ``user`` belongs to the national group (superusers are not counted: check that separately)."""
    return _memberships(user)[0]


def regions_edited_by(user):
    """Ids of the regions whose pages ``user`` edits (as editor or moderator)."""
    return _memberships(user)[1]


def regions_moderated_by(user):
    """Ids of the regions ``user`` moderates."""
    return _memberships(user)[2]


def national_group():
    return Group.objects.filter(name=NATIONAL_GROUP_NAME).first()


def host_region_ids(unit):
    """Ids of the regions whose trusts host ``unit``, if it is multiregional (its host regions must all approve)."""
    if getattr(unit, "kind", None) != MULTIREGIONAL_KIND:
        return set()
    return {trust.region_id for trust in unit.host_trusts.all()}


def teams_of(region_ids):
    return RegionTeam.objects.filter(region__in=region_ids).select_related("region", "editors", "moderators")


def approving_groups(unit, region_id=None):
    """The groups that approve ``unit``: the moderators of the region it sits under (``region_id``) and, for a
    multiregional unit, of every host region."""
    region_ids = host_region_ids(unit)
    if region_id is not None:
        region_ids.add(region_id)
    return [team.moderators for team in teams_of(region_ids)]
