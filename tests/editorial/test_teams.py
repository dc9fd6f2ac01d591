"""The teams API (organisations/teams.py): who edits or moderates which region, who is national, who approves."""

import pytest

from organisations import teams
from servicepages.models import UnitKind
from tests import factories

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_regions_of_each_role(editorial):
    vest, nord = editorial.regions["helse-vest"], editorial.regions["helse-nord"]
    users = editorial.users
    assert teams.regions_edited_by(users.vest_editor1) == {vest.pk}
    assert teams.regions_moderated_by(users.vest_editor1) == set()
    assert teams.regions_edited_by(users.nord_moderator1) == {nord.pk}
    assert teams.regions_moderated_by(users.nord_moderator1) == {nord.pk}
    assert teams.is_national(users.national1) and not teams.is_national(users.vest_moderator1)
    assert teams.regions_edited_by(users.national1) == set()
    users.vest_moderator1.is_active = False
    assert teams.regions_moderated_by(users.vest_moderator1) == set()


def test_the_answers_follow_the_region_team(editorial):
    """A team's groups count by the team, whatever they are called."""
    vest = editorial.regions["helse-vest"]
    group = vest.team.moderators
    group.name = "Moderatorer i Vest"
    group.save()
    user = UserFactory(username="omdopt", groups=[group])
    assert teams.regions_moderated_by(user) == {vest.pk}


def test_without_teams_the_group_names_count(regions):
    user = UserFactory(username="vest", groups=["Helse Vest moderator"])
    assert teams.regions_moderated_by(user) == {regions["helse-vest"].pk}


def test_which_groups_approve_a_unit(editorial):
    vest, nord = editorial.regions["helse-vest"], editorial.regions["helse-nord"]
    unit = factories.ServicePageFactory(
        parent=editorial.region_pages["helse-vest"],
        kind=UnitKind.MULTIREGIONAL,
        host_trusts=[editorial.vest_trust, editorial.nord_trust],
    )
    assert {g.name for g in teams.approving_groups(unit, vest.pk)} == {"Helse Vest moderator", "Helse Nord moderator"}
    assert teams.host_region_ids(unit) == {vest.pk, nord.pk}
    assert [g.name for g in teams.approving_groups(editorial.nord_service, nord.pk)] == ["Helse Nord moderator"]


def test_the_national_group_name_is_defined_once():
    from editorial.roles import NATIONAL_GROUP_NAME
    from events import conf
    from registers.access import NATIONAL_GROUP
    from search.permissions import NATIONAL_GROUP as SEARCH_NATIONAL_GROUP

    assert NATIONAL_GROUP_NAME is teams.NATIONAL_GROUP_NAME
    assert NATIONAL_GROUP is teams.NATIONAL_GROUP_NAME
    assert SEARCH_NATIONAL_GROUP is teams.NATIONAL_GROUP_NAME
    assert conf.DEFAULTS["EVENTS_NATIONAL_GROUP"] is teams.NATIONAL_GROUP_NAME
