"""Follow-up registers of the servicemiljø: annual reports and applications for new national services.

These are records, not pages. Every change is kept by django-simple-history (who, when, what), including
deleted records, so the register can be shown as it stood on any date.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.core.params import FIRST_YEAR  # the first year of any record or filter

from .access import get_scope

LAST_YEAR = 2100
REPORT_DEADLINE = (2, 10)  # 10 February of the year after the reporting year


def report_deadline(year):
    """The eRapport deadline for the annual report of `year`: 10 February the year after."""
    return datetime.date(year + 1, *REPORT_DEADLINE)


class AssessmentStatus(models.TextChoices):
    """Where the servicemiljø's assessment of an annual report stands."""

    NOT_RECEIVED = "not_received", _("Not received")
    RECEIVED = "received", _("Received")
    UNDER_ASSESSMENT = "under_assessment", _("Under assessment")
    ASSESSED = "assessed", _("Assessed")
    FOLLOW_UP = "follow_up", _("Follow-up needed")
    CLOSED = "closed", _("Closed")


RECEIVED_STATUSES = [s for s in AssessmentStatus if s != AssessmentStatus.NOT_RECEIVED]
ASSESSED_STATUSES = [AssessmentStatus.ASSESSED, AssessmentStatus.FOLLOW_UP, AssessmentStatus.CLOSED]


YEAR_ERROR_MESSAGES = {
    "invalid": _("Enter the year as four digits, e.g. 2024."),
    "min_value": _("The year must be %(limit_value)s or later."),
    "max_value": _("The year must be %(limit_value)s or earlier."),
}


class RegionScopedForm(WagtailAdminModelForm):
    """Limits region choices to the regions the editing user may work in, and refuses others."""

    region_field = "assessing_region"
    year_fields = ("year", "round_year")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.year_fields:
            if name in self.fields:
                self.fields[name].error_messages.update(YEAR_ERROR_MESSAGES)
        self.scope = get_scope(self.for_user) if self.for_user else None
        field = self.fields.get(self.region_field)
        if field is not None and self.scope is not None and not self.scope.all_regions:
            field.queryset = field.queryset.filter(pk__in=self.scope.region_ids)

    def clean(self):
        cleaned = super().clean()
        region = cleaned.get(self.region_field)
        if region is not None and self.scope is not None and not self.scope.covers(region.pk):
            self.add_error(self.region_field, _("You can only register records for your own region."))
        return cleaned


