"""Factories for the activity registers (the demo builder and the tests use them)."""

import factory

from organisations.factories import RegionFactory

from .models import ActivityFigures, ActivityMeasure, RegionPopulation


class RegionPopulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionPopulation
        django_get_or_create = ("region", "year")

    region = factory.SubFactory(RegionFactory)
    year = 2024
    population = 1_000_000
    source = "Demotall"
    is_demo = True


class ActivityFiguresFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityFigures

    year = 2024
    measure = ActivityMeasure.PATIENTS
    reporting_region = factory.LazyAttribute(lambda o: o.unit.host_trusts.first().region)
