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


class TermOutcome(models.TextChoices):
    """What became of a competence service at the end of its term: the five outcomes the regions weigh when
    a national competence service is reorganised ("Må vurderes når nasjonal kompetansetjeneste omorganiseres")."""

    OPERATIONS = "operations", _("Ordinary operations (driftsoppgaver)")
    INCORPORATED = "incorporated", _("Incorporated into a national treatment service")
    FURTHER_BUILDING = "further_building", _("Further competence building")
    OTHER_FORM = "other_form", _("Continued in another organisational form")
    WOUND_UP = "wound_up", _("Wound up")


# Outcomes under which the work goes on elsewhere (status "continued in another form"), and those under which
# it ends as a national service (status "discontinued").
CONTINUING_OUTCOMES = (TermOutcome.INCORPORATED, TermOutcome.OTHER_FORM)
ENDING_OUTCOMES = (TermOutcome.OPERATIONS, TermOutcome.WOUND_UP)


class QualityToolKind(models.TextChoices):
    REGISTER = "register", _("Quality register")
    GUIDELINE = "guideline", _("Guideline")
    BIOBANK = "biobank", _("Biobank")
    INDICATOR = "indicator", _("Quality indicators")
    OTHER = "other", _("Other")
