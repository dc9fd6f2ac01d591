"""Mail that survives an outage (issue 18 §5): stored, delivered by a task, retried, never sent twice."""

import datetime
import email
import io
import smtplib
import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives, send_mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from events.models import Registration
from outbox import tasks
from outbox.models import OutboxMessage, OutboxStatus
from outbox.serialization import deserialize, serialize

pytestmark = pytest.mark.django_db


class FlakySMTPHandler:
    """An SMTP server that refuses mail (451, "try again later") while ``refusing`` is set, then accepts it."""

    def __init__(self):
        self.refusing = False
        self.received = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.refusing:
            return "451 4.3.0 Mail server temporarily unavailable"
        with self.lock:
            self.received.append(envelope)
        return "250 OK"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on localhost; the outbox delivers to it with Django's SMTP backend."""
    handler = FlakySMTPHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "outbox.backends.OutboxEmailBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield handler
    controller.stop()


@pytest.fixture
def outbox_backend(settings):
    """The outbox in front of the in-memory mailbox (django.core.mail.outbox)."""
    settings.EMAIL_BACKEND = "outbox.backends.OutboxEmailBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def later(minutes):
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_a_registration_mail_survives_an_smtp_outage_and_is_sent_once(
    client, open_event, form_data, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.refusing = True
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(open_event.url, form_data())
    assert response.status_code == 303, "the registration stands while the mail server refuses"
    assert Registration.objects.count() == 1
    stored = OutboxMessage.objects.get()
    assert stored.status == OutboxStatus.PENDING
    assert stored.attempts == 1
    assert "451" in stored.last_error
    assert stored.recipients == "kari@example.no"
    assert smtp_server.received == []

    # Still down at the next attempt: kept, with the count of attempts.
    assert tasks.deliver_due(now=later(2)) == [OutboxStatus.PENDING]
    stored.refresh_from_db()
    assert stored.attempts == 2
    assert stored.next_attempt_at > later(4)

    # The server is back: the message goes out, exactly once, with its calendar file.
    smtp_server.refusing = False
    assert tasks.deliver_due(now=later(10)) == [OutboxStatus.SENT]
    assert tasks.deliver_due(now=later(60)) == []
    assert tasks.deliver(stored.pk) == OutboxStatus.SENT  # a duplicate task does nothing
    call_command("send_outbox", stdout=io.StringIO())
    assert len(smtp_server.received) == 1
    envelope = smtp_server.received[0]
    assert envelope.rcpt_tos == ["kari@example.no"]
    sent = email.message_from_bytes(envelope.content)
    assert "Nasjonal dialogarena" in str(email.header.make_header(email.header.decode_header(sent["Subject"])))
    assert [part.get_filename() for part in sent.walk() if part.get_filename()] == ["dialogarena.ics"]
    stored.refresh_from_db()
    assert stored.status == OutboxStatus.SENT
    assert stored.attempts == 3
    assert stored.sent_at is not None


def test_every_project_mail_goes_through_the_outbox(smtp_server):
    """send_mail anywhere (e.g. Wagtail's workflow notifications) is stored before it is delivered."""
    assert send_mail("Til godkjenning", "Siden venter.", None, ["moderator@example.no"]) == 1
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT
    assert len(smtp_server.received) == 1


def test_a_message_is_given_up_after_the_last_retry_and_can_be_sent_again(smtp_server, settings):
    settings.OUTBOX_RETRY_DELAYS = [60]
    smtp_server.refusing = True
    EmailMessage("Hei", "Tekst", to=["a@example.no"]).send()
    assert tasks.deliver_due(now=later(2)) == [OutboxStatus.FAILED]
    stored = OutboxMessage.objects.get()
    assert stored.status == OutboxStatus.FAILED
    assert tasks.deliver_due(now=later(120)) == [], "a failed message waits for an administrator"

    smtp_server.refusing = False
    assert tasks.reset_for_resend([stored.pk]) == 1
    assert tasks.deliver(stored.pk) == OutboxStatus.SENT
    assert len(smtp_server.received) == 1


def test_a_stale_claim_from_a_dead_worker_is_tried_again(outbox_backend, settings):
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    EmailMessage("Hei", "Tekst", to=["a@example.no"]).send()
    OutboxMessage.objects.update(status=OutboxStatus.SENDING, last_attempt_at=later(-60))
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    assert tasks.deliver_due() == [OutboxStatus.SENT]
    assert len(mail.outbox) == 1
    # A claim that is still fresh belongs to a live worker: left alone.
    EmailMessage("Hei igjen", "Tekst", to=["a@example.no"]).send()
    OutboxMessage.objects.filter(subject="Hei igjen").update(status=OutboxStatus.SENDING, last_attempt_at=later(0))
    assert tasks.deliver_due() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker opens its own transactions
def test_with_the_database_queue_the_worker_retries_with_backoff(smtp_server, settings):
    """Production: the task is queued in the database (django-tasks-db) and run by `db_worker --backend outbox`."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "outbox": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }

    def run_worker():
        call_command("db_worker", "--backend", "outbox", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    smtp_server.refusing = True
    EmailMessage("Hei", "Tekst", to=["a@example.no"]).send()
    assert OutboxMessage.objects.get().attempts == 0, "nothing is sent before the worker runs"
    run_worker()
    stored = OutboxMessage.objects.get()
    assert (stored.status, stored.attempts) == (OutboxStatus.PENDING, 1)
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == stored.next_attempt_at

    smtp_server.refusing = False
    run_worker()  # the retry is not due yet
    assert smtp_server.received == []
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=later(-1))
    run_worker()
    assert len(smtp_server.received) == 1
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT
    run_worker()
    assert len(smtp_server.received) == 1


def test_serialization_keeps_attachments_alternatives_and_headers():
    message = EmailMultiAlternatives(
        "Påmelding bekreftet: Æ Ø Å",
        "Tekst",
        "fra@example.no",
        ["til@example.no"],
        bcc=["kopi@example.no"],
        reply_to=["svar@example.no"],
        headers={"X-Event": "42"},
    )
    message.attach_alternative("<p>Tekst</p>", "text/html")
    message.attach("arrangement.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    message.attach("notat.txt", "æøå", "text/plain")
    copy = deserialize(serialize(message))
    assert (copy.subject, copy.body, copy.from_email) == (message.subject, message.body, message.from_email)
    assert copy.message()["Subject"] == message.message()["Subject"]
    assert copy.recipients() == message.recipients()
    assert copy.extra_headers == {"X-Event": "42"}
    assert copy.alternatives == message.alternatives
    assert copy.attachments == message.attachments


@pytest.fixture
def failed_message(outbox_backend, settings):
    settings.OUTBOX_RETRY_DELAYS = []
    settings.OUTBOX_DELIVERY_BACKEND = "tests.events.test_outbox.RefusingBackend"
    EmailMessage("Påmelding bekreftet", "Tekst", to=["kari@example.no"]).send()
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    stored = OutboxMessage.objects.get()
    assert stored.status == OutboxStatus.FAILED
    mail.outbox.clear()
    return stored


class RefusingBackend:
    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_superusers_see_the_outbox_and_send_a_failed_mail_again(client, failed_message):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.no", "pw")
    client.force_login(admin)
    listing = client.get("/admin/outbox/outboxmessage/")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert "Påmelding bekreftet" in body
    assert "SMTPServerDisconnected" in body
    resend_url = f"/admin/outbox/outboxmessage/resend/{failed_message.pk}/"
    assert resend_url in body
    assert client.get(resend_url).status_code == 200
    response = client.post(resend_url)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    failed_message.refresh_from_db()
    assert failed_message.status == OutboxStatus.SENT
    # Sending again is only for failed messages: a second POST sends nothing.
    client.post(resend_url)
    assert len(mail.outbox) == 1


def test_others_cannot_see_the_outbox(client, failed_message):
    editor = get_user_model().objects.create_user("redaktor", "r@example.no", "pw")
    group = Group.objects.create(name="Redaktører")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    for url in (
        "/admin/outbox/outboxmessage/",
        f"/admin/outbox/outboxmessage/inspect/{failed_message.pk}/",
        f"/admin/outbox/outboxmessage/resend/{failed_message.pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "kari@example.no" not in response.content.decode()
    assert client.post(f"/admin/outbox/outboxmessage/resend/{failed_message.pk}/").status_code in (302, 403)
    assert mail.outbox == []


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def stored(subject, status, *, created, last_attempt=None, sent=None, next_attempt=None):
    row = OutboxMessage.objects.create(subject=subject, recipients="kari@example.no", message={}, status=status)
    OutboxMessage.objects.filter(pk=row.pk).update(
        created_at=created, last_attempt_at=last_attempt, sent_at=sent, next_attempt_at=next_attempt
    )
    return row


def test_the_cron_sweep_deletes_old_sent_and_failed_mail_but_never_one_still_queued(client, outbox_backend, settings):
    """Mails hold registrants' names and addresses: sent ones go after 30 days, failed ones after 90 (until then
    an administrator sees them); one still waiting, retrying or being sent is never deleted."""
    settings.OUTBOX_KEEP_SENT_DAYS = 30
    settings.OUTBOX_KEEP_FAILED_DAYS = 90
    stored(
        "sendt for lenge siden", OutboxStatus.SENT, created=days_ago(40), last_attempt=days_ago(40), sent=days_ago(31)
    )
    stored("sendt nylig", OutboxStatus.SENT, created=days_ago(29), last_attempt=days_ago(29), sent=days_ago(29))
    stored("feilet for lenge siden", OutboxStatus.FAILED, created=days_ago(100), last_attempt=days_ago(91))
    stored("feilet i høst", OutboxStatus.FAILED, created=days_ago(100), last_attempt=days_ago(60))
    stored("venter på nytt forsøk", OutboxStatus.PENDING, created=days_ago(200), next_attempt=later(60))
    stored("sendes nå", OutboxStatus.SENDING, created=days_ago(200), last_attempt=later(-1))

    out = io.StringIO()
    call_command("send_outbox", stdout=out)
    assert "deleted 2 old" in out.getvalue()

    assert set(OutboxMessage.objects.values_list("subject", flat=True)) == {
        "sendt nylig",
        "feilet i høst",
        "venter på nytt forsøk",
        "sendes nå",
    }
    admin = get_user_model().objects.create_superuser("admin", "admin@example.no", "pw")
    client.force_login(admin)
    listing = client.get("/admin/outbox/outboxmessage/").content.decode()
    assert "feilet i høst" in listing
    assert "feilet for lenge siden" not in listing
