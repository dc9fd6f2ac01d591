"""The outbox in the admin: superusers only (the mails hold personal data), read-only, with "send again".

The list shows each message's status, attempts and last error; a failed message can be put back in the queue.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import re_path
from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import modeladmin_register

from cms.core.modeladmin import GuardedModelAdmin

from . import tasks
from .models import OutboxMessage, OutboxStatus


def may_see_outbox(user):
    return user.is_authenticated and user.is_active and user.is_superuser


class OutboxPermissionHelper(PermissionHelper):
    def user_can_list(self, user):
        return may_see_outbox(user)

    def user_can_inspect_obj(self, user, obj):
        return may_see_outbox(user)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class OutboxButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, *args, **kwargs):
        buttons = super().get_buttons_for_obj(obj, *args, **kwargs)
        if obj.status == OutboxStatus.FAILED and may_see_outbox(self.request.user):
            buttons.append(
                {
                    "url": self.url_helper.get_action_url("resend", obj.pk),
                    "label": _("Send again"),
                    "classname": "button button-small",
                    "title": _("Put this e-mail back in the queue"),
                }
            )
        return buttons


class OutboxAdmin(GuardedModelAdmin):
    model = OutboxMessage
    menu_label = _("Outgoing e-mail")
    menu_icon = "mail"
    menu_order = 9000
    add_to_settings_menu = True
    permission_helper_class = OutboxPermissionHelper
    button_helper_class = OutboxButtonHelper
    inspect_view_enabled = True
    history_view_enabled = False
    list_display = ("created_at", "subject", "recipients", "status", "attempts", "last_attempt_at", "last_error")
    list_filter = ("status",)
    search_fields = ("subject", "recipients")
    inspect_view_fields = (
        "subject",
        "recipients",
        "status",
        "created_at",
        "attempts",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
    )

    def get_admin_urls_for_registration(self):
        return super().get_admin_urls_for_registration() + (
            re_path(
                self.url_helper.get_action_url_pattern("resend"),
                self.resend_view,
                name=self.url_helper.get_action_url_name("resend"),
            ),
        )

    def resend_view(self, request, instance_pk):
        """GET asks for confirmation; POST puts the failed message back in the queue and delivers it."""
        if not may_see_outbox(request.user):
            raise PermissionDenied
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        message = OutboxMessage.objects.filter(pk=instance_pk).first()
        if message is None:
            raise Http404
        index_url = self.url_helper.index_url
        if message.status != OutboxStatus.FAILED:
            messages.info(request, _("This e-mail has not failed, so it is not sent again."))
            return redirect(index_url)
        if request.method == "POST":
            tasks.reset_for_resend([message.pk])
            tasks.enqueue(message.pk)
            messages.success(request, _("The e-mail is back in the queue."))
            return redirect(index_url)
        return TemplateResponse(
            request,
            "outbox/confirm_resend.html",
            {"message": message, "index_url": index_url, "page_title": _("Send again"), "header_icon": "mail"},
        )


modeladmin_register(OutboxAdmin)
