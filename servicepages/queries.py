"""Listing statistics and lookups of services, networks, centres and regions, for the pages' context.

Plain queries; the ones every rendering repeats are kept until the site next changes, by the page cache's
``memoize``/``memoized`` wrapped around the query here. The page models call these functions and import no
cache. This module sits below ``servicepages.models`` (the models import it, never the other way round): it
takes the unit querysets it needs from its callers (``NationalUnitPage.objects``) and reads regions and
medical fields through ``organisations``.
"""

from typing import NamedTuple

from django.db.models import CharField, Count, F, Q, Value, Window
from django.db.models.functions import RowNumber
from wagtail.models import Page

from cms.core.prepared import PreparedQuery
from organisations.models import MedicalField, Region
from pagecache.cache import make_key, memoize, memoized
from pagecache.queries import public, restricted_sections

from .choices import ENDED_STATUSES, UnitKind, UnitStatus

KIND_LABELS = dict(UnitKind.choices)
STATUS_LABELS = dict(UnitStatus.choices)


@memoized("filter-regions")
def regions_by_slug():
    """Every region by slug, in display order (the filters' choices)."""
    return {region.slug: region for region in Region.objects.all()}


@memoized("filter-medical-fields")
def medical_fields_by_slug():
    """Every medical field by slug, in display order (the filters' choices)."""
    return {medical_field.slug: medical_field for medical_field in MedicalField.objects.all()}


@memoized("services-per-region")
def services_per_region():
    """Rows for the services-per-region table, counted from live content in one query."""
    kinds = [UnitKind.TREATMENT, UnitKind.MULTIREGIONAL, UnitKind.COMPETENCE, UnitKind.NETWORK, UnitKind.CENTRE]
    # Ended units (discontinued, or continued in another form, usually by a successor counted itself) are left
    # out and counted apart.
    live_units = Q(health_trusts__units__live=True) & ~Q(health_trusts__units__status__in=ENDED_STATUSES)
    annotations = {
        kind.value: Count("health_trusts__units", filter=live_units & Q(health_trusts__units__kind=kind), distinct=True)
        for kind in kinds
    }
    annotations["total"] = Count("health_trusts__units", filter=live_units, distinct=True)
    annotations["ended"] = Count(
        "health_trusts__units",
        filter=Q(health_trusts__units__live=True, health_trusts__units__status__in=ENDED_STATUSES),
        distinct=True,
    )
    regions = Region.objects.select_related("page").annotate(**annotations).order_by("sort_order", "name")
    rows = [
        {
            "name": r.name,
            "url": r.page.get_url() if getattr(r, "page", None) else "",
            "counts": [getattr(r, k.value) for k in kinds],
            "total": r.total,
            "ended": r.ended,
        }
        for r in regions
    ]
    return {"kinds": [str(k.label) for k in kinds], "rows": rows}


def unit_count(units, *filter_values):
    """``units.count()``, kept until the site changes: ``filter_values`` must name everything that selects
    ``units`` (the listing's filter values), so paging through thousands of units counts them once."""
    return memoize(make_key("unit-count", *filter_values), units.count)


class UnitRow(NamedTuple):
    """What a listing row of a unit shows (``servicepages/includes/unit_item.html``), as plain values: cheap to
    keep in the cache and to read back, unlike the unit pages themselves."""

    title: str
    url: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    trust_names: tuple
    region_names: tuple


def unit_rows(units, request=None):
    """A :class:`UnitRow` per unit of ``units`` (loaded with ``for_listing()``: trusts and regions prefetched)."""
    return [
        UnitRow(
            title=unit.title,
            url=unit.get_url(request) or "",
            kind=unit.kind,
            kind_label=KIND_LABELS.get(unit.kind, unit.kind),
            status=unit.status,
            status_label=STATUS_LABELS.get(unit.status, unit.status),
            trust_names=tuple(trust.name for trust in unit.host_trusts.all()),
            region_names=tuple(unit.region_names),
        )
        for unit in units
    ]


