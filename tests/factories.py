"""Factories for the content model. Use these in every test; never hand-written fixtures."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from cms.core.text import norwegian_slugify as slugify
from events.models import EventIndexPage, EventPage
from home.models import HomePage, StandardPage
from organisations.models import ContactPerson, HealthTrust, MedicalField, Region
from reporting.models import ApplicationPage, ReportingPage
from servicepages.models import (
    CentrePage,
    NetworkPage,
    ReferenceGroupIndexPage,
    ReferenceGroupPage,
    RegionPage,
    ServiceIndexPage,
    ServicePage,
    UnitKind,
)

PASSWORD = "test-passord"


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


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Helse Region {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    short_name = factory.Sequence(lambda n: f"R{n}")


class HealthTrustFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HealthTrust
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Sykehus {n} HF")
    region = factory.SubFactory(RegionFactory)


class MedicalFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MedicalField
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Fagområde {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    name = factory.Sequence(lambda n: f"Kari Kontakt {n}")
    job_title = "Rådgiver"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.no")
    region = factory.SubFactory(RegionFactory)


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "RHF-enes servicemiljø for nasjonale tjenester, nettverk og sentre"
    introduction = "Servicemiljøet bistår og veileder nasjonale tjenester, nettverk og sentre."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Standardside {n}")


class ServiceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ServiceIndexPage

    title = "Tjenester, nettverk og sentre"


class RegionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RegionPage

    region = factory.SubFactory(RegionFactory)
    title = factory.LazyAttribute(lambda o: o.region.name)


class _UnitFactoryMixin:
    @factory.post_generation
    def host_trusts(self, create, extracted, **kwargs):
        if extracted:
            self.host_trusts.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def medical_fields(self, create, extracted, **kwargs):
        if extracted:
            self.medical_fields.set(extracted)
            if create:
                self.save()


class ServicePageFactory(_UnitFactoryMixin, wagtail_factories.PageFactory):
    class Meta:
        model = ServicePage

    title = factory.Sequence(lambda n: f"Nasjonal behandlingstjeneste for testing {n}")
    kind = UnitKind.TREATMENT
    approved_description = "<p>Godkjent beskrivelse.</p>"
    goals = "<p>Mål for tjenesten.</p>"


class NetworkPageFactory(_UnitFactoryMixin, wagtail_factories.PageFactory):
    class Meta:
        model = NetworkPage

    title = factory.Sequence(lambda n: f"Nasjonalt kvalitets- og kompetansenettverk {n}")
    kind = UnitKind.NETWORK
    established = datetime.date(2023, 1, 1)


class CentrePageFactory(_UnitFactoryMixin, wagtail_factories.PageFactory):
    class Meta:
        model = CentrePage

    title = factory.Sequence(lambda n: f"Nasjonalt senter {n}")
    kind = UnitKind.CENTRE


class ReferenceGroupIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ReferenceGroupIndexPage

    title = "Referansegrupper"


class ReferenceGroupPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ReferenceGroupPage

    title = factory.Sequence(lambda n: f"Referansegruppe {n}")


class ReportingPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ReportingPage

    title = "Rapportering"


class ApplicationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ApplicationPage

    title = "Søknad om nye nasjonale tjenester"


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Arrangementer"


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Arrangement {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=5))
    venue = "Oslo"
