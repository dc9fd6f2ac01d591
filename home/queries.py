"""What the home page lists (the next events) and the HTML sitemap's tree of pages."""

from events.models import EventPage


def upcoming_events(limit=3):
    """The next ``limit`` live, public events that have not ended (their registration state is read live)."""
    return list(EventPage.objects.upcoming()[:limit])


def page_tree(root):
    """The live, public pages below ``root`` as nested dicts (``title``, ``url``, ``children``), in tree order.

    One query; URLs are built from each page's ``url_path`` relative to ``root`` (the site's root page), so no
    page is loaded as its specific class.
    """
    prefix = root.url_path
    nodes, stack = [], []
    pages = root.get_descendants().live().public().order_by("path").only("title", "url_path", "depth", "path")
    for page in pages:
        node = {"title": page.title, "url": "/" + page.url_path[len(prefix) :], "children": []}
        while stack and not page.path.startswith(stack[-1][0]):
            stack.pop()
        (stack[-1][1]["children"] if stack else nodes).append(node)
        stack.append((page.path, node))
    return nodes
