from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicePagesConfig(AppConfig):
    name = "servicepages"
    verbose_name = _("Services, networks and centres")
