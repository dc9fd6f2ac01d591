"""Activity figures as visitors read them: per year and home region, rates per 100,000 and a chart.

Pure computation on figures and populations already loaded (``registers.queries`` loads them); no queries.

A region's *rate* for a year is the unit's count for patients living in the region, per 100,000 inhabitants
of the region that year. The *national rate* counts every patient with a known home region in Norway, per
100,000 inhabitants of the four regions together (patients whose home region is unknown or abroad have no
population to be counted against). Over a period the rate is the sum of the counts per the sum of the yearly
populations, i.e. the average yearly rate. A region is *clearly below* the national rate when its rate over
the period shown is less than :data:`BELOW_THRESHOLD` (75 %) of the national rate.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .models import COUNT_FIELDS, HOME_REGION_FIELDS, ActivityMeasure

PER_INHABITANTS = 100_000
BELOW_THRESHOLD = 0.75
YEARS_SHOWN = 5

#: The regions' names as the tables head their columns (proper names: the same in every language).
REGION_NAMES = {
    "south_east": "Helse Sør-Øst",
    "west": "Helse Vest",
    "central": "Helse Midt-Norge",
    "north": "Helse Nord",
}
#: Colours of the chart's series, distinct for common colour-vision deficiencies (Okabe–Ito), and grey.
SERIES_COLOURS = {
    "south_east": "#0072B2",
    "west": "#E69F00",
    "central": "#009E73",
    "north": "#CC79A7",
    "unknown": "#6B6B6B",
}


def column_label(name):
    return REGION_NAMES.get(name) or _("Unknown or abroad")


def rate(count, population):
    """``count`` per 100,000 of ``population``; None without a population."""
    if not population:
        return None
    return count * PER_INHABITANTS / population


def fmt(value, decimals=0):
    return number_format(value, decimals, use_l10n=True, force_grouping=True)


@dataclass
class Summary:
    """What the unit page's activity section (and the open data) shows for one unit."""

    measure: str
    years: list
    rows: list  # [{"year", "counts": [..5], "total"}] summed over sites
    site_rows: list = field(default_factory=list)  # [{"site", "rows"}] when figures are per site
    rate_rows: list = field(default_factory=list)  # [{"year", "rates": [..4], "national"}]
    period_rates: list = field(default_factory=list)  # [{"name", "rate", "below"}] for the four regions
    national_rate: float | None = None
    below: list = field(default_factory=list)  # sentences
    demo_population: bool = False
    population_sources: list = field(default_factory=list)
    chart: dict = field(default_factory=dict)

    @property
    def measure_label(self):
        return ActivityMeasure(self.measure).label if self.measure in ActivityMeasure.values else self.measure

    @property
    def columns(self):
        return [column_label(name) for name, _slug, _column in COUNT_FIELDS]

    @property
    def rate_columns(self):
        return [REGION_NAMES[name] for name, _slug, _column in HOME_REGION_FIELDS]

    @property
    def first_year(self):
        return self.years[0]

    @property
    def last_year(self):
        return self.years[-1]


def summarise(figures, populations, years_shown=YEARS_SHOWN):
    """The summary of ``figures`` (one unit's ActivityFigures) for its last ``years_shown`` years with figures;
    ``populations`` maps (region slug, year) to a population record. None when there are no figures."""
    figures = list(figures)
    if not figures:
        return None
    years = sorted({f.year for f in figures})[-years_shown:]
    shown = [f for f in figures if f.year in years]
    latest = max(shown, key=lambda f: f.year)
    rows = []
    for year in years:
        of_year = [f for f in shown if f.year == year]
        counts = [sum(getattr(f, name) for f in of_year) for name, _slug, _column in COUNT_FIELDS]
        rows.append({"year": year, "counts": counts, "total": sum(counts)})
    summary = Summary(measure=latest.measure, years=years, rows=rows)

    sites = {}
    for figure in shown:
        if figure.site_id:
            sites.setdefault(figure.site_id, {"site": figure.site, "rows": []})["rows"].append(
                {"year": figure.year, "counts": list(figure.counts.values()), "total": figure.total}
            )
    summary.site_rows = sorted(sites.values(), key=lambda s: s["site"].name)
    for number, site in enumerate(summary.site_rows, start=1):
        site["id"] = f"activity-site-{number}"

    _add_rates(summary, populations)
    summary.chart = chart(summary)
    return summary


