"""Factories for event registrations."""

import factory
from django.utils import timezone

from events.models import Registration, RegistrationStatus
from tests.factories import EventPageFactory


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventPageFactory)
    name = factory.Sequence(lambda n: f"Ola Deltaker {n}")
    email = factory.Sequence(lambda n: f"deltaker{n}@example.no")
    organisation = "Helse Bergen HF"
    status = RegistrationStatus.CONFIRMED
    consent_at = factory.LazyFunction(timezone.now)
    created_at = factory.LazyFunction(timezone.now)
