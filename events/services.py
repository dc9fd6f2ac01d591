"""Registration, cancellation and waiting-list promotion, safe under concurrent requests.

Every change to an event's registrations happens in one transaction that first locks the event: on PostgreSQL
with ``SELECT ... FOR UPDATE`` on the event row, on SQLite by taking the database write lock up front (a no-op
UPDATE of the event row), so concurrent registrations queue instead of overselling. E-mails are sent only after
the transaction has committed.
"""

import dataclasses
import hashlib
import logging

from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from . import conf
from .models import Attendance, EventPage, Registration, RegistrationStatus, next_queue_number

logger = logging.getLogger(__name__)

CANCEL_SALT = "events.registration.cancel"
RECEIPT_SALT = "events.registration.receipt"


class RegistrationError(Exception):
    """A registration that cannot be accepted; ``code`` says why."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


@dataclasses.dataclass
class RegistrationData:
    name: str
    email: str
    organisation: str = ""
    region_id: int | None = None
    diet: str = ""
    accessibility: str = ""
    attendance: str = Attendance.PHYSICAL


def lock_event(event_id):
    """Lock the event for the rest of the transaction and return it fresh from the database."""
    queryset = EventPage.objects.filter(pk=event_id)
    if connection.features.has_select_for_update_of:
        queryset = queryset.select_for_update(of=("self",))
    elif connection.features.has_select_for_update:
        queryset = queryset.select_for_update()
    elif connection.vendor == "sqlite":
        # SQLite has no row locks: writing first takes the database's write lock for this transaction, so a
        # second registration waits here (busy timeout) until the first has committed.
        EventPage.objects.filter(pk=event_id).update(capacity=F("capacity"))
    return queryset.get()


def count_confirmed(event, attendance):
    return Registration.objects.filter(
        event_id=event.pk, status=RegistrationStatus.CONFIRMED, attendance=attendance
    ).count()


def _has_free_place(event, attendance):
    capacity = event.capacity_for(attendance)
    return capacity is None or count_confirmed(event, attendance) < capacity


def register(event_id, data, *, now=None, request=None):
    """Register a person for an event: a place if one is free, otherwise the waiting list.

    Each attendance mode has its own places and its own waiting list. Raises RegistrationError("closed"),
    ("duplicate"), ("attendance": a mode the event does not offer) or ("missing_event").
    """
    explicit_now = now
    now = now or timezone.now()
    email = data.email.strip()
    try:
        with transaction.atomic():
            try:
                event = lock_event(event_id)
            except EventPage.DoesNotExist as error:
                raise RegistrationError("missing_event") from error
            if not event.live or not event.registration_window_is_open(now):
                raise RegistrationError("closed")
            if data.attendance not in event.attendance_modes:
                raise RegistrationError("attendance")
            if Registration.objects.active().filter(event_id=event.pk, email__iexact=email).exists():
                raise RegistrationError("duplicate")
            # Anyone already waiting gets a free place before a newcomer (e.g. after a capacity change).
            for person in _promote_waiting(event, now):
                transaction.on_commit(lambda person=person: _send(person, "promoted", request))
            free = _has_free_place(event, data.attendance)
            status = RegistrationStatus.CONFIRMED if free else RegistrationStatus.WAITING
            # Arrival is when the lock was granted: the number and the time are taken now, not before the lock.
            arrived = timezone.now() if explicit_now is None else now
            registration = Registration.objects.create(
                queue_number=next_queue_number(event.pk),
                event=event,
                name=data.name.strip(),
                email=email,
                organisation=data.organisation.strip(),
                region_id=data.region_id,
                diet=data.diet.strip(),
                accessibility=data.accessibility.strip(),
                attendance=data.attendance,
                status=status,
                consent_at=now,
                created_at=arrived,
                confirmed_at=arrived if status == RegistrationStatus.CONFIRMED else None,
            )
            transaction.on_commit(lambda: _send(registration, "registered", request))
    except IntegrityError as error:
        # The unique constraint caught a duplicate that slipped past the check (two submits at once).
        raise RegistrationError("duplicate") from error
    return registration


def cancel(registration_id, *, now=None, request=None):
    """Cancel a registration and give free places to the waiting list. Returns (registration, promoted list)."""
    now = now or timezone.now()
    # Look the event up before the transaction: on SQLite the lock must be the transaction's first statement.
    event_id = Registration.objects.filter(pk=registration_id).values_list("event_id", flat=True).first()
    if event_id is None:
        raise RegistrationError("missing_registration")
    with transaction.atomic():
        event = lock_event(event_id)
        registration = Registration.objects.get(pk=registration_id)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration, []
        if now >= event.start:
            raise RegistrationError("started")
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = _promote_waiting(event, now)
        transaction.on_commit(lambda: _send(registration, "cancelled", request))
        for person in promoted:
            transaction.on_commit(lambda person=person: _send(person, "promoted", request))
    return registration, promoted


def fill_free_places(event_id, *, now=None):
    """Give free places to the waiting list, e.g. after an editor raised the capacity. Returns the promoted."""
    now = now or timezone.now()
    with transaction.atomic():
        event = lock_event(event_id)
        promoted = _promote_waiting(event, now)
        for person in promoted:
            transaction.on_commit(lambda person=person: _send(person, "promoted", None))
    return promoted


def _promote_waiting(event, now):
    """Move the first people on each waiting list into free places of their mode (the event must be locked)."""
    if now >= event.start:
        return []
    promoted = []
    for attendance in Attendance.values:
        while _has_free_place(event, attendance):
            first = Registration.objects.waiting().filter(event_id=event.pk, attendance=attendance).first()
            if first is None:
                break
            first.status = RegistrationStatus.CONFIRMED
            first.confirmed_at = now
            first.save(update_fields=["status", "confirmed_at"])
            promoted.append(first)
    return promoted


# --- signed links ----------------------------------------------------------------------------------------------


def _email_fingerprint(registration):
    return hashlib.sha256(registration.email.lower().encode()).hexdigest()[:12]


def token_segments(token):
    """A signed token's three parts, each only [A-Za-z0-9_-], to be used as URL path segments."""
    return token.split(signing.Signer().sep)


