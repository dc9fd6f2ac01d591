"""Import national services, networks and centres from CSV.

The columns are those of the demo data file: name, type, host_trusts, regions, established, status,
predecessor, source_url (and optionally confidence, medical_fields). Lists inside a cell are separated by
semicolons. Every row is validated before anything is written; a file with any bad row changes nothing.
A predecessor that is not a known unit is kept as a former name (the unit was renamed).

Errors are reported with their line number, never as a traceback: the file as a whole (a duplicate column,
a NUL character, a cell larger than the CSV reader takes, 131,072 characters), then each row. Lengths are
checked against the models' own ``max_length`` (SQLite would store an over-long name silently, PostgreSQL
would refuse it). The checks of a parsed row are the functions in ``ROW_CHECKS``: one more rule is one more
function there.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from cms.core.text import norwegian_slugify as slugify
from organisations.models import HealthTrust, MedicalField, Region

from .lifecycle import import_problems
from .models import CentrePage, NationalUnitPage, NetworkPage, RegionPage, ServicePage, UnitKind, UnitStatus

REQUIRED_COLUMNS = ["name", "type", "host_trusts", "regions", "established", "status", "predecessor"]

TYPES = {
    "behandlingstjeneste": (ServicePage, UnitKind.TREATMENT),
    "flerregional behandlingstjeneste": (ServicePage, UnitKind.MULTIREGIONAL),
    "kompetansetjeneste": (ServicePage, UnitKind.COMPETENCE),
    "kvalitets- og kompetansenettverk": (NetworkPage, UnitKind.NETWORK),
    "nasjonalt senter": (CentrePage, UnitKind.CENTRE),
}
STATUSES = {
    "active": UnitStatus.ACTIVE,
    "discontinuing": UnitStatus.DISCONTINUING,
    "discontinued": UnitStatus.DISCONTINUED,
    "continued": UnitStatus.CONTINUED,
}
NYNORSK_MARKERS = re.compile(r"\b\w*(teneste|tenester|sjukehus|brannskadar)\b", re.IGNORECASE)


def max_length(model, field_name):
    return model._meta.get_field(field_name).max_length


class CSVImportError(Exception):
    """Raised with every error found; nothing has been written."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class UnitRow:
    line: int
    name: str
    page_class: type
    kind: str
    trusts: list  # [(trust name, region name)]
    established: datetime.date | None
    status: str
    predecessor: str
    source_url: str
    medical_fields: list = field(default_factory=list)

    @property
    def region_names(self):
        return list(dict.fromkeys(region for _, region in self.trusts))


def check_lengths(row):
    """Each name fits the column it is stored in."""
    limits = [
        ([row.name], max_length(NationalUnitPage, "title"), _("the name")),
        ([row.predecessor], max_length(NationalUnitPage, "title"), _("the predecessor")),
        ([trust for trust, _region in row.trusts], max_length(HealthTrust, "name"), _("a hospital trust's name")),
        (row.medical_fields, max_length(MedicalField, "name"), _("a medical field")),
    ]
    for values, limit, what in limits:
        for value in values:
            if limit and len(value) > limit:
                yield _("%(what)s is %(length)s characters long; at most %(limit)s are allowed") % {
                    "what": what,
                    "length": len(value),
                    "limit": limit,
                }


def check_predecessor(row):
    """A unit cannot succeed itself."""
    if row.predecessor and row.predecessor == row.name:
        yield _("“%(name)s” is given as its own predecessor") % {"name": row.name}


# Checks of a parsed row: each takes the UnitRow and yields error messages (without the line number).
ROW_CHECKS = [check_lengths, check_predecessor]


def _split(cell):
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def parse_date(value):
    """Accept YYYY, YYYY-MM or YYYY-MM-DD; a year alone means 1 January."""
    value = (value or "").strip()
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


