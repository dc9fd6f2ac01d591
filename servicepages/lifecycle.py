"""The lifecycle of a national unit as data: term, end of term, outcome and evaluation year, and the rules
that keep a unit's status from contradicting its dates.

One set of rules, used by the page form in the admin (``forms.NationalUnitPageForm``), by the CSV importer
(``importer.py`` calls :func:`import_problems` per row) and by the regions' follow-up (``followup``), which
lists the units whose stored status contradicts their dates. See docs/lifecycle.md.
"""

import datetime

from django.utils import formats
from django.utils.translation import gettext as _

from .choices import CONTINUING_OUTCOMES, ENDED_STATUSES, ENDING_OUTCOMES, TermOutcome, UnitKind, UnitStatus

#: A competence service has the function "opplæring" (5 years) or "kompetanseoppbygging" (10 years).
TERM_CHOICES = (5, 10)
#: Used where the term is not known (the CSV has no term column): the longest term a competence service has.
LONGEST_TERM = max(TERM_CHOICES)
#: Networks run five years; the regions evaluate them in year six.
NETWORK_RUNNING_YEARS = 5


def add_years(date, years):
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)


def term_end(established, term_years):
    """The last day of the term plus one: the date the term ends (established + term), or None."""
    if not (established and term_years):
        return None
    return add_years(established, term_years)


def evaluation_year(established):
    """The year the regions evaluate a network: year six after its establishment."""
    return established.year + NETWORK_RUNNING_YEARS if established else None


def _date(value):
    return formats.date_format(value, "j. F Y")


def problems(kind, status, established, term_years, outcome, *, ended_on=None, today=None, outcome_known=True):
    """Messages (Norwegian, for editors) for every way the status contradicts the dates or the outcome.

    ``term_years`` None for a competence service means "not known": the longest term is assumed, so only a
    status that is wrong under any term is refused. ``outcome_known=False`` (the importer, whose file has no
    outcome column) skips the rules that need the outcome.
    """
    today = today or datetime.date.today()
    found = []
    if kind == UnitKind.COMPETENCE:
        end = term_end(established, term_years or LONGEST_TERM)
        if status == UnitStatus.ACTIVE and end and end <= today:
            found.append(
                _(
                    "The status is “Active”, but the term ended on %(date)s. Choose “Being discontinued”, or "
                    "record the outcome and the new status."
                )
                % {"date": _date(end)}
            )
        if outcome_known and status in ENDED_STATUSES and not outcome:
            found.append(_("A discontinued competence service must record the outcome of its term."))
    elif outcome_known and outcome:
        found.append(_("Only a competence service records an outcome of its term."))
    if outcome_known and outcome:
        if status == UnitStatus.CONTINUED and outcome in ENDING_OUTCOMES:
            found.append(_("“Continued in another form” does not agree with this outcome; choose “Discontinued”."))
        if status == UnitStatus.DISCONTINUED and outcome in CONTINUING_OUTCOMES:
            found.append(_("The service lives on under this outcome; choose “Continued in another form”."))
        if status == UnitStatus.ACTIVE and outcome != TermOutcome.FURTHER_BUILDING:
            found.append(_("An active service cannot have ended with this outcome."))
    if ended_on and established and ended_on < established:
        found.append(_("The service cannot end before it was established."))
    if ended_on and status == UnitStatus.ACTIVE:
        found.append(_("An active service has no end date."))
    return found


def import_problems(kind, status, established, today=None):
    """The rules the CSV importer can check: it knows the type, status and established date of a row."""
    return problems(kind, status, established, None, "", today=today, outcome_known=False)


def unit_problems(unit, today=None):
    """The contradictions of a stored unit (a page instance of any unit type)."""
    return problems(
        unit.kind,
        unit.status,
        unit.established,
        getattr(unit, "term_years", None),
        unit.term_outcome,
        ended_on=unit.ended_on,
        today=today,
    )
