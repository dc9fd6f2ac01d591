"""The popular search terms (Wagtail's ``Query``/``QueryDailyHits``, shown in the admin report), counted
without a write per search.

Each process keeps its counts in memory and writes them in one transaction at most every
``SEARCH_QUERY_LOG_SECONDS`` (60) seconds, or when ``SEARCH_QUERY_LOG_BATCH`` (200) searches are waiting.
A process that ends loses at most that minute of counts: the report shows what people search for, not an
audit trail.
"""

import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

_lock = threading.Lock()
_pending = Counter()  # (normalised query string, date) -> hits
_last_flush = [time.monotonic()]


def count(query):
    """One search for ``query``: counted now, written with the next flush."""
    key = (normalise_query_string(query), timezone.now().date())
    if not key[0]:
        return
    with _lock:
        _pending[key] += 1
        waiting = sum(_pending.values())
        due = time.monotonic() - _last_flush[0] >= getattr(settings, "SEARCH_QUERY_LOG_SECONDS", 60)
    if due or waiting >= getattr(settings, "SEARCH_QUERY_LOG_BATCH", 200):
        flush()


def flush():
    """Write the waiting counts: one UPDATE per query and day, a new row for a term not searched that day."""
    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _last_flush[0] = time.monotonic()
    if not batch:
        return
    try:
        with transaction.atomic():
            for (query_string, date), hits in batch.items():
                updated = QueryDailyHits.objects.filter(query__query_string=query_string, date=date).update(
                    hits=F("hits") + hits
                )
                if not updated:
                    query = Query.get(query_string)
                    QueryDailyHits.objects.get_or_create(query=query, date=date, defaults={"hits": hits})
    except DatabaseError:  # the site keeps answering; these counts are lost
        pass


def pending():
    with _lock:
        return sum(_pending.values())
