"""Who may see and change which register records.

Access follows the editorial groups created by `setup_editorial_roles`:

* superusers and members of the national group ("Servicemiljø nasjonal") work with every region;
* members of a regional moderator group ("<region name> moderator", e.g. "Helse Vest moderator") work with
  their own region's records only;
* everybody else has no access to the registers.

The scope is worked out once per request user and cached on the user object.
"""

from dataclasses import dataclass, field

from organisations import teams
from organisations.teams import NATIONAL_GROUP_NAME

NATIONAL_GROUP = NATIONAL_GROUP_NAME


@dataclass(frozen=True)
class RegionScope:
    all_regions: bool = False
    region_ids: frozenset = field(default_factory=frozenset)

    @property
    def has_access(self):
        return self.all_regions or bool(self.region_ids)

    def covers(self, region_id):
        return self.all_regions or (region_id is not None and region_id in self.region_ids)

    def filter(self, queryset, lookup):
        """Limit `queryset` to this scope; `lookup` names the region foreign key, e.g. 'assessing_region'."""
        if self.all_regions:
            return queryset
        return queryset.filter(**{f"{lookup}__in": self.region_ids})


def get_scope(user):
    """The regions `user` may see and change in the registers."""
    if user is None or not user.is_authenticated or not user.is_active:
        return RegionScope()
    cached = getattr(user, "_registers_scope", None)
    if cached is not None:
        return cached
    if user.is_superuser or teams.is_national(user):
        scope = RegionScope(all_regions=True)
    else:
        scope = RegionScope(region_ids=frozenset(teams.regions_moderated_by(user)))
    user._registers_scope = scope
    return scope
