"""Factories for users and groups (factory-boy), used by the demo builder and the tests."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

PASSWORD = "test-passord"  # noqa: S105 - the password of factory-made users (tests, demo data)


class GroupFactory(factory.django.DjangoModelFactory):
    """A group that may log in to the admin (as ``setup_editorial_roles`` creates them); found by name."""

    class Meta:
        model = Group
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Gruppe {n}")

    @factory.post_generation
    def admin_access(self, create, extracted, **kwargs):
        if create:
            self.permissions.add(
                Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
            )


class UserFactory(factory.django.DjangoModelFactory):
    """A user, e.g. ``UserFactory(username="vest.redaktor1", groups=["Helse Vest redaktør"])``.

    ``groups`` takes Group objects or names; a name that no group has yet becomes a group with admin access
    (:class:`GroupFactory`), so tests may use the editorial groups with or without ``setup_editorial_roles``.
    The password is :data:`PASSWORD` unless given.
    """

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    first_name = factory.Sequence(lambda n: f"Fornavn{n}")
    last_name = "Etternavn"
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.no")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*(g if isinstance(g, Group) else GroupFactory(name=g) for g in extracted))
