"""Template context shared by every public page."""

from django.core.cache import cache
from wagtail.models import Site

NAVIGATION_CACHE_KEY = "site-navigation"


def site_navigation(request):
    """The main menu: the live, in-menu children of the site's root page (cached, cleared on publish)."""
    if request.path.startswith("/admin/"):
        return {}

    def build():
        site = Site.find_for_request(request)
        if site is None:
            return []
        return [
            {"title": page.title, "url": page.url, "id": page.id}
            for page in site.root_page.get_children().live().public().in_menu()
        ]

    items = cache.get(NAVIGATION_CACHE_KEY)
    if items is None:
        items = build()
        cache.set(NAVIGATION_CACHE_KEY, items, 600)
    return {"main_menu": items}


def site_contact(request):
    """The footer's contact details and links (SiteContactSettings), kept until the site changes."""
    if request.path.startswith("/admin/"):
        return {}
    from pagecache.cache import memoize
    from pagecache.queries import site_for_request

    from .models import SiteContactSettings

    site = site_for_request(request)
    if site is None:
        return {"site_contact": {}}

    def build():
        contact = SiteContactSettings.for_site(site)
        privacy_page = contact.privacy_page
        return {
            "email": contact.email,
            "phone": contact.phone,
            "address": contact.address,
            "privacy_url": privacy_page.get_url() if privacy_page and privacy_page.live else "",
            "accessibility_statement_url": contact.accessibility_statement_url,
        }

    return {"site_contact": memoize(f"site-contact:{site.pk}", build)}
