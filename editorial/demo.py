"""Demo accounts (demo only): one editor and one moderator per region, one national user and an admin.

The editorial demo section of ``manage.py load_demo_content`` (``make run``, ``cms.core.demo``); never by settings
or migrations. The accounts (with a published password) are only created with ``DEBUG`` on, as in the
development settings, or when ``DEMO_ACCOUNTS=true`` is set on purpose (a demo server); under the
production settings the loader sets up the roles but creates no account. Idempotent: existing accounts
keep their password and only get their group membership put right.
"""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.core import demo
from organisations.models import Region

from .models import RegionTeam
from .roles import NATIONAL_GROUP_NAME, setup_editorial_roles

DEMO_PASSWORD = "demo-passord-2026"  # noqa: S105 - published in the README as a demo-only password

# Region slug -> username prefix.
REGION_PREFIXES = {
    "helse-sor-ost": "sorost",
    "helse-vest": "vest",
    "helse-midt-norge": "midt",
    "helse-nord": "nord",
}

ROLE_NAMES = {"redaktor": "Redaktør", "moderator": "Moderator"}


def _user(username, *, first_name, last_name, stdout, superuser=False):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@example.no",
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        stdout.write(f"  created demo user {username}")
    return user


def demo_accounts_allowed():
    return settings.DEBUG or os.environ.get("DEMO_ACCOUNTS", "").lower() == "true"


@demo.section("editorial", order=90, label="Editorial roles and demo accounts")
def build(builder):
    load(builder.home_page, builder.stdout)


def load(home_page, stdout):
    report = setup_editorial_roles()
    for warning in report.warnings:
        stdout.write(f"  Warning: {warning}")
    stdout.write(f"  editorial roles: {len(report.changes)} change(s)")
    if not demo_accounts_allowed():
        stdout.write("  demo accounts not created: DEBUG is off (set DEMO_ACCOUNTS=true on a demo server)")
        return

    teams = {team.region.slug: team for team in RegionTeam.objects.select_related("region", "editors", "moderators")}
    for region in Region.objects.order_by("sort_order"):
        prefix = REGION_PREFIXES.get(region.slug, region.slug.replace("helse-", "").replace("-", ""))
        team = teams.get(region.slug)
        if team is None:
            continue
        for role, group in (("redaktor", team.editors), ("moderator", team.moderators)):
            user = _user(f"{prefix}.{role}", first_name=ROLE_NAMES[role], last_name=region.name, stdout=stdout)
            user.groups.set([group])

    national = _user("nasjonal", first_name="Servicemiljø", last_name="nasjonal", stdout=stdout)
    national.groups.set(Group.objects.filter(name=NATIONAL_GROUP_NAME))
    _user("admin", first_name="Administrator", last_name="", stdout=stdout, superuser=True)
