from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "Kjerne"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
