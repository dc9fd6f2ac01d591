from django.apps import AppConfig
from django.db.models.signals import post_migrate

from .database import analyze_after_migrate


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "Kjerne"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .exports import protect_spreadsheet_exports

        protect_spreadsheet_exports()
        # After every migrate (a deploy, a new database): the planner's statistics are fresh (cms/core/database.py).
        post_migrate.connect(analyze_after_migrate, sender=self, dispatch_uid="core-analyze-after-migrate")
