"""The project's base for wagtail-modeladmin registers: every view asks the permission helper.

wagtail-modeladmin's history view checks nothing beyond admin access, although its title names the record.
`GuardedModelAdmin` gives it the inspect rule, so a record's history is shown only to those who may see
the record itself. Every register in the project derives from it. Its list view answers a filter in the
address that names no field (``?%20=x``, a bad date) with a Norwegian message and the whole list, not a 500.
"""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import HistoryView, IndexView


class GuardedHistoryView(HistoryView):
    """The history of one record, refused (403) to users who may not inspect that record."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_inspect_obj(user, self.instance)


class GuardedIndexView(IndexView):
    """The list view; a filter in the address it cannot apply gives a message and the whole list."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.error(request, _("The filter in the address is not valid. Showing the whole list instead."))
            return redirect(self.index_url)


class GuardedModelAdmin(ModelAdmin):
    index_view_class = GuardedIndexView
    history_view_class = GuardedHistoryView
