"""Registration, cancellation and waiting-list promotion, safe under concurrent requests.

Every change to an event's registrations happens in one transaction that first locks the event: on PostgreSQL
with ``SELECT ... FOR UPDATE`` on the event row, on SQLite by taking the database write lock up front (a no-op
UPDATE of the event row), so concurrent registrations queue instead of overselling. E-mails are sent only after
the transaction has committed.
"""

import dataclasses
import logging

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from .emails import send_registration_email
from .models import Attendance, EventPage, Registration, RegistrationStatus, next_queue_number

logger = logging.getLogger(__name__)


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


def _send(registration, kind, request):
    try:
        send_registration_email(registration, kind, request)
    except Exception:  # the registration stands even when the mail server is down; log it for the admins
        logger.exception("Could not send the %s e-mail for registration %s", kind, registration.pk)
