"""The full-page cache for anonymous visitors (PageCacheMiddleware).

Cached: GET/HEAD requests without a session cookie, answered 200 without cookies and
without a private/no-cache/no-store Cache-Control. Never cached: logged-in users (they
carry a session cookie), the admin and previews (under /admin/), documents, anything
that sets a cookie, and views that say so with ``never_cache`` (search, whose every
query is logged for the popular-searches report, and /healthz). An entry lives
until something it shows changes (caching.invalidation); it carries what it
shows in a ``Cache-Tag`` header, for a cache in front that purges by tag.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from caching.dependencies import recording
from caching.routes import ProcessCache
from caching.store import fetch_or_claim, keep, release, shared_cache, state_for

#: Wagtail's and the file servers' addresses. The project's own views that must
#: not be cached say so themselves (Django's ``never_cache``: search, /healthz).
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/")
PUBLIC_CACHE_CONTROL = {
    "public": True,
    "max_age": 60,
    "s_maxage": 300,
    "stale_while_revalidate": 600,
}
#: Paths whose view said "do not cache" (``never_cache``), as learnt by this
#: process until the routes change: asked again, whatever the query string, they skip
#: the cache and its render lock, so identical searches side by side do not wait
#: for each other. Learnt from Cache-Control only, never from a status or a
#: cookie, so a page that was missing or answered a form error is not written off.
_declined = ProcessCache(max_entries=1000)
NOT_CACHEABLE_WORDS = ("private", "no-cache", "no-store")
#: Cloudflare's name; Fastly reads Surrogate-Key, Varnish's xkey module xkey.
TAG_HEADER = "Cache-Tag"
#: Longer lists (the sitemap shows every page) are left out: nginx refuses response
#: headers over its 4 or 8 kB buffer with a 502, and Cloudflare reads 16 kB at most.
#: The cache in front is purged by address (caching.invalidation), not by tag.
TAG_HEADER_MAX_LENGTH = 3000


class PageCacheMiddleware:
    """Serves anonymous visitors from the page cache and sets Cache-Control."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Every request records what it shows, for its cached fragments' sake.
        with recording() as dependencies:
            return self.respond(request, dependencies)

    def respond(self, request: HttpRequest, dependencies: set[str]) -> HttpResponse:
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        key, claimed = None, False
        timeout = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        state = state_for(request) if timeout else None
        version = state.routes_version if state else None
        if state is not None and not _declined.get(version, request.path):
            key = self.cache_key(request)
            cached, claimed = fetch_or_claim(shared_cache(), key)
            if cached is not None:
                cached["X-Page-Cache"] = "hit"
                return cached
        try:
            response = self.get_response(request)
            if self.is_cacheable_response(request, response):
                patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
                tags = ",".join(sorted(dependencies))
                if len(tags) <= TAG_HEADER_MAX_LENGTH:
                    response[TAG_HEADER] = tags
                if key:
                    url = request.build_absolute_uri()
                    if keep(key, response, timeout, dependencies, state, url):
                        response["X-Page-Cache"] = "miss"
            elif state is not None and _says_not_cacheable(response):
                _declined.set(version, request.path, True)
        finally:
            if claimed:
                release(shared_cache(), key)
        return response

    @staticmethod
    def is_cacheable_request(request: HttpRequest) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.path.startswith(EXCLUDED_PREFIXES)
        )

    @staticmethod
    def is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.cookies or response.streaming:
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        return not _says_not_cacheable(response)

    @staticmethod
    def cache_key(request: HttpRequest) -> str:
        url = f"{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(url.encode()).hexdigest()
        return f"pagecache:{state_for(request).generation}:{request.method}:{digest}"


def _says_not_cacheable(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return any(word in cache_control for word in NOT_CACHEABLE_WORDS)
