"""The project's base for wagtail-modeladmin registers: every view asks the permission helper.

wagtail-modeladmin's history view checks nothing beyond admin access, although its title names the record.
`GuardedModelAdmin` gives it the inspect rule, so a record's history is shown only to those who may see
the record itself. Every register in the project derives from it.
"""

from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import HistoryView


class GuardedHistoryView(HistoryView):
    """The history of one record, refused (403) to users who may not inspect that record."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_inspect_obj(user, self.instance)


class GuardedModelAdmin(ModelAdmin):
    history_view_class = GuardedHistoryView
