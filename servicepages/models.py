"""Pages for national services, networks, centres, regions and reference groups."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.blocks import BodyBlock, MemberBlock
from cms.core.models import BasePage
from editorial.permissions import PageOnlyPermissionsMixin
from organisations.models import HealthTrust, MedicalField, Region
from pagecache.cache import memoize
from pagecache.queries import public

from .panels import RequiredContentPanel

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "document-link", "ol", "ul"]


class UnitKind(models.TextChoices):
    """What kind of national unit a page describes."""

    TREATMENT = "behandlingstjeneste", _("National treatment service")
    MULTIREGIONAL = "flerregional", _("Multiregional treatment service")
    COMPETENCE = "kompetansetjeneste", _("National competence service")
    NETWORK = "nettverk", _("Quality and competence network")
    CENTRE = "senter", _("National centre")


SERVICE_KINDS = (UnitKind.TREATMENT, UnitKind.MULTIREGIONAL, UnitKind.COMPETENCE)


class UnitStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DISCONTINUING = "discontinuing", _("Being discontinued")
    DISCONTINUED = "discontinued", _("Discontinued")
    CONTINUED = "continued", _("Continued in another form")


class NationalUnitPage(BasePage):
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
    body = StreamField(BodyBlock(), verbose_name=_("more content"), blank=True)

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
    content_panels = BasePage.content_panels + [
        RequiredContentPanel(),
        MultiFieldPanel(facts_panels, heading=_("Facts")),
        FieldPanel("approved_description"),
        FieldPanel("goals"),
        FieldPanel("quality_tools"),
        MultiFieldPanel([FieldPanel("contact"), FieldPanel("contact_email")], heading=_("Contact")),
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
    def predecessor_page(self):
        """The predecessor as a plain page (title, URL, live): a light query, and only when there is one."""
        if not self.predecessor_id:
            return None
        return Page.objects.filter(pk=self.predecessor_id).first()

    @cached_property
    def live_successors(self):
        return list(self.successors.live().order_by("title"))

    @cached_property
    def public_reference_groups(self):
        """The unit's published reference groups that anyone may see."""
        return list(public(ReferenceGroupPage.objects.live().filter(unit=self)))

    def prepare_for_serving(self):
        """Evaluate what the template reads lazily, so it is kept with the memoized page (pagecache.views)."""
        for name in ("predecessor_page", "live_successors", "public_reference_groups"):
            getattr(self, name)

    def get_required_content(self):
        """The contents every page must show ("Krav til innhold på nettsider"), with whether each is present."""
        items = [
            (_("Approved description"), bool(self.approved_description.strip())),
            (_("Goals"), bool(self.goals.strip())),
            (_("Quality tools"), bool(self.quality_tools.strip())),
            (_("Contact"), bool(self.contact_id or self.contact_email)),
        ]
        return items

    def get_missing_required_content(self):
        return [label for label, present in self.get_required_content() if not present]

    def clean(self):
        super().clean()
        if self.kind and self.kind not in self.allowed_kinds:
            raise ValidationError({"kind": _("This type is not allowed for this page.")})

    @classmethod
    def get_queryset_for_serving(cls):
        """Everything the page shows about itself, loaded with the page (used by pagecache's view)."""
        return cls._default_manager.select_related("contact__health_trust", "contact__region").prefetch_related(
            _host_trusts_with_region(), "medical_fields"
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reference_groups"] = self.public_reference_groups
        return context


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
            ],
            heading=_("Facts"),
        ),
        FieldPanel("approved_description"),
        FieldPanel("referral_criteria"),
        FieldPanel("goals"),
        FieldPanel("quality_tools"),
        MultiFieldPanel([FieldPanel("contact"), FieldPanel("contact_email")], heading=_("Contact")),
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
        if not (self.established and self.term_years):
            return None
        try:
            return self.established.replace(year=self.established.year + self.term_years)
        except ValueError:  # 29 February
            return self.established.replace(year=self.established.year + self.term_years, day=28)

    def get_required_content(self):
        items = super().get_required_content()
        if self.kind in (UnitKind.TREATMENT, UnitKind.MULTIREGIONAL):
            items.insert(1, (_("Referral criteria"), bool(self.referral_criteria.strip())))
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
        MultiFieldPanel([*NationalUnitPage.facts_panels, FieldPanel("funding_frame")], heading=_("Facts")),
        FieldPanel("approved_description"),
        FieldPanel("goals"),
        FieldPanel("quality_tools"),
        FieldPanel("members"),
        MultiFieldPanel([FieldPanel("contact"), FieldPanel("contact_email")], heading=_("Contact")),
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
        return self.established.year + 5 if self.established else None


