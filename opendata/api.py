"""The open data API (django-ninja): the public register of live units and their activity figures, as JSON
and CSV, paginated, with an OpenAPI description at ``/api/v1/openapi.json``.

Parameters are read with the site's forms (``opendata.params``): a value that is not valid answers 400 with
a Norwegian message. Answers are kept by the page cache (``pagecache.cache.memoize``) until the site changes.
"""

import datetime

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema

from pagecache.cache import memoize
from registers.models import COUNT_FIELDS, HOME_REGION_FIELDS

from . import queries
from .csvutil import to_csv
from .params import ActivityListParams, UnitListParams

api = NinjaAPI(
    title="Nasjonale tjenester i spesialisthelsetjenesten – åpne data",
    version="1",
    description=(
        "Registeret over publiserte nasjonale behandlingstjenester, kompetansetjenester, nettverk og sentre, og "
        "tjenestenes aktivitetstall per pasientens bostedsregion. Sidene deles opp med `page` og `per_page` "
        "(høyst 100). Ugyldige parametere gir status 400 med en melding på norsk. Aktivitetstallene og "
        "befolkningstallene i demoinnholdet er oppdiktede demotall."
    ),
    urls_namespace="opendata",
    docs_url=None,
    openapi_url="/openapi.json",
)


class Error(Schema):
    detail: str
    errors: list[str]


class Link(Schema):
    id: int
    title: str
    url: str | None


class Trust(Schema):
    name: str
    short_name: str
    region: str
    region_slug: str


class Unit(Schema):
    id: int
    title: str
    abbreviation: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    established: datetime.date | None
    first_published: datetime.date | None
    last_published: datetime.date | None
    host_trusts: list[Trust]
    regions: list[str]
    medical_fields: list[str]
    predecessor: Link | None
    successors: list[Link]
    website: str
    contact_email: str
    url: str | None


