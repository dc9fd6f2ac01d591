"""modeladmin building blocks for the registers: region scoping, friendly filters and history in inspect."""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.views import IndexView, InspectView

from .access import get_scope
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


class ScopedIndexView(IndexView):
    """The list view, with headings for the export and a Norwegian message instead of a 500 on bad filters."""

    def dispatch(self, request, *args, **kwargs):
        self.export_headings = getattr(self.model_admin, "export_headings", {})
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.error(request, _("The filter in the address is not valid. Showing the whole list instead."))
            return redirect(self.index_url)


class HistoryInspectView(InspectView):
    """The inspect view shows every stored version of the record as a readable list of field changes."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history_entries"] = describe_history(self.instance.history.all())
        return context
