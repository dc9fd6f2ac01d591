"""Editors' tools: promotions, synonyms and the popular search terms report for the national group."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query

from search.permissions import NATIONAL_GROUP, SEARCH_EDITOR_PERMISSIONS


@pytest.fixture
def national_editor(db, django_user_model):
    """A member of the national group, with the rights `setup_editorial_roles` gives it."""
    from editorial.roles import setup_editorial_roles

    setup_editorial_roles()
    group = Group.objects.get(name=NATIONAL_GROUP)
    assert {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()} >= set(
        SEARCH_EDITOR_PERMISSIONS
    )
    user = django_user_model.objects.create_user("nasjonal", password="x")
    user.groups.add(group)
    return user


def test_every_permission_exists(db):
    for name in SEARCH_EDITOR_PERMISSIONS:
        app_label, codename = name.split(".")
        assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists(), name


def test_national_group_sees_popular_queries_report(client, national_editor):
    Query.get("brannskade").add_hit()
    Query.get("brannskade").add_hit()
    client.force_login(national_editor)
    response = client.get(reverse("portal_search_popular_queries"))
    assert response.status_code == 200
    assert "brannskade" in response.content.decode()


def test_report_is_closed_to_others(client, django_user_model, db):
    user = django_user_model.objects.create_user("annen", password="x")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("portal_search_popular_queries"))
    assert response.status_code in (302, 403)


def test_national_group_manages_promotions_and_synonyms(client, national_editor):
    client.force_login(national_editor)
    assert client.get(reverse("wagtailsearchpromotions:index")).status_code == 200
    assert client.get(reverse("wagtailsearchpromotions:add")).status_code == 200
    assert client.get(reverse("wagtailsnippets_portal_search_searchsynonym:list")).status_code == 200
    response = client.post(
        reverse("wagtailsnippets_portal_search_searchsynonym:add"), {"terms": "Hjerne, hjerna", "note": ""}
    )
    assert response.status_code == 302
    from search.models import SearchSynonym

    assert SearchSynonym.objects.filter(terms="hjerne, hjerna").exists()


def test_rebuild_command_on_the_database(demo_site, capsys):
    call_command("rebuild_search_index", engine="database")
    assert "Database search index" in capsys.readouterr().out


def test_demo_module_adds_promotions_once(demo_site):
    from io import StringIO

    from wagtail.contrib.search_promotions.models import SearchPromotion

    from search import demo

    reporting = demo_site["Rapportering"]
    assert reporting.slug == "rapportering"
    home_page = reporting.get_parent().specific
    demo.load(home_page=home_page, stdout=StringIO())
    demo.load(home_page=home_page, stdout=StringIO())
    promotions = SearchPromotion.objects.filter(query__query_string="årsrapport")
    assert promotions.count() == 1
    assert promotions.get().page_id == reporting.pk