class ServiceImporter:
    """Validates all rows of a CSV, then creates or updates the pages in one transaction."""

    def __init__(self, text, *, user=None):
        self.text = text
        self.user = user
        self.rows = []
        self.errors = []
        self.created = 0
        self.updated = 0

    @classmethod
    def from_path(cls, path, **kwargs):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return cls(handle.read(), **kwargs)

    # --- validation -------------------------------------------------------------------

    def validate(self):
        if not self._validate_text():
            return False
        reader = csv.DictReader(io.StringIO(self.text, newline=""))
        try:
            header = reader.fieldnames or []
        except csv.Error as error:
            self._error(1, _("the line cannot be read as CSV (%(error)s)") % {"error": error})
            return False
        duplicates = sorted({name for name in header if header.count(name) > 1})
        if duplicates:
            self._error(1, _("the column “%(column)s” appears more than once") % {"column": ", ".join(duplicates)})
            return False
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            self.errors.append(_("The file lacks the columns: %(columns)s") % {"columns": ", ".join(missing)})
            return False
        regions = {r.name: r for r in Region.objects.all()}
        trusts = {t.name: t.region.name for t in HealthTrust.objects.select_related("region")}
        names_in_file = set()
        rows = iter(reader)
        while True:
            try:
                raw = next(rows)
            except StopIteration:
                break
            except csv.Error as error:  # the reader has not counted the line it failed on
                self._error(reader.line_num + 1, _("the line cannot be read as CSV (%(error)s)") % {"error": error})
                return False
            line = reader.line_num
            row = self._validate_row(line, raw, regions, trusts, names_in_file)
            if row:
                problems = [message for check in ROW_CHECKS for message in check(row)]
                for message in problems:
                    self._error(line, message)
                if not problems:
                    self.rows.append(row)
                names_in_file.add(row.name)
        return not self.errors

    def _validate_text(self):
        """NUL characters make the file unreadable (and PostgreSQL refuses them): report each line."""
        for line, text in enumerate(self.text.splitlines(), start=1):
            if "\x00" in text:
                self._error(line, _("the line contains a NUL character"))
        return not self.errors

    def _error(self, line, message):
        self.errors.append(_("Line %(line)s: %(message)s") % {"line": line, "message": message})

    def _validate_row(self, line, raw, regions, trusts, names_in_file):
        ok = True
        name = (raw.get("name") or "").strip()
        if not name:
            self._error(line, _("the name is missing"))
            ok = False
        elif name in names_in_file:
            self._error(line, _("“%(name)s” appears more than once in the file") % {"name": name})
            ok = False
        kind_key = (raw.get("type") or "").strip().lower()
        if kind_key not in TYPES:
            self._error(
                line,
                _("unknown type “%(type)s”; use one of: %(types)s")
                % {"type": raw.get("type"), "types": ", ".join(TYPES)},
            )
            ok = False
        status_key = (raw.get("status") or "active").strip().lower()
        if status_key not in STATUSES:
            self._error(line, _("unknown status “%(status)s”") % {"status": raw.get("status")})
            ok = False
        try:
            established = parse_date(raw.get("established"))
        except ValueError:
            self._error(
                line, _("the date “%(date)s” is not valid (use YYYY-MM-DD or YYYY)") % {"date": raw.get("established")}
            )
            established = None
            ok = False
        trust_names = _split(raw.get("host_trusts"))
        region_names = _split(raw.get("regions"))
        if not trust_names:
            self._error(line, _("no host hospital trust"))
            ok = False
        for region in region_names:
            if region not in regions:
                self._error(line, _("unknown region “%(region)s”") % {"region": region})
                ok = False
        if not region_names:
            self._error(line, _("no region"))
            ok = False
        pairs = []
        if trust_names and region_names:
            if len(region_names) == len(trust_names):
                pairs = list(zip(trust_names, region_names, strict=True))
            elif len(region_names) == 1:
                pairs = [(trust, region_names[0]) for trust in trust_names]
            else:
                self._error(line, _("give one region, or one region per hospital trust"))
                ok = False
        for trust, region in pairs:
            if region in regions and trust in trusts and trusts[trust] != region:
                self._error(
                    line,
                    _("%(trust)s belongs to %(actual)s, not %(region)s")
                    % {"trust": trust, "actual": trusts[trust], "region": region},
                )
                ok = False
        if kind_key == "flerregional behandlingstjeneste" and len(set(region_names)) < 2:
            self._error(line, _("a multiregional service needs hospital trusts in two different regions"))
            ok = False
        if kind_key in TYPES and status_key in STATUSES:  # the status must agree with the term (lifecycle.py)
            for message in import_problems(TYPES[kind_key][1], STATUSES[status_key], established):
                self._error(line, message)
                ok = False
        medical_fields = _split(raw.get("medical_fields"))
        if not ok:
            return None
        page_class, kind = TYPES[kind_key]
        return UnitRow(
            line=line,
            name=name,
            page_class=page_class,
            kind=kind,
            trusts=pairs,
            established=established,
            status=STATUSES[status_key],
            predecessor=(raw.get("predecessor") or "").strip(),
            source_url=(raw.get("source_url") or "").strip(),
            medical_fields=medical_fields,
        )

    # --- writing ----------------------------------------------------------------------

    def run(self):
        """Validate, then write everything or nothing. Raises CSVImportError with every bad row."""
        if not self.validate():
            raise CSVImportError(self.errors)
        with transaction.atomic():
            region_pages = {p.region.name: p for p in RegionPage.objects.select_related("region")}
            missing = sorted({r for row in self.rows for r in row.region_names} - set(region_pages))
            if missing:
                raise CSVImportError([_("No region page exists for: %(regions)s") % {"regions": ", ".join(missing)}])
            pages = {}
            for row in self.rows:
                pages[row.name] = self._write_row(row, region_pages)
            for row in self.rows:
                self._link_predecessor(row, pages)
        return self

    def _trusts_for(self, row):
        result = []
        for trust_name, region_name in row.trusts:
            trust, _created = HealthTrust.objects.get_or_create(
                name=trust_name, defaults={"region": Region.objects.get(name=region_name)}
            )
            result.append(trust)
        return result

    def _fields_for(self, row):
        result = []
        for name in row.medical_fields:
            medical_field, _created = MedicalField.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
            result.append(medical_field)
        return result

    def _write_row(self, row, region_pages):
        page = row.page_class.objects.filter(title=row.name).first()
        parent = region_pages[row.region_names[0]]
        if page is None:
            page = row.page_class(title=row.name, slug=self._free_slug(parent, row.name))
            if NYNORSK_MARKERS.search(row.name):
                page.language = "nn"
            creating = True
        else:
            creating = False
        trusts = self._trusts_for(row)
        fields = self._fields_for(row) if row.medical_fields else None
        if not creating and not self._differs(page, row, trusts, fields):
            return page
        page.kind = row.kind
        page.status = row.status
        page.established = row.established
        if creating:
            parent.add_child(instance=page)
            self.created += 1
        else:
            self.updated += 1
        page.host_trusts.set(trusts)
        if fields is not None:
            page.medical_fields.set(fields)
        page.save_revision(user=self.user, log_action=True).publish()
        return page

    @staticmethod
    def _differs(page, row, trusts, fields):
        """Whether the row changes anything on the page, so unchanged rows add no revision."""
        return (
            (page.kind, page.status, page.established) != (row.kind, row.status, row.established)
            or {t.pk for t in page.host_trusts.all()} != {t.pk for t in trusts}
            or (fields is not None and {f.pk for f in page.medical_fields.all()} != {f.pk for f in fields})
        )

    def _link_predecessor(self, row, pages):
        if not row.predecessor:
            return
        page = pages[row.name]
        predecessor = pages.get(row.predecessor) or NationalUnitPage.objects.filter(title=row.predecessor).first()
        if predecessor is not None:
            if page.predecessor_id != predecessor.pk:
                page.predecessor = predecessor
                page.save_revision(user=self.user).publish()
        elif row.predecessor not in page.former_names.splitlines():
            page.former_names = "\n".join(filter(None, [page.former_names, row.predecessor]))
            page.save_revision(user=self.user).publish()

    @staticmethod
    def _free_slug(parent, title):
        base = slugify(title)[:200] or "tjeneste"
        slug, n = base, 2
        while parent.get_children().filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug
