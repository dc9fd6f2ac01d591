"""Grow the demo site to a given number of national units, for the benchmark.

Adds services, networks and centres under the four region pages until the site has ``--units`` of them
(spread over the regions, with host trusts, medical fields, contacts, predecessors and three revisions
each), plus one reference group per ten units and ``--events`` events. Idempotent: run it again with a
larger number to grow the same site. Run on the benchmark database only (see bench/run.py).
"""

import argparse
import datetime
import os
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import DatabaseError, connection, transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale, Page, Revision  # noqa: E402
from wagtail.search.backends import get_search_backends  # noqa: E402

from events.models import EventIndexPage, EventPage  # noqa: E402
from organisations.models import ContactPerson, HealthTrust, MedicalField, Region  # noqa: E402
from pagecache.cache import deferred_invalidation, invalidate  # noqa: E402
from servicepages.models import (  # noqa: E402
    CentrePage,
    NationalUnitPage,
    NetworkPage,
    ReferenceGroupIndexPage,
    ReferenceGroupPage,
    RegionPage,
    ServicePage,
    UnitKind,
)

TOPICS = [
    "avansert brannskadebehandling",
    "sjeldne diagnoser",
    "barnekreft",
    "epilepsi",
    "hørsel",
    "syn",
    "nevromuskulære sykdommer",
    "spiseforstyrrelser",
    "traumatologi",
    "transplantasjon",
    "smertebehandling",
    "kreftgenetikk",
    "hjertesvikt",
    "revmatologi",
    "ryggmargsskader",
    "palliasjon",
    "rus og psykiatri",
    "barneortopedi",
    "hodepine",
    "sikkerhetspsykiatri",
    "leppe-kjeve-ganespalte",
    "cerebral parese",
]
KINDS = [
    (ServicePage, UnitKind.TREATMENT, 0.35),
    (ServicePage, UnitKind.MULTIREGIONAL, 0.1),
    (ServicePage, UnitKind.COMPETENCE, 0.3),
    (NetworkPage, UnitKind.NETWORK, 0.15),
    (CentrePage, UnitKind.CENTRE, 0.1),
]
PARAGRAPH = (
    "<p>Tjenesten skal bidra til likeverdig tilgang til høyspesialisert behandling i hele landet, bygge og "
    "spre kompetanse til helsetjenesten og samarbeide med brukerne om kvalitet og forbedring.</p>"
)


def add_revisions(pages, count):
    """``count`` revisions per page (the last one live), written in bulk like an edit history."""
    now = timezone.now()
    revisions = []
    for page in pages:
        base = page.serializable_data()
        for number in range(count):
            content = dict(base, introduction=f"{page.introduction} (versjon {number + 1})")
            revisions.append(
                Revision(
                    content_type_id=page.content_type_id,
                    base_content_type_id=page.get_base_content_type().pk,
                    object_id=str(page.pk),
                    content=content,
                    created_at=now - datetime.timedelta(days=count - number),
                    object_str=page.title,
                )
            )
    created = Revision.objects.bulk_create(revisions, batch_size=500)
    for index, page in enumerate(pages):
        last = created[(index + 1) * count - 1]
        Page.objects.filter(pk=page.pk).update(latest_revision=last, live_revision=last)


def create_pages(parent, pages):
    """Insert ``pages`` (unsaved instances of one or more page models) as the last children of ``parent``.

    What ``parent.add_child()`` does, in bulk: tree paths, URL paths and the rows of every table of the
    page model. Saving 10,000 pages one by one, with every page signal, takes the better part of an hour on
    a small machine; this takes a minute. The pages are then indexed for search in bulk.
    """
    if not pages:
        return []
    now = timezone.now()
    locale_id = Locale.get_default().pk
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    rows = []
    for page in pages:
        step += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = locale_id
        page.translation_key = uuid.uuid4()
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = now
        page.draft_title = page.title
        page.content_type = ContentType.objects.get_for_model(page)
        rows.append(Page(**{f.attname: getattr(page, f.attname) for f in Page._meta.local_concrete_fields}))
    Page.objects.bulk_create(rows, batch_size=500)
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.id = row.pk
        model = type(page)
        for cls in [*reversed(model._meta.get_parent_list()), model]:
            if cls is Page:
                continue
            setattr(page, cls._meta.pk.attname, row.pk)
            page._save_table(raw=True, cls=cls, force_insert=True)
            page._state.adding = False
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
    return pages


def index_for_search(pages):
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page.pk)
    for model, ids in by_model.items():
        objects = list(model.get_indexed_objects().filter(pk__in=ids))
        for backend in get_search_backends():
            backend.add_bulk(model, objects)


SEARCH_SAMPLE = [1]  # index every n-th generated unit for search (--search-sample)
HostLink = NationalUnitPage.host_trusts.through
FieldLink = NationalUnitPage.medical_fields.through


def flush(pages, host_links, field_links):
    by_parent = {}
    for parent, page in pages:
        by_parent.setdefault(parent.pk, (parent, []))[1].append(page)
    for parent, children in by_parent.values():
        create_pages(parent, children)
    for link, (_, page) in host_links + field_links:
        link.nationalunitpage_id = page.pk
    HostLink.objects.bulk_create([link for link, _ in host_links])
    FieldLink.objects.bulk_create([link for link, _ in field_links])
    created = [page for _, page in pages]
    add_revisions(created, 3)
    index_for_search(created[:: SEARCH_SAMPLE[0]])
    return created


def grow_units(target, rng):
    regions = list(RegionPage.objects.select_related("region").order_by("path"))
    trusts_by_region = {r.region_id: list(HealthTrust.objects.filter(region=r.region)) for r in regions}
    fields = list(MedicalField.objects.all())
    contacts = list(ContactPerson.objects.all()) or [None]
    existing = NationalUnitPage.objects.count()
    previous = list(NationalUnitPage.objects.order_by("-pk").values_list("pk", flat=True)[:50])
    started = time.monotonic()
    batch, host_links, field_links = [], [], []
    for number in range(existing, target):
        region_page = regions[number % len(regions)]
        model, kind, _ = rng.choices(KINDS, weights=[k[2] for k in KINDS])[0]
        topic = rng.choice(TOPICS)
        title = f"Nasjonal tjeneste {number + 1} for {topic}"
        page = model(
            title=title,
            slug=f"tjeneste-{number + 1}",
            kind=kind,
            introduction=f"Nasjonal tjeneste for {topic}, nummer {number + 1}.",
            approved_description=PARAGRAPH,
            goals=PARAGRAPH,
            quality_tools="<p>Nasjonalt kvalitetsregister og faglige retningslinjer.</p>",
            established=datetime.date(2010 + number % 14, 1 + number % 12, 1),
            contact=rng.choice(contacts),
            predecessor_id=rng.choice(previous) if previous and number % 7 == 0 else None,
            former_names=f"Kompetansetjeneste for {topic} {number}" if number % 5 == 0 else "",
        )
        if model is ServicePage and kind == UnitKind.COMPETENCE:
            page.term_years = 10
        trusts = trusts_by_region.get(region_page.region_id) or []
        hosts = rng.sample(trusts, k=min(len(trusts), 2 if kind == UnitKind.MULTIREGIONAL else 1))
        if kind == UnitKind.MULTIREGIONAL:
            other = regions[(number + 1) % len(regions)]
            hosts += trusts_by_region.get(other.region_id, [])[:1]
        host_links.extend((HostLink(healthtrust_id=t.pk), (None, page)) for t in set(hosts))
        field_links.extend(
            (FieldLink(medicalfield_id=f.pk), (None, page)) for f in rng.sample(fields, k=min(2, len(fields)))
        )
        batch.append((region_page, page))
        if len(batch) == 500:
            previous.extend(p.pk for p in flush(batch, host_links, field_links))
            batch, host_links, field_links = [], [], []
            done = number + 1 - existing
            rate = done / (time.monotonic() - started)
            print(f"  {number + 1}/{target} units ({rate:.0f}/s)", flush=True)
    if batch:
        flush(batch, host_links, field_links)


def grow_reference_groups(rng):
    index = ReferenceGroupIndexPage.objects.first()
    if index is None:
        return
    regions = list(Region.objects.all())
    with_group = set(ReferenceGroupPage.objects.values_list("unit_id", flat=True))
    units = NationalUnitPage.objects.exclude(pk__in=with_group).order_by("pk").only("pk", "title")
    hosts = {}
    for unit_id, region_id in HostLink.objects.values_list("nationalunitpage_id", "healthtrust__region_id"):
        hosts.setdefault(unit_id, set()).add(region_id)
    groups = []
    for number, unit in enumerate(units):
        if number % 10:
            continue
        groups.append(
            ReferenceGroupPage(
                title=f"Referansegruppe for {unit.title}"[:255],
                slug=f"referansegruppe-{unit.pk}",
                unit_id=unit.pk,
                chair_region=next((r for r in regions if r.pk not in hosts.get(unit.pk, ())), None),
                introduction="Referansegruppen følger tjenesten opp på vegne av de regionale helseforetakene.",
            )
        )
    index_for_search(create_pages(index, groups))


def grow_events(target):
    index = EventIndexPage.objects.first()
    if index is None:
        return
    now = timezone.now()
    events = []
    for number in range(EventPage.objects.count(), target):
        start = now + datetime.timedelta(days=number - target // 2, hours=9)
        events.append(
            EventPage(
                title=f"Fagdag {number + 1}",
                slug=f"fagdag-{number + 1}",
                start=start,
                end=start + datetime.timedelta(hours=6),
                venue="Oslo",
                introduction="En fagdag for nasjonale tjenester, nettverk og sentre.",
            )
        )
    index_for_search(create_pages(index, events))


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
    args = parser.parse_args()
    SEARCH_SAMPLE[0] = max(1, args.search_sample)
    rng = random.Random(args.units)
    with deferred_invalidation(), transaction.atomic():
        grow_units(args.units, rng)
        grow_reference_groups(rng)
        grow_events(args.events)
        # Bulk inserts send no signals: mark the site changed, so no page or memoized value (counts,
        # listings) from the smaller site is served once this one is committed.
        invalidate()
    if connection.vendor == "postgresql":
        # Fresh planner statistics, as autovacuum would gather them soon after such a load in production;
        # without them PostgreSQL plans the search queries for empty tables (seconds instead of milliseconds).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            # Write the load's dirty buffers out now: otherwise the checkpointer spreads that writing over
            # the next minutes, while the first pages are being measured. (Needs a superuser or, from
            # PostgreSQL 15, the pg_checkpoint role; without them the measurements just start sooner.)
            try:
                with transaction.atomic():
                    cursor.execute("CHECKPOINT")
            except DatabaseError:
                pass
    print(
        f"Site has {NationalUnitPage.objects.count()} units, {ReferenceGroupPage.objects.count()} reference "
        f"groups, {EventPage.objects.count()} events, {Revision.objects.count()} revisions."
    )


if __name__ == "__main__":
    main()