def _site_of(request):
    return request.get_host() if request is not None else ""


def listing_page_rows(name_parts, units, request=None):
    """:func:`unit_rows` of ``units`` (one page of a listing), kept until the site changes; ``name_parts`` must
    name everything that selects them (the listing's filters and page number)."""
    return memoize(make_key("unit-rows", _site_of(request), *name_parts), lambda: unit_rows(units, request))


def region_unit_groups(region_page, unit_querysets, per_group, request=None):
    """The units a region page shows, by type, and how many it hosts in all.

    ``unit_querysets()`` gives ``(units, listing)``: the region's live public units, and the same with what a
    listing row shows loaded; it is called only when the groups are not kept already. Counts per type and the
    first ``per_group`` units of each type by title, as :class:`UnitRow`, in four queries however large the
    region is, kept until the site changes. Returns ``(groups, count)``: each group a dict with ``kind``,
    ``label``, ``units``, ``count`` and ``all_url`` (the service index filtered to the region and type).
    """
    url = region_page.get_url(request) or ""

    def compute():
        units, listing = unit_querysets()
        counts = dict(units.order_by().values_list("kind").annotate(n=Count("pk")))
        first = (
            units.annotate(
                position=Window(RowNumber(), partition_by=[F("kind")], order_by=[F("title").asc(), F("pk").asc()])
            )
            .filter(position__lte=per_group)
            .values_list("pk", flat=True)
        )
        by_kind = {}
        for row in unit_rows(listing.filter(pk__in=list(first)).order_by("title", "pk"), request):
            by_kind.setdefault(row.kind, []).append(row)
        index_url = url[: url.rstrip("/").rfind("/") + 1]  # the service index, the region page's parent
        slug = region_page.region.slug
        groups = [
            {
                "kind": kind,
                "label": label,
                "units": by_kind.get(kind, []),
                "count": counts[kind],
                "all_url": f"{index_url}?region={slug}&type={kind}" if index_url else "",
            }
            for kind, label in UnitKind.choices
            if counts.get(kind)
        ]
        return groups, sum(counts.values())

    return memoize(make_key("region-units", _site_of(request), region_page.pk, per_group, url), compute)


#: What a link to a page needs (its title, URL and whether it is live), as ``pagecache.views.path_pages`` loads.
LINK_FIELDS = ("title", "slug", "url_path", "path", "depth", "live", "locale_id")


def _links_query(sections, unit_id, predecessor_id=None):
    def pages(role, queryset):
        return queryset.only(*LINK_FIELDS).annotate(role=Value(role, output_field=CharField())).order_by()

    parts = [
        pages("successor", Page.objects.filter(live=True, nationalunitpage__predecessor_id=unit_id)),
        pages("group", public(Page.objects.filter(live=True, referencegrouppage__unit_id=unit_id), sections)),
    ]
    if predecessor_id is not None:
        parts.append(pages("predecessor", Page.objects.filter(pk=predecessor_id)))
    return parts[0].union(*parts[1:], all=True)


#: Its SQL is built once per process and restricted sections (``cms.core.prepared``).
UNIT_LINKS = PreparedQuery(_links_query)


def unit_links(unit):
    """The pages a unit's page links to: ``(predecessor, successors, reference groups)``.

    Its predecessor (live or not: the page names it either way), its live successors by title and its live,
    public reference groups in tree order, as plain pages, in one query: a UNION ALL of one lookup by index
    each (an OR across the joined tables would read every page)."""
    links = {"unit_id": unit.pk}
    if unit.predecessor_id:
        links["predecessor_id"] = unit.predecessor_id
    rows = UNIT_LINKS.run(tuple(restricted_sections()), **links)
    by_role = {"predecessor": [], "successor": [], "group": []}
    for page in rows:
        by_role[page.role].append(page)
    return (
        next(iter(by_role["predecessor"]), None),
        sorted(by_role["successor"], key=lambda page: (page.title, page.pk)),
        sorted(by_role["group"], key=lambda page: page.path),
    )
