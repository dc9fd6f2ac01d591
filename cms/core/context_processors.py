"""Template context shared by every public page: the main menu and the footer's contact details.

Both are kept per site until the site next changes (the page cache's generation): publishing, moving or
unpublishing a page, a new view restriction, or an edit of the contact settings shows at once.
"""

from pagecache.cache import make_key, memoize
from pagecache.queries import public, site_for_request

from .models import SiteContactSettings


def site_navigation(request):
    """The main menu: the live, public, in-menu children of the site's root page."""
    if request.path.startswith("/admin/"):
        return {}
    site = site_for_request(request)
    if site is None:
        return {"main_menu": []}

    def build():
        children = public(site.root_page.get_children().live().in_menu())
        return [{"title": page.title, "url": page.get_url(), "id": page.id} for page in children]

    return {"main_menu": memoize(make_key("navigation", site.pk), build)}


def site_contact(request):
    """The footer's contact details and links (SiteContactSettings)."""
    if request.path.startswith("/admin/"):
        return {}
    site = site_for_request(request)
    if site is None:
        return {"site_contact": {}}

    def build():
        # Read, never written: a page view must not create the settings row (``for_site`` would), which
        # would change the site and so the cache generation on the first view.
        # The settings and both linked pages in one query.
        contact = SiteContactSettings.objects.filter(site=site).select_related(
            "privacy_page", "accessibility_page"
        ).first() or SiteContactSettings(site=site)
        privacy_page = contact.privacy_page if contact.privacy_page_id and contact.privacy_page.live else None
        accessibility_page = (
            contact.accessibility_page if contact.accessibility_page_id and contact.accessibility_page.live else None
        )
        return {
            "email": contact.email,
            "phone": contact.phone,
            "address": contact.address,
            "privacy_url": privacy_page.get_url() if privacy_page else "",
            "accessibility_statement_url": (
                accessibility_page.get_url() if accessibility_page else contact.accessibility_statement_url
            ),
        }

    return {"site_contact": memoize(make_key("site-contact", site.pk), build)}
