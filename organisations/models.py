"""Reusable, versioned snippets: regions (RHF), hospital trusts (HF), medical fields and contacts.

Every snippet keeps revisions (history and compare in the admin). Contact persons also have draft
state and locking: a contact's details can be prepared and published when they take effect. Regions,
hospital trusts and medical fields are reference data that filters and forms use at once, so they are
saved directly (a draft of them would still show up in every chooser and filter).
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin
from wagtail.search import index


def revisions_relation():
    """Revisions of a snippet, deleted together with the snippet."""
    return GenericRelation("wagtailcore.Revision")


class Region(RevisionMixin, index.Indexed, models.Model):
    """A regional health authority (RHF)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    short_name = models.CharField(_("abbreviation"), max_length=10, blank=True)
    website = models.URLField(_("website"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("short_name"),
        FieldPanel("website"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    _revisions = revisions_relation()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("region (RHF)")
        verbose_name_plural = _("regions (RHF)")

    @property
    def revisions(self):
        return self._revisions

    def __str__(self):
        return self.name


class RegionTeam(models.Model):
    """The editorial groups and media collection of one region (RHF); read through ``organisations.teams``."""

    region = models.OneToOneField(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="team")
    editors = models.OneToOneField(
        "auth.Group", verbose_name=_("editors"), on_delete=models.PROTECT, related_name="editor_of_region"
    )
    moderators = models.OneToOneField(
        "auth.Group", verbose_name=_("moderators"), on_delete=models.PROTECT, related_name="moderator_of_region"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", verbose_name=_("collection"), on_delete=models.PROTECT, related_name="region_team"
    )

    class Meta:
        db_table = "editorial_regionteam"  # created by the editorial app before the model moved here
        verbose_name = _("regional editorial team")
        verbose_name_plural = _("regional editorial teams")
        ordering = ["region__sort_order", "region__name"]

    def __str__(self):
        return str(self.region)


class HealthTrust(RevisionMixin, index.Indexed, models.Model):
    """A hospital trust (HF), owned by one region."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    short_name = models.CharField(_("abbreviation"), max_length=20, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="health_trusts")
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("region"), FieldPanel("website")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    _revisions = revisions_relation()

    class Meta:
        ordering = ["name"]
        verbose_name = _("hospital trust (HF)")
        verbose_name_plural = _("hospital trusts (HF)")

    @property
    def revisions(self):
        return self._revisions

    def __str__(self):
        return self.name


class MedicalField(RevisionMixin, index.Indexed, models.Model):
    """A medical field used to group services, e.g. 'Nevrologi'."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    _revisions = revisions_relation()

    class Meta:
        ordering = ["name"]
        verbose_name = _("medical field")
        verbose_name_plural = _("medical fields")

    @property
    def revisions(self):
        return self._revisions

    def __str__(self):
        return self.name


class ContactPerson(DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """A named contact shown on pages (fictional people in the demo content)."""

    name = models.CharField(_("name"), max_length=150)
    job_title = models.CharField(_("title"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts"
    )
    health_trust = models.ForeignKey(
        HealthTrust,
        verbose_name=_("hospital trust"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("job_title"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("region"),
        FieldPanel("health_trust"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    _revisions = revisions_relation()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    @property
    def revisions(self):
        return self._revisions

    def __str__(self):
        return f"{self.name} ({self.job_title})" if self.job_title else self.name
