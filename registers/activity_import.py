"""Importing activity figures from CSV (``manage.py import_activity_figures`` and the admin's upload).

One row per unit, year and (for a multiregional unit reporting per site) site. Columns, by heading, in any
order, separated by semicolons or commas:

    enhet;år;sted;mål;helse_sor_ost;helse_vest;helse_midt_norge;helse_nord;ukjent_utland;merknad

``enhet`` is the unit's page slug or its exact name; ``sted`` (optional) a host trust's name or abbreviation;
``mål`` (optional, default patients) the measure's code or its Norwegian name. Existing figures for the same
unit, year and site are replaced. Every row is checked first, with the model's own rules and the user's
region scope; each bad row is reported with its line number, and a file with any error changes nothing.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from organisations.models import HealthTrust
from pagecache.cache import deferred_invalidation
from servicepages.models import NationalUnitPage

from .access import RegionScope
from .models import COUNT_FIELDS, ActivityFigures, ActivityMeasure

REQUIRED = ["enhet", "år", *[column for _name, _slug, column in COUNT_FIELDS]]
OPTIONAL = ["sted", "mål", "merknad"]
MAX_ROWS = 5000


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)  # "Linje 3: ..." messages
    created: int = 0
    updated: int = 0

    @property
    def ok(self):
        return not self.errors


def _measures():
    found = {}
    for measure in ActivityMeasure:
        found[measure.value] = measure.value
        found[str(measure.label).lower()] = measure.value
    return found


def _lookup_units():
    by_slug, by_title = {}, {}
    for unit in NationalUnitPage.objects.prefetch_related("host_trusts__region"):
        by_slug.setdefault(unit.slug, []).append(unit)
        by_title.setdefault(unit.title.strip().lower(), []).append(unit)
    return by_slug, by_title


def _lookup_trusts():
    trusts = {}
    for trust in HealthTrust.objects.select_related("region"):
        trusts[trust.name.strip().lower()] = trust
        if trust.short_name:
            trusts.setdefault(trust.short_name.strip().lower(), trust)
    return trusts


def read_text(data):
    """The text of an uploaded or read file (bytes): UTF-8, with or without a byte order mark."""
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def import_figures(data, *, scope=None, user=None, dry_run=False):
    """Check every row of the CSV ``data`` (bytes or text) and, when there is no error, save all of them."""
    result = ImportResult()
    text = read_text(data)
    if text is None:
        result.errors.append(_("The file is not UTF-8 text. Save it as CSV (UTF-8) and try again."))
        return result
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    headings = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [h for h in REQUIRED if h not in headings]
    if missing:
        result.errors.append(
            _("Line 1: the heading lacks the column(s) %(columns)s. Expected: %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ";".join(REQUIRED[:2] + OPTIONAL[:2] + REQUIRED[2:])}
        )
        return result
    reader.fieldnames = headings
    scope = scope if scope is not None else RegionScope(all_regions=True)
    by_slug, by_title = _lookup_units()
    trusts = _lookup_trusts()
    measures = _measures()
    seen, per_site = {}, {}
    pending = []
    for row in reader:
        line = reader.line_num
        if len(pending) + len(result.errors) >= MAX_ROWS:
            result.errors.append(_("The file has more than %(max)s rows. Split it up.") % {"max": MAX_ROWS})
            break
        values = {k: (v or "").strip() for k, v in row.items() if k is not None}
        if not any(values.values()):
            continue
        problems = []
        name = values.get("enhet", "")
        candidates = by_slug.get(name) or by_title.get(name.lower()) or []
        unit = candidates[0] if len(candidates) == 1 else None
        if not name:
            problems.append(_("the unit (enhet) is missing"))
        elif len(candidates) > 1:
            problems.append(_("“%(name)s” names more than one unit; use the page's slug") % {"name": name[:80]})
        elif unit is None:
            problems.append(_("no unit is called “%(name)s”") % {"name": name[:80]})
        year_text = values.get("år", "")
        year = int(year_text) if year_text.isascii() and year_text.isdigit() and len(year_text) == 4 else None
        if year is None:
            problems.append(_("the year (år) must be four digits, e.g. 2024"))
        site = None
        if values.get("sted"):
            site = trusts.get(values["sted"].lower())
            if site is None:
                problems.append(_("no hospital trust is called “%(name)s”") % {"name": values["sted"][:80]})
        measure = measures.get((values.get("mål") or ActivityMeasure.PATIENTS.value).lower())
        if measure is None:
            choices = ", ".join(str(m.label).lower() for m in ActivityMeasure)
            problems.append(_("the measure (mål) must be one of: %(choices)s") % {"choices": choices})
        counts = {}
        for field_name, _slug, column in COUNT_FIELDS:
            raw = values.get(column, "").replace(" ", "").replace("\xa0", "")
            if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
                problems.append(
                    _("%(column)s must be a whole number, 0 or more (was “%(value)s”)")
                    % {"column": column, "value": values.get(column, "")[:20]}
                )
            else:
                counts[field_name] = int(raw)
        if unit is not None:
            trusts_of_unit = list(unit.host_trusts.all())
            region = site.region if site is not None else (trusts_of_unit[0].region if trusts_of_unit else None)
            if region is None:
                problems.append(_("the unit has no host hospital trust"))
            elif not scope.covers(region.pk):
                problems.append(_("you can only register figures for your own region's units"))
        key = (unit.pk if unit else name, year, site.pk if site else None)
        if key in seen and unit is not None and year is not None:
            problems.append(_("the same unit, year and site as line %(line)s") % {"line": seen[key]})
        seen.setdefault(key, line)
        if unit is not None and year is not None:
            kinds = per_site.setdefault((unit.pk, year), set())
            kinds.add(site is not None)
            if len(kinds) > 1:
                problems.append(_("a unit reports either per site or for the whole unit in a year, not both"))
        if not problems:
            instance = ActivityFigures.objects.filter(unit=unit, year=year, site=site).first() or ActivityFigures(
                unit=unit, year=year, site=site
            )
            instance.measure = measure
            instance.reporting_region = region
            instance.note = values.get("merknad", "")[:2000]
            for field_name, count in counts.items():
                setattr(instance, field_name, count)
            try:
                instance.full_clean(validate_constraints=False)
            except ValidationError as error:
                problems.extend(m for messages in error.message_dict.values() for m in messages)
            else:
                pending.append(instance)
        if problems:
            result.errors.append(_("Line %(line)s: %(problems)s.") % {"line": line, "problems": "; ".join(problems)})
    if result.errors or dry_run:
        if not result.errors:
            result.created = sum(1 for i in pending if i.pk is None)
            result.updated = len(pending) - result.created
        return result
    _save(pending, result, user)
    return result


def _save(pending, result, user):
    """Save after the whole file was checked: all rows, or (on any failure) none."""
    with transaction.atomic(), deferred_invalidation():
        for instance in pending:
            created = instance.pk is None
            if user is not None:
                instance._history_user = user
            instance.save()
            result.created += created
            result.updated += not created
