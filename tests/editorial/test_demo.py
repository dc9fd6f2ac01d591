"""Demo accounts: one editor and one moderator per region, a national user and an administrator."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model

from editorial import demo

pytestmark = pytest.mark.django_db


def test_no_demo_accounts_without_debug(home_page, region_pages, settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("DEMO_ACCOUNTS", raising=False)
    out = StringIO()
    demo.load(home_page, out)
    assert not get_user_model().objects.exists()
    assert "demo accounts not created" in out.getvalue()
    # The roles are set up all the same.
    from editorial.models import RegionTeam

    assert RegionTeam.objects.count() == 4


def test_demo_accounts(client, home_page, region_pages, settings):
    settings.DEBUG = True
    out = StringIO()
    demo.load(home_page, out)
    User = get_user_model()
    for prefix, region in (("vest", "Helse Vest"), ("nord", "Helse Nord"), ("midt", "Helse Midt-Norge")):
        assert list(User.objects.get(username=f"{prefix}.redaktor").groups.values_list("name", flat=True)) == [
            f"{region} redaktør"
        ]
        assert list(User.objects.get(username=f"{prefix}.moderator").groups.values_list("name", flat=True)) == [
            f"{region} moderator"
        ]
    assert User.objects.get(username="nasjonal").groups.get().name == "Servicemiljø nasjonal"
    assert User.objects.get(username="admin").is_superuser
    assert client.login(username="vest.redaktor", password=demo.DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200

    # Idempotent: a second run creates nobody and keeps changed passwords.
    user = User.objects.get(username="vest.moderator")
    user.set_password("endret-passord-123")
    user.save()
    count = User.objects.count()
    out = StringIO()
    demo.load(home_page, out)
    assert User.objects.count() == count
    assert "created demo user" not in out.getvalue()
    assert User.objects.get(username="vest.moderator").check_password("endret-passord-123")
