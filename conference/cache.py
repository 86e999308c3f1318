"""A Redis cache that degrades to "no cache" while Redis is unreachable.

The cache only ever saves work: a page computed without it is correct, only slower. So a
connection error or a time-out reads as a miss, a write is dropped, and one log line says so;
no request fails because the cache did. The API throttle keeps its counters in this cache and
so fails open (no history read means no limit reached) while Redis is away.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class DegradingRedisCache(RedisCache):
    def _degrade(self, operation: str, default, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except UNREACHABLE as error:
            logger.warning("cache %s skipped, Redis is unreachable: %s", operation, error)
            return default

    def get(self, key, default=None, version=None):
        return self._degrade("get", default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._degrade("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._degrade("has_key", False, super().has_key, key, version)

    def add(self, key, value, timeout=None, version=None):
        # Not stored: tell the caller so, as add() does for a key that exists.
        return self._degrade("add", False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=None, version=None):
        self._degrade("set", None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=None, version=None):
        return self._degrade("set_many", list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._degrade("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._degrade("delete", False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        self._degrade("delete_many", None, super().delete_many, keys, version)

    def incr(self, key, delta=1, version=None):
        # incr() of a missing key raises ValueError; an unreachable cache holds no key either.
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            logger.warning("cache incr skipped, Redis is unreachable: %s", error)
            raise ValueError(f"Key {key!r} not found (the cache is unreachable).") from error

    def clear(self):
        return self._degrade("clear", False, super().clear)