def _add_rates(summary, populations):
    region_totals = [0] * len(HOME_REGION_FIELDS)
    region_people = [0] * len(HOME_REGION_FIELDS)
    sources = {}
    for row in summary.rows:
        rates, known, people = [], 0, 0
        for index, (_name, slug, _column) in enumerate(HOME_REGION_FIELDS):
            population = populations.get((slug, row["year"]))
            count = row["counts"][index]
            if population is None:
                rates.append(None)
                continue
            rates.append(rate(count, population.population))
            known += count
            people += population.population
            region_totals[index] += count
            region_people[index] += population.population
            summary.demo_population |= population.is_demo
            sources.setdefault(population.source, population.source_url)
        complete = None not in rates
        summary.rate_rows.append(
            {"year": row["year"], "rates": rates, "national": rate(known, people) if complete else None}
        )
    summary.population_sources = [{"source": s, "url": u} for s, u in sources.items()]
    if not all(region_people):
        return
    summary.national_rate = rate(sum(region_totals), sum(region_people))
    for index, (name, _slug, _column) in enumerate(HOME_REGION_FIELDS):
        value = rate(region_totals[index], region_people[index])
        below = bool(summary.national_rate) and value < BELOW_THRESHOLD * summary.national_rate
        summary.period_rates.append({"name": REGION_NAMES[name], "rate": value, "below": below})
        if below:
            summary.below.append(below_sentence(REGION_NAMES[name], value, summary))


def below_sentence(region_name, value, summary):
    period = (
        str(summary.first_year)
        if summary.first_year == summary.last_year
        else f"{summary.first_year}–{summary.last_year}"
    )
    share = round(100 * value / summary.national_rate)
    return _(
        "%(region)s is clearly below the national rate: in %(period)s the unit served %(rate)s per 100,000 "
        "inhabitants of %(region)s a year, against %(national)s for the country as a whole (%(share)s %%)."
    ) % {
        "region": region_name,
        "period": period,
        "rate": fmt(value, 1),
        "national": fmt(summary.national_rate, 1),
        "share": share,
    }


# --- the chart: stacked bars per year, drawn on the server as SVG ------------------------------------------

CHART_WIDTH = 480
CHART_HEIGHT = 260
PLOT_LEFT = 56
PLOT_RIGHT = 12
PLOT_TOP = 12
PLOT_BOTTOM = 32


def nice_ceiling(value):
    """The smallest of 1, 2, 2.5, 5 × 10^n at or above ``value`` (at least 1)."""
    if value <= 1:
        return 1
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return int(step * magnitude) if step * magnitude == int(step * magnitude) else step * magnitude
    return 10 * magnitude


def chart(summary):
    """Geometry for the template: bars per year (segments per home region), axis ticks and the text
    alternative, in the SVG's own units."""
    top = nice_ceiling(max(row["total"] for row in summary.rows))
    plot_width = CHART_WIDTH - PLOT_LEFT - PLOT_RIGHT
    plot_height = CHART_HEIGHT - PLOT_TOP - PLOT_BOTTOM
    slot = plot_width / len(summary.rows)
    bar_width = min(56, slot * 0.6)
    names = [name for name, _slug, _column in COUNT_FIELDS]
    bars = []
    for index, row in enumerate(summary.rows):
        x = PLOT_LEFT + index * slot + (slot - bar_width) / 2
        y = PLOT_TOP + plot_height
        segments = []
        for name, count in zip(names, row["counts"], strict=True):
            height = plot_height * count / top
            y -= height
            if count:
                segments.append({"x": x, "y": y, "height": height, "colour": SERIES_COLOURS[name]})
        bars.append(
            {
                "year": row["year"],
                "segments": segments,
                "label_x": x + bar_width / 2,
                "label_y": PLOT_TOP + plot_height + 20,
            }
        )
    ticks = []
    for step in range(5):
        value = top * step / 4
        ticks.append(
            {"label": fmt(value, 0 if value == int(value) else 1), "y": PLOT_TOP + plot_height * (1 - step / 4)}
        )
    description = " ".join(
        _("%(year)s: %(total)s in all (%(parts)s).")
        % {
            "year": row["year"],
            "total": fmt(row["total"]),
            "parts": ", ".join(f"{column_label(n)} {fmt(c)}" for n, c in zip(names, row["counts"], strict=True)),
        }
        for row in summary.rows
    )
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "plot_left": PLOT_LEFT,
        "plot_right": CHART_WIDTH - PLOT_RIGHT,
        "bar_width": bar_width,
        "bars": bars,
        "ticks": ticks,
        "legend": [{"label": column_label(n), "colour": SERIES_COLOURS[n]} for n in names],
        "description": description,
    }


