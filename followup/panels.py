"""The dashboard panel "Oppfølging": a moderator's region's follow-ups (national users see every region)."""

from wagtail.admin.ui.components import Component

from registers.access import get_scope

from .queries import follow_ups


def regions_followed_by(user):
    """Region ids whose follow-up ``user`` sees: their moderated regions; None for every region; () for none."""
    scope = get_scope(user)
    if scope.all_regions:
        return None
    return tuple(sorted(scope.region_ids))


class FollowUpPanel(Component):
    name = "followup"
    template_name = "followup/panel.html"
    order = 190

    def __init__(self, region_ids):
        self.region_ids = region_ids

    def get_context_data(self, parent_context):
        return {"follow_ups": follow_ups(self.region_ids), "request": parent_context.get("request")}
