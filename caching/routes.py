"""Per-process memory of sites and routes, valid until a page is published,
unpublished, moved or deleted anywhere (the shared routes counter, caching.store).

Only on when the cache is shared (FRAGMENT_CACHE_SECONDS set): otherwise nothing
would tell this process about a publish in another.
"""

import pickle
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from wagtail.models import Site
from wagtail.url_routing import RouteResult

from caching.dependencies import record_unpickled
from caching.store import state_for

#: How a route is found without the cache: (request, site, path) -> RouteResult
#: or None (home.routing.find_route).
RouteFinder = Callable[[HttpRequest, Site, str], RouteResult | None]


class ProcessCache:
    """A dict in this process that holds values of the current version only.

    For things every request needs and a publish can change (the site, a URL's
    page): kept in process memory, without a network round trip, and dropped when
    another process moves the shared counters on (``CacheState.routes_version``).
    """

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self.version: object = None
        self.entries: dict = {}

    def _entries_of(self, version) -> dict:
        if version != self.version:
            self.entries.clear()
            self.version = version
        return self.entries

    def get(self, version, key, default=None):
        return self._entries_of(version).get(key, default)

    def set(self, version, key, value) -> None:
        entries = self._entries_of(version)
        if len(entries) >= self.max_entries:
            entries.clear()
        entries[key] = value

    def clear(self) -> None:
        self.entries.clear()


_sites = ProcessCache(max_entries=100)
_routes = ProcessCache(max_entries=5000)
_MISSING = object()


def process_caches_enabled() -> bool:
    return bool(getattr(settings, "FRAGMENT_CACHE_SECONDS", 0))


class CachedRoutingMiddleware:
    """Spares a request the site lookup, by remembering it in this process until
    the next publish (see ProcessCache). Page routes are remembered likewise, by
    ``cached_route`` (called from the page view, home.views.serve).

    A database error is left for the view to meet again, where the outage page
    (DatabaseUnavailableMiddleware) answers it; raised here it would be a 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        state = state_for(request) if process_caches_enabled() else None
        if state is not None:
            version = state.routes_version
            key = (request._get_raw_host(), request.get_port())
            site = _sites.get(version, key, _MISSING)
            if site is _MISSING:
                try:
                    site = Site._find_for_request(request)
                except DatabaseError:
                    return self.get_response(request)
                _sites.set(version, key, site)
            request._wagtail_site = site
        return self.get_response(request)


def cached_route(
    request: HttpRequest, site: Site, path: str, find_route: RouteFinder
) -> RouteResult | None:
    """The page (and view arguments) at ``path``, as Wagtail's router would answer.

    With the process caches on, a URL's page is remembered in this process until
    the next publish, with whether a view restriction applies to it. It is kept
    pickled, so each request serves its own copy, and routes the remaining path
    itself, as a RoutablePage (news feeds) expects. Only pages found are
    remembered, so unknown URLs cannot fill the memory. Cold, the route is found
    in two queries (``find_route``: home.routing).
    """
    state = state_for(request) if process_caches_enabled() else None
    if state is None:
        return find_route(request, site, path)
    version = state.routes_version
    key = (site.pk, get_language(), path)
    cached = _routes.get(version, key)
    if cached is not None:
        pickled_page, remaining, unrestricted = cached
        page = pickle.loads(pickled_page)
        # Unpickled, not loaded: record it (and its image) as what the page shows.
        record_unpickled(page)
        page._no_view_restrictions = unrestricted
        try:
            return page.route(request, remaining)
        except Http404:
            request.page_not_found = True
            return None
    result = find_route(request, site, path)
    if result is None:
        request.page_not_found = True
        return None
    page = result[0]
    components = [component for component in path.split("/") if component]
    remaining = components[page.depth - site.root_page.depth :]
    unrestricted = not page.get_view_restrictions().exists()
    _routes.set(version, key, (pickle.dumps(page), remaining, unrestricted))
    # Known now: Wagtail's check before serving need not ask again.
    page._no_view_restrictions = unrestricted
    return result


def forget_all() -> None:
    """Empties this process's memory at once (caching.invalidation)."""
    _sites.clear()
    _routes.clear()
