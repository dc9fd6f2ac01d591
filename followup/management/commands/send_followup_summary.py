"""E-mail each region's moderators a Norwegian summary of the region's follow-ups (run daily or weekly by cron;
README, "Follow-up")."""

import datetime

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from followup.queries import follow_ups
from followup.summary import render_summary
from organisations.models import Region
from organisations.teams import moderator_group_name


def moderators_of(region):
    """Active users with an e-mail address in the region's moderator group ("<region> moderator")."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=moderator_group_name(region))
        .exclude(email="")
        .distinct()
        .order_by("email")
    )


class Command(BaseCommand):
    help = _("E-mail each region's moderators a summary of the region's follow-ups.")

    def add_arguments(self, parser):
        parser.add_argument("--region", help=_("Only this region (its slug, e.g. helse-vest)."))
        parser.add_argument("--date", help=_("Compute as on this date (YYYY-MM-DD); default today."))
        parser.add_argument("--dry-run", action="store_true", help=_("Print the e-mails instead of sending them."))

    def handle(self, *args, region=None, date=None, dry_run=False, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else datetime.date.today()
        except ValueError as error:
            raise CommandError(_("The date “%(date)s” is not valid (use YYYY-MM-DD).") % {"date": date}) from error
        region_ids = None
        if region:
            found = Region.objects.filter(slug=region).values_list("pk", flat=True).first()
            if found is None:
                raise CommandError(_("Unknown region “%(region)s”.") % {"region": region})
            region_ids = [found]
        sent = 0
        for item in follow_ups(region_ids, today):
            recipients = [user.email for user in moderators_of(item.region)]
            if not recipients:
                self.stdout.write(_("%(region)s: no moderator with an e-mail address.") % {"region": item.region.name})
                continue
            subject, body = render_summary(item)
            if dry_run:
                self.stdout.write(f"To: {', '.join(recipients)}\nSubject: {subject}\n\n{body}")
            else:
                send_mail(subject, body, None, recipients)
                sent += len(recipients)
            self.stdout.write(
                _("%(region)s: %(count)s follow-up(s), to %(recipients)s.")
                % {"region": item.region.name, "count": item.count, "recipients": ", ".join(recipients)}
            )
        self.stdout.write(_("Sent %(count)s e-mail(s).") % {"count": sent})
