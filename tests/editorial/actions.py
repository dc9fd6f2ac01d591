"""The admin actions an editor or reviewer performs, through the real admin views."""

from django.urls import reverse
from wagtail.models import Page

from .factories import edit_form_data


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def save_draft(client, page, **overrides):
    return client.post(edit_url(page), edit_form_data(page, **overrides))


def submit(client, page, **overrides):
    return client.post(edit_url(page), edit_form_data(page, **overrides, **{"action-submit": "Submit"}))


def publish(client, page, **overrides):
    return client.post(edit_url(page), edit_form_data(page, **overrides, **{"action-publish": "Publish"}))


def workflow_action(client, page, action, comment=""):
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    assert task_state is not None, "the page is not in moderation"
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def approve(client, page, comment=""):
    return workflow_action(client, page, "approve", comment)


def reject(client, page, comment=""):
    return workflow_action(client, page, "reject", comment)


def form_errors(response):
    """The edit form's errors, for assertion messages."""
    context = getattr(response, "context", None) or {}
    form = context.get("form") if hasattr(context, "get") else None
    return form.errors if form is not None else None


def unpublish(client, page):
    return client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))


def delete(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))


def move(client, page, destination):
    return client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk]))


def copy(client, page, destination, slug, alias=False):
    data = {"new_title": f"{page.title} (kopi)", "new_slug": slug, "new_parent_page": destination.pk}
    if alias:
        data["alias"] = "on"
    return client.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), data)
