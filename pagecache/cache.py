"""The one cache generation: the version of every derived value the site keeps in the cache.

Rendered pages, page routes, memoized objects and fragments, the navigation menu and the lookups every page
repeats are all kept under one rule: an entry carries the site-wide *generation* that was current when its
computation *started*, and is used only while that generation is still current. Any write that can change
what a visitor sees bumps the generation (``signal_handlers``), so an edit is visible to the very next
request, and a value computed while an edit was being saved is never served afterwards. Reading the
generation and an entry is one round trip (``get_many``).

Every entry also expires at the next *clock boundary*: the next moment a configured date of a live object
is reached (an event starts or ends, registration opens or closes; ``PAGECACHE_CLOCK_FIELDS``), and after
``PAGECACHE_TIMEOUT`` at the latest.

A bump that cannot reach the cache (Redis down) is not lost: the process retries before its next cache
read, and records the request in the database (``PendingInvalidation``), where any process applies it within
``PAGECACHE_PENDING_CHECK`` seconds once the cache answers again, even after the process that asked (a cron
job) has exited.

Resilience to a cache outage is the cache backend's (``pagecache.backends.ResilientRedisCache``: a miss for
reads, nothing for writes); this module adds no second layer.

Public API (see docs/caching.md): ``invalidate``, ``deferred_invalidation``, ``memoize``, ``memoized``,
``make_key``, ``request_scope``; for the page cache's own middleware and views: ``fetch``, ``store``, ``valid``,
``current_generation``, ``seconds_until_clock_boundary``, ``request_only`` and ``keep_for_request``.
"""

import functools
import hashlib
import logging
import time
from contextlib import contextmanager
from threading import local

from django.apps import apps
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models import Min, Q
from django.utils import timezone

from . import conf
from .models import PendingInvalidation

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
BOUNDARY_KEY = "pagecache:clock-boundary"
_state = local()


def get_cache():
    return caches[conf.get("PAGECACHE_ALIAS")]