class UnitList(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    results: list[Unit]


class Counts(Schema):
    helse_sor_ost: int
    helse_vest: int
    helse_midt_norge: int
    helse_nord: int
    ukjent_utland: int


class Rates(Schema):
    helse_sor_ost: float | None
    helse_vest: float | None
    helse_midt_norge: float | None
    helse_nord: float | None


class Figures(Schema):
    unit_id: int
    unit: str
    unit_url: str | None
    year: int
    site: str | None
    measure: str
    measure_label: str
    counts: Counts
    total: int
    per_100000: Rates


class FiguresList(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    results: list[Figures]


CSV_RESPONSE = {"responses": {200: {"description": "CSV (semikolon, UTF-8)", "content": {"text/csv": {}}}}}


def _bad(messages):
    return 400, {"detail": _("Some parameters are not valid."), "errors": messages}


KNOWN_PARAMETERS = {"type", "status", "region", "year", "enhet", "page", "per_page"}


def _cached(request, kind, compute):
    """``compute()``, kept by the page cache when every parameter is one the API reads (keys stay bounded,
    as for the pages: docs/caching.md)."""
    if not set(request.GET) <= KNOWN_PARAMETERS or any(len(v) > 40 for v in request.GET.values()):
        return compute()
    query = "&".join(f"{name}={request.GET.get(name, '')}" for name in sorted(request.GET))
    return memoize(f"opendata:{kind}:{request.get_host()}:{query}", compute)


def _listing(params, fetch):
    """The page the parameters ask for, or Norwegian messages: bad values and a page past the last."""
    if params.errors:
        return None, params.messages
    try:
        return fetch(page=params.value("page"), per_page=params.value("per_page")), []
    except queries.PageOutOfRange as error:
        return None, [_("There is no such page. The last page is %(last)s.") % {"last": error.last}]


def _unit_listing(request):
    params = UnitListParams(request.GET, queries.region_slugs())
    return _listing(
        params,
        lambda **page: queries.units(
            request,
            kind=params.value("type"),
            status=params.value("status"),
            region=params.value("region"),
            **page,
        ),
    )


def _activity_listing(request):
    params = ActivityListParams(request.GET)
    return _listing(
        params,
        lambda **page: queries.activity(request, year=params.value("year"), unit_id=params.value("enhet"), **page),
    )


def _as_dict(listing):
    return {
        "count": listing.count,
        "page": listing.page,
        "pages": listing.pages,
        "per_page": listing.per_page,
        "results": listing.results,
    }


UNIT_PARAMS = (
    "Filtre: `type` (behandlingstjeneste, flerregional, kompetansetjeneste, nettverk, senter), "
    "`status` (active, discontinuing, discontinued, continued), `region` (f.eks. helse-vest); "
    "sider: `page`, `per_page`."
)
ACTIVITY_PARAMS = "Filtre: `year` (f.eks. 2024), `enhet` (enhetens id); sider: `page`, `per_page`."


@api.get(
    "/enheter/",
    response={200: UnitList, 400: Error},
    summary="Publiserte tjenester, nettverk og sentre",
    description=UNIT_PARAMS,
    operation_id="enheter",
    url_name="units",
)
def unit_list(request, type: str = "", status: str = "", region: str = "", page: str = "", per_page: str = ""):
    def compute():
        listing, errors = _unit_listing(request)
        return (400, errors) if errors else (200, _as_dict(listing))

    status_code, body = _cached(request, "units", compute)
    return _bad(body) if status_code == 400 else body


@api.get(
    "/enheter.csv",
    response={400: Error},
    summary="Publiserte tjenester, nettverk og sentre som CSV",
    description=UNIT_PARAMS,
    operation_id="enheter_csv",
    url_name="units_csv",
    openapi_extra=CSV_RESPONSE,
)
def unit_csv(request, type: str = "", status: str = "", region: str = "", page: str = "", per_page: str = ""):
    def compute():
        listing, errors = _unit_listing(request)
        if errors:
            return 400, errors
        header = [
            "id",
            "navn",
            "forkortelse",
            "type",
            "status",
            "etablert",
            "helseforetak",
            "regioner",
            "fagomrader",
            "forgjenger",
            "etterfolgere",
            "nettsted",
            "epost",
            "adresse",
        ]
        rows = [
            [
                u["id"],
                u["title"],
                u["abbreviation"],
                u["kind_label"],
                u["status_label"],
                u["established"].isoformat() if u["established"] else "",
                ", ".join(t["name"] for t in u["host_trusts"]),
                ", ".join(u["regions"]),
                ", ".join(u["medical_fields"]),
                u["predecessor"]["title"] if u["predecessor"] else "",
                ", ".join(s["title"] for s in u["successors"]),
                u["website"],
                u["contact_email"],
                u["url"],
            ]
            for u in listing.results
        ]
        return 200, to_csv(header, rows)

    status_code, body = _cached(request, "units-csv", compute)
    return _bad(body) if status_code == 400 else _csv_response(body, "nasjonale-tjenester.csv")


@api.get(
    "/aktivitet/",
    response={200: FiguresList, 400: Error},
    summary="Aktivitetstall per år og pasientens bostedsregion",
    description=ACTIVITY_PARAMS + " `per_100000` er tallet per 100 000 innbyggere i regionen det året.",
    operation_id="aktivitet",
    url_name="activity",
)
def activity_list(request, year: str = "", enhet: str = "", page: str = "", per_page: str = ""):
    def compute():
        listing, errors = _activity_listing(request)
        return (400, errors) if errors else (200, _as_dict(listing))

    status_code, body = _cached(request, "activity", compute)
    return _bad(body) if status_code == 400 else body


@api.get(
    "/aktivitet.csv",
    response={400: Error},
    summary="Aktivitetstall som CSV",
    description=ACTIVITY_PARAMS,
    operation_id="aktivitet_csv",
    openapi_extra=CSV_RESPONSE,
    url_name="activity_csv",
)
def activity_csv(request, year: str = "", enhet: str = "", page: str = "", per_page: str = ""):
    def compute():
        listing, errors = _activity_listing(request)
        if errors:
            return 400, errors
        columns = [column for _name, _slug, column in COUNT_FIELDS]
        rate_columns = [f"{column}_per_100000" for _name, _slug, column in HOME_REGION_FIELDS]
        header = ["enhet_id", "enhet", "aar", "sted", "maal", *columns, "sum", *rate_columns, "adresse"]
        rows = []
        for f in listing.results:
            rates = [f["per_100000"][c] for _n, _s, c in HOME_REGION_FIELDS]
            shown = ["" if r is None else f"{r:.1f}".replace(".", ",") for r in rates]
            rows.append(
                [
                    f["unit_id"],
                    f["unit"],
                    f["year"],
                    f["site"] or "",
                    f["measure_label"],
                    *[f["counts"][c] for c in columns],
                    f["total"],
                    *shown,
                    f["unit_url"],
                ]
            )
        return 200, to_csv(header, rows)

    status_code, body = _cached(request, "activity-csv", compute)
    filename = f"aktivitet-{request.GET.get('enhet', '')[:9]}.csv" if request.GET.get("enhet") else "aktivitet.csv"
    return _bad(body) if status_code == 400 else _csv_response(body, filename.replace('"', ""))


def _csv_response(body, filename):
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
