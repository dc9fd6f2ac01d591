"""What the open data shows: the public register of live units and their activity figures, as plain rows.

Only live pages outside view-restricted sections appear (``pagecache.queries.public``), and a predecessor,
successor or figure set is shown only through a unit that does.
"""

import math
from dataclasses import dataclass

from django.db.models import Prefetch

from organisations.models import Region
from pagecache.queries import public
from registers.activity import rate
from registers.models import COUNT_FIELDS, HOME_REGION_FIELDS, ActivityFigures
from registers.queries import populations
from servicepages.models import NationalUnitPage, host_trusts_with_region


@dataclass
class Listing:
    count: int
    page: int
    per_page: int
    results: list

    @property
    def pages(self):
        return max(1, math.ceil(self.count / self.per_page))


class PageOutOfRange(Exception):
    def __init__(self, last):
        super().__init__(last)
        self.last = last


def region_slugs():
    return list(Region.objects.values_list("slug", flat=True))


def public_units():
    return public(NationalUnitPage.objects.live())


def _slice(queryset, count, page, per_page):
    last = max(1, math.ceil(count / per_page))
    if page > last:
        raise PageOutOfRange(last)
    start = (page - 1) * per_page
    return queryset[start : start + per_page]


def _link(page, request):
    return {"id": page.pk, "title": page.title, "url": page.get_full_url(request)}


def units(request, *, kind="", status="", region="", page=1, per_page=50):
    """A page of the public register: ``Listing`` of unit dicts."""
    queryset = public_units()
    if kind:
        queryset = queryset.filter(kind=kind)
    if status:
        queryset = queryset.filter(status=status)
    if region:
        queryset = queryset.hosted_by(region__slug=region)
    count = queryset.count()
    public_ids = set(public_units().values_list("pk", flat=True))
    rows = _slice(
        queryset.select_related("predecessor")
        .prefetch_related(
            host_trusts_with_region(),
            "medical_fields",
            Prefetch("successors", queryset=NationalUnitPage.objects.live().order_by("title")),
        )
        .order_by("title"),
        count,
        page,
        per_page,
    )
    results = []
    for unit in rows:
        trusts = list(unit.host_trusts.all())
        predecessor = unit.predecessor if unit.predecessor_id in public_ids else None
        results.append(
            {
                "id": unit.pk,
                "title": unit.title,
                "abbreviation": unit.abbreviation,
                "kind": unit.kind,
                "kind_label": str(unit.get_kind_display()),
                "status": unit.status,
                "status_label": str(unit.get_status_display()),
                "established": unit.established,
                "first_published": unit.first_published_at.date() if unit.first_published_at else None,
                "last_published": unit.last_published_at.date() if unit.last_published_at else None,
                "host_trusts": [
                    {"name": t.name, "short_name": t.short_name, "region": t.region.name, "region_slug": t.region.slug}
                    for t in trusts
                ],
                "regions": list(dict.fromkeys(t.region.name for t in trusts)),
                "medical_fields": [f.name for f in unit.medical_fields.all()],
                "predecessor": _link(predecessor, request) if predecessor else None,
                "successors": [_link(s, request) for s in unit.successors.all() if s.pk in public_ids],
                "website": unit.website,
                "contact_email": unit.contact_email,
                "url": unit.get_full_url(request),
            }
        )
    return Listing(count=count, page=page, per_page=per_page, results=results)


def activity(request, *, year=None, unit_id=None, page=1, per_page=50):
    """A page of the activity figures of public units: ``Listing`` of figure dicts, with rates per 100,000."""
    queryset = ActivityFigures.objects.filter(unit__in=public_units().values("pk"))
    if year:
        queryset = queryset.filter(year=year)
    if unit_id:
        queryset = queryset.filter(unit_id=unit_id)
    count = queryset.count()
    rows = _slice(
        queryset.select_related("unit", "site").order_by("unit__title", "year", "site__name"), count, page, per_page
    )
    people = populations()
    results = []
    for figures in rows:
        counts = figures.counts
        rates = {}
        for name, slug, column in HOME_REGION_FIELDS:
            population = people.get((slug, figures.year))
            value = rate(counts[name], population.population) if population else None
            rates[column] = round(value, 2) if value is not None else None
        results.append(
            {
                "unit_id": figures.unit_id,
                "unit": figures.unit.title,
                "unit_url": figures.unit.get_full_url(request),
                "year": figures.year,
                "site": figures.site.name if figures.site_id else None,
                "measure": figures.measure,
                "measure_label": str(figures.get_measure_display()),
                "counts": {column: counts[name] for name, _slug, column in COUNT_FIELDS},
                "total": figures.total,
                "per_100000": rates,
            }
        )
    return Listing(count=count, page=page, per_page=per_page, results=results)
