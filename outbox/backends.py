"""The site's e-mail backend: every message goes into the outbox and is delivered by a task (docs/events.md).

``EMAIL_BACKEND = "outbox.backends.OutboxEmailBackend"`` makes every ``send_mail``/``EmailMessage.send`` in the
project (registration mails, Wagtail's workflow notifications, ...) durable without changes where it is called:
the message is stored in the same transaction as the change that caused it, and a failing SMTP server only
delays it.
"""

import logging

from django.core.mail.backends.base import BaseEmailBackend

from . import tasks
from .models import OutboxMessage
from .serialization import serialize

logger = logging.getLogger(__name__)


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        stored = 0
        for message in email_messages:
            try:
                row = OutboxMessage.objects.create(
                    subject=str(message.subject)[:2000],
                    recipients=", ".join(str(address) for address in message.recipients()),
                    message=serialize(message),
                )
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("Could not store an e-mail in the outbox")
                continue
            stored += 1
            try:
                tasks.enqueue(row.pk)
            except Exception:  # the message is stored: `send_outbox` delivers it later
                logger.exception("Could not enqueue the delivery of e-mail %s", row.pk)
        return stored
