"""``{% unit_activity page %}``: the unit page's section of activity figures and annual reports.

The unit page's template (servicepages) includes it with one line; servicepages never imports the registers.
It costs two queries (the unit's figures, its annual reports); the populations and the reporting archive's
address are kept by the page cache.
"""

from django import template

from .. import queries
from ..activity import BELOW_THRESHOLD, summarise

register = template.Library()


@register.inclusion_tag("registers/includes/unit_activity.html")
def unit_activity(page):
    summary = summarise(queries.unit_figures(page.pk), queries.populations())
    reports = queries.public_unit_reports(page.pk)
    archive_url = queries.reporting_archive_url() if reports else ""
    return {
        "page": page,
        "summary": summary,
        "reports": reports,
        "archive_url": archive_url,
        "threshold": round(BELOW_THRESHOLD * 100),
    }
