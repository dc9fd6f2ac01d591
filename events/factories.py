"""Factories for the event pages (wagtail-factories), used by the demo builder and the tests."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .models import EventIndexPage, EventPage


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
