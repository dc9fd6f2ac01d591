"""The page cache's storage: a site-wide generation number, rendered responses and page routes.

Correctness rests on one rule: every stored entry carries the generation that was current when the
request *started*, and an entry is only used while that generation is still current. Any write that can
change what a visitor sees bumps the generation (see ``signal_handlers``), so an edit is visible to the
very next request, and a page rendered while an edit was being saved is never served afterwards.
Reading the generation and the entry is one round trip (``get_many``).
"""

import functools
import hashlib
import logging
import time
from contextlib import contextmanager
from threading import local

from django.apps import apps
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from . import conf

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
_state = local()


def get_cache():
    return caches[conf.get("PAGECACHE_ALIAS")]


def _safe(default, func, *args, **kwargs):
    """Run a cache call; any failure of the cache counts as a miss, never as an error of the page."""
    try:
        return func(*args, **kwargs)
    except Exception:  # noqa: BLE001 - a broken cache must not break a page
        logger.warning("Page cache unavailable", exc_info=True)
        return default


def _new_generation(cache):
    """Start a generation no earlier entry can carry (the key was evicted or the cache emptied)."""
    cache.add(GENERATION_KEY, time.time_ns(), None)
    return cache.get(GENERATION_KEY)


def fetch(*keys):
    """Return (generation, {key: value}) in one round trip; the generation is None if the cache is down."""
    cache = get_cache()
    if _pending_bump:
        _bump()
        if _pending_bump:
            return None, {}
    found = _safe(None, cache.get_many, [GENERATION_KEY, *keys])
    if found is None:
        return None, {}
    generation = found.pop(GENERATION_KEY, None)
    if generation is None:
        generation = _safe(None, _new_generation, cache)
    return generation, found


def current_generation():
    return fetch()[0]


def store(key, generation, value, timeout):
    if generation is None or not timeout:
        return
    _safe(None, get_cache().set, key, (generation, value), timeout)


def valid(entry, generation):
    """The value of an entry if it belongs to the current generation, else None."""
    if generation is None or not entry:
        return None
    entry_generation, value = entry
    return value if entry_generation == generation else None


def make_key(kind, *parts):
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:40]
    return f"pagecache:{kind}:{digest}"


_pending_bump = False  # this process changed data while the cache was unreachable


def _bump():
    global _pending_bump
    cache = get_cache()

    def bump():
        try:
            return cache.incr(GENERATION_KEY) is not None
        except ValueError:  # no generation yet (or it was evicted)
            return _new_generation(cache) is not None

    # If the cache is unreachable it serves nothing now; but it may come back holding pages from before
    # this change. Then bump again as soon as it answers (checked before every lookup).
    _pending_bump = not _safe(False, bump)


def invalidate():
    """Make every cached page and route stale: now, and again when the current transaction commits.

    The first bump stops hits during the transaction; the second one discards anything rendered from the
    old data by a concurrent request while the transaction was still open.
    """
    if getattr(_state, "deferred", None) is not None:
        _state.deferred = True
        return
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


@contextmanager
def deferred_invalidation():
    """Collapse the invalidations of a bulk operation (an import, a generator) into one at the end."""
    outer = getattr(_state, "deferred", None)
    if outer is None:
        _state.deferred = False
    try:
        yield
    finally:
        if outer is None:
            pending = _state.deferred
            _state.deferred = None
            if pending:
                invalidate()


BOUNDARY_KEY = "pagecache:clock-boundary"


def _compute_boundary(now):
    """The next moment a configured date field of a live object is reached (an event starts, ends, ...)."""
    nearest = None
    for label, fields in conf.get("PAGECACHE_CLOCK_FIELDS").items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        queryset = model._default_manager.all()
        if hasattr(model, "live"):
            queryset = queryset.filter(live=True)
        found = queryset.aggregate(**{f: Min(f, filter=Q(**{f"{f}__gt": now})) for f in fields})
        for value in found.values():
            if value is not None and (nearest is None or value < nearest):
                nearest = value
    return nearest


def seconds_until_clock_boundary(generation):
    """Seconds until content that depends on the clock changes; None if nothing is scheduled."""
    if not conf.get("PAGECACHE_CLOCK_FIELDS"):
        return None
    now = timezone.now()
    entry = _safe(None, get_cache().get, BOUNDARY_KEY)
    cached = valid(entry, generation)
    if cached is None:
        boundary = _compute_boundary(now)
        cached = (boundary,)
        timeout = conf.get("PAGECACHE_TIMEOUT")
        if boundary is not None:
            timeout = max(1, min(timeout, int((boundary - now).total_seconds()) + 1))
        store(BOUNDARY_KEY, generation, cached, timeout)
    boundary = cached[0]
    if boundary is None:
        return None
    return max(0, int((boundary - now).total_seconds()))


def memoize(name, compute, timeout=None):
    """``compute()``'s result, kept until the next change to the site (or ``timeout``).

    For small lookups every page repeats (regions, medical fields, view restrictions). Falls back to
    computing each time when the cache is unavailable.
    """
    if not conf.get("PAGECACHE_ENABLED"):
        return compute()  # e.g. a per-process cache in a multi-process server: not shared, so not safe
    key = f"pagecache:memo:{name}"
    generation, found = fetch(key)
    value = valid(found.get(key), generation)
    if value is None:
        value = (compute(),)
        store(key, generation, value, timeout or conf.get("PAGECACHE_TIMEOUT"))
    return value[0]


def memoized(name, timeout=None):
    """Decorator: the function's result for its arguments, kept as :func:`memoize` keeps values.

        @memoized("services-per-region")
        def services_per_region(): ...

    The key is the name and the arguments (their ``str()``), so arguments must name what the result depends
    on (ids, slugs, numbers), never objects whose ``str()`` hides it. ``func.__wrapped__`` is the plain function.
    """

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = make_key("memo", name, *args, *sorted(kwargs.items()))
            return memoize(key, lambda: func(*args, **kwargs), timeout)

        return wrapper

    return decorate
