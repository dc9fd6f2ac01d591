"""The rules in force: the built-in lists in ``search.norwegian`` plus the editors' synonym snippets."""

import threading

from django.core.cache import cache
from django.db import DatabaseError

from . import norwegian

VERSION_KEY = "portal_search:rules-version"
_local = threading.local()


def current_version():
    return cache.get_or_set(VERSION_KEY, 1, None)


def invalidate():
    """Called when a synonym is saved or deleted: every process rebuilds its rules on next use."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


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
    version = current_version()
    cached = getattr(_local, "rules", None)
    if cached is None or cached[0] != version:
        cached = (version, load_rules())
        _local.rules = cached
    return cached[1]
