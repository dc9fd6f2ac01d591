"""Template tags for the review screens: what the revision under review lacks."""

from django import template
from django.urls import reverse

from servicepages.panels import required_content_links

register = template.Library()


@register.simple_tag(takes_context=True)
def required_content_under_review(context, task_state):
    """(label, URL of its field in the edit form) for each required content the revision under review lacks."""
    revision = getattr(task_state, "revision", None)
    if revision is None:
        return []
    page = revision.as_object()
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return [(label, edit_url + anchor) for label, anchor in required_content_links(page, context["request"])]
