"""Prepared queries (cms.core.prepared) give what their queryset gives, for every call's values."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from cms.core.prepared import PreparedQuery
from organisations.models import HealthTrust
from tests import factories

TRUSTS = PreparedQuery(
    lambda region_id: HealthTrust.objects.filter(region_id=region_id)
    .select_related("region")
    .annotate(region_name=F("region__name"))
    .order_by("name")
)


@pytest.fixture
def trusts(db):
    west, north = factories.RegionFactory(name="Helse Vest"), factories.RegionFactory(name="Helse Nord")
    for name in ("Helse Bergen HF", "Helse Stavanger HF"):
        factories.HealthTrustFactory(name=name, region=west)
    factories.HealthTrustFactory(name="Helse Finnmark HF", region=north)
    return west, north


def test_each_call_gives_its_own_values_rows_as_the_queryset_does(trusts):
    for region in trusts:
        expected = list(TRUSTS.build(region_id=region.pk))
        with CaptureQueriesContext(connection) as queries:
            found = TRUSTS.run(region_id=region.pk)
        assert len(queries) == 1
        assert [(t.pk, t.name, t.region.name, t.region_name) for t in found] == [
            (t.pk, t.name, t.region.name, t.region_name) for t in expected
        ]
        assert all(t.region.name == region.name for t in found)
    assert TRUSTS.run(region_id=0) == []


def test_values_list_rows_and_shapes(trusts):
    west, north = trusts
    names = PreparedQuery(
        lambda ordering, region_id: HealthTrust.objects.filter(region_id=region_id)
        .order_by(ordering)
        .values_list("name", flat=False)
    )
    assert names.run("name", region_id=west.pk) == [("Helse Bergen HF",), ("Helse Stavanger HF",)]
    assert names.run("-name", region_id=west.pk) == [("Helse Stavanger HF",), ("Helse Bergen HF",)]
    assert names.run("name", region_id=north.pk) == [("Helse Finnmark HF",)]


def test_a_parameter_the_sql_does_not_carry_as_given_is_refused(trusts):
    transformed = PreparedQuery(lambda region_id: HealthTrust.objects.filter(name__startswith=str(region_id)))
    with pytest.raises(ImproperlyConfigured):
        transformed.run(region_id=trusts[0].pk)
    with pytest.raises(TypeError):
        TRUSTS.run(region_id=str(trusts[0].pk))
