"""A Redis cache that a Redis outage cannot turn into failed requests.

The cache holds nothing that must survive (throttle counters, rate limits), so
when Redis does not answer, a read is a miss and a write is dropped: throttling
is off for the outage instead of every API call failing. After a failure the
cache stops trying Redis for `RETRY_AFTER` seconds, so each request during an
outage costs no connection attempt at all.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    def _call(self, name: str, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return getattr(super(), name)(*args, **kwargs)
        except RedisError as exc:
            if time.monotonic() >= self._down_until:
                logger.warning("Cache unavailable (%s); serving without it for %.0fs", exc, RETRY_AFTER)
            type(self)._down_until = time.monotonic() + RETRY_AFTER
            return fallback

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", [], data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", None, key, delta, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)
