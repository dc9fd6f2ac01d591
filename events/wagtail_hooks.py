"""The admin register of event registrations (wagtail-modeladmin), visible only to those allowed to see it.

Superusers and the national group ("Servicemiljø nasjonal") see every registration; an event's owner sees the
registrations of the events they own; nobody else sees the menu item, the list, the export or a single entry.
The register is read-only: places change only through registration and cancellation, which keep the waiting
list right.
"""

from django.contrib.admin import display as admin_display
from django.contrib.admin.utils import label_for_field
from django.utils.encoding import force_str
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import modeladmin_register

from cms.core.modeladmin import GuardedIndexView, GuardedModelAdmin

from .models import Registration
from .permissions import can_view_registration, can_view_registrations, registrations_visible_to


class RegistrationPermissionHelper(PermissionHelper):
    def user_can_list(self, user):
        return can_view_registrations(user)

    def user_can_inspect_obj(self, user, obj):
        return can_view_registration(user, obj)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class RegistrationIndexView(GuardedIndexView):
    def get_heading(self, queryset, field):
        # The column headings as written in the model ("E-post"), not title-cased ("E-Post").
        return capfirst(force_str(label_for_field(field, model=self.model, model_admin=self.model_admin)))


class RegistrationAdmin(GuardedModelAdmin):
    model = Registration
    menu_label = _("Event registrations")
    menu_icon = "group"
    menu_order = 350
    add_to_admin_menu = True
    permission_helper_class = RegistrationPermissionHelper
    index_view_class = RegistrationIndexView
    inspect_view_enabled = True
    # Registrations keep no log entries, so their history would show only the registrant's name.
    history_view_enabled = False
    list_display = ("name", "email", "organisation", "region", "event", "attendance", "status", "created_at")
    list_filter = ("status", "attendance", "region")
    search_fields = ("name", "email", "organisation")
    ordering = ("-event__start", "created_at", "pk")
    list_export = (
        "event",
        "name",
        "email",
        "organisation",
        "region",
        "diet",
        "accessibility",
        "attendance_label",
        "status_label",
        "created_at",
        "confirmed_at",
        "cancelled_at",
    )
    export_filename = "pameldinger"
    inspect_view_fields = (
        "event",
        "name",
        "email",
        "organisation",
        "region",
        "diet",
        "accessibility",
        "attendance",
        "status",
        "consent_at",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "anonymised_at",
    )

    @admin_display(description=_("attendance"))
    def attendance_label(self, obj):
        return obj.get_attendance_display()

    @admin_display(description=_("status"))
    def status_label(self, obj):
        return obj.get_status_display()

    def get_queryset(self, request):
        queryset = registrations_visible_to(super().get_queryset(request), request.user)
        return queryset.select_related("event", "region")


modeladmin_register(RegistrationAdmin)
