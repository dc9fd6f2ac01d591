"""A Redis cache backend that degrades to "no cache" instead of failing when Redis is unavailable.

Every public page and the navigation use the cache; an unreachable Redis must make the site slower,
never broken. Connection and timeout errors are logged and answered as a cache miss (reads) or
ignored (writes). After a failure the backend stops trying for ``RETRY_AFTER`` seconds so a dead
Redis costs each request nothing rather than a connect timeout per cache call.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError, OSError)


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client builds a new ``redis.Redis`` object, with its table of response callbacks, for every
    cache call (a rendered page makes about twenty); one per connection pool is enough, as ``redis.Redis``
    is thread-safe and takes its connections from the pool for each command."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    RETRY_AFTER = 5.0

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS", {}))
        self.RETRY_AFTER = float(options.pop("RETRY_AFTER", self.RETRY_AFTER))
        # Fail fast: a cache that answers slowly is worse than no cache.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._down_until = 0.0

    def _call(self, method, default, *args, **kwargs):
        if self._down_until and time.monotonic() < self._down_until:
            return default
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except UNAVAILABLE as exc:
            if not self._down_until:
                logger.warning("Cache unavailable (%s); serving without cache for now.", exc)
            self._down_until = time.monotonic() + self.RETRY_AFTER
            return default
        if self._down_until:
            logger.warning("Cache available again.")
            self._down_until = 0.0
        return result

    @property
    def is_available(self):
        return not (self._down_until and time.monotonic() < self._down_until)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        # A missing key raises ValueError (as in Django); an unreachable server returns None.
        return self._call("incr", None, key, delta, version)

    def clear(self):
        return self._call("clear", False)