class AnnualReportForm(RegionScopedForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit_field = self.fields.get("unit")
        if unit_field is not None:
            units = unit_field.queryset.order_by("title")
            if self.scope is not None and not self.scope.all_regions:
                own = models.Q(host_trusts__region__in=self.scope.region_ids)
                units = units.filter(own | models.Q(pk=self.instance.unit_id)).distinct()
            unit_field.queryset = units
        region_field = self.fields.get("assessing_region")
        if region_field is not None and not self.instance.pk and region_field.queryset.count() == 1:
            region_field.initial = region_field.queryset.first().pk


class AnnualReport(models.Model):
    """One service's, network's or centre's annual report for one year, and how it was assessed."""

    unit = models.ForeignKey(
        "servicepages.NationalUnitPage",
        verbose_name=_("service, network or centre"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="annual_reports",
    )
    unit_name = models.CharField(
        _("name of the unit"),
        max_length=255,
        editable=False,
        help_text=_("Kept so the record still names its unit if the unit's page is deleted."),
    )
    year = models.PositiveSmallIntegerField(
        _("reporting year"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_("The year the report covers. It is due on 10 February the year after."),
    )
    submitted = models.DateField(_("submitted"), null=True, blank=True)
    erapport_url = models.URLField(_("link to the report in eRapport"), blank=True)
    reference_group_approved = models.BooleanField(
        _("approved by the reference group"),
        null=True,
        blank=True,
        choices=[(True, _("Yes")), (False, _("No"))],
    )
    reference_group_assessment = models.TextField(_("the reference group's assessment"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.NOT_RECEIVED,
        db_index=True,
        help_text=_("The servicemiljø's assessment status."),
    )
    follow_up_needs = models.TextField(_("follow-up needs"), blank=True)
    assessing_region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("assessing region"),
        on_delete=models.PROTECT,
        related_name="assessed_reports",
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    base_form_class = AnnualReportForm
    panels = [
        FieldRowPanel([FieldPanel("unit"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("submitted"), FieldPanel("erapport_url")]),
        MultiFieldPanel(
            [FieldPanel("reference_group_approved"), FieldPanel("reference_group_assessment")],
            heading=_("Reference group"),
        ),
        MultiFieldPanel(
            [FieldPanel("assessing_region"), FieldPanel("status"), FieldPanel("follow_up_needs")],
            heading=_("The servicemiljø's assessment"),
        ),
    ]

    class Meta:
        ordering = ["-year", "unit_name"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="registers_one_report_per_unit_year",
                violation_error_message=_("This unit already has an annual report for this year."),
            )
        ]

    def __str__(self):
        return f"{self.unit_name or (self.unit.title if self.unit_id else '?')} – {self.year}"

    @property
    def deadline(self):
        return report_deadline(self.year) if self.year else None

    @property
    def is_late(self):
        return bool(self.submitted and self.year and self.submitted > self.deadline)

    def save(self, *args, **kwargs):
        if self.unit_id:
            self.unit_name = self.unit.title
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.status == AssessmentStatus.NOT_RECEIVED and self.submitted:
            errors["status"] = _("A report with a submitted date cannot have the status “not received”.")
        if self.submitted and self.submitted > datetime.date.today():
            errors["submitted"] = _("The submitted date cannot be in the future.")
        if self.submitted and self.year and self.submitted.year < self.year:
            errors["submitted"] = _("A report cannot be submitted before the year it covers.")
        if self.status == AssessmentStatus.FOLLOW_UP and not self.follow_up_needs.strip():
            errors["follow_up_needs"] = _("Describe the follow-up needed.")
        if errors:
            raise ValidationError(errors)


class ApplicationKind(models.TextChoices):
    TREATMENT = "behandlingstjeneste", _("National treatment service")
    MULTIREGIONAL = "flerregional", _("Multiregional treatment service")
    COMPETENCE = "kompetansetjeneste", _("National competence service")


class ApplicationStage(models.TextChoices):
    """The steps of the yearly application cycle (årshjul)."""

    RECEIVED = "received", _("Received")
    REGIONAL_PRIORITISATION = "regional_prioritisation", _("Regional prioritisation")
    RANKED = "ranked", _("Ranked at the IRF")
    SENT_TO_MINISTRY = "sent_to_ministry", _("Sent to the ministry")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ApplicationForm(RegionScopedForm):
    region_field = "applying_region"


class Application(models.Model):
    """An application from a regional health authority for a new national service."""

    title = models.CharField(_("name of the proposed service"), max_length=255)
    kind = models.CharField(_("type"), max_length=30, choices=ApplicationKind.choices, db_index=True)
    round_year = models.PositiveSmallIntegerField(
        _("application round"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_(
            "The year the service would start, e.g. 2025 for applications sent to the ministry in January 2025."
        ),
    )
    applying_region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("applying regional health authority"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    health_trust = models.ForeignKey(
        "organisations.HealthTrust",
        verbose_name=_("hospital trust"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("The hospital trust that would host the service, once it is settled."),
    )
    second_health_trust = models.ForeignKey(
        "organisations.HealthTrust",
        verbose_name=_("second hospital trust"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="second_applications",
        help_text=_("Only for a multiregional service: the hospital trust in the other region."),
    )
    medical_field = models.ForeignKey(
        "organisations.MedicalField",
        verbose_name=_("medical field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    stage = models.CharField(
        _("stage"),
        max_length=30,
        choices=ApplicationStage.choices,
        default=ApplicationStage.RECEIVED,
        db_index=True,
    )
    irf_rank = models.PositiveSmallIntegerField(
        _("rank at the IRF"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    received_on = models.DateField(_("received by the servicemiljø"), null=True, blank=True)
    irf_meeting_on = models.DateField(_("IRF meeting"), null=True, blank=True)
    sent_to_ministry_on = models.DateField(_("sent to the ministry"), null=True, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    base_form_class = ApplicationForm
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("round_year")]),
        FieldPanel("applying_region"),
        FieldRowPanel([FieldPanel("health_trust"), FieldPanel("second_health_trust")]),
        FieldPanel("medical_field"),
        FieldRowPanel([FieldPanel("stage"), FieldPanel("irf_rank")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("received_on"), FieldPanel("irf_meeting_on")]),
                FieldRowPanel([FieldPanel("sent_to_ministry_on"), FieldPanel("decided_on")]),
            ],
            heading=_("Key dates"),
        ),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["-round_year", "irf_rank", "title"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self):
        return self.title

    @property
    def health_trusts(self):
        return [t for t in (self.health_trust, self.second_health_trust) if t is not None]

    def clean(self):
        super().clean()
        errors = {}
        first = self.health_trust if self.health_trust_id else None
        second = self.second_health_trust if self.second_health_trust_id else None
        if self.kind == ApplicationKind.MULTIREGIONAL:
            if first is None or second is None:
                errors["second_health_trust"] = _("A multiregional service needs two hospital trusts.")
            elif first is not None and first.region_id == second.region_id:
                errors["second_health_trust"] = _("The two hospital trusts must belong to different regions.")
        elif second is not None:
            errors["second_health_trust"] = _("Only a multiregional service has a second hospital trust.")
        single = self.kind != ApplicationKind.MULTIREGIONAL
        if single and first is not None and self.applying_region_id and first.region_id != self.applying_region_id:
            errors["health_trust"] = _("The hospital trust must belong to the applying region.")
        if (
            first is not None
            and second is not None
            and self.applying_region_id
            and self.applying_region_id not in (first.region_id, second.region_id)
        ):
            errors["applying_region"] = _("The applying region must own one of the hospital trusts.")
        ranked_stages = (ApplicationStage.RANKED, ApplicationStage.SENT_TO_MINISTRY)
        if self.stage in ranked_stages and not self.irf_rank:
            errors["irf_rank"] = _("Give the rank the application got at the IRF.")
        dates = [
            ("received_on", self.received_on),
            ("irf_meeting_on", self.irf_meeting_on),
            ("sent_to_ministry_on", self.sent_to_ministry_on),
            ("decided_on", self.decided_on),
        ]
        known = [(name, value) for name, value in dates if value]
        for (_name_a, a), (name_b, b) in zip(known, known[1:], strict=False):
            if b < a:
                errors.setdefault(name_b, _("The key dates must follow each other in time."))
        if errors:
            raise ValidationError(errors)


# --- activity figures: patients (or a competence service's measure) per home region ------------------------


class ActivityMeasure(models.TextChoices):
    """What a unit counts in its yearly activity figures."""

    PATIENTS = "patients", _("Patients treated")
    CONSULTATIONS = "consultations", _("Consultations")
    COURSE_PARTICIPANTS = "course_participants", _("Course participants")
    ADVICE = "advice", _("Advice given to health personnel")


#: The patient's home region: (field name, slug of the region, CSV column). The four RHF areas, then
#: "unknown or abroad", which has no population and no rate.
HOME_REGION_FIELDS = [
    ("south_east", "helse-sor-ost", "helse_sor_ost"),
    ("west", "helse-vest", "helse_vest"),
    ("central", "helse-midt-norge", "helse_midt_norge"),
    ("north", "helse-nord", "helse_nord"),
]
UNKNOWN_FIELD = ("unknown", None, "ukjent_utland")
COUNT_FIELDS = [*HOME_REGION_FIELDS, UNKNOWN_FIELD]


class ActivityFiguresForm(RegionScopedForm):
    """Moderators choose among their own region's units; the reporting region follows the unit."""

    region_field = "reporting_region"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit_field = self.fields.get("unit")
        if unit_field is not None:
            units = unit_field.queryset.order_by("title")
            if self.scope is not None and not self.scope.all_regions:
                own = models.Q(host_trusts__region__in=self.scope.region_ids)
                units = units.filter(own | models.Q(pk=self.instance.unit_id)).distinct()
            unit_field.queryset = units
        region_field = self.fields.get("reporting_region")
        if region_field is not None and not self.instance.pk and region_field.queryset.count() == 1:
            region_field.initial = region_field.queryset.first().pk


def count_field(label):
    return models.PositiveIntegerField(label, default=0)


class ActivityFigures(models.Model):
    """One unit's activity for one year, per patient's home region (a multiregional unit may report per site)."""

    unit = models.ForeignKey(
        "servicepages.NationalUnitPage",
        verbose_name=_("service, network or centre"),
        on_delete=models.CASCADE,
        related_name="activity_figures",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    site = models.ForeignKey(
        "organisations.HealthTrust",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Only for a multiregional unit that reports per site: the hospital trust the figures are for."),
    )
    measure = models.CharField(
        _("what is counted"),
        max_length=30,
        choices=ActivityMeasure.choices,
        default=ActivityMeasure.PATIENTS,
        help_text=_("Treatment services count patients; competence services choose a fitting measure."),
    )
    south_east = count_field(_("from Helse Sør-Øst"))
    west = count_field(_("from Helse Vest"))
    central = count_field(_("from Helse Midt-Norge"))
    north = count_field(_("from Helse Nord"))
    unknown = count_field(_("home region unknown or abroad"))
    reporting_region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("reporting region"),
        on_delete=models.PROTECT,
        related_name="activity_figures",
        help_text=_("The region that enters the figures: the host region of the unit (or of the site)."),
    )
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    base_form_class = ActivityFiguresForm
    panels = [
        FieldRowPanel([FieldPanel("unit"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("measure"), FieldPanel("site")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("south_east"), FieldPanel("west")]),
                FieldRowPanel([FieldPanel("central"), FieldPanel("north")]),
                FieldPanel("unknown"),
            ],
            heading=_("Per patient's home region"),
        ),
        FieldPanel("reporting_region"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["-year", "unit__title", "site__name"]
        verbose_name = _("activity figures")
        verbose_name_plural = _("activity figures")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=models.Q(site__isnull=True),
                name="registers_one_activity_set_per_unit_year",
                violation_error_message=_("This unit already has activity figures for this year."),
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "site"],
                name="registers_one_activity_set_per_unit_year_site",
                violation_error_message=_("This unit already has activity figures for this site and year."),
            ),
        ]

    def __str__(self):
        name = self.unit.title if self.unit_id else "?"
        site = f" ({self.site.name})" if self.site_id else ""
        return f"{name}{site} – {self.year}"

    @property
    def counts(self):
        """{field name: count} for the four regions and "unknown or abroad"."""
        return {name: getattr(self, name) for name, _slug, _column in COUNT_FIELDS}

    @property
    def total(self):
        return sum(self.counts.values())

    def clean(self):
        super().clean()
        errors = {}
        if self.year and self.year > datetime.date.today().year:
            errors["year"] = _("Figures cannot be given for a year that has not started.")
        if self.unit_id:
            trusts = list(self.unit.host_trusts.all())
            if self.site_id and self.site_id not in {t.pk for t in trusts}:
                errors["site"] = _("The site must be one of the unit's host hospital trusts.")
            regions = {self.site.region_id} if self.site_id else {t.region_id for t in trusts}
            if self.reporting_region_id and regions and self.reporting_region_id not in regions:
                errors["reporting_region"] = _("The reporting region must be the host region of the unit or site.")
            if self.year:
                same_year = ActivityFigures.objects.filter(unit_id=self.unit_id, year=self.year).exclude(pk=self.pk)
                if self.site_id and same_year.filter(site__isnull=True).exists():
                    errors["site"] = _("This unit already has figures for the whole unit this year; not per site.")
                if not self.site_id and same_year.filter(site__isnull=False).exists():
                    errors["site"] = _("This unit reports per site this year: choose the site.")
        if errors:
            raise ValidationError(errors)


class RegionPopulation(models.Model):
    """The number of inhabitants of a region in a year, for rates per 100,000. Kept by the national group."""

    region = models.ForeignKey(
        "organisations.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="populations"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    population = models.PositiveIntegerField(_("inhabitants"), validators=[MinValueValidator(1)])
    source = models.CharField(
        _("source"),
        max_length=255,
        help_text=_("Where the figure comes from, e.g. Statistics Norway, table 11342, 1 January."),
    )
    source_url = models.URLField(_("link to the source"), blank=True)
    is_demo = models.BooleanField(
        _("demo figure"), default=False, help_text=_("A round figure for the demo, not a published statistic.")
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    panels = [
        FieldRowPanel([FieldPanel("region"), FieldPanel("year")]),
        FieldPanel("population"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("source_url")]),
        FieldPanel("is_demo"),
    ]

    class Meta:
        ordering = ["-year", "region__sort_order"]
        verbose_name = _("population of a region")
        verbose_name_plural = _("population per region")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"],
                name="registers_one_population_per_region_year",
                violation_error_message=_("This region already has a population figure for this year."),
            )
        ]

    def __str__(self):
        return f"{self.region} – {self.year}: {self.population}"
