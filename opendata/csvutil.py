"""CSV for spreadsheets: UTF-8 with a byte order mark, semicolons, and no cell read as a formula.

``neutralise`` is the one call to replace with the shared ``cms.core`` helper once it exists.
"""

import csv
import io

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell value a spreadsheet shows as text: text starting like a formula gets a leading apostrophe.
    Numbers stay numbers (a negative number is a number, not a formula)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def to_csv(header, rows):
    """The CSV text of ``header`` and ``rows`` (lists of values), every cell neutralised."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return buffer.getvalue()
