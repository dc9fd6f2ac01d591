"""Template context shared by every public page: the main menu and the footer's contact details.

Both are kept per site until the site next changes (the page cache's generation): publishing, moving or
unpublishing a page, a new view restriction, or an edit of the contact settings shows at once.
"""

from wagtail.models import Page

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
        contact = SiteContactSettings.objects.filter(site=site).first() or SiteContactSettings(site=site)
        # Both linked pages in one query.
        linked = Page.objects.live().in_bulk(
            [pk for pk in (contact.privacy_page_id, contact.accessibility_page_id) if pk]
        )
        privacy_page = linked.get(contact.privacy_page_id)
        accessibility_page = linked.get(contact.accessibility_page_id)
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
