"""``{% unit_activity page %}``: the unit page's section of activity figures and annual reports.

The unit page's template (servicepages) includes it with one line; servicepages never imports the registers.
It costs two queries: the unit's figures with the populations of their years, and its annual reports with the
reporting archive's address.
"""

from django import template

from .. import queries
from ..activity import BELOW_THRESHOLD, summarise

register = template.Library()


@register.inclusion_tag("registers/includes/unit_activity.html")
def unit_activity(page):
    figures, populations = queries.unit_figures(page.pk)
    summary = summarise(figures, populations)
    reports, archive_url = queries.public_unit_reports(page.pk, getattr(page, "_wagtail_cached_site_root_paths", None))
    return {
        "page": page,
        "summary": summary,
        "reports": reports,
        "archive_url": archive_url,
        "threshold": round(BELOW_THRESHOLD * 100),
    }
