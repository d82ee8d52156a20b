"""The shared cache: its counters, the index of what each entry depends on, and
the one-render-per-miss lock.

- The **generation** is part of every page and fragment key: moving it on drops
  them all at once (a change of site, locale or view restriction).
- The **dependency index** maps each dependency key (caching.dependencies) to the
  entries that show it, so a change drops exactly those (``drop``).
- The **change counter** moves with every drop. An entry rendered while a change
  was being made may show the old state: it is not kept (``keep``).
- The **routes counter** moves when a page is published, unpublished, moved or
  deleted: each process then forgets the URLs it remembered (caching.routes).
- The lock lets one request render a missing entry while the others wait for it.
"""

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

GENERATION_KEY = "pagecache:generation"
CHANGES_KEY = "pagecache:changes"
ROUTES_KEY = "pagecache:routes"
#: While one request renders a missing cache entry, the others wait this long for
#: it (see fetch_or_claim), checking every RENDER_POLL_SECONDS.
RENDER_WAIT_SECONDS = 3.0
RENDER_POLL_SECONDS = 0.01
#: A renderer that dies keeps the others waiting no longer than this.
RENDER_LOCK_SECONDS = 10


def shared_cache():
    """The cache all processes share (Redis in production)."""
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _counter_start() -> int:
    # Start from the clock, not from 1: after a flush or a Redis restart, a counter
    # must not return to a value that processes still hold caches of.
    return time.time_ns() // 1000


@dataclass(frozen=True)
class CacheState:
    """The shared counters as one request read them at its start."""

    generation: int
    changes: int
    routes: int

    @property
    def routes_version(self) -> tuple[int, int]:
        """What a process's remembered routes are valid for (caching.routes)."""
        return (self.generation, self.routes)


def read_state() -> CacheState | None:
    """The shared counters in one round trip; None when the cache is unreachable."""
    cache = shared_cache()
    names = (GENERATION_KEY, CHANGES_KEY, ROUTES_KEY)
    found = cache.get_many(names)
    if len(found) < len(names):
        for name in names:
            if name not in found:
                cache.add(name, _counter_start(), timeout=None)
        found = cache.get_many(names)
        if len(found) < len(names):
            return None
    return CacheState(*(found[name] for name in names))


def current_generation() -> int | None:
    """The current cache generation; None when the cache is unreachable."""
    state = read_state()
    return state.generation if state else None


def state_for(request: HttpRequest) -> CacheState | None:
    """The shared counters, read once per request. None means the cache is
    unreachable: then nothing is cached or served from a cache."""
    if not hasattr(request, "_cache_state"):
        request._cache_state = read_state()
    return request._cache_state


def bump(name: str) -> None:
    """Moves one of the shared counters on."""
    cache = shared_cache()
    try:
        cache.incr(name)
    except ValueError:
        cache.set(name, _counter_start(), timeout=None)


def keep(
    key: str,
    value: Any,
    timeout: int,
    dependencies: Iterable[str],
    state: CacheState,
    url: str = "",
) -> bool:
    """Stores ``value`` under ``key`` with what it depends on, unless something it
    may show changed since ``state`` was read (then it is deleted again).

    The order matters: the entry and its index first, the change counter after,
    while ``drop`` moves the counter before it reads the index. Either the drop
    finds the entry in the index, or this finds the counter moved.
    """
    cache = shared_cache()
    cache.set(key, value, timeout)
    index_entry(cache, key, url, dependencies)
    if cache.get(CHANGES_KEY) != state.changes:
        cache.delete(key)
        return False
    return True


def drop(dependencies: Iterable[str]) -> set[str]:
    """Deletes every entry that depends on any of ``dependencies``; returns the
    addresses of the pages among them (for a cache in front, caching.invalidation)."""
    cache = shared_cache()
    dependencies = set(dependencies)
    if not dependencies:
        return set()
    bump(CHANGES_KEY)
    entries, urls = set(), set()
    for member in take_entries(cache, dependencies):
        url, _separator, key = member.partition(MEMBER_SEPARATOR)
        entries.add(key)
        if url:
            urls.add(url)
    cache.delete_many(list(entries))
    return urls


#: An index member is the page's address (nothing for a fragment), this, the key.
MEMBER_SEPARATOR = "\x1f"


def _index_key(dependency: str) -> str:
    return f"pagecache:deps:{dependency}"


def index_entry(cache, key: str, url: str, dependencies: Iterable[str]) -> None:
    """Adds ``key`` to the index of each of ``dependencies``."""
    member = f"{url}{MEMBER_SEPARATOR}{key}"
    names = [_index_key(dependency) for dependency in dependencies]
    if hasattr(cache, "add_to_sets"):
        cache.add_to_sets(names, member)
        return
    # Any other cache (the tests' and a single development process's memory): a
    # Python set per dependency, read and written back; fine without concurrency,
    # and only while the cache does not cull (the test settings' MAX_ENTRIES).
    for name in names:
        members = cache.get(name) or set()
        members.add(member)
        cache.set(name, members, None)


def take_entries(cache, dependencies: Iterable[str]) -> set[str]:
    """Empties the index of each of ``dependencies`` and returns what it held."""
    names = [_index_key(dependency) for dependency in dependencies]
    if hasattr(cache, "pop_sets"):
        return cache.pop_sets(names)
    found = cache.get_many(names)
    cache.delete_many(names)
    return set().union(*found.values()) if found else set()


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
