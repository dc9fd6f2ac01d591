"""The facets, declared once (``REGISTRY``): their names, labels, values, the ORM lookups the database engine
filters and counts with, the Elasticsearch fields; and what a result shows of them (its type and regions)."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from servicepages.models import NationalUnitPage, ReferenceGroupPage, RegionPage, UnitKind, UnitStatus

from .lookups import lookups


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter
    label: str
    lookup: str  # on NationalUnitPage
    field: str  # the Elasticsearch keyword field


REGISTRY = (
    Facet("type", _("Type"), "kind", "type"),
    Facet("region", _("Region"), "host_trusts__region__slug", "regions"),
    Facet("trust", _("Hospital trust"), "host_trusts__pk", "trusts"),
    Facet("status", _("Status"), "status", "status"),
    Facet("field", _("Medical field"), "medical_fields__slug", "fields"),
)
FACETS = tuple(f.name for f in REGISTRY)
FACET_LABELS = {f.name: f.label for f in REGISTRY}
UNIT_LOOKUPS = {f.name: f.lookup for f in REGISTRY if f.name != "type"}  # the unit-only facets
FIELDS = {f.name: f.field for f in REGISTRY}

# The "type" facet: the unit kinds plus the other page types that have their own value.
OTHER_TYPES = {
    "referansegruppe": ("servicepages", "referencegrouppage", _("Reference group")),
    "arrangement": ("events", "eventpage", _("Event")),
}
OTHER_PAGE = "side"
OTHER_PAGE_LABEL = _("Page")


def unit_models():
    return NationalUnitPage, UnitKind, UnitStatus


def choices():
    """Every valid value of every facet with its label, in display order (no query on a warm cache)."""
    _model, UnitKind, UnitStatus = unit_models()
    types = dict(UnitKind.choices)
    types.update({key: label for key, (_app, _model_name, label) in OTHER_TYPES.items()})
    types[OTHER_PAGE] = OTHER_PAGE_LABEL
    tables = lookups()
    return {
        "type": types,
        "region": {slug: name for _pk, slug, name in tables["regions"]},
        "trust": {str(pk): name for pk, name, _region in tables["trusts"]},
        "status": dict(UnitStatus.choices),
        "field": dict(tables["fields"]),
    }


def other_content_types():
    """Content type id -> type value for the non-unit types that have their own value."""
    result = {}
    for key, (app_label, model_name, _label) in OTHER_TYPES.items():
        try:
            result[ContentType.objects.get_by_natural_key(app_label, model_name).pk] = key
        except ContentType.DoesNotExist:
            continue
    return result


def unit_q(filters, skip=None):
    """A Q on NationalUnitPage for the unit facets (region, trust, status, field, and type if a unit kind)."""
    _model, UnitKind, _status = unit_models()
    q = Q()
    for name, lookup in UNIT_LOOKUPS.items():
        if skip != name and filters.get(name):
            q &= Q(**{lookup: filters[name]})
    if skip != "type" and filters.get("type") in UnitKind.values:
        q &= Q(kind=filters["type"])
    return q


def needs_unit(filters, skip=None):
    """Whether the filters (except ``skip``) restrict results to units."""
    _model, UnitKind, _status = unit_models()
    for name in UNIT_LOOKUPS:
        if name != skip and filters.get(name):
            return True
    return skip != "type" and filters.get("type") in UnitKind.values


def regions_by_page(pages):
    """Page id -> region names for units, region pages and reference groups (one query at most).

    A unit's regions are those of its host trusts, in the trusts' order (by name), each once; the names
    come from the cached lookup tables (``search.lookups``)."""
    unit_ids = {p.pk for p in pages if isinstance(p, NationalUnitPage)}
    group_units = {p.pk: p.unit_id for p in pages if isinstance(p, ReferenceGroupPage) and p.unit_id}
    wanted = unit_ids | set(group_units.values())
    trusts_of = {}
    if wanted:
        through = NationalUnitPage.host_trusts.through
        for unit_id, trust_id in through.objects.filter(nationalunitpage_id__in=wanted).values_list(
            "nationalunitpage_id", "healthtrust_id"
        ):
            trusts_of.setdefault(unit_id, []).append(trust_id)
    tables = lookups()
    region_names = {pk: name for pk, _slug, name in tables["regions"]}
    trusts = {pk: (position, region_id) for position, (pk, _name, region_id) in enumerate(tables["trusts"])}
    names = {}
    for unit_id, trust_ids in trusts_of.items():
        seen = []
        for trust_id in sorted(trust_ids, key=lambda pk: (trusts.get(pk, (len(trusts), None))[0], pk)):
            name = region_names.get(trusts.get(trust_id, (0, None))[1])
            if name and name not in seen:
                seen.append(name)
        names[unit_id] = seen
    result = {}
    for page in pages:
        if page.pk in unit_ids:
            result[page.pk] = names.get(page.pk, [])
        elif page.pk in group_units:
            result[page.pk] = names.get(group_units[page.pk], [])
        elif isinstance(page, RegionPage):
            result[page.pk] = [region_names[page.region_id]] if page.region_id in region_names else []
        else:
            result[page.pk] = []
    return result


def type_of(page, labels):
    if isinstance(page, NationalUnitPage):
        return page.kind, labels.get(page.kind, page.kind)
    other = other_content_types()
    key = other.get(page.content_type_id)
    if key:
        return key, labels[key]
    return "side", str(OTHER_PAGE_LABEL)
