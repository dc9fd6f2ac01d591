"""Search synonyms that editors maintain, merged with the built-in rules in ``search.norwegian``."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .norwegian import WORD_RE, fold


def parse_terms(value):
    """The words of a comma-separated synonym list, lower-cased, without duplicates."""
    return list(dict.fromkeys(fold(part).strip() for part in (value or "").split(",") if part.strip()))


class SearchSynonym(models.Model):
    """A group of words that should find the same pages, e.g. 'tjeneste, teneste'."""

    terms = models.CharField(
        _("words"),
        max_length=500,
        unique=True,
        help_text=_(
            "Comma-separated single words that mean the same, preferred form first, "
            "e.g. “tjeneste, teneste”. Searching for any of them finds pages with any of them."
        ),
    )
    compound_part = models.BooleanField(
        _("also inside compound words"),
        default=False,
        help_text=_("Also match these words at the end of a compound, e.g. “behandlingsteneste”."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("compound_part"), FieldPanel("note")]

    class Meta:
        ordering = ["terms"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        permissions = [("view_popular_queries", _("Can view the popular search terms report"))]

    def __str__(self):
        return self.terms

    @property
    def words(self):
        return parse_terms(self.terms)

    def clean(self):
        super().clean()
        words = self.words
        bad = [w for w in words if not WORD_RE.fullmatch(w)]
        if bad:
            raise ValidationError(
                {"terms": _("Use single words without spaces or punctuation: %(words)s") % {"words": ", ".join(bad)}}
            )
        if len(words) < 2:
            raise ValidationError({"terms": _("Give at least two words.")})
        self.terms = ", ".join(words)


class SearchWord(models.Model):
    """A word of the site's searchable text, read by ``search.query.enrich``: what compounds are split against,
    what prefixes expand to and what misspelt words are corrected to. Written by ``search.index``: rebuilt by
    ``rebuild_search_index``, added to when a page is published."""

    word = models.CharField(max_length=60, unique=True)  # folded (search.norwegian.ascii_fold)
    surface = models.CharField(max_length=60)  # as the pages write it, e.g. "strålekniv" for "stralekniv"
    length = models.PositiveSmallIntegerField(db_index=True)
    pages = models.PositiveIntegerField(default=1)  # on how many pages (at the last rebuild)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self):
        return self.surface


class SearchFacetValue(models.Model):
    """A facet value of an indexed page (its type; a unit's status, regions, host trusts and medical fields), kept
    beside the page's index entry by the search index (``search.index``): the facet counts read this one table,
    however many pages a search matches."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", db_index=False)
    facet = models.CharField(max_length=20)  # a facet's name (search.query.REGISTRY)
    value = models.CharField(max_length=100)  # as the facet's query parameter writes it

    class Meta:
        verbose_name = _("search facet value")
        verbose_name_plural = _("search facet values")
        constraints = [models.UniqueConstraint(fields=["page", "facet", "value"], name="portal_search_facet_uniq")]
        indexes = [models.Index(fields=["facet", "value"], name="portal_search_facet_value_idx")]

    def __str__(self):
        return f"{self.facet}={self.value}"
