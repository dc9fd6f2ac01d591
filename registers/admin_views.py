"""modeladmin building blocks for the registers: region scoping, friendly filters and history in inspect."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.views import InspectView

from cms.core.modeladmin import GuardedIndexView

from .access import get_scope
from .activity_import import REQUIRED, import_figures
from .history import describe_history


class RegionScopedPermissionHelper(PermissionHelper):
    """Grants register access by editorial group, and object access by the record's region.

    Django model permissions are not used: the scope comes from the national group and the regional
    moderator groups (see `registers.access`). Deleting is kept for users who work with all regions;
    the history keeps deleted records either way.
    """

    region_attr = "assessing_region_id"

    def _scope(self, user):
        return get_scope(user)

    def user_can_list(self, user):
        return self._scope(user).has_access

    def user_can_create(self, user):
        return self._scope(user).has_access

    def user_can_inspect_obj(self, user, obj):
        return self._scope(user).covers(getattr(obj, self.region_attr))

    def user_can_edit_obj(self, user, obj):
        return self._scope(user).covers(getattr(obj, self.region_attr))

    def user_can_delete_obj(self, user, obj):
        return self._scope(user).all_regions

    def user_can_copy_obj(self, user, obj):
        return False


class ApplicationPermissionHelper(RegionScopedPermissionHelper):
    """Applications are ranked nationally, so every regional moderator sees all of them,
    but only changes the applications of their own region."""

    region_attr = "applying_region_id"

    def user_can_inspect_obj(self, user, obj):
        return self._scope(user).has_access


class ActivityPermissionHelper(RegionScopedPermissionHelper):
    """Activity figures are entered by the unit's (or site's) region."""

    region_attr = "reporting_region_id"


class PopulationPermissionHelper(RegionScopedPermissionHelper):
    """Everyone with register access sees the population figures; the national group keeps them."""

    def user_can_inspect_obj(self, user, obj):
        return self._scope(user).has_access

    def user_can_create(self, user):
        return self._scope(user).all_regions

    def user_can_edit_obj(self, user, obj):
        return self._scope(user).all_regions


class ScopedIndexView(GuardedIndexView):
    """The list view, with headings for the export (bad filters: ``GuardedIndexView``)."""

    def dispatch(self, request, *args, **kwargs):
        self.export_headings = getattr(self.model_admin, "export_headings", {})
        return super().dispatch(request, *args, **kwargs)


class HistoryInspectView(InspectView):
    """The inspect view shows every stored version of the record as a readable list of field changes."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history_entries"] = describe_history(self.instance.history.all())
        return context


class ActivityImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("Semicolons or commas, UTF-8, with a heading row. At most 2 MB."),
    )
    dry_run = forms.BooleanField(label=gettext_lazy("Only check the file, change nothing"), required=False)


MAX_UPLOAD = 2 * 1024 * 1024


def import_activity(request):
    """Upload a CSV of activity figures: every bad row listed with its line number, or all rows saved."""
    scope = get_scope(request.user)
    if not scope.has_access:
        raise PermissionDenied
    result, status = None, 200
    form = ActivityImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_UPLOAD:
                form.add_error("file", _("The file is larger than 2 MB. Split it up."))
            else:
                result = import_figures(
                    upload.read(), scope=scope, user=request.user, dry_run=form.cleaned_data["dry_run"]
                )
        if not form.is_valid() or (result is not None and not result.ok):
            status = 400
        elif result is not None and not form.cleaned_data["dry_run"]:
            messages.success(
                request,
                _("Saved %(created)s new and %(updated)s changed sets of figures.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("registers_import_activity")
    context = {"form": form, "result": result, "columns": ";".join(REQUIRED), "all_regions": scope.all_regions}
    return render(request, "registers/activity_import.html", context, status=status)
