"""Factories for the register records (users and groups: ``tests.factories``)."""

import datetime

import factory

from registers.models import AnnualReport, Application, ApplicationKind, ApplicationStage, AssessmentStatus
from tests.factories import HealthTrustFactory, RegionFactory, UserFactory  # noqa: F401  (re-exported)


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
