"""Registrations are personal data: who sees them in the admin register, the export and a single entry."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests.factories import EventPageFactory

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db

INDEX_URL_NAME = "events_registration_modeladmin_index"
INSPECT_URL_NAME = "events_registration_modeladmin_inspect"


def admin_group(name):
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return group


@pytest.fixture
def people(django_user_model):
    def user(username, *groups, superuser=False):
        person = django_user_model.objects.create_user(username=username, password="pw", is_superuser=superuser)
        for group in groups:
            person.groups.add(group)
        return person

    return {
        "superuser": user("admin", superuser=True),
        "national": user("nasjonal", admin_group("Servicemiljø nasjonal")),
        "region_editor": user("vest-redaktor", admin_group("Helse Vest redaktør")),
        "owner": user("eier", admin_group("Helse Midt-Norge redaktør")),
        "public": user("besokende"),
    }


@pytest.fixture
def registrations(event_index, people):
    owned = EventPageFactory(parent=event_index, title="Eiers samling", owner=people["owner"])
    other = EventPageFactory(parent=event_index, title="Annen samling")
    return {
        "owned": RegistrationFactory(event=owned, name="Eva Eiersamling", email="eva@example.no"),
        "other": RegistrationFactory(event=other, name="Ola Annensamling", email="ola@example.no"),
    }


def listing(client, user):
    client.force_login(user)
    return client.get(reverse(INDEX_URL_NAME))


def export(client, user):
    client.force_login(user)
    response = client.get(reverse(INDEX_URL_NAME) + "?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize("role", ["superuser", "national"])
def test_superusers_and_the_national_group_see_every_registration(client, people, registrations, role):
    response = listing(client, people[role])
    assert response.status_code == 200
    body = response.content.decode()
    assert "Eva Eiersamling" in body and "Ola Annensamling" in body
    rows = export(client, people[role])
    assert sorted(row["Navn"] for row in rows) == ["Eva Eiersamling", "Ola Annensamling"]
    assert {row["E-post"] for row in rows} == {"eva@example.no", "ola@example.no"}
    assert {row["Status"] for row in rows} == {"Bekreftet"}
    assert {row["Arrangement"] for row in rows} == {"Eiers samling", "Annen samling"}
    inspect = client.get(reverse(INSPECT_URL_NAME, args=[registrations["other"].pk]))
    assert inspect.status_code == 200
    assert "ola@example.no" in inspect.content.decode()


def test_the_owner_of_an_event_sees_only_that_events_registrations(client, people, registrations):
    response = listing(client, people["owner"])
    assert response.status_code == 200
    body = response.content.decode()
    assert "Eva Eiersamling" in body
    assert "Ola Annensamling" not in body
    assert [row["Navn"] for row in export(client, people["owner"])] == ["Eva Eiersamling"]
    assert client.get(reverse(INSPECT_URL_NAME, args=[registrations["owned"].pk])).status_code == 200
    assert client.get(reverse(INSPECT_URL_NAME, args=[registrations["other"].pk])).status_code in (302, 403, 404)


def test_a_region_editor_who_owns_no_event_sees_nothing(client, people, registrations):
    response = listing(client, people["region_editor"])
    assert response.status_code in (302, 403)
    assert "Ola Annensamling" not in response.content.decode()
    client.force_login(people["region_editor"])
    assert client.get(reverse(INDEX_URL_NAME) + "?export=csv").status_code in (302, 403)
    inspect = client.get(reverse(INSPECT_URL_NAME, args=[registrations["other"].pk]))
    assert inspect.status_code in (302, 403, 404)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(INDEX_URL_NAME) not in menu


def test_the_menu_item_is_shown_to_those_who_may_see_registrations(client, people, registrations):
    client.force_login(people["national"])
    assert reverse(INDEX_URL_NAME) in client.get(reverse("wagtailadmin_home")).content.decode()


def test_anonymous_and_non_admin_users_are_sent_away(client, people, registrations):
    assert client.get(reverse(INDEX_URL_NAME)).status_code == 302
    response = listing(client, people["public"])
    assert response.status_code in (302, 403)


def test_the_register_is_read_only(client, people, registrations):
    client.force_login(people["superuser"])
    pk = registrations["other"].pk
    for name, args in (
        ("events_registration_modeladmin_create", []),
        ("events_registration_modeladmin_edit", [pk]),
        ("events_registration_modeladmin_delete", [pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code in (302, 403), name


def test_the_history_view_of_a_registration_is_refused_to_those_who_may_not_see_it(client, people, registrations):
    """Walking /admin/events/registration/history/<pk>/ once read every registrant's name (its title)."""
    other = registrations["other"]
    url = f"/admin/events/registration/history/{other.pk}/"
    for role in ("region_editor", "owner", "national", "superuser"):
        client.force_login(people[role])
        response = client.get(url)
        assert response.status_code in (302, 403, 404), role
        assert "Ola Annensamling" not in response.content.decode(), role


def test_every_register_history_view_follows_the_inspect_rule(people, registrations):
    """Each modeladmin register either has no history view or one that asks the permission helper."""
    from django.urls import get_resolver

    from cms.core.modeladmin import GuardedHistoryView

    def walk(resolver):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern)
            else:
                yield pattern

    admins = {}
    for pattern in walk(get_resolver()):
        view = pattern.callback
        while not hasattr(view, "__self__") and hasattr(view, "__wrapped__"):
            view = view.__wrapped__  # the admin's access decorators wrap the bound method
        model_admin = getattr(view, "__self__", None)
        if (pattern.name or "").endswith("_modeladmin_index") and model_admin is not None:
            admins[model_admin.model._meta.label] = model_admin
    assert set(admins) >= {"events.Registration", "registers.AnnualReport", "registers.Application"}
    for model_admin in admins.values():
        if model_admin.history_view_enabled:
            assert issubclass(model_admin.history_view_class, GuardedHistoryView), model_admin
    registration_admin = admins["events.Registration"]
    view = GuardedHistoryView(registration_admin, str(registrations["other"].pk))
    assert not view.check_action_permitted(people["region_editor"])
    assert not view.check_action_permitted(people["owner"])
    assert view.check_action_permitted(people["national"])


@pytest.mark.parametrize("query", ["%20=x", "9999-12-31T25%3A61%3A00=1", "created_at__gte=ikke-en-dato"])
def test_a_filter_in_the_address_that_cannot_apply_gives_a_message_not_a_500(client, people, registrations, query):
    """Hypothesis found it: modeladmin turns every unknown parameter into a lookup, and a bad one raised."""
    client.force_login(people["superuser"])
    response = client.get(reverse(INDEX_URL_NAME) + "?" + query, follow=True)
    assert response.status_code == 200
    assert "Filteret i adressen er ikke gyldig" in response.content.decode()
    assert "Ola Annensamling" in response.content.decode()  # the whole list instead
