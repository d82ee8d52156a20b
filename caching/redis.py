"""Django's Redis cache backend, with one client per pool and no error pages.

Two changes to ``django.core.cache.backends.redis.RedisCache``:

- One client object per connection pool. Django's ``get_client`` builds a new
  ``redis.Redis`` for every cache call, which cost a fifth of a request with the
  fragment cache on. A ``redis.Redis`` is safe to share (connections come from
  the pool, which also notices a fork).
- Redis being unreachable is a cache that remembers nothing, not a 500: reads
  miss, writes are dropped, ``incr`` finds no key. Pages are then rendered from
  the database. After a failure this process leaves Redis alone for
  ``RETRY_SECONDS``, so a dead server does not cost a timeout per call.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


def _tolerant(fallback):
    """Runs the client method, or returns ``fallback(*args)`` when Redis is down."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return fallback(*args)
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                self._down_until = time.monotonic() + RETRY_SECONDS
                logger.warning(
                    "Redis cache unavailable (%s); serving without it for %s s",
                    error,
                    RETRY_SECONDS,
                )
                return fallback(*args)

        return wrapper

    return decorate


def _no_such_key(key, *args):
    raise ValueError(f"Key {key!r} not found (the cache is unavailable).")


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._down_until = 0.0

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client

    add = _tolerant(lambda *args: False)(RedisCacheClient.add)
    get = _tolerant(lambda key, default: default)(RedisCacheClient.get)
    set = _tolerant(lambda *args: None)(RedisCacheClient.set)
    touch = _tolerant(lambda *args: False)(RedisCacheClient.touch)
    delete = _tolerant(lambda *args: False)(RedisCacheClient.delete)
    get_many = _tolerant(lambda *args: {})(RedisCacheClient.get_many)
    has_key = _tolerant(lambda *args: False)(RedisCacheClient.has_key)
    incr = _tolerant(_no_such_key)(RedisCacheClient.incr)
    set_many = _tolerant(lambda *args: None)(RedisCacheClient.set_many)
    delete_many = _tolerant(lambda *args: None)(RedisCacheClient.delete_many)
    clear = _tolerant(lambda *args: False)(RedisCacheClient.clear)

    @_tolerant(lambda *args: None)
    def add_to_sets(self, names: list[str], member: str) -> None:
        # No expiry: with Redis's volatile-lru policy (README) an index is never
        # evicted while the entries it lists stay. It goes when they are dropped.
        pipeline = self.get_client(write=True).pipeline(transaction=False)
        for name in names:
            pipeline.sadd(name, member)
        pipeline.execute()

    @_tolerant(lambda *args: set())
    def pop_sets(self, names: list[str]) -> set[str]:
        pipeline = self.get_client(write=True).pipeline(transaction=True)
        for name in names:
            pipeline.smembers(name)
        pipeline.delete(*names)
        *found, _deleted = pipeline.execute()
        return {member.decode() for members in found for member in members}


class ReusingRedisCache(RedisCache):
    """Also keeps sets of strings, for the dependency index (caching.store)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def add_to_sets(self, names: list[str], member: str) -> None:
        if names:
            self._cache.add_to_sets([self.make_key(name) for name in names], member)

    def pop_sets(self, names: list[str]) -> set[str]:
        if not names:
            return set()
        return self._cache.pop_sets([self.make_key(name) for name in names])
