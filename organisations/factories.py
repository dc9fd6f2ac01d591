"""Factories for the snippets (factory-boy), used by the demo builder and the tests."""

import factory

from cms.core.text import norwegian_slugify as slugify

from .models import ContactPerson, HealthTrust, MedicalField, Region


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
