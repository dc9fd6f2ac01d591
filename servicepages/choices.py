"""The kinds and statuses of national units: plain choices, imported by the models, queries and filters."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    """What kind of national unit a page describes."""

    TREATMENT = "behandlingstjeneste", _("National treatment service")
    MULTIREGIONAL = "flerregional", _("Multiregional treatment service")
    COMPETENCE = "kompetansetjeneste", _("National competence service")
    NETWORK = "nettverk", _("Quality and competence network")
    CENTRE = "senter", _("National centre")


SERVICE_KINDS = (UnitKind.TREATMENT, UnitKind.MULTIREGIONAL, UnitKind.COMPETENCE)


class UnitStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DISCONTINUING = "discontinuing", _("Being discontinued")
    DISCONTINUED = "discontinued", _("Discontinued")
    CONTINUED = "continued", _("Continued in another form")


# Units that no longer run as national services: the live counts per region leave them out.
ENDED_STATUSES = (UnitStatus.DISCONTINUED, UnitStatus.CONTINUED)
