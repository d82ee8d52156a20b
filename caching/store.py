"""The shared cache's generation and the one-render-per-miss lock.

Every page and fragment key includes the generation; invalidation
(caching.invalidation) moves it on, which drops them all at once. The lock lets
one request render a missing entry while the others wait for it.
"""

import time
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

GENERATION_KEY = "pagecache:generation"
#: While one request renders a missing cache entry, the others wait this long for
#: it (see fetch_or_claim), checking every RENDER_POLL_SECONDS.
RENDER_WAIT_SECONDS = 3.0
RENDER_POLL_SECONDS = 0.01
#: A renderer that dies keeps the others waiting no longer than this.
RENDER_LOCK_SECONDS = 10


def shared_cache():
    """The cache all processes share (Redis in production)."""
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def current_generation() -> int | None:
    """The current cache generation; None when the cache is unreachable."""
    cache = shared_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Start from the clock, not from 1: after a flush or a Redis restart, the
        # counter must not return to a value that processes still hold caches of.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def generation_for(request: HttpRequest) -> int | None:
    """The cache generation, read from the cache once per request. None means the
    cache is unreachable: then nothing is cached or served from a cache."""
    if not hasattr(request, "_cache_generation"):
        request._cache_generation = current_generation()
    return request._cache_generation


def fetch_or_claim(cache, key: str) -> tuple[Any, bool]:
    """Returns ``(value, False)`` for a cached entry, or ``(None, claimed)`` when
    the caller is to render it; a caller that claimed it must ``release`` it.

    After a publish every visitor of a popular page misses at once. Only the first
    renders; the others wait for its result (up to RENDER_WAIT_SECONDS) instead
    of rendering the same thing side by side, which would keep the workers busy
    for seconds. Should the first find it cannot cache what it rendered, the
    others stop waiting and render for themselves.
    """
    value = cache.get(key)
    if value is not None:
        return value, False
    lock = f"{key}:rendering"
    if cache.add(lock, 1, RENDER_LOCK_SECONDS):
        return None, True
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(RENDER_POLL_SECONDS)
        found = cache.get_many([key, lock])
        if key in found:
            return found[key], False
        if lock not in found:
            break
    return None, False


def release(cache, key: str) -> None:
    cache.delete(f"{key}:rendering")
