"""Settings of the events app, with defaults. Override any of them in the Django settings."""

from django.conf import settings

from organisations.teams import NATIONAL_GROUP_NAME

DEFAULTS = {
    # Registrations are anonymised this many days after the event ended (anonymise_registrations).
    "EVENTS_ANONYMISE_AFTER_DAYS": 90,
    # How long a personal cancellation link stays valid (seconds). It also stops working when the event starts.
    "EVENTS_CANCEL_LINK_MAX_AGE": 60 * 60 * 24 * 366,
    # How long the receipt page after registering can be opened (seconds).
    "EVENTS_RECEIPT_MAX_AGE": 60 * 60,
    # Registration attempts allowed from one address per window (seconds).
    "EVENTS_REGISTRATION_RATE_LIMIT": 20,
    "EVENTS_REGISTRATION_RATE_WINDOW": 10 * 60,
    # Members of this group see every registration in the admin.
    "EVENTS_NATIONAL_GROUP": NATIONAL_GROUP_NAME,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
