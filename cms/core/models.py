"""Shared page base class and site settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

from . import queries


class LanguageChoices(models.TextChoices):
    BOKMAAL = "nb", _("Bokmål")
    NYNORSK = "nn", _("Nynorsk")


class BasePage(Page):
    """Fields every public page shares: the written language and a short introduction."""

    language = models.CharField(
        _("language"),
        max_length=2,
        choices=LanguageChoices.choices,
        default=LanguageChoices.BOKMAAL,
        help_text=_("The written language of this page. Sets the page's lang attribute."),
    )
    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    promote_panels = Page.promote_panels + [FieldPanel("language")]

    #: The query parameters the page's rendering reads (filters, a page number). The page cache stores a
    #: rendering only when its query has no other parameters.
    query_parameters = ()

    class Meta:
        abstract = True

    def get_breadcrumbs(self):
        """Ancestors below the root, for the breadcrumb trail: dicts with ``title``, ``url`` and ``depth``."""
        return queries.breadcrumbs(self)


@register_setting(icon="site")
class SiteContactSettings(BaseSiteSetting):
    """Contact details shown in the footer of every page."""

    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_statement_url = models.URLField(
        _("accessibility statement address"),
        blank=True,
        help_text=_("Only if the statement is published elsewhere, e.g. on uustatus.no; the page above comes first."),
    )

    panels = [
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("address"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
        FieldPanel("accessibility_statement_url"),
    ]

    class Meta:
        verbose_name = _("contact details")
