"""The home page and general content pages."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.core.blocks import BodyBlock, TileBlock
from cms.core.models import BasePage
from editorial.permissions import PageOnlyPermissionsMixin
from servicepages import queries as servicepages_queries

from . import queries


class HomePage(PageOnlyPermissionsMixin, BasePage):
    """The portal's front page: tiles into each section, upcoming events and the services per region."""

    tiles = StreamField([("tile", TileBlock())], verbose_name=_("portal tiles"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("tiles"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "servicepages.ServiceIndexPage",
        "servicepages.ReferenceGroupIndexPage",
        "reporting.ReportingPage",
        "reporting.ApplicationPage",
        "events.EventIndexPage",
        "home.StandardPage",
        "home.SitemapPage",
    ]
    max_count = 1
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_events"] = queries.upcoming_events(3)
        context["region_table"] = servicepages_queries.services_per_region()
        return context


class StandardPage(BasePage):
    """A general content page, e.g. 'Om servicemiljøet' or 'Rammeverk og retningslinjer'."""

    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    template = "home/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class SitemapPage(BasePage):
    """'Nettstedskart': every live, public page of the site as a nested list (the HTML sitemap).

    ``/sitemap.xml`` stays the crawlers' sitemap; this page is for people.
    """

    content_panels = BasePage.content_panels
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    template = "home/sitemap_page.html"

    class Meta:
        verbose_name = _("HTML sitemap")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tree"] = page_tree(self.get_parent())
        return context


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
