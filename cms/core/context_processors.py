"""Template context shared by every public page: the main menu and the footer's contact details.

Both are kept per site until the site next changes (the page cache's generation): publishing, moving or
unpublishing a page, a new view restriction, or an edit of the contact settings shows at once. Where they are
not kept (the page cache off), each is one prepared query (``prepared``: its SQL built once per process), and
the pages' URLs come from the site root paths the request has already read (no cache read per link).
"""

from types import SimpleNamespace

from wagtail.models import Page

from pagecache.cache import make_key, memoize
from pagecache.queries import public, restricted_sections, site_for_request

from .models import SiteContactSettings
from .prepared import PreparedQuery


def _menu_query(root_id, root_path, root_depth, sections):
    root = SimpleNamespace(pk=root_id, path=root_path, depth=root_depth)  # what ``child_of`` reads of the root
    return public(Page.objects.child_of(root).live().in_menu(), sections)


MENU = PreparedQuery(_menu_query)
CONTACT = PreparedQuery(
    lambda site_id: SiteContactSettings.objects.filter(site_id=site_id)
    .select_related("privacy_page", "accessibility_page")
    .order_by("pk")[:1]
)


def _with_root_paths(request, pages):
    """``pages``, given the site root paths of ``request`` for their URLs (when it has read them)."""
    root_paths = getattr(request, "_wagtail_cached_site_root_paths", None)
    if root_paths is not None:
        for page in pages:
            page._wagtail_cached_site_root_paths = root_paths
    return pages


def site_navigation(request):
    """The main menu: the live, public, in-menu children of the site's root page."""
    if request.path.startswith("/admin/"):
        return {}
    site = site_for_request(request)
    if site is None:
        return {"main_menu": []}

    def build():
        root = site.root_page
        children = _with_root_paths(request, MENU.run(root.pk, root.path, root.depth, tuple(restricted_sections())))
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
        contact = next(iter(CONTACT.run(site_id=site.pk)), None) or SiteContactSettings(site=site)
        _with_root_paths(request, [p for p in (contact.privacy_page, contact.accessibility_page) if p is not None])
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
