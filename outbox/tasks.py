"""The delivery task: one stored message is claimed first, so it is never sent twice, and retried with backoff.

A message is claimed by a conditional update (pending -> sending) that only one worker can win; the winner
sends it through OUTBOX_DELIVERY_BACKEND and marks it sent. A failure puts it back to pending with the next
attempt time (and a deferred task where the task backend can defer), until OUTBOX_RETRY_DELAYS is used up;
then it is failed and an administrator can send it again from the admin.
"""

import datetime
import logging

from django.core.exceptions import ImproperlyConfigured
from django.core.mail import get_connection
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task, task_backends

from . import conf
from .models import OutboxMessage, OutboxStatus
from .serialization import deserialize

logger = logging.getLogger(__name__)


def delivery_connection():
    backend = conf.get("OUTBOX_DELIVERY_BACKEND")
    if backend.startswith("outbox."):
        raise ImproperlyConfigured("OUTBOX_DELIVERY_BACKEND must be a backend that delivers, not the outbox.")
    return get_connection(backend, fail_silently=False)


def deliver(message_id, *, now=None):
    """Send one message if it is still waiting. Returns its status afterwards (or None if it does not exist)."""
    now = now or timezone.now()
    claimed = OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING).update(
        status=OutboxStatus.SENDING, attempts=F("attempts") + 1, last_attempt_at=now, next_attempt_at=None
    )
    row = OutboxMessage.objects.filter(pk=message_id).first()
    if not claimed:
        return row.status if row else None
    try:
        sent = delivery_connection().send_messages([deserialize(row.message)])
        if sent == 0 and row.recipients:
            raise RuntimeError("The delivery backend did not send the message.")
    except Exception as error:  # every failure is recorded and retried; nothing is lost
        return _failed(row, error, now)
    OutboxMessage.objects.filter(pk=row.pk).update(status=OutboxStatus.SENT, sent_at=timezone.now(), last_error="")
    return OutboxStatus.SENT


def _failed(row, error, now):
    delays = conf.get("OUTBOX_RETRY_DELAYS")
    text = f"{type(error).__name__}: {error}"[:2000]
    if row.attempts <= len(delays):
        next_attempt = now + datetime.timedelta(seconds=delays[row.attempts - 1])
        OutboxMessage.objects.filter(pk=row.pk).update(
            status=OutboxStatus.PENDING, last_error=text, next_attempt_at=next_attempt
        )
        logger.warning(
            "E-mail %s not sent (attempt %s), trying again at %s: %s", row.pk, row.attempts, next_attempt, text
        )
        schedule_retry(row.pk, next_attempt)
        return OutboxStatus.PENDING
    OutboxMessage.objects.filter(pk=row.pk).update(status=OutboxStatus.FAILED, last_error=text)
    logger.error("E-mail %s not sent after %s attempts, giving up: %s", row.pk, row.attempts, text)
    return OutboxStatus.FAILED


@task(backend=conf.get("OUTBOX_TASK_BACKEND"))
def deliver_task(message_id):
    """The queued job: deliver one stored message (a no-op if it was sent meanwhile)."""
    return deliver(message_id)


def enqueue(message_id):
    deliver_task.enqueue(str(message_id))


def schedule_retry(message_id, when):
    """A deferred delivery task where the task backend can defer; otherwise `send_outbox` picks the message up."""
    if task_backends[deliver_task.backend].supports_defer:
        deliver_task.using(run_after=when).enqueue(str(message_id))


def reset_for_resend(message_ids):
    """Put failed messages back in the queue (the admin's "send again"). Returns how many."""
    return OutboxMessage.objects.filter(pk__in=message_ids, status=OutboxStatus.FAILED).update(
        status=OutboxStatus.PENDING, next_attempt_at=timezone.now(), attempts=0
    )


def deliver_due(now=None):
    """Send every message that is due (retries, and any whose task was lost); revive stale claims. Returns statuses."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=conf.get("OUTBOX_STALE_AFTER"))
    OutboxMessage.objects.filter(status=OutboxStatus.SENDING, last_attempt_at__lt=stale).update(
        status=OutboxStatus.PENDING, next_attempt_at=now
    )
    due = OutboxMessage.objects.filter(status=OutboxStatus.PENDING).exclude(next_attempt_at__gt=now)
    return [deliver(pk, now=now) for pk in due.order_by("created_at").values_list("pk", flat=True)]


def purge_old(now=None):
    """Delete sent messages after OUTBOX_KEEP_SENT_DAYS and failed ones OUTBOX_KEEP_FAILED_DAYS after their last
    attempt: they hold personal data. Pending and sending messages are never touched. Returns how many."""
    now = now or timezone.now()
    sent_cutoff = now - datetime.timedelta(days=conf.get("OUTBOX_KEEP_SENT_DAYS"))
    failed_cutoff = now - datetime.timedelta(days=conf.get("OUTBOX_KEEP_FAILED_DAYS"))
    old_sent = Q(status=OutboxStatus.SENT, sent_at__lt=sent_cutoff)
    old_failed = Q(status=OutboxStatus.FAILED) & (
        Q(last_attempt_at__lt=failed_cutoff) | Q(last_attempt_at__isnull=True, created_at__lt=failed_cutoff)
    )
    deleted, _ = OutboxMessage.objects.filter(old_sent | old_failed).delete()
    return deleted
