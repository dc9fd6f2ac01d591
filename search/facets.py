"""Facet values, labels and the ORM filters the database engine applies for them."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from .engines.base import OTHER_PAGE, OTHER_PAGE_LABEL, OTHER_TYPES


def unit_models():
    from servicepages.models import NationalUnitPage, UnitKind, UnitStatus

    return NationalUnitPage, UnitKind, UnitStatus


def choices():
    """Every valid value of every facet with its label, in display order (no query on a warm cache)."""
    from .lookups import lookups

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
    if skip != "region" and filters.get("region"):
        q &= Q(host_trusts__region__slug=filters["region"])
    if skip != "trust" and filters.get("trust"):
        q &= Q(host_trusts__pk=filters["trust"])
    if skip != "status" and filters.get("status"):
        q &= Q(status=filters["status"])
    if skip != "field" and filters.get("field"):
        q &= Q(medical_fields__slug=filters["field"])
    if skip != "type" and filters.get("type") in UnitKind.values:
        q &= Q(kind=filters["type"])
    return q


def needs_unit(filters, skip=None):
    """Whether the filters (except ``skip``) restrict results to units."""
    _model, UnitKind, _status = unit_models()
    for name in ("region", "trust", "status", "field"):
        if name != skip and filters.get(name):
            return True
    return skip != "type" and filters.get("type") in UnitKind.values
