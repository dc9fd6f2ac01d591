"""Keep the waiting list moving when an editor publishes an event with more places."""

from django.db import transaction
from wagtail.signals import page_published

from .models import EventPage
from .services import fill_free_places


def fill_places_after_publish(sender, instance, **kwargs):
    if instance.registrations.filter(status="waiting").exists():
        transaction.on_commit(lambda: fill_free_places(instance.pk))


def connect():
    page_published.connect(fill_places_after_publish, sender=EventPage, dispatch_uid="events_fill_places")
