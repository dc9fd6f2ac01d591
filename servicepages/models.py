"""Pages for national services, networks, centres, regions and reference groups.

The models hold fields, panels, parent/child rules and the context their templates need; the listing
statistics they show come from ``queries`` (which keeps the repeated ones), the filters from ``filters``.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Prefetch
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.core.blocks import BodyBlock, MemberBlock
from cms.core.http import not_shared
from cms.core.models import BasePage
from cms.core.permissions import PageGrantsMixin, PageOnlyPermissionsMixin
from cms.core.prepared import PreparedQuery
from cms.core.text import has_text
from organisations.models import HealthTrust, MedicalField, Region
from pagecache.queries import public

from . import lifecycle, queries
from .choices import ENDED_STATUSES, SERVICE_KINDS, QualityToolKind, TermOutcome, UnitKind, UnitStatus
from .filters import ServiceFilter
from .forms import NationalUnitPageForm
from .panels import RequiredContentPanel

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "document-link", "ol", "ul"]

#: Long texts a listing row never shows: not loaded (nor their StreamField parsed) for listings.
LISTING_DEFERRED_FIELDS = (
    "approved_description",
    "goals",
    "quality_tools",
    "body",
    "former_names",
    "who_may_refer",
)


def host_trusts_with_region():
    return Prefetch("host_trusts", queryset=HealthTrust.objects.select_related("region").order_by("name"))


class UnitQuerySet(PageQuerySet):
    def for_listing(self):
        """Live public units with everything a listing row shows, in a fixed number of queries."""
        return (
            public(self.live())
            .defer(*LISTING_DEFERRED_FIELDS)
            .prefetch_related(host_trusts_with_region())
            .order_by("title")
        )

    def hosted_by(self, **trust_lookup):
        """Units hosted by trusts matching ``trust_lookup`` (e.g. ``region_id=3``, ``region__slug="helse-vest"``).

        A subquery, not a join: no duplicate rows, so no DISTINCT over whole pages (which made PostgreSQL sort
        every unit of the site for each listing and its count)."""
        links = NationalUnitPage.host_trusts.through.objects.filter(
            **{f"healthtrust__{name}": value for name, value in trust_lookup.items()}
        )
        return self.filter(pk__in=links.values("nationalunitpage_id"))

    def in_medical_field(self, slug):
        """Units of the medical field with this slug (a subquery, as ``hosted_by``)."""
        links = NationalUnitPage.medical_fields.through.objects.filter(medicalfield__slug=slug)
        return self.filter(pk__in=links.values("nationalunitpage_id"))


UnitManager = PageManager.from_queryset(UnitQuerySet)


class NationalUnitPage(PageGrantsMixin, BasePage):
    """Shared fields of services, networks and centres.

    Concrete so that listings, filters and search query one table; never created directly.
    """

    kind = models.CharField(_("type"), max_length=30, choices=UnitKind.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=UnitStatus.choices, default=UnitStatus.ACTIVE, db_index=True
    )
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    former_names = models.TextField(
        _("former names"), blank=True, help_text=_("One per line. Visitors searching for an old name find this page.")
    )
    host_trusts = ParentalManyToManyField(
        "organisations.HealthTrust", verbose_name=_("host hospital trust(s)"), related_name="units"
    )
    medical_fields = ParentalManyToManyField(
        "organisations.MedicalField", verbose_name=_("medical fields"), blank=True, related_name="units"
    )
    established = models.DateField(_("established"), null=True, blank=True)
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("predecessor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
        help_text=_("The service this one continues, e.g. a discontinued competence service."),
    )
    approved_description = RichTextField(_("approved description"), blank=True, features=RICH_TEXT_FEATURES)
    goals = RichTextField(_("goals"), blank=True, features=RICH_TEXT_FEATURES)
    quality_tools = RichTextField(
        _("quality tools"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("Registers, guidelines and similar.")
    )
    contact = models.ForeignKey(
        "organisations.ContactPerson",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("contact e-mail for the service"), blank=True)
    website = models.URLField(_("the service's own website"), blank=True)
    erapport_id = models.CharField(_("eRapport ID"), max_length=40, blank=True)
    who_may_refer = models.TextField(
        _("who may refer"),
        blank=True,
        help_text=_("E.g. “Doctors in the specialist health service”. Where to send is given per site below."),
    )
    term_outcome = models.CharField(
        _("outcome of the term"),
        max_length=20,
        choices=TermOutcome.choices,
        blank=True,
        help_text=_("For a competence service whose term has ended: what became of it."),
    )
    ended_on = models.DateField(
        _("discontinued on"),
        null=True,
        blank=True,
        help_text=_("The date the unit stopped as a national unit (for a continued one: the successor's start)."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("more content"), blank=True)

    objects = UnitManager()
    base_form_class = NationalUnitPageForm

    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("abbreviation", boost=3),
        index.SearchField("former_names", boost=2),
        index.SearchField("approved_description"),
        index.SearchField("goals"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.RelatedFields("host_trusts", [index.SearchField("name")]),
        index.RelatedFields("medical_fields", [index.SearchField("name")]),
    ]

    @classmethod
    def get_indexed_objects(cls):
        # Wagtail prefetches ordinary many-to-many fields for indexing but not ParentalManyToManyFields:
        # without this, indexing runs two queries per unit for each search field that reads them.
        return super().get_indexed_objects().prefetch_related("host_trusts", "medical_fields")

    facts_panels = [
        FieldRowPanel([FieldPanel("status"), FieldPanel("abbreviation")]),
        FieldPanel("host_trusts"),
        FieldPanel("medical_fields"),
        FieldPanel("established"),
        FieldPanel("predecessor"),
        FieldPanel("former_names"),
        FieldRowPanel([FieldPanel("erapport_id"), FieldPanel("website")]),
    ]
    lifecycle_panels = [FieldRowPanel([FieldPanel("term_outcome"), FieldPanel("ended_on")])]
    quality_panels = [
        FieldPanel("quality_tools"),
        InlinePanel("quality_tool_items", heading=_("Registers, guidelines and other tools"), label=_("tool")),
    ]
    contact_panels = [
        MultiFieldPanel([FieldPanel("contact"), FieldPanel("contact_email")], heading=_("Contact")),
        FieldPanel("who_may_refer"),
        InlinePanel(
            "sites",
            heading=_("Sites: contact and referral route"),
            label=_("site"),
            help_text=_("One per hospital trust that has the unit; a multiregional unit has one per site."),
        ),
    ]
    content_panels = BasePage.content_panels + [
        RequiredContentPanel(),
        MultiFieldPanel([*facts_panels, *lifecycle_panels], heading=_("Facts")),
        FieldPanel("approved_description"),
        FieldPanel("goals"),
        *quality_panels,
        *contact_panels,
        FieldPanel("body"),
    ]

    parent_page_types = []  # never created directly
    subpage_types = []
    allowed_kinds = tuple(UnitKind)
    template = "servicepages/national_unit_page.html"

    class Meta:
        verbose_name = _("national unit")

    # --- derived facts ---------------------------------------------------------------

    @property
    def region_names(self):
        """Names of the host regions, from the host trusts (works with prefetched trusts)."""
        seen = []
        for trust in self.host_trusts.all():
            if trust.region.name not in seen:
                seen.append(trust.region.name)
        return seen

    @cached_property
    def links(self):
        """``(predecessor, live successors, public reference groups)``: the pages this page links to, as plain
        pages (title, URL, live), in one query (``queries.unit_links``)."""
        return queries.unit_links(self)

    @property
    def predecessor_page(self):
        return self.links[0]

    @property
    def live_successors(self):
        return self.links[1]

    @property
    def is_ended(self):
        return self.status in ENDED_STATUSES

    @property
    def has_term(self):
        return False

    @property
    def lifecycle_problems(self):
        """How the status contradicts the dates or the outcome (empty when it agrees)."""
        return lifecycle.unit_problems(self)

    @property
    def timeline(self):
        """The steps of the unit's life in order, for the page's timeline: dicts with ``label``, ``date``
        (a date, a year or None), ``text`` and ``pages`` (successor pages)."""
        steps = []
        if self.established:
            steps.append({"key": "established", "label": _("Established"), "date": self.established})
        if self.has_term:
            end = self.term_end
            steps.append(
                {
                    "key": "term",
                    "label": _("Term"),
                    "date": end,
                    "years": self.term_years,
                    "past": bool(end and end <= datetime.date.today()),
                }
            )
        if getattr(self, "evaluation_year", None):
            steps.append({"key": "evaluation", "label": _("Evaluated by the regions"), "year": self.evaluation_year})
        if self.term_outcome or self.status != UnitStatus.ACTIVE:
            steps.append(
                {
                    "key": "outcome",
                    "label": _("Outcome"),
                    "date": self.ended_on,
                    "text": self.get_term_outcome_display() if self.term_outcome else self.get_status_display(),
                }
            )
        if self.live_successors:
            steps.append({"key": "successor", "label": _("Continued as"), "pages": self.live_successors})
        return steps

    @property
    def public_reference_groups(self):
        """The unit's published reference groups that anyone may see."""
        return self.links[2]

    def prepare_for_serving(self):
        """Evaluate what the template reads lazily, so it is kept with the memoized page (pagecache.views)."""
        for name in ("links", "trust_list", "field_list", "site_list", "tool_list"):
            getattr(self, name)

    @classmethod
    def load_for_serving(cls, page_id):
        """The page as its template shows it (used by pagecache's view): the page with its contact, then its host
        trusts with their regions, medical fields, sites (with trusts, regions and contacts) and quality tools, in
        five prepared queries (``cms.core.prepared``: their SQL is built once per process); None if none."""
        page = next(iter(SERVING_PAGE.run(cls, page_id=page_id)), None)
        if page is None:
            return None
        page.__dict__["trust_list"] = SERVING_TRUSTS.run(page_id=page_id)
        page.__dict__["field_list"] = SERVING_FIELDS.run(page_id=page_id)
        sites = SERVING_SITES.run(page_id=page_id)
        page_field = UnitSite._meta.get_field("page")
        for site in sites:
            page_field.set_cached_value(site, page)
        page.__dict__["site_list"] = sites
        page.__dict__["tool_list"] = SERVING_TOOLS.run(page_id=page_id)
        return page

    @cached_property
    def trust_list(self):
        """The host trusts (with their regions): by name when served (``load_for_serving``), else as
        ``host_trusts.all()`` gives them (a preview shows the draft's)."""
        return list(self.host_trusts.all())

    @cached_property
    def field_list(self):
        """The medical fields (loaded with the page when served, ``load_for_serving``)."""
        return list(self.medical_fields.all())

    @cached_property
    def site_list(self):
        """The sites with their trusts, regions and contacts: loaded with the page when served
        (``load_for_serving``), otherwise in one query."""
        if "sites" in getattr(self, "_prefetched_objects_cache", {}):
            return list(self.sites.all())
        return list(self.sites.select_related("health_trust__region", "contact"))

    @cached_property
    def tool_list(self):
        return list(self.quality_tool_items.all())

    @property
    def has_quality_tools(self):
        return bool(self.quality_tools.strip()) or bool(self.tool_list)

    @property
    def has_contact(self):
        return bool(self.contact_id or self.contact_email or any(site.phone or site.email for site in self.site_list))

    def get_required_content(self):
        """The contents every page must show ("Krav til innhold på nettsider"), with whether each is present."""
        items = [
            (_("Approved description"), has_text(self.approved_description)),
            (_("Goals"), has_text(self.goals)),
            (_("Quality tools"), self.has_quality_tools),
            (_("Contact"), self.has_contact),
        ]
        return items

    def get_missing_required_content(self):
        return [label for label, present in self.get_required_content() if not present]

    def clean(self):
        super().clean()
        if self.kind and self.kind not in self.allowed_kinds:
            raise ValidationError({"kind": _("This type is not allowed for this page.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reference_groups"] = self.public_reference_groups
        return context


class UnitSite(Orderable):
    """One site of a unit (a hospital trust that has it): where to refer, and whom to contact there."""

    page = ParentalKey(NationalUnitPage, on_delete=models.CASCADE, related_name="sites")
    health_trust = models.ForeignKey(
        "organisations.HealthTrust", verbose_name=_("hospital trust"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.CharField(_("department"), max_length=255, blank=True)
    referral_address = models.TextField(
        _("where to send referrals"), blank=True, help_text=_("The postal address referrals go to.")
    )
    electronic_referral = models.CharField(
        _("electronic referral route"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Electronic referral through Norsk Helsenett to Helse Bergen HF, Brannskadeavdelinga”."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    page_url = models.URLField(_("the hospital's page about the unit"), blank=True, max_length=500)
    contact = models.ForeignKey(
        "organisations.ContactPerson",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("health_trust"), FieldPanel("department")]),
        FieldPanel("referral_address"),
        FieldPanel("electronic_referral"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("page_url"),
        FieldPanel("contact"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self):
        return self.department or str(self.health_trust)

    @property
    def phone_link(self):
        """The phone number as a tel: address (digits and a leading +)."""
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


class QualityTool(Orderable):
    """A quality tool of a unit: a register, a guideline, a biobank or similar."""

    page = ParentalKey(NationalUnitPage, on_delete=models.CASCADE, related_name="quality_tool_items")
    kind = models.CharField(_("kind"), max_length=20, choices=QualityToolKind.choices, default=QualityToolKind.OTHER)
    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(_("link"), blank=True, max_length=500)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("name")]), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("quality tool")
        verbose_name_plural = _("quality tools")

    def __str__(self):
        return self.name


#: The queries of ``NationalUnitPage.load_for_serving`` (the same rows as the page's serving queryset with its
#: prefetches gave, each prefetch in the order it had).
SERVING_PAGE = PreparedQuery(
    lambda model, page_id: model._default_manager.select_related("contact__health_trust", "contact__region").filter(
        pk=page_id
    )
)
SERVING_TRUSTS = PreparedQuery(
    lambda page_id: HealthTrust.objects.filter(units=page_id).select_related("region").order_by("name")
)
SERVING_FIELDS = PreparedQuery(lambda page_id: MedicalField._default_manager.filter(units=page_id))
SERVING_SITES = PreparedQuery(
    lambda page_id: UnitSite.objects.filter(page_id=page_id).select_related("health_trust__region", "contact")
)
SERVING_TOOLS = PreparedQuery(lambda page_id: QualityTool.objects.filter(page_id=page_id))


class ServicePage(NationalUnitPage):
    """A national or multiregional treatment service, or a national competence service."""

    term_years = models.PositiveSmallIntegerField(
        _("term (years)"),
        null=True,
        blank=True,
        choices=[(5, _("5 years (training)")), (10, _("10 years (competence building)"))],
        help_text=_("Competence services are time-limited to 5 or 10 years."),
    )
    referral_criteria = RichTextField(_("referral criteria"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = BasePage.content_panels + [
        RequiredContentPanel(),
        MultiFieldPanel(
            [
                FieldPanel("kind", widget=forms.Select(choices=[(k.value, k.label) for k in SERVICE_KINDS])),
                *NationalUnitPage.facts_panels,
                FieldPanel("term_years"),
                *NationalUnitPage.lifecycle_panels,
            ],
            heading=_("Facts"),
        ),
        FieldPanel("approved_description"),
        FieldPanel("referral_criteria"),
        FieldPanel("goals"),
        *NationalUnitPage.quality_panels,
        *NationalUnitPage.contact_panels,
        FieldPanel("body"),
    ]
    search_fields = NationalUnitPage.search_fields + [index.SearchField("referral_criteria")]

    parent_page_types = ["servicepages.RegionPage"]
    subpage_types = []
    allowed_kinds = SERVICE_KINDS
    template = "servicepages/service_page.html"

    class Meta:
        verbose_name = _("national service")
        verbose_name_plural = _("national services")

    @property
    def term_end(self):
        """The date the term ends: established date plus the term, if both are known."""
        return lifecycle.term_end(self.established, self.term_years)

    @property
    def has_term(self):
        return self.kind == UnitKind.COMPETENCE and bool(self.term_years)

    def get_required_content(self):
        items = super().get_required_content()
        if self.kind in (UnitKind.TREATMENT, UnitKind.MULTIREGIONAL):
            items.insert(1, (_("Referral criteria"), has_text(self.referral_criteria)))
        return items

    def clean(self):
        super().clean()
        if self.kind != UnitKind.COMPETENCE and self.term_years:
            raise ValidationError({"term_years": _("Only competence services have a limited term.")})


class NetworkPage(NationalUnitPage):
    """A national quality and competence network, usually the successor of a competence service."""

    FUNDING_CHOICES = [
        (1, _("1 MNOK per year (coordinating unit)")),
        (2, _("2 MNOK per year (with 10–20 % posts in every region)")),
    ]
    funding_frame = models.PositiveSmallIntegerField(_("funding frame"), choices=FUNDING_CHOICES, default=1)
    members = StreamField(
        [("member", MemberBlock())], verbose_name=_("representatives"), blank=True, use_json_field=True
    )

    content_panels = BasePage.content_panels + [
        RequiredContentPanel(),
        MultiFieldPanel(
            [*NationalUnitPage.facts_panels, FieldPanel("funding_frame"), *NationalUnitPage.lifecycle_panels],
            heading=_("Facts"),
        ),
        FieldPanel("approved_description"),
        FieldPanel("goals"),
        *NationalUnitPage.quality_panels,
        FieldPanel("members"),
        *NationalUnitPage.contact_panels,
        FieldPanel("body"),
    ]
    parent_page_types = ["servicepages.RegionPage"]
    subpage_types = []
    allowed_kinds = (UnitKind.NETWORK,)
    template = "servicepages/network_page.html"

    class Meta:
        verbose_name = _("quality and competence network")
        verbose_name_plural = _("quality and competence networks")

    def save(self, *args, **kwargs):
        self.kind = UnitKind.NETWORK
        super().save(*args, **kwargs)

    @property
    def evaluation_year(self):
        """Networks run five years; the regions evaluate them in year six."""
        return lifecycle.evaluation_year(self.established)


class CentrePage(NationalUnitPage):
    """A national centre set up by the regional health authorities."""

    mandate = RichTextField(_("mandate"), blank=True, features=RICH_TEXT_FEATURES)
    mandate_approved = models.DateField(_("mandate approved"), null=True, blank=True)

    content_panels = BasePage.content_panels + [
        RequiredContentPanel(),
        MultiFieldPanel(
            [*NationalUnitPage.facts_panels, FieldPanel("mandate_approved"), *NationalUnitPage.lifecycle_panels],
            heading=_("Facts"),
        ),
        FieldPanel("approved_description"),
        FieldPanel("mandate"),
        FieldPanel("goals"),
        *NationalUnitPage.quality_panels,
        *NationalUnitPage.contact_panels,
        FieldPanel("body"),
    ]
    parent_page_types = ["servicepages.RegionPage"]
    subpage_types = []
    allowed_kinds = (UnitKind.CENTRE,)
    template = "servicepages/centre_page.html"

    class Meta:
        verbose_name = _("national centre")
        verbose_name_plural = _("national centres")

    def save(self, *args, **kwargs):
        self.kind = UnitKind.CENTRE
        super().save(*args, **kwargs)


class ServiceIndexPage(PageOnlyPermissionsMixin, BasePage):
    """'Tjenester, nettverk og sentre': a filterable listing of every unit, and the regions."""

    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    per_page = 20
    query_parameters = (*ServiceFilter.parameters, "page")

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["servicepages.RegionPage"]
    max_count = 1
    template = "servicepages/service_index_page.html"

    class Meta:
        verbose_name = _("service index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = ServiceFilter(request.GET)
        units = filters.apply(NationalUnitPage.objects.for_listing())
        paginator = Paginator(units, self.per_page)
        if not filters.query:
            paginator.count = queries.unit_count(units, filters.kind, filters.status, filters.region, filters.field)
        page_number = request.GET.get("page") or 1
        try:
            page_obj = paginator.page(page_number)
        except PageNotAnInteger:
            page_obj = paginator.page(1)
            filters.errors.append("page")
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
            filters.errors.append("page")
        context.update(
            {
                "filters": filters,
                "page_obj": page_obj,
                "units": queries.listing_page_rows(
                    (filters.querystring, page_obj.number), page_obj.object_list, request
                ),
                "paginator": paginator,
                "filter_querystring": filters.querystring,
                "kind_choices": UnitKind.choices,
                "status_choices": UnitStatus.choices,
                "regions": filters.regions.values(),
                "medical_fields": filters.fields.values(),
                "region_pages": public(RegionPage.objects.child_of(self).live()).select_related("region"),
                "region_table": queries.services_per_region(),
            }
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # A rendering for filter values that were not recognised is not shared: no copy per mistyped value.
        if getattr(response, "context_data", None) and response.context_data["filters"].errors:
            not_shared(response)
        return response


class RegionPage(BasePage):
    """One region's part of the site: the permission and workflow boundary for its editors."""

    region = models.OneToOneField(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="page")
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("region"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["servicepages.ServiceIndexPage"]
    subpage_types = ["servicepages.ServicePage", "servicepages.NetworkPage", "servicepages.CentrePage"]
    template = "servicepages/region_page.html"

    class Meta:
        verbose_name = _("region page")

    #: Units shown per type; the rest are one click away in the service index, filtered to the region.
    units_per_group = 10

    @classmethod
    def get_queryset_for_serving(cls):
        return cls._default_manager.select_related("region")

    def get_units(self):
        """Every live unit hosted in this region, including multiregional ones placed under another region."""
        return NationalUnitPage.objects.for_listing().hosted_by(region_id=self.region_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def unit_querysets():
            return public(NationalUnitPage.objects.live()).hosted_by(region_id=self.region_id), self.get_units()

        groups, count = queries.region_unit_groups(self, unit_querysets, self.units_per_group, request)
        context.update({"unit_groups": groups, "unit_count": count})
        return context


class ReferenceGroupIndexPage(BasePage):
    """'Referansegrupper': the mandate and a list of all reference groups."""

    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["servicepages.ReferenceGroupPage"]
    max_count = 1
    template = "servicepages/reference_group_index_page.html"

    class Meta:
        verbose_name = _("reference group index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = public(ReferenceGroupPage.objects.child_of(self).live())
        context["groups"] = groups.select_related("unit").order_by("title")
        return context


class ReferenceGroupPage(BasePage):
    """The reference group of one service or centre. Led by a member from another region than the host."""

    unit = models.ForeignKey(
        NationalUnitPage,
        verbose_name=_("service or centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reference_groups",
    )
    chair_region = models.ForeignKey(
        Region, verbose_name=_("chair's region"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meetings_per_year = models.PositiveSmallIntegerField(_("meetings per year"), default=1)
    members = StreamField([("member", MemberBlock())], verbose_name=_("members"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("unit"),
        FieldRowPanel([FieldPanel("chair_region"), FieldPanel("meetings_per_year")]),
        FieldPanel("members"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["servicepages.ReferenceGroupIndexPage"]
    subpage_types = []
    template = "servicepages/reference_group_page.html"

    class Meta:
        verbose_name = _("reference group")
        verbose_name_plural = _("reference groups")

    def clean(self):
        super().clean()
        if self.unit_id and self.chair_region_id:
            host_regions = set(self.unit.host_trusts.values_list("region_id", flat=True))
            if self.chair_region_id in host_regions:
                raise ValidationError(
                    {"chair_region": _("The chair must come from another region than the one hosting the service.")}
                )


__all__ = [
    "CentrePage",
    "NationalUnitPage",
    "NetworkPage",
    "QualityTool",
    "ReferenceGroupIndexPage",
    "ReferenceGroupPage",
    "RegionPage",
    "ServiceIndexPage",
    "ServicePage",
    "UnitKind",
    "UnitSite",
    "UnitStatus",
]
