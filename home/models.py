"""The home page and general content pages."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.core.blocks import BodyBlock, TileBlock
from cms.core.models import BasePage
from cms.core.permissions import PageOnlyPermissionsMixin
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
