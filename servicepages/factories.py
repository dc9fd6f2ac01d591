"""Factories for services, networks, centres, regions and reference groups (wagtail-factories)."""

import datetime

import factory
import wagtail_factories

from organisations.factories import RegionFactory

from .models import (
    CentrePage,
    NetworkPage,
    ReferenceGroupIndexPage,
    ReferenceGroupPage,
    RegionPage,
    ServiceIndexPage,
    ServicePage,
    UnitKind,
)


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
