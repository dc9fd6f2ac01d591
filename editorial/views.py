"""Admin views of the editorial workflow."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page


def confirm_cancel_workflow(request, page_id):
    """Cancel a page's workflow after confirmation; the submitter is e-mailed (``editorial.notifications``)."""
    page = get_object_or_404(Page, pk=page_id).specific
    state = page.current_workflow_state
    if state is None or not state.user_can_cancel(request.user):
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if request.method == "POST":
        state.cancel(user=request.user)
        submitter = state.requested_by
        if submitter and submitter != request.user:
            text = _("The review of “%(title)s” is cancelled. %(name)s has been told by e-mail.") % {
                "title": page.get_admin_display_title(),
                "name": submitter.get_full_name() or submitter.get_username(),
            }
        else:
            text = _("The review of “%(title)s” is cancelled.") % {"title": page.get_admin_display_title()}
        messages.success(request, text)
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "editorial/admin/confirm_cancel_workflow.html",
        {"page": page, "workflow_state": state, "edit_url": edit_url},
    )
