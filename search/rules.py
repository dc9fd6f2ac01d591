"""The rules in force: the built-in lists in ``search.norwegian`` plus the editors' synonym snippets.

Each process keeps the rules it built with the page cache's generation (``pagecache.cache``): saving or
deleting a synonym starts a new generation, and every process rebuilds its rules on next use. When the cache
cannot be reached, the rules a process has are used for at most ``UNAVAILABLE_SECONDS``.
"""

import threading
import time

from django.db import DatabaseError

from pagecache.cache import current_generation

from . import norwegian

UNAVAILABLE_SECONDS = 60
_local = threading.local()


def load_rules():
    from .models import SearchSynonym

    try:
        synonyms = list(SearchSynonym.objects.all())
    except DatabaseError:  # table not migrated yet (e.g. during migrate)
        synonyms = []
    groups = [s.words for s in synonyms]
    parts = [w for s in synonyms if s.compound_part for w in s.words]
    return norwegian.build_rules(extra_groups=groups, extra_compound_parts=parts)


def get_rules():
    generation = current_generation()
    cached = getattr(_local, "rules", None)  # (generation, built at, rules)
    if cached is not None:
        if generation is not None and cached[0] == generation:
            return cached[2]
        if generation is None and time.monotonic() - cached[1] < UNAVAILABLE_SECONDS:
            return cached[2]
    rules = load_rules()
    _local.rules = (generation, time.monotonic(), rules)
    return rules
