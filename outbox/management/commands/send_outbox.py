"""Deliver the e-mails that are due (retries, or any whose task was lost) and delete old sent and failed ones.

Run from cron every few minutes as a safety net beside the task worker (docs/events.md).
"""

from django.core.management.base import BaseCommand

from outbox import tasks
from outbox.models import OutboxStatus


class Command(BaseCommand):
    help = (
        "Send the e-mails in the outbox that are due, and delete sent ones older than OUTBOX_KEEP_SENT_DAYS and "
        "failed ones older than OUTBOX_KEEP_FAILED_DAYS."
    )

    def handle(self, *args, **options):
        statuses = tasks.deliver_due()
        deleted = tasks.purge_old()
        sent = statuses.count(OutboxStatus.SENT)
        self.stdout.write(
            f"Sent {sent} of {len(statuses)} due e-mail(s); deleted {deleted} old sent or failed e-mail(s)."
        )
