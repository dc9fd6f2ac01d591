"""Factories for the register records and the editorial users that work with them."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from registers.models import AnnualReport, Application, ApplicationKind, ApplicationStage, AssessmentStatus
from tests.factories import HealthTrustFactory, RegionFactory


class GroupFactory(factory.django.DjangoModelFactory):
    """An editorial group that may log in to the admin (as `setup_editorial_roles` creates them)."""

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
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    first_name = factory.Sequence(lambda n: f"Fornavn{n}")
    last_name = "Etternavn"
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.no")
    password = factory.django.Password("passord-for-test")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(GroupFactory(name=name))


class AnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualReport

    year = 2024
    submitted = datetime.date(2025, 2, 3)
    erapport_url = factory.Sequence(lambda n: f"https://forskningsprosjekter.ihelse.net/senter/rapport/NK-T{n}/2024")
    status = AssessmentStatus.RECEIVED
    assessing_region = factory.SubFactory(RegionFactory)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    title = factory.Sequence(lambda n: f"Nasjonal behandlingstjeneste for søknad {n}")
    kind = ApplicationKind.TREATMENT
    round_year = 2025
    applying_region = factory.SubFactory(RegionFactory)
    health_trust = factory.LazyAttribute(
        lambda o: o.applying_region.health_trusts.first() or HealthTrustFactory(region=o.applying_region)
    )
    stage = ApplicationStage.RECEIVED
    received_on = datetime.date(2024, 8, 30)
