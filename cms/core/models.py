"""Shared page base class and site settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page


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

    class Meta:
        abstract = True

    def get_breadcrumbs(self):
        """Ancestors below the root, for the breadcrumb trail: dicts with ``title``, ``url`` and ``depth``.

        Kept in the page cache's store until the site changes (a moved or renamed ancestor bumps it).
        """
        from pagecache.cache import memoize

        def ancestors():
            return [
                {"title": page.title, "url": page.get_url(), "depth": page.depth}
                for page in self.get_ancestors().filter(depth__gt=1)
            ]

        return memoize(f"breadcrumbs:{self.path}", ancestors)

    def get_view_restrictions(self):
        """Wagtail's view restrictions of this page and its ancestors, without its two queries when no
        restricted section (and no alias, whose source's restrictions would apply) lies on this page's path."""
        from wagtail.models import PageViewRestriction

        from pagecache.queries import alias_paths, restricted_sections

        on_path = [path for path, _depth in restricted_sections() if self.path.startswith(path)]
        aliases = [path for path in alias_paths() if self.path.startswith(path)]
        if not on_path and not aliases and not self.alias_of_id:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


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
    accessibility_statement_url = models.URLField(_("accessibility statement address"), blank=True)

    panels = [
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("address"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_statement_url"),
    ]

    class Meta:
        verbose_name = _("contact details")
