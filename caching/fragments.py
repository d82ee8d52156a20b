"""Cached template fragments: ``cached_fragment`` and ``{% fragment %}``."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from caching.dependencies import depends_on, recorded_so_far, recording
from caching.store import fetch_or_claim, keep, release, shared_cache, state_for


def cached_fragment(
    request: HttpRequest | None, name: str, vary: list, render: Callable[[], str]
) -> str:
    """Returns ``render()``, cached under ``name`` and ``vary`` until something it
    shows changes (caching.dependencies: what it shows counts for its page too).

    Off when FRAGMENT_CACHE_SECONDS is 0, in previews, which show unpublished
    content under a published page's id, and on "page not found" answers.
    """
    timeout = getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)
    if (
        not timeout
        or request is None
        or getattr(request, "is_preview", False)
        # A made-up address must not leave fragments keyed on it behind.
        or getattr(request, "page_not_found", False)
    ):
        return render()
    state = state_for(request)
    if state is None:
        return render()
    parts = "\x1f".join(
        [request.scheme, request.get_host(), get_language() or "", *map(str, vary)]
    )
    digest = hashlib.sha256(parts.encode()).hexdigest()
    key = f"fragment:{state.generation}:{name}:{digest}"
    cache = shared_cache()
    cached, claimed = fetch_or_claim(cache, key)
    if cached is not None:
        html, dependencies = cached
        depends_on(*dependencies)
        return html
    try:
        # A fragment may show what was loaded before it began (the routed page, a
        # lazy listing another fragment evaluated first): it is dropped with those
        # too. A page served it from the cache depends on what it loaded itself.
        before = recorded_so_far()
        with recording() as loaded:
            html = render()
        keep(key, (html, frozenset(loaded)), timeout, before | loaded, state)
    finally:
        if claimed:
            release(cache, key)
    return html
