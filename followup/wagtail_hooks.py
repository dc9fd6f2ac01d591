from wagtail import hooks

from .panels import FollowUpPanel, regions_followed_by


@hooks.register("construct_homepage_panels")
def add_follow_up_panel(request, panels):
    """Moderators (and the national group) see their region's follow-ups on the dashboard; editors do not."""
    region_ids = regions_followed_by(request.user)
    if region_ids is None or region_ids:
        panels.append(FollowUpPanel(region_ids))
