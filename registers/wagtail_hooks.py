"""The registers in the Wagtail admin: annual reports and applications (wagtail-modeladmin), plus the
reporting overview and the history views."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from cms.core.modeladmin import GuardedModelAdmin

from . import views
from .access import get_scope
from .admin_views import (
    ApplicationPermissionHelper,
    HistoryInspectView,
    RegionScopedPermissionHelper,
    ScopedIndexView,
)
from .models import AnnualReport, Application


class AnnualReportAdmin(GuardedModelAdmin):
    model = AnnualReport
    menu_label = _("Annual reports")
    menu_icon = "doc-full"
    menu_order = 100
    add_to_settings_menu = False
    exclude_from_explorer = True
    inspect_view_enabled = True
    history_view_enabled = False
    permission_helper_class = RegionScopedPermissionHelper
    index_view_class = ScopedIndexView
    inspect_view_class = HistoryInspectView
    inspect_template_name = "registers/inspect.html"
    list_display = [
        "unit_name",
        "year",
        "unit_kind",
        "assessing_region",
        "status_label",
        "submitted",
        "reference_group",
    ]
    list_export = [
        "unit_name",
        "year",
        "unit_kind",
        "assessing_region",
        "status_label",
        "submitted",
        "reference_group",
        "erapport_url",
        "follow_up_needs",
    ]
    export_headings = {
        "unit_name": _("Service, network or centre"),
        "year": _("Reporting year"),
        "unit_kind": _("Type"),
        "assessing_region": _("Assessing region"),
        "status_label": _("Status"),
        "submitted": _("Submitted"),
        "reference_group": _("Approved by the reference group"),
        "erapport_url": _("eRapport"),
        "follow_up_needs": _("Follow-up needs"),
    }
    export_filename = "arsrapporter"
    list_filter = ["year", "assessing_region", "unit__kind", "status"]
    search_fields = ["unit_name", "follow_up_needs", "reference_group_assessment"]
    list_select_related = ["unit", "assessing_region"]
    inspect_view_fields = [
        "unit",
        "year",
        "submitted",
        "erapport_url",
        "reference_group_approved",
        "reference_group_assessment",
        "assessing_region",
        "status",
        "follow_up_needs",
        "updated_at",
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("unit", "assessing_region")
        return get_scope(request.user).filter(queryset, "assessing_region")

    def unit_kind(self, obj):
        return obj.unit.get_kind_display() if obj.unit_id else ""

    unit_kind.short_description = _("Type")

    def status_label(self, obj):
        return obj.get_status_display()

    status_label.short_description = _("Status")
    status_label.admin_order_field = "status"

    def reference_group(self, obj):
        return {True: _("Yes"), False: _("No")}.get(obj.reference_group_approved, "")

    reference_group.short_description = _("Approved by the reference group")


class ApplicationAdmin(GuardedModelAdmin):
    model = Application
    menu_label = _("Applications")
    menu_icon = "form"
    menu_order = 200
    exclude_from_explorer = True
    inspect_view_enabled = True
    history_view_enabled = False
    permission_helper_class = ApplicationPermissionHelper
    index_view_class = ScopedIndexView
    inspect_view_class = HistoryInspectView
    inspect_template_name = "registers/inspect.html"
    list_display = ["title", "round_year", "kind_label", "applying_region", "trusts", "stage_label", "irf_rank"]
    list_export = [
        "title",
        "round_year",
        "kind_label",
        "applying_region",
        "trusts",
        "medical_field",
        "stage_label",
        "irf_rank",
        "received_on",
        "irf_meeting_on",
        "sent_to_ministry_on",
        "decided_on",
    ]
    export_headings = {
        "title": _("Name of the proposed service"),
        "round_year": _("Application round"),
        "kind_label": _("Type"),
        "applying_region": _("Applying regional health authority"),
        "trusts": _("Hospital trust(s)"),
        "medical_field": _("Medical field"),
        "stage_label": _("Stage"),
        "irf_rank": _("Rank at the IRF"),
        "received_on": _("Received"),
        "irf_meeting_on": _("IRF meeting"),
        "sent_to_ministry_on": _("Sent to the ministry"),
        "decided_on": _("Decision date"),
    }
    export_filename = "soknader"
    list_filter = ["round_year", "applying_region", "kind", "stage"]
    search_fields = ["title", "notes"]
    list_select_related = ["applying_region", "health_trust", "second_health_trust", "medical_field"]

    def kind_label(self, obj):
        return obj.get_kind_display()

    kind_label.short_description = _("Type")
    kind_label.admin_order_field = "kind"

    def stage_label(self, obj):
        return obj.get_stage_display()

    stage_label.short_description = _("Stage")
    stage_label.admin_order_field = "stage"

    def trusts(self, obj):
        return ", ".join(t.name for t in obj.health_trusts)

    trusts.short_description = _("Hospital trust(s)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)


class ScopedMenuItem(MenuItem):
    """A menu item shown only to users with register access."""

    def is_shown(self, request):
        return get_scope(request.user).has_access


class RegistersGroup(ModelAdminGroup):
    menu_label = _("Registers")
    menu_icon = "table"
    menu_order = 250
    items = (AnnualReportAdmin, ApplicationAdmin)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items += [
            ScopedMenuItem(
                _("Reporting overview"),
                reverse("registers_overview"),
                name="registers-overview",
                icon_name="list-ul",
                order=300,
            ),
            ScopedMenuItem(
                _("Change log and deleted records"),
                reverse("registers_changes", args=["annualreport"]),
                name="registers-changes",
                icon_name="history",
                order=400,
            ),
            ScopedMenuItem(
                _("Register as of a date"),
                reverse("registers_as_of", args=["annualreport"]),
                name="registers-as-of",
                icon_name="calendar",
                order=500,
            ),
        ]
        return items


modeladmin_register(RegistersGroup)


@hooks.register("register_admin_urls")
def register_registers_urls():
    return [
        path("registers/overview/", views.overview, name="registers_overview"),
        path("registers/<str:model_name>/as-of/", views.as_of, name="registers_as_of"),
        path("registers/<str:model_name>/changes/", views.changes, name="registers_changes"),
    ]
