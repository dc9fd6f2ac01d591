"""``manage.py import_activity_figures FILE.csv [--dry-run] [--user USERNAME]``: activity figures from CSV.

Every row is checked first; each bad row is reported with its line number and a file with errors changes
nothing (exit status 1). The columns are described in ``registers/activity_import.py`` and docs/activity.md.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registers.access import get_scope
from registers.activity_import import import_figures


class Command(BaseCommand):
    help = "Import yearly activity figures per patient home region from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Check the file, change nothing.")
        parser.add_argument("--user", help="Record the changes as this user, limited to the user's regions.")

    def handle(self, path, dry_run=False, user=None, **options):
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise CommandError(_("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}) from None
        account, scope = None, None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(_("No user is called “%(user)s”.") % {"user": user})
            scope = get_scope(account)
            if not scope.has_access:
                raise CommandError(_("“%(user)s” has no access to the registers.") % {"user": user})
        result = import_figures(data, scope=scope, user=account, dry_run=dry_run)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(_("%(count)s errors: nothing was changed.") % {"count": len(result.errors)})
        message = (
            _("Checked: %(created)s new and %(updated)s changed sets of figures would be saved.")
            if dry_run
            else _("Saved %(created)s new and %(updated)s changed sets of figures.")
        )
        self.stdout.write(message % {"created": result.created, "updated": result.updated})