class CentrePage(NationalUnitPage):
    """A national centre set up by the regional health authorities."""

    mandate = RichTextField(_("mandate"), blank=True, features=RICH_TEXT_FEATURES)
    mandate_approved = models.DateField(_("mandate approved"), null=True, blank=True)

    content_panels = BasePage.content_panels + [
        RequiredContentPanel(),
        MultiFieldPanel([*NationalUnitPage.facts_panels, FieldPanel("mandate_approved")], heading=_("Facts")),
        FieldPanel("approved_description"),
        FieldPanel("mandate"),
        FieldPanel("goals"),
        FieldPanel("quality_tools"),
        MultiFieldPanel([FieldPanel("contact"), FieldPanel("contact_email")], heading=_("Contact")),
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


def _host_trusts_with_region():
    return Prefetch("host_trusts", queryset=HealthTrust.objects.select_related("region").order_by("name"))


def units_for_listing():
    """Live units with everything a listing row shows, in a fixed number of queries."""
    return (
        public(NationalUnitPage.objects.live())
        .defer(*LISTING_DEFERRED_FIELDS)
        .prefetch_related(_host_trusts_with_region())
        .order_by("title")
    )


def hosted_unit_ids(**trust_lookup):
    """A subquery of the ids of the units hosted by trusts matching ``trust_lookup`` (e.g. region_id=3).

    A subquery, not a join: no duplicate rows, so no DISTINCT over whole pages (which made PostgreSQL sort
    every unit of the site for each listing and its count)."""
    links = NationalUnitPage.host_trusts.through.objects.filter(
        **{f"healthtrust__{name}": value for name, value in trust_lookup.items()}
    )
    return links.values("nationalunitpage_id")


#: Long texts a listing row never shows: not loaded (nor their StreamField parsed) for listings.
LISTING_DEFERRED_FIELDS = ("approved_description", "goals", "quality_tools", "body", "former_names")


class ServiceFilter:
    """Parses the service index's GET filters. Unknown values are reported, never raised."""

    def __init__(self, params):
        self.errors = []
        self.kind = self._choice(params, "type", dict(UnitKind.choices))
        self.status = self._choice(params, "status", dict(UnitStatus.choices))
        # Kept until the next change to the site (pagecache), not fetched for every listing.
        self.regions = memoize("filter-regions", lambda: {r.slug: r for r in Region.objects.all()})
        self.fields = memoize("filter-medical-fields", lambda: {f.slug: f for f in MedicalField.objects.all()})
        self.region = self._choice(params, "region", self.regions)
        self.field = self._choice(params, "field", self.fields)
        self.query = (params.get("q") or "").strip()[:200]

    def _choice(self, params, name, valid):
        value = (params.get(name) or "").strip()
        if not value:
            return ""
        if value not in valid:
            self.errors.append(name)
            return ""
        return value

    @property
    def is_active(self):
        return bool(self.kind or self.status or self.region or self.field or self.query)

    def apply(self, queryset):
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.status:
            queryset = queryset.filter(status=self.status)
        # Many-to-many filters as subqueries (see hosted_unit_ids), not joins that need DISTINCT.
        if self.region:
            queryset = queryset.filter(pk__in=hosted_unit_ids(region__slug=self.region))
        if self.field:
            in_field = NationalUnitPage.medical_fields.through.objects.filter(medicalfield__slug=self.field)
            queryset = queryset.filter(pk__in=in_field.values("nationalunitpage_id"))
        if self.query:
            queryset = queryset.filter(
                Q(title__icontains=self.query)
                | Q(abbreviation__icontains=self.query)
                | Q(former_names__icontains=self.query)
            )
        return queryset


def services_per_region():
    """Rows for the services-per-region table, computed from live content (one query, then kept in the page
    cache's store until the site changes)."""
    return memoize("services-per-region", _count_services_per_region)


def _count_services_per_region():
    kinds = [UnitKind.TREATMENT, UnitKind.MULTIREGIONAL, UnitKind.COMPETENCE, UnitKind.NETWORK, UnitKind.CENTRE]
    live_units = Q(health_trusts__units__live=True)
    annotations = {
        kind.value: Count("health_trusts__units", filter=live_units & Q(health_trusts__units__kind=kind), distinct=True)
        for kind in kinds
    }
    annotations["total"] = Count("health_trusts__units", filter=live_units, distinct=True)
    regions = Region.objects.select_related("page").annotate(**annotations).order_by("sort_order", "name")
    rows = [
        {
            "name": r.name,
            "url": r.page.get_url() if getattr(r, "page", None) else "",
            "counts": [getattr(r, k.value) for k in kinds],
            "total": r.total,
        }
        for r in regions
    ]
    return {"kinds": [str(k.label) for k in kinds], "rows": rows}


class ServiceIndexPage(PageOnlyPermissionsMixin, BasePage):
    """'Tjenester, nettverk og sentre': a filterable listing of every unit, and the regions."""

    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    per_page = 20

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
        units = filters.apply(units_for_listing())
        paginator = Paginator(units, self.per_page)
        if not filters.query:
            # The count of a filter combination only changes with the site: kept in the page cache's store,
            # so paging through thousands of units does not count them all again for every page.
            key = f"unit-count:{filters.kind}:{filters.status}:{filters.region}:{filters.field}"
            paginator.count = memoize(key, units.count)
        page_number = request.GET.get("page") or 1
        try:
            page_obj = paginator.page(page_number)
        except PageNotAnInteger:
            page_obj = paginator.page(1)
            filters.errors.append("page")
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
            filters.errors.append("page")
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            {
                "filters": filters,
                "page_obj": page_obj,
                "units": page_obj.object_list,
                "paginator": paginator,
                "filter_querystring": query.urlencode(),
                "kind_choices": UnitKind.choices,
                "status_choices": UnitStatus.choices,
                "regions": filters.regions.values(),
                "medical_fields": filters.fields.values(),
                "region_pages": public(RegionPage.objects.child_of(self).live()).select_related("region"),
                "region_table": services_per_region(),
            }
        )
        return context


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

    def get_units(self):
        """Every live unit hosted in this region, including multiregional ones placed under another region."""
        return units_for_listing().filter(pk__in=hosted_unit_ids(region_id=self.region_id))

    #: Units shown per type; the rest are one click away in the service index, filtered to the region.
    units_per_group = 10

    def _unit_overview(self):
        """Counts per type and the ids of the first units of each type by title (two queries however large
        the region is; kept in the page cache's store until the site changes)."""
        units = public(NationalUnitPage.objects.live()).filter(pk__in=hosted_unit_ids(region_id=self.region_id))
        counts = dict(units.order_by().values_list("kind").annotate(n=Count("pk")))
        first = (
            units.annotate(
                position=Window(RowNumber(), partition_by=[F("kind")], order_by=[F("title").asc(), F("pk").asc()])
            )
            .filter(position__lte=self.units_per_group)
            .values_list("pk", flat=True)
        )
        return counts, list(first)

    @classmethod
    def get_queryset_for_serving(cls):
        return cls._default_manager.select_related("region")

    def _counts_and_first_ids(self):
        return memoize(f"region-units:{self.pk}:{self.units_per_group}", self._unit_overview)

    def unit_groups(self):
        """The units shown, by type: dicts with ``kind``, ``label``, ``units``, ``count`` and ``all_url``."""
        counts, first_ids = self._counts_and_first_ids()
        shown = units_for_listing().filter(pk__in=first_ids).order_by("title", "pk")
        by_kind = {}
        for unit in shown:
            by_kind.setdefault(unit.kind, []).append(unit)
        url = self.url or ""
        index_url = url[: url.rstrip("/").rfind("/") + 1]  # the service index, this page's parent
        groups = [
            {
                "kind": kind,
                "label": label,
                "units": by_kind.get(kind, []),
                "count": counts[kind],
                "all_url": f"{index_url}?region={self.region.slug}&type={kind}" if index_url else "",
            }
            for kind, label in UnitKind.choices
            if counts.get(kind)
        ]
        return groups

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        counts, _first_ids = self._counts_and_first_ids()
        # loaded only when the template's fragment is not in the cache ({% memo %})
        context.update({"unit_groups": SimpleLazyObject(self.unit_groups), "unit_count": sum(counts.values())})
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
    "ReferenceGroupIndexPage",
    "ReferenceGroupPage",
    "RegionPage",
    "ServiceIndexPage",
    "ServicePage",
    "UnitKind",
    "UnitStatus",
]
