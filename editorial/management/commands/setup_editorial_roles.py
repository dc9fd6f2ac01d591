"""Create or update the editorial groups, permissions and workflows. Safe to run any number of times."""

from django.core.management.base import BaseCommand

from editorial.roles import setup_editorial_roles


class Command(BaseCommand):
    help = (
        "Create the groups '<Region> redaktør', '<Region> moderator' and 'Servicemiljø nasjonal' with their "
        "page, collection and snippet permissions, and the regional and national approval workflows. Idempotent."
    )

    def handle(self, *args, **options):
        report = setup_editorial_roles()
        for change in report.changes:
            self.stdout.write(f"  {change}")
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
        if report.changes:
            self.stdout.write(self.style.SUCCESS(f"Editorial roles set up: {len(report.changes)} change(s)."))
        else:
            self.stdout.write(self.style.SUCCESS("Editorial roles are up to date: nothing changed."))
