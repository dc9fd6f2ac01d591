from django.core.management.base import BaseCommand

from pagecache.cache import invalidate


class Command(BaseCommand):
    help = "Make every cached page stale (e.g. after changing data with raw SQL or QuerySet.update())."

    def handle(self, *args, **options):
        invalidate()
        self.stdout.write("Page cache invalidated.")
