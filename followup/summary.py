"""The e-mail summary of a region's follow-ups, in Norwegian, as plain text (same data as the panel)."""

from django.template.loader import render_to_string
from django.utils import translation


def render_summary(item):
    """(subject, body) of the summary for one :class:`~followup.queries.RegionFollowUp`."""
    with translation.override("nb"):
        subject = render_to_string("followup/summary_subject.txt", {"item": item}).strip()
        body = render_to_string("followup/summary.txt", {"item": item})
    return subject, body
