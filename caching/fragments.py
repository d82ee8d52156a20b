"""Cached template fragments: ``cached_fragment`` and ``{% fragment %}``."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from caching.store import fetch_or_claim, generation_for, release, shared_cache


def cached_fragment(
    request: HttpRequest | None, name: str, vary: list, render: Callable[[], str]
) -> str:
    """Returns ``render()``, cached under ``name`` and ``vary`` until the next publish.

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
    generation = generation_for(request)
    if generation is None:
        return render()
    parts = "\x1f".join(
        [request.scheme, request.get_host(), get_language() or "", *map(str, vary)]
    )
    digest = hashlib.sha256(parts.encode()).hexdigest()
    key = f"fragment:{generation}:{name}:{digest}"
    cache = shared_cache()
    html, claimed = fetch_or_claim(cache, key)
    if html is None:
        try:
            html = render()
            cache.set(key, html, timeout)
        finally:
            if claimed:
                release(cache, key)
    return html
