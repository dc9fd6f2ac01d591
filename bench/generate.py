"""Grow the demo site to a given number of national units, for the benchmark.

Adds services, networks and centres under the four region pages until the site has ``--units`` of them
(spread over the regions, with host trusts, medical fields, contacts, predecessors and three revisions
each), plus one reference group per ten units and ``--events`` events: the demo sections' bulk helpers
(``servicepages.demo``, ``events.demo``; pages inserted by ``cms.core.demo.create_pages``). Idempotent: run it
again with a larger number to grow the same site. Run on the benchmark database only (see bench/run.py).
"""

import argparse
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.db import DatabaseError, connection, transaction  # noqa: E402
from wagtail.models import Revision  # noqa: E402

from events.demo import grow_events  # noqa: E402
from events.models import EventPage  # noqa: E402
from pagecache.cache import deferred_invalidation, invalidate  # noqa: E402
from servicepages.demo import grow_reference_groups, grow_units  # noqa: E402
from servicepages.models import NationalUnitPage, ReferenceGroupPage  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, required=True)
    parser.add_argument("--events", type=int, default=40)
    parser.add_argument(
        "--search-sample",
        type=int,
        default=1,
        help="index only every n-th generated unit for search (indexing costs ~0.5 s a unit on a busy 2-core box)",
    )
    parser.add_argument(
        "--no-analyze",
        action="store_true",
        help="leave the planner's statistics as they were (the cold column measures the site as migrate left it)",
    )
    args = parser.parse_args()
    if args.units == 0:  # only analyze (bench/run.py, after the cold column)
        analyze_and_checkpoint()
        return
    rng = random.Random(args.units)
    with deferred_invalidation(), transaction.atomic():
        grow_units(args.units, rng, search_sample=max(1, args.search_sample), progress=lambda m: print(m, flush=True))
        grow_reference_groups()
        grow_events(args.events)
        # Bulk inserts send no signals: mark the site changed, so no page or memoized value (counts,
        # listings) from the smaller site is served once this one is committed.
        invalidate()
    analyze_and_checkpoint(analyze=not args.no_analyze)
    print(
        f"Site has {NationalUnitPage.objects.count()} units, {ReferenceGroupPage.objects.count()} reference "
        f"groups, {EventPage.objects.count()} events, {Revision.objects.count()} revisions."
    )


def analyze_and_checkpoint(analyze=True):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if analyze:
                # Fresh planner statistics, and the search index's GIN pending lists merged and the visibility
                # map set, as autovacuum would soon after such a load in production (a server with autovacuum
                # off, like some CI machines, would otherwise scan 20,000 pending index entries per search).
                cursor.execute("VACUUM ANALYZE")
            # Write the load's dirty buffers out now: otherwise the checkpointer spreads that writing over
            # the next minutes, while the first pages are being measured. (Needs a superuser or, from
            # PostgreSQL 15, the pg_checkpoint role; without them the measurements just start sooner.)
            try:
                with transaction.atomic():
                    cursor.execute("CHECKPOINT")
            except DatabaseError:
                pass


if __name__ == "__main__":
    main()
