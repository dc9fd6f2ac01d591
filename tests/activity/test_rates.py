"""The rate per 100,000 inhabitants, the national rate and the "clearly below" rule (registers/activity.py)."""

import pytest

from organisations.models import HealthTrust
from registers.activity import BELOW_THRESHOLD, nice_ceiling, rate, summarise
from registers.models import ActivityFigures
from registers.queries import Population

PEOPLE = {"helse-sor-ost": 3_000_000, "helse-vest": 1_000_000, "helse-midt-norge": 800_000, "helse-nord": 500_000}


def populations(years, demo=True):
    return {(slug, y): Population(n, demo, "Demotall", "") for slug, n in PEOPLE.items() for y in years}


def figures(year, south_east, west, central, north, unknown=0, site=None):
    return ActivityFigures(
        year=year, south_east=south_east, west=west, central=central, north=north, unknown=unknown, site=site
    )


def test_rate_is_per_100000_inhabitants():
    assert rate(30, 3_000_000) == 1.0
    assert rate(5, 500_000) == 1.0
    assert rate(7, 0) is None
    assert rate(7, None) is None


def test_region_rates_national_rate_and_unknown_left_out_of_rates():
    # 300 of 3 million, 100 of 1 million, 80 of 800 000: 10 per 100 000 each; Nord 15 of 500 000: 3.
    summary = summarise([figures(2024, 300, 100, 80, 15, unknown=40)], populations([2024]))
    row = summary.rate_rows[0]
    assert row["rates"] == [10.0, 10.0, 10.0, 3.0]
    # national: the 495 patients with a known home region per 5.3 million inhabitants, not the 535 counted
    assert row["national"] == pytest.approx(495 * 100_000 / 5_300_000)
    assert summary.rows[0]["total"] == 535
    assert summary.demo_population


def test_a_region_under_threshold_gets_a_plain_sentence():
    summary = summarise([figures(2024, 300, 100, 80, 15)], populations([2024]))
    assert [item["below"] for item in summary.period_rates] == [False, False, False, True]
    assert len(summary.below) == 1
    assert "Helse Nord" in summary.below[0] and "3,0" in summary.below[0]


def test_a_region_just_above_the_threshold_is_not_called_below():
    # Sør-Øst, Vest, Midt at 10 per 100 000; Nord at 8: national 530/5.3 M*… = 9.81, and 8 > 0.75 × 9.81
    summary = summarise([figures(2024, 300, 100, 80, 40)], populations([2024]))
    assert summary.period_rates[3]["rate"] == 8.0
    assert summary.period_rates[3]["rate"] > BELOW_THRESHOLD * summary.national_rate
    assert not summary.below


def test_period_rate_sums_counts_over_populations_and_keeps_the_last_five_years():
    rows = [figures(year, 300, 100, 80, 50) for year in range(2018, 2025)]
    summary = summarise(rows, populations(range(2018, 2025)))
    assert summary.years == [2020, 2021, 2022, 2023, 2024]
    assert [item["rate"] for item in summary.period_rates] == [10.0, 10.0, 10.0, 10.0]


def test_no_rates_without_every_regions_population():
    people = populations([2024])
    del people[("helse-nord", 2024)]
    summary = summarise([figures(2024, 300, 100, 80, 15)], people)
    assert summary.rate_rows[0]["rates"][3] is None
    assert summary.rate_rows[0]["national"] is None
    assert summary.national_rate is None and not summary.below


def test_figures_per_site_are_summed_and_kept_apart():
    bergen, oslo = HealthTrust(pk=1, name="Helse Bergen HF"), HealthTrust(pk=2, name="Oslo universitetssykehus HF")
    a = figures(2024, 10, 50, 5, 5, site=bergen)
    b = figures(2024, 60, 5, 5, 5, site=oslo)
    summary = summarise([a, b], populations([2024]))
    assert summary.rows[0]["counts"] == [70, 55, 10, 10, 0]
    assert [s["site"].name for s in summary.site_rows] == ["Helse Bergen HF", "Oslo universitetssykehus HF"]


def test_chart_has_a_bar_per_year_and_a_text_alternative():
    summary = summarise([figures(y, 300, 100, 80, 50) for y in (2023, 2024)], populations([2023, 2024]))
    assert [bar["year"] for bar in summary.chart["bars"]] == [2023, 2024]
    assert "2024" in summary.chart["description"] and "530" in summary.chart["description"]


@pytest.mark.parametrize(("value", "expected"), [(0, 1), (1, 1), (7, 10), (11, 20), (230, 250), (600, 1000)])
def test_nice_ceiling(value, expected):
    assert nice_ceiling(value) == expected
