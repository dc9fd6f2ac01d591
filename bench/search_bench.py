"""Search latency as the site grows: a 300-service site against a 10,300-service site, in one run.

Usage (PostgreSQL, a database the script may fill; it refuses a database that already has pages unless
--reuse is given):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/servicemiljo_bench \
        .venv/bin/python bench/search_bench.py [--extra 10000] [--repeat 5]

It migrates the database, builds a site with 300 services (the 30 units of the demo data file plus 270
generated ones), measures every benchmark query through the public search (the engine with facets and
excerpts, as ``/sok/`` runs it), then adds ``--extra`` generated services, re-indexes, and measures again.
It prints the median and 95th percentile of each phase and the ratio p95(large)/p95(small).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

TOPICS = [
    "hjertesvikt", "hjerterytmeforstyrrelser", "nyresvikt", "leversykdommer", "lungekreft", "brystkreft",
    "tarmkreft", "prostatakreft", "hudkreft", "diabetes", "fedme", "astma", "KOLS", "allergi", "migrene",
    "hodepine", "slag", "parkinson", "demens", "ALS", "muskelsykdommer", "ryggmargsskade", "hjerneskade",
    "spiseforstyrrelser", "psykoselidelser", "angst", "depresjon", "autisme", "ADHD", "tourette",
    "cøliaki", "crohns sykdom", "revmatisme", "artrose", "benskjørhet", "skoliose", "klumpfot",
    "leppe-kjeve-ganespalte",
    "hørselstap", "synstap", "netthinnesykdommer", "tannhelse", "kjevekirurgi", "fertilitet", "svangerskap",
    "nyfødtmedisin", "barneleddgikt", "blodsykdommer", "hemofili", "sigdcelleanemi", "immunsvikt",
    "tuberkulose", "hiv", "hepatitt", "sepsis", "smertebehandling", "lindrende behandling", "rehabilitering",
    "arbeidsmedisin", "miljømedisin",
]  # fmt: skip
KINDS = [
    ("behandlingstjeneste", "Nasjonal behandlingstjeneste for"),
    ("kompetansetjeneste", "Nasjonal kompetansetjeneste for"),
    ("kompetansetjeneste", "Nasjonal kompetanseteneste for"),
    ("behandlingstjeneste", "Nasjonal behandlingsteneste for"),
]
QUERIES = [
    ({"q": "brannskadar"}),
    ({"q": "teneste for kjønnsinkongruens"}),
    ({"q": "transseksualisme"}),
    ({"q": "hjertesvikt"}),
    ({"q": "behandlingsteneste demens"}),
    ({"q": "sjukehus"}),
    ({"q": "nasjonal"}),
    ({"q": "nasjonal", "region": "helse-nord"}),
    ({"q": "kompetansetjeneste", "type": "kompetansetjeneste"}),
    ({"q": "kreft barn"}),
    ({"q": "epilepsi"}),
    ({"q": "rehabilitering", "region": "helse-vest"}),
]


def setup_django():
    import django

    django.setup()
    from django.conf import settings

    if not settings.DATABASE_IS_POSTGRES and "--allow-sqlite" not in sys.argv:
        sys.exit("Set DATABASE_URL to a PostgreSQL database (or pass --allow-sqlite).")


def build_site(with_units):
    from tests.search.conftest import build_base_site, build_demo_site

    home_page, regions, region_pages = build_base_site()
    build_demo_site(home_page, regions, region_pages)
    return region_pages


def add_services(region_pages, count, seed):
    """Generated services with realistic titles, introductions and hosts, created without indexing."""
    from organisations.models import HealthTrust
    from servicepages.models import ServicePage

    rng = random.Random(seed)
    trusts = list(HealthTrust.objects.select_related("region"))
    started = time.perf_counter()
    for n in range(count):
        kind, prefix = rng.choice(KINDS)
        topic = rng.choice(TOPICS)
        trust = rng.choice(trusts)
        parent = region_pages[trust.region.slug]
        title = f"{prefix} {topic} {n}"
        page = ServicePage(
            title=title,
            slug=f"generert-{seed}-{n}",
            kind=kind,
            introduction=(
                f"Tjenesten gir råd, behandling og opplæring om {topic} til pasienter i hele landet. "
                f"Den er lagt til {trust.name}."
            ),
            approved_description=f"<p>{title} bygger og sprer kompetanse om {topic}.</p>",
        )
        parent.add_child(instance=page)
        page.host_trusts.set([trust])
        if (n + 1) % 500 == 0:
            print(f"  {n + 1}/{count} services ({time.perf_counter() - started:.0f} s)", flush=True)


def reindex():
    from django.core.management import call_command

    call_command("update_index", verbosity=0)


def measure(repeat):
    from django.test import RequestFactory

    from search.params import parse
    from search.results import run_search

    factory = RequestFactory()
    timings = []
    for _ in range(repeat):
        for params in QUERIES:
            request = factory.get("/sok/", params)
            started = time.perf_counter()
            response = run_search(parse(request.GET), request=request)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.outcome.count >= 0
    timings.sort()
    return {
        "n": len(timings),
        "p50": statistics.median(timings),
        "p95": timings[int(round(0.95 * (len(timings) - 1)))],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", type=int, default=10_000, help="services added for the large site")
    parser.add_argument("--repeat", type=int, default=5, help="times each query is run per phase")
    parser.add_argument("--allow-sqlite", action="store_true")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from servicepages.models import NationalUnitPage

    call_command("migrate", verbosity=0)
    if NationalUnitPage.objects.exists():
        sys.exit("The database already has services: give the benchmark an empty database of its own.")
    # no indexing on every save: the site is indexed in one go after each phase
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False
    print(f"Database: {connection.vendor}. Building the small site …", flush=True)
    region_pages = build_site(True)
    add_services(region_pages, 270, seed=1)
    reindex()
    small_count = NationalUnitPage.objects.count()
    measure(1)  # warm up
    small = measure(args.repeat)
    print(f"{small_count} units: p50 {small['p50']:.1f} ms, p95 {small['p95']:.1f} ms ({small['n']} searches)")
    print(f"Adding {args.extra} services …", flush=True)
    add_services(region_pages, args.extra, seed=2)
    reindex()
    large_count = NationalUnitPage.objects.count()
    measure(1)
    large = measure(args.repeat)
    print(f"{large_count} units: p50 {large['p50']:.1f} ms, p95 {large['p95']:.1f} ms ({large['n']} searches)")
    print(f"p95 ratio {large_count}/{small_count} units: {large['p95'] / small['p95']:.2f}")


if __name__ == "__main__":
    main()
