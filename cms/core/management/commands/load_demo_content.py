"""Build the demo site from the seed documents and the public list of national services (cms/core/demo.py)."""

from django.core.management.base import BaseCommand

from cms.core.database import analyze
from cms.core.demo import DemoBuilder


class Command(BaseCommand):
    help = "Load the demo content: regions, hospital trusts, the 30 national units and the portal's pages."

    def handle(self, *args, **options):
        builder = DemoBuilder(self.stdout).run()
        analyze()  # the planner's statistics describe the new content (cms/core/database.py)
        lines = " ".join(builder.summary)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {lines}".strip()))