# --- the national overview: regional rates across units for one year ----------------------------------------


def compare_units(figures, populations, year):
    """Rows for "Likeverdig tilgang": per unit (summed over sites) its counts, rates per region and the
    regions clearly below its national rate; and a total over the units that count patients treated."""
    by_unit = {}
    for figure in figures:
        entry = by_unit.setdefault(
            figure.unit_id,
            {
                "unit": figure.unit,
                "measure": figure.measure,
                "measure_label": str(figure.get_measure_display()),
                "counts": [0] * len(COUNT_FIELDS),
            },
        )
        for index, (name, _slug, _column) in enumerate(COUNT_FIELDS):
            entry["counts"][index] += getattr(figure, name)
    people = [populations.get((slug, year)) for _name, slug, _column in HOME_REGION_FIELDS]
    known = None not in people
    demo = known and any(p.is_demo for p in people)
    sources = {p.source: p.source_url for p in people if p is not None}

    def rates_of(counts):
        if not known:
            return [None] * len(HOME_REGION_FIELDS), None, []
        rates = [rate(c, p.population) for c, p in zip(counts, people, strict=False)]
        national = rate(sum(counts[: len(HOME_REGION_FIELDS)]), sum(p.population for p in people))
        below = [
            REGION_NAMES[name]
            for (name, _slug, _column), value in zip(HOME_REGION_FIELDS, rates, strict=True)
            if national and value < BELOW_THRESHOLD * national
        ]
        return rates, national, below

    rows = []
    patients = [0] * len(COUNT_FIELDS)
    for entry in sorted(by_unit.values(), key=lambda e: e["unit"].title):
        rates, national, below = rates_of(entry["counts"])
        rows.append({**entry, "total": sum(entry["counts"]), "rates": rates, "national": national, "below": below})
        if entry["measure"] == ActivityMeasure.PATIENTS:
            patients = [a + b for a, b in zip(patients, entry["counts"], strict=True)]
    rates, national, below = rates_of(patients)
    total = {"counts": patients, "total": sum(patients), "rates": rates, "national": national, "below": below}
    return {
        "rows": rows,
        "total": total,
        "known_population": known,
        "demo_population": demo,
        "population_sources": [{"source": s, "url": u} for s, u in sources.items()],
        "chart": rate_chart(total["rates"], national) if known and national else None,
    }


def rate_chart(rates, national):
    """Horizontal bars: each region's rate per 100,000, with the national rate as a marked line."""
    width, row_height, left, right, top = 480, 40, 150, 70, 12
    height = top + row_height * len(rates) + 28
    scale_top = nice_ceiling(max([*rates, national]))
    plot = width - left - right
    bars = []
    for index, ((name, _slug, _column), value) in enumerate(zip(HOME_REGION_FIELDS, rates, strict=True)):
        y = top + index * row_height
        length = plot * value / scale_top
        bars.append(
            {
                "label": REGION_NAMES[name],
                "y": y + 8,
                "text_y": y + row_height / 2 + 2,
                "length": length,
                "value": fmt(value, 1),
                "value_x": left + length + 6,
                "colour": SERIES_COLOURS[name],
            }
        )
    national_x = left + plot * national / scale_top
    description = (
        " ".join(_("%(region)s: %(rate)s per 100,000.") % {"region": b["label"], "rate": b["value"]} for b in bars)
        + " "
        + _("Norway: %(rate)s per 100,000.") % {"rate": fmt(national, 1)}
    )
    return {
        "width": width,
        "height": height,
        "left": left,
        "bar_height": row_height - 16,
        "bars": bars,
        "national_x": national_x,
        "national_label": _("Norway %(rate)s") % {"rate": fmt(national, 1)},
        "axis_y": top + row_height * len(rates),
        "label_y": top + row_height * len(rates) + 20,
        "description": description,
    }
