"""Admin views of the registers: the reporting overview for a year, the register as of a date, and the
change log (which keeps deleted records)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.exports import safe_csv_writer
from cms.core.params import DateParam, ParamsForm, YearParam
from organisations.models import Region
from servicepages.models import NationalUnitPage, UnitStatus

from .access import get_scope
from .history import describe_history, display_value, tracked_fields
from .models import (
    ASSESSED_STATUSES,
    RECEIVED_STATUSES,
    AnnualReport,
    Application,
    AssessmentStatus,
    report_deadline,
)

REGISTER_MODELS = {
    "annualreport": (AnnualReport, "assessing_region"),
    # Applications are ranked nationally: everyone with register access sees all of them.
    "application": (Application, None),
}


class OverviewParams(ParamsForm):
    year = YearParam()


class AsOfParams(ParamsForm):
    date = DateParam()


def end_of_day(date):
    """The last moment of `date` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.max))


def _require_access(request):
    scope = get_scope(request.user)
    if not scope.has_access:
        raise PermissionDenied
    return scope


def _register(model_name):
    try:
        return REGISTER_MODELS[model_name]
    except KeyError:
        raise Http404(_("No such register.")) from None


# --- reporting overview --------------------------------------------------------------------------------


def expected_units(year, scope):
    """Live services, networks and centres that should report for `year` in the user's regions."""
    units = (
        NationalUnitPage.objects.live()
        .exclude(status__in=[UnitStatus.DISCONTINUED, UnitStatus.CONTINUED])
        .exclude(established__year__gt=year)
        .prefetch_related("host_trusts__region")
        .order_by("title")
    )
    if not scope.all_regions:
        units = units.filter(host_trusts__region__in=scope.region_ids).distinct()
    return list(units)


def build_overview(year, scope, today=None):
    """Per-region counts of the year's reports and the units that have not reported."""
    today = today or timezone.localdate()
    regions = list(scope.filter(Region.objects.all(), "pk"))
    reports = list(
        scope.filter(AnnualReport.objects.filter(year=year), "assessing_region").select_related(
            "unit", "assessing_region"
        )
    )
    received_unit_ids = {r.unit_id for r in reports if r.status in RECEIVED_STATUSES}
    units = expected_units(year, scope)
    missing = [u for u in units if u.pk not in received_unit_ids]

    rows = []
    for region in regions:
        own = [r for r in reports if r.assessing_region_id == region.pk]
        region_missing = [u for u in missing if any(t.region_id == region.pk for t in u.host_trusts.all())]
        rows.append(
            {
                "region": region,
                "records": len(own),
                "received": sum(r.status in RECEIVED_STATUSES for r in own),
                "assessed": sum(r.status in ASSESSED_STATUSES for r in own),
                "follow_up": sum(r.status == AssessmentStatus.FOLLOW_UP for r in own),
                "missing": len(region_missing),
            }
        )
    totals = {key: sum(row[key] for row in rows) for key in ("records", "received", "assessed", "follow_up")}
    totals["missing"] = len(missing)
    deadline = report_deadline(year)
    return {
        "year": year,
        "rows": rows,
        "totals": totals,
        "reports": sorted(reports, key=lambda r: (r.assessing_region.sort_order, r.unit_name)),
        "missing": missing,
        "deadline": deadline,
        "deadline_passed": today > deadline,
        "follow_up_reports": [r for r in reports if r.status == AssessmentStatus.FOLLOW_UP],
    }


def overview_csv(overview):
    """The summary of the year's annual reports ("oppsummering av årsrapporter") as CSV: one row per unit."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="oppsummering-arsrapporter-{overview["year"]}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = safe_csv_writer(response, delimiter=";")
    writer.writerow(
        [
            _("Region"),
            _("Service, network or centre"),
            _("Type"),
            _("Status"),
            _("Submitted"),
            _("Approved by the reference group"),
            _("Follow-up needs"),
            _("eRapport"),
        ]
    )
    approved = {True: _("Yes"), False: _("No"), None: ""}
    for report in overview["reports"]:
        writer.writerow(
            [
                report.assessing_region.name,
                report.unit_name,
                report.unit.get_kind_display() if report.unit_id else "",
                report.get_status_display(),
                report.submitted.isoformat() if report.submitted else "",
                approved[report.reference_group_approved],
                report.follow_up_needs,
                report.erapport_url,
            ]
        )
    recorded = {report.unit_id for report in overview["reports"]}
    for unit in overview["missing"]:
        if unit.pk in recorded:
            continue  # already listed above, with its "not received" record
        regions = ", ".join(unit.region_names)
        writer.writerow([regions, unit.title, unit.get_kind_display(), _("Not reported"), "", "", "", ""])
    return response


def overview(request):
    scope = _require_access(request)
    params = OverviewParams(request.GET)
    if params.errors:
        year_value = request.GET.get("year", "")[:20]
        context = {"error": params.messages[0], "year_value": year_value, "years": _year_choices()}
        return render(request, "registers/overview.html", context, status=400)
    year = params.value("year") or timezone.localdate().year - 1
    data = build_overview(year, scope)
    if request.GET.get("format") == "csv":
        return overview_csv(data)
    context = {**data, "year_value": year, "years": _year_choices(), "all_regions": scope.all_regions}
    return render(request, "registers/overview.html", context)


def _year_choices():
    years = set(AnnualReport.objects.values_list("year", flat=True).distinct())
    years.add(timezone.localdate().year - 1)
    return sorted(years, reverse=True)


# --- the register as of a date -------------------------------------------------------------------------


def as_of(request, model_name):
    model, region_field = _register(model_name)
    scope = _require_access(request)
    today = timezone.localdate()
    context = {
        "model_name": model_name,
        "verbose_name_plural": model._meta.verbose_name_plural,
        "date_value": request.GET.get("date", "")[:40],
        "registers": _register_links("registers_as_of"),
    }
    params = AsOfParams(request.GET)
    if params.errors:
        context["error"] = params.messages[0]
        return render(request, "registers/as_of.html", context, status=400)
    date = params.value("date") or today

    snapshot = model.history.as_of(end_of_day(date))
    if region_field and not scope.all_regions:
        snapshot = snapshot.filter(**{f"{region_field}__in": scope.region_ids})
    fields = [f for f in tracked_fields(model) if f.name not in ("notes", "reference_group_assessment")]
    cache = {}
    rows = [[display_value(f, getattr(obj, f.attname), cache) for f in fields] for obj in snapshot]
    rows.sort()
    context.update(
        {
            "date": date,
            "date_value": date.isoformat(),
            "headings": [f.verbose_name for f in fields],
            "rows": rows,
        }
    )
    return render(request, "registers/as_of.html", context)


# --- change log, including deleted records -------------------------------------------------------------


def changes(request, model_name):
    model, region_field = _register(model_name)
    scope = _require_access(request)
    history = model.history.all()
    if region_field and not scope.all_regions:
        history = history.filter(**{f"{region_field}__in": scope.region_ids})
    only_deleted = request.GET.get("type") == "deleted"
    if only_deleted:
        history = history.filter(history_type="-")
    entries = describe_history(history)
    if not only_deleted:
        entries = entries[:200]
    context = {
        "model_name": model_name,
        "verbose_name_plural": model._meta.verbose_name_plural,
        "entries": entries,
        "only_deleted": only_deleted,
        "registers": _register_links("registers_changes"),
    }
    return render(request, "registers/changes.html", context)


def _register_links(url_name):
    return [
        (name, model._meta.verbose_name_plural, reverse(url_name, args=[name]))
        for name, (model, _field) in REGISTER_MODELS.items()
    ]
