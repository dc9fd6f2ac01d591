"""What the home page lists: the next events and the services per region."""

from events.models import EventPage


def upcoming_events(limit=3):
    """The next ``limit`` live, public events that have not ended (their registration state is read live)."""
    return list(EventPage.objects.upcoming()[:limit])
