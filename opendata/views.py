""" "Likeverdig tilgang": the national overview of regional rates across the units, for a chosen year."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from cms.core.params import ChoiceParam, ParamsForm, YearParam
from pagecache.cache import memoize
from registers.activity import BELOW_THRESHOLD, REGION_NAMES, compare_units
from registers.models import ActivityFigures
from registers.queries import populations
from servicepages.choices import UnitKind
from servicepages.queries import medical_fields_by_slug

from .queries import public_units


class OverviewParams(ParamsForm):
    year = YearParam()
    type = ChoiceParam(dict(UnitKind.choices))
    field = ChoiceParam(medical_fields_by_slug)


def figure_years():
    return sorted(
        set(ActivityFigures.objects.filter(unit__in=public_units().values("pk")).values_list("year", flat=True)),
        reverse=True,
    )


def overview_data(year, kind, field):
    figures = ActivityFigures.objects.filter(unit__in=public_units().values("pk"), year=year).select_related("unit")
    if kind:
        figures = figures.filter(unit__kind=kind)
    if field:
        figures = figures.filter(unit__medical_fields__slug=field)
    data = compare_units(list(figures), populations(), year)
    for row in data["rows"]:
        unit = row.pop("unit")
        row["title"], row["url"] = unit.title, unit.url
    return data


@require_safe
def equal_access(request):
    params = OverviewParams(request.GET)
    years = memoize("equal-access-years", figure_years)
    context = {
        "years": years,
        "kind_choices": UnitKind.choices,
        "medical_fields": medical_fields_by_slug().values(),
        "region_names": list(REGION_NAMES.values()),
        "threshold": round(BELOW_THRESHOLD * 100),
        "errors": params.messages,
        "chosen": {name: params.value(name) for name in ("year", "type", "field")},
    }
    if params.errors:
        return render(request, "opendata/equal_access.html", context, status=400)
    year = params.value("year") or (years[0] if years else None)
    kind, field = params.value("type"), params.value("field")
    context["chosen"]["year"] = year
    if year:
        context["data"] = memoize(f"equal-access:{year}:{kind}:{field}", lambda: overview_data(year, kind, field))
    return render(request, "opendata/equal_access.html", context)
