"""Import or update services, networks and centres from a CSV file."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.core.database import analyze
from servicepages.importer import CSVImportError, ServiceImporter


class Command(BaseCommand):
    help = (
        "Import or update national services, networks and centres from a CSV file. A file with errors changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a CSV file with the columns of the demo data file.")

    def handle(self, *args, **options):
        try:
            importer = ServiceImporter.from_path(options["file"])
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": options["file"], "error": error}
            ) from error
        except UnicodeDecodeError as error:
            raise CommandError(_("The file is not UTF-8 text.")) from error
        try:
            importer.run()
        except CSVImportError as error:
            for message in error.errors:
                self.stderr.write(message)
            raise CommandError(
                _("%(count)s error(s) found. Nothing was imported.") % {"count": len(error.errors)}
            ) from error
        analyze()  # the planner's statistics describe the imported units (cms/core/database.py)
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported %(created)s new and updated %(updated)s existing services.")
                % {"created": importer.created, "updated": importer.updated}
            )
        )