def make_key(kind, *parts):
    """A cache key of bounded length naming ``kind`` and ``parts`` (their ``str()``)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:40]
    return f"pagecache:{kind}:{digest}"


# --- reading and storing ------------------------------------------------------------------------------------


def fetch(*keys):
    """``(generation, {key: entry})`` in one round trip; the generation is None if the cache is unavailable."""
    _apply_pending()
    if _pending.bump:
        return None, {}
    cache = get_cache()
    found = cache.get_many([GENERATION_KEY, *keys])
    generation = found.pop(GENERATION_KEY, None)
    if generation is None:
        generation = _new_generation(cache)
        if generation is None:
            return None, {}
    return generation, found


def current_generation():
    return fetch()[0]


def valid(entry, generation):
    """The value of an entry if it belongs to the current generation, else None."""
    if generation is None or not entry:
        return None
    entry_generation, value = entry
    return value if entry_generation == generation else None


def store(key, generation, value, timeout=None):
    """Keep ``value`` under ``key`` for ``generation``: at most ``timeout`` seconds (``PAGECACHE_TIMEOUT`` by
    default) and never past the next clock boundary."""
    if generation is None:
        return
    timeout = timeout or conf.get("PAGECACHE_TIMEOUT")
    until_boundary = seconds_until_clock_boundary(generation)
    if until_boundary is not None:
        timeout = min(timeout, until_boundary)
    if timeout > 0:
        get_cache().set(key, (generation, value), timeout)


def memoize(name, compute, timeout=None):
    """``compute()``'s result, kept until the site next changes (or the next clock boundary, or ``timeout``).

    For lookups and renderings every page repeats. ``name`` must name everything the result depends on.
    Computes every time when the page cache is off (``PAGECACHE_ENABLED``: a per-process cache in a
    multi-process server is not invalidated by the other processes) or unavailable. In a request
    (``request_scope``) a value is read from the shared store once and reused for the rest of the request,
    like the lookups a rendering repeats (the private sections are asked for by the router and by every listing).
    """
    scope = getattr(_state, "request_memo", None)
    if scope is not None and name in scope:
        return scope[name]
    if not conf.get("PAGECACHE_ENABLED"):
        return _in_request(name, compute)
    key = make_key("memo", name)
    generation, found = fetch(key)
    if generation is None:
        return _in_request(name, compute)
    value = valid(found.get(key), generation)
    if value is None:
        value = (compute(),)
        store(key, generation, value, timeout)
    if scope is not None:
        scope[name] = value[0]
    return value[0]


def _in_request(name, compute):
    """Without the shared store, a value is still computed once per request (``request_scope``): the lookups
    every page repeats (sections, regions, the site) cost one query each, not one per use. Dropped at the end
    of the request and by any ``invalidate()`` in it, so a request sees its own writes."""
    scope = getattr(_state, "request_memo", None)
    if scope is None:
        return compute()
    if name not in scope:
        scope[name] = compute()
    return scope[name]


def request_only():
    """Whether :func:`memoize` keeps values for this request alone (the page cache off, in a request scope)."""
    return not conf.get("PAGECACHE_ENABLED") and getattr(_state, "request_memo", None) is not None


def keep_for_request(name, value):
    """Where :func:`request_only`: use ``value`` as ``memoize(name, ...)``'s for the rest of the request, when a
    query read it together with something else. Never for the shared store: a value read before the generation
    was could outlive a change."""
    if request_only():
        _state.request_memo.setdefault(name, value)


@contextmanager
def request_scope():
    """The lifetime of :func:`memoize`'s values while the page cache is off or unavailable: one request
    (``PageCacheMiddleware`` opens it around every request)."""
    outer = getattr(_state, "request_memo", None)
    _state.request_memo = {} if outer is None else outer
    try:
        yield
    finally:
        if outer is None:
            _state.request_memo = None


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
            return memoize(
                make_key("call", name, *args, *sorted(kwargs.items())), lambda: func(*args, **kwargs), timeout
            )

        return wrapper

    return decorate


# --- the clock ----------------------------------------------------------------------------------------------


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
    cache = get_cache()
    cached = valid(cache.get(BOUNDARY_KEY), generation)
    if cached is None:
        boundary = _compute_boundary(now)
        cached = (boundary,)
        timeout = conf.get("PAGECACHE_TIMEOUT")
        if boundary is not None:
            timeout = max(1, min(timeout, int((boundary - now).total_seconds()) + 1))
        if generation is not None:
            cache.set(BOUNDARY_KEY, (generation, cached), timeout)
    boundary = cached[0]
    if boundary is None:
        return None
    return max(0, int((boundary - now).total_seconds()))


# --- changing the generation --------------------------------------------------------------------------------


class _Pending:
    bump = False  # this process changed data while the cache was unreachable
    recorded = False  # ... and has recorded that in the database
    next_check = 0.0  # when to look next for bumps that other processes could not make


_pending = _Pending()


def _new_generation(cache):
    """Start a generation no earlier entry can carry (the key was evicted or the cache emptied)."""
    cache.add(GENERATION_KEY, time.time_ns(), None)
    return cache.get(GENERATION_KEY)


def _bump_once():
    """Bump the generation; False if the cache could not be reached."""
    cache = get_cache()
    try:
        return cache.incr(GENERATION_KEY) is not None  # the backend answers None when the cache is down
    except ValueError:  # no generation yet (or it was evicted)
        return _new_generation(cache) is not None


def _bump():
    if _bump_once():
        _pending.bump = False
        return True
    # The cache serves nothing now; but it may come back holding entries from before this change. Bump again
    # before this process's next cache read, and let every other process know through the database.
    _pending.bump = True
    if not _pending.recorded:
        _pending.recorded = _record_pending()
    return False


def _record_pending():
    try:
        PendingInvalidation.objects.create()
    except DatabaseError:
        logger.warning("Could not record a pending page cache invalidation", exc_info=True)
        return False
    return True


def _apply_pending():
    """Retry this process's failed bump; now and then, apply the ones other processes recorded."""
    if _pending.bump:
        if _bump_once():
            _pending.bump = False
            _clear_recorded()
        return
    interval = conf.get("PAGECACHE_PENDING_CHECK")
    if not interval or time.monotonic() < _pending.next_check:
        return
    _pending.next_check = time.monotonic() + interval
    try:
        if not PendingInvalidation.objects.exists():
            return
    except DatabaseError:
        return
    if _bump_once():
        _clear_recorded()


def _clear_recorded():
    started = timezone.now()
    try:
        PendingInvalidation.objects.filter(requested_at__lte=started).delete()
    except DatabaseError:
        return
    _pending.recorded = False


def invalidate():
    """The site changed: make every kept value stale, now and again when the current transaction commits.

    The first bump stops hits during the transaction; the second one discards anything computed from the
    old data by a concurrent request while the transaction was still open.
    """
    if getattr(_state, "request_memo", None):
        _state.request_memo.clear()
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
