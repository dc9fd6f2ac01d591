from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "Kjerne"

    def ready(self):
        from .exports import protect_spreadsheet_exports

        protect_spreadsheet_exports()
