"""CSV that a spreadsheet program cannot run: every cell that would start a formula is neutralised.

Excel, LibreOffice and Google Sheets read a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, after
a tab or carriage return, the same) as a formula, so a registrant named ``=HYPERLINK("http://evil…")``
would become a live link in the organiser's spreadsheet. Every CSV the project writes goes through
:func:`safe_cell`: such a text gets a leading apostrophe (OWASP's advice), which spreadsheets show as text
and do not display. Numbers, dates, empty values and the admin's lone ``-`` are left alone.

- :func:`safe_csv_writer` wraps ``csv.writer`` for views that write their own CSV;
- :func:`protect_spreadsheet_exports` (run once from ``CoreConfig.ready``) makes Wagtail's
  ``SpreadsheetExportMixin`` do the same for every CSV export of the admin: the registers and registrations
  of wagtail-modeladmin, Wagtail's reports, snippet listings and form submissions. Its XLSX export already
  refuses formulas.
"""

import csv

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
# The admin's "no value" dash is text to every spreadsheet program.
EMPTY_PLACEHOLDER = "-"


def safe_cell(value):
    """``value`` as a spreadsheet shows it but never evaluates it."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and value != EMPTY_PLACEHOLDER:
        return "'" + value
    return value


def safe_row(values):
    return [safe_cell(value) for value in values]


class SafeWriter:
    """``csv.writer`` whose rows are neutralised cell by cell."""

    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def safe_csv_writer(stream, **kwargs):
    """Like ``csv.writer(stream, **kwargs)``, with :func:`safe_cell` applied to every cell."""
    return SafeWriter(csv.writer(stream, **kwargs))


def _safe_write_csv_row(self, writer, row_dict):
    values = {field: self.preprocess_field_value(field, value, self.FORMAT_CSV) for field, value in row_dict.items()}
    return writer.writerow({field: safe_cell(value) for field, value in values.items()})


def protect_spreadsheet_exports():
    """Neutralise formulas in every CSV that Wagtail's export mixin writes (idempotent)."""
    SpreadsheetExportMixin.write_csv_row = _safe_write_csv_row
