"""Pages about annual reporting and applications for new national services."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.core.blocks import BodyBlock, CycleStepBlock
from cms.core.models import BasePage

from . import queries
from .filters import ArchiveFilter


class ReportingPage(BasePage):
    """'Rapportering': the reporting rules, the deadline and the archive of annual reports."""

    deadline_day = models.PositiveSmallIntegerField(_("deadline day"), default=10)
    deadline_month = models.PositiveSmallIntegerField(
        _("deadline month"),
        default=2,
        choices=[
            (i, name)
            for i, name in enumerate(
                [
                    "januar",
                    "februar",
                    "mars",
                    "april",
                    "mai",
                    "juni",
                    "juli",
                    "august",
                    "september",
                    "oktober",
                    "november",
                    "desember",
                ],
                start=1,
            )
        ],
    )
    erapport_url = models.URLField(_("address of eRapport"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("deadline_day"), FieldPanel("deadline_month")], heading=_("Deadline")),
        FieldPanel("erapport_url"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]
    max_count = 1
    template = "reporting/reporting_page.html"
    query_parameters = ("year", "region")

    class Meta:
        verbose_name = _("reporting page")

    @property
    def deadline_display(self):
        return f"{self.deadline_day}. {self.get_deadline_month_display()}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        regions = queries.regions()
        archive_filter = ArchiveFilter.from_params(request.GET, regions)
        grouped, years = queries.archive(archive_filter.year, archive_filter.region)
        context.update(
            {
                "archive": grouped,
                "archive_filter": archive_filter,
                "archive_years": years,
                "archive_regions": regions,
            }
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # A filter value that is not valid is the visitor's error: say so clearly, with a 400 status.
        if getattr(response, "context_data", None) and response.context_data["archive_filter"].errors:
            response.status_code = 400
        return response


class ApplicationPage(BasePage):
    """'Søknad om nye nasjonale tjenester': the process and its yearly cycle."""

    cycle = StreamField([("step", CycleStepBlock())], verbose_name=_("yearly cycle"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body"), FieldPanel("cycle")]
    search_fields = BasePage.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]
    max_count = 1
    template = "reporting/application_page.html"

    class Meta:
        verbose_name = _("application page")
