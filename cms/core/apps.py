from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "Kjerne"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .exports import protect_spreadsheet_exports

        protect_spreadsheet_exports()
