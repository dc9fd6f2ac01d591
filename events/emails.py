"""E-mails to the people who register, always in Norwegian bokmål, with the event's .ics attached."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .ical import calendar_bytes
from .links import cancel_url
from .models import RegistrationStatus

TEMPLATES = {
    "registered": "events/email/registered.txt",
    "promoted": "events/email/promoted.txt",
    "cancelled": "events/email/cancelled.txt",
}


def send_registration_email(registration, kind, request=None):
    event = registration.event
    with translation.override("nb"):
        if kind == "registered" and registration.status == RegistrationStatus.WAITING:
            subject = _("You are on the waiting list: %(title)s")
        elif kind == "registered":
            subject = _("Registration confirmed: %(title)s")
        elif kind == "promoted":
            subject = _("You have a place: %(title)s")
        else:
            subject = _("Cancellation confirmed: %(title)s")
        subject = subject % {"title": event.title}
        context = {
            "registration": registration,
            "event": event,
            "event_url": event.get_full_url(request),
            "cancel_url": cancel_url(registration, request) if kind != "cancelled" else "",
            "waiting_position": registration.waiting_position(),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        body = render_to_string(TEMPLATES[kind], context)
        message = EmailMessage(subject=subject, body=body, to=[registration.email])
        if registration.status == RegistrationStatus.CONFIRMED and kind in ("registered", "promoted"):
            message.attach(f"{event.slug}.ics", calendar_bytes([event], request), "text/calendar")
        message.send()
