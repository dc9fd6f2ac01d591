"""Anonymise event registrations a number of days after the event. Run daily from cron (see README)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from events import conf
from events.models import Registration


class Command(BaseCommand):
    help = (
        "Anonymise registrations for events that ended more than N days ago: name, e-mail, organisation and "
        "needs are removed; region, status and times are kept for statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days after the event's end (default: the EVENTS_ANONYMISE_AFTER_DAYS setting, %(default)s).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be anonymised.")

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = conf.get("EVENTS_ANONYMISE_AFTER_DAYS")
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        now = timezone.now()
        cutoff = now - datetime.timedelta(days=days)
        due = Registration.objects.filter(event__end__lt=cutoff, anonymised_at__isnull=True)
        if dry_run:
            self.stdout.write(
                f"{due.count()} registrations would be anonymised (events ended before {cutoff:%Y-%m-%d})."
            )
            return
        with transaction.atomic():
            count = due.update(
                name="Anonymisert",
                email="",
                organisation="",
                diet="",
                accessibility="",
                anonymised_at=now,
            )
        self.stdout.write(
            self.style.SUCCESS(f"Anonymised {count} registrations (events ended before {cutoff:%Y-%m-%d}).")
        )
