"""Settings of the outbox, with defaults. Override any of them in the Django settings."""

from django.conf import settings

DEFAULTS = {
    # The backend that really delivers (SMTP in production; locmem in tests; console in development).
    "OUTBOX_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    # The django-tasks backend alias (TASKS) the delivery task is enqueued on.
    "OUTBOX_TASK_BACKEND": "outbox",
    # Seconds to wait before the 2nd, 3rd, ... attempt; after the last one the message is marked failed.
    "OUTBOX_RETRY_DELAYS": [60, 5 * 60, 15 * 60, 60 * 60, 3 * 60 * 60, 6 * 60 * 60, 12 * 60 * 60, 24 * 60 * 60],
    # A message "being sent" for longer than this (seconds) belongs to a worker that died: try it again.
    "OUTBOX_STALE_AFTER": 15 * 60,
    # Messages hold personal data (names, addresses): `send_outbox` deletes sent ones this many days after they
    # were sent, and failed ones this many days after their last attempt (until then administrators see them and
    # can send them again). A message still waiting or being sent is never deleted.
    "OUTBOX_KEEP_SENT_DAYS": 30,
    "OUTBOX_KEEP_FAILED_DAYS": 90,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