def make_cancel_token(registration):
    payload = {"r": registration.pk, "e": registration.event_id, "f": _email_fingerprint(registration)}
    return signing.TimestampSigner(salt=CANCEL_SALT).sign_object(payload)


def make_receipt_token(registration):
    return signing.TimestampSigner(salt=RECEIPT_SALT).sign_object({"r": registration.pk, "e": registration.event_id})


def _load_token(token, salt, max_age, event):
    try:
        payload = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(payload, dict) or payload.get("e") != event.pk or not isinstance(payload.get("r"), int):
        return None
    return Registration.objects.filter(pk=payload["r"], event_id=event.pk).select_related(
        "event", "region"
    ).first(), payload


def registration_from_cancel_token(token, event):
    """The registration a cancellation link belongs to, or None if the link is forged, expired or used up."""
    loaded = _load_token(token, CANCEL_SALT, conf.get("EVENTS_CANCEL_LINK_MAX_AGE"), event)
    if not loaded or loaded[0] is None:
        return None
    registration, payload = loaded
    if registration.is_anonymised or payload.get("f") != _email_fingerprint(registration):
        return None
    return registration


def registration_from_receipt_token(token, event):
    loaded = _load_token(token, RECEIPT_SALT, conf.get("EVENTS_RECEIPT_MAX_AGE"), event)
    if not loaded or loaded[0] is None or loaded[0].is_anonymised:
        return None
    return loaded[0]


def cancel_url(registration, request=None):
    event = registration.event
    return event.get_full_url(request) + event.reverse_subpage(
        "cancel", args=token_segments(make_cancel_token(registration))
    )


def receipt_url(registration):
    event = registration.event
    return event.url + event.reverse_subpage("receipt", args=token_segments(make_receipt_token(registration)))


def _send(registration, kind, request):
    from .emails import send_registration_email

    try:
        send_registration_email(registration, kind, request)
    except Exception:  # the registration stands even when the mail server is down; log it for the admins
        logger.exception("Could not send the %s e-mail for registration %s", kind, registration.pk)
