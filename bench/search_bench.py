"""Search latency on the site in ``DATABASE_URL``: median and 95th percentile of the public search.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/servicemiljo_bench .venv/bin/python bench/search_bench.py

Runs every benchmark query (with and without filters) through the search as ``/sok/`` runs it (the engine,
facet counts and excerpts; no HTTP, no page cache and no cached search results: the engine's full cost)
``--repeat`` times after one warm-up round, and prints the figures, overall and per query (``--json``: one
JSON line).
``make bench`` (bench/run.py) calls it on the 300-unit and the 10,000-unit site and reports the ratio of
the two p95s (goal: at most 2).
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
os.environ["SEARCH_RESULTS_CACHE"] = "false"  # measure the engine, not the cached repeat

QUERIES = [
    {"q": "brannskadar"},
    {"q": "teneste for kjønnsinkongruens"},
    {"q": "transseksualisme"},
    {"q": "hjertesvikt"},
    {"q": "behandlingsteneste epilepsi"},
    {"q": "sjukehus"},
    {"q": "nasjonal"},
    {"q": "nasjonal", "region": "helse-nord"},
    {"q": "kompetansetjeneste", "type": "kompetansetjeneste"},
    {"q": "kreft barn"},
    {"q": "epilepsi"},
    {"q": "behandling", "region": "helse-vest"},
]


def measure(repeat):
    from django.test import RequestFactory

    from search.query import parse
    from search.results import run_search

    factory = RequestFactory()
    timings = []
    per_query = {label(params): [] for params in QUERIES}
    counts = {}
    for round_ in range(repeat + 1):
        for params in QUERIES:
            request = factory.get("/sok/", params)
            started = time.perf_counter()
            response = run_search(parse(request.GET), request=request)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.count >= 0
            counts[label(params)] = response.count
            if round_:  # the first round warms connections and caches
                timings.append(elapsed)
                per_query[label(params)].append(elapsed)
    return {
        **percentiles(timings),
        "per_query": {name: {**percentiles(times), "results": counts[name]} for name, times in per_query.items()},
    }


def label(params):
    return "&".join(f"{key}={value}" for key, value in params.items())


def percentiles(timings):
    timings = sorted(timings)
    return {
        "searches": len(timings),
        "p50": statistics.median(timings),
        "p95": timings[round(0.95 * (len(timings) - 1))],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="times each query is measured (default 5)")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection

    from servicepages.models import NationalUnitPage

    result = measure(args.repeat)
    result.update({"units": NationalUnitPage.objects.count(), "database": connection.vendor})
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{result['units']} units ({result['database']}): p50 {result['p50']:.1f} ms, "
            f"p95 {result['p95']:.1f} ms over {result['searches']} searches"
        )
        for name, figures in result["per_query"].items():
            print(f"  {name:<45} {figures['results']:>6} results  p50 {figures['p50']:6.1f}  p95 {figures['p95']:6.1f}")


if __name__ == "__main__":
    main()
