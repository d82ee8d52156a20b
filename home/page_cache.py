"""A full-page cache for anonymous visitors, kept in Django's cache (Redis in prod).

Cached: GET/HEAD requests without a session cookie, answered 200 without cookies and
without a private/no-store Cache-Control. Never cached: logged-in users (they carry
a session cookie), the admin and previews (under /admin/), documents, /healthz, search
(every query is logged for the popular-searches report), anything that sets a cookie.

Invalidation is a generation counter: every key includes it, and publishing,
unpublishing, moving or deleting a page, or saving a snippet or setting, increments it.
That drops every cached page at once, which is right because a page is shown in many
places (its index, the home page, feeds, the sitemap, its translations' switchers) and
editors publish a few times an hour while visitors read thousands of times.
With a per-process cache (local memory) other processes would not see the new
generation, so the cache is only switched on by default when CACHE_URL is shared.
"""

import hashlib
import pickle
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from wagtail.images.models import AbstractRendition
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.url_routing import RouteResult

from home.routing import find_route

GENERATION_KEY = "pagecache:generation"
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/static/", "/media/")
#: What no public page shows: saving these drops nothing. Every other model's
#: save or delete drops the cached pages, so a new app or snippet is covered
#: without anyone listing it (tests/home/test_page_cache.py walks every model).
#: Pages are handled by the publishing signals: a saved draft changes nothing
#: public. Renditions and embeds are made while a page renders; a search logs its
#: query (the popular-searches report); the rest is the admin's own bookkeeping.
NON_PUBLIC_APPS = {
    "admin",
    "auth",
    "axes",
    "contenttypes",
    "sessions",
    "django_tasks_database",
    "editorial",
    "wagtail_localize",
    "wagtailadmin",
    "wagtailsearch",
    "wagtailusers",
}
NON_PUBLIC_MODELS = {
    "newsletter.delivery",
    "newsletter.subscriber",
    "wagtailcore.apitoken",
    "wagtailcore.collection",
    "wagtailcore.collectionviewrestriction",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.groupapprovaltask",
    "wagtailcore.groupcollectionpermission",
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupsitepermission",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.task",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.workflow",
    "wagtailcore.workflowcontenttype",
    "wagtailcore.workflowpage",
    "wagtailcore.workflowstate",
    "wagtailcore.workflowtask",
    "wagtailembeds.embed",
    "wagtailimages.rendition",
    "wagtailsearchpromotions.query",
    "wagtailsearchpromotions.querydailyhits",
}
#: While one request renders a missing cache entry, the others wait this long for
#: it (see fetch_or_claim), checking every RENDER_POLL_SECONDS.
RENDER_WAIT_SECONDS = 3.0
RENDER_POLL_SECONDS = 0.01
#: A renderer that dies keeps the others waiting no longer than this.
RENDER_LOCK_SECONDS = 10
PUBLIC_CACHE_CONTROL = {
    "public": True,
    "max_age": 60,
    "s_maxage": 300,
    "stale_while_revalidate": 600,
}


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def current_generation() -> int | None:
    """The current cache generation; None when the cache is unreachable."""
    cache = _cache()
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
    cache = _cache()
    html, claimed = fetch_or_claim(cache, key)
    if html is None:
        try:
            html = render()
            cache.set(key, html, timeout)
        finally:
            if claimed:
                release(cache, key)
    return html


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


def invalidate_all(**kwargs) -> None:
    """Drops every cached page (see the module docstring for why all of them)."""
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
    # Should the cache be unreachable, this process at least forgets at once.
    _sites.clear()
    _routes.clear()


def shown_publicly(model: type) -> bool:
    """False for the models no public page shows (see NON_PUBLIC_MODELS)."""
    return not (
        model._meta.app_label in NON_PUBLIC_APPS
        or model._meta.label_lower in NON_PUBLIC_MODELS
        or issubclass(model, Page | AbstractRendition)
    )


#: Columns Wagtail fills in lazily on images and documents, even while rendering.
DERIVED_FIELDS = {"file_size", "file_hash"}


def _invalidate_on_model_change(sender, raw=False, update_fields=None, **kwargs):
    if raw or not shown_publicly(sender):
        return
    if update_fields is not None and set(update_fields) <= DERIVED_FIELDS:
        return
    invalidate_all()


def connect_signals() -> None:
    page_published.connect(invalidate_all, dispatch_uid="page_cache_published")
    page_unpublished.connect(invalidate_all, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(invalidate_all, dispatch_uid="page_cache_moved")
    post_delete.connect(
        _invalidate_on_page_delete, sender=None, dispatch_uid="page_cache_deleted"
    )
    # A site, or who may see a page, changes what every process has remembered.
    for model in (Site, PageViewRestriction):
        name = model._meta.model_name
        post_save.connect(
            invalidate_all, sender=model, dispatch_uid=f"page_cache_{name}_save"
        )
        post_delete.connect(
            invalidate_all, sender=model, dispatch_uid=f"page_cache_{name}_delete"
        )
    post_save.connect(_invalidate_on_model_change, dispatch_uid="page_cache_model_save")
    post_delete.connect(
        _invalidate_on_model_change, dispatch_uid="page_cache_model_delete"
    )


def _invalidate_on_page_delete(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and instance.live:
        invalidate_all()


class PageCacheMiddleware:
    """Serves anonymous visitors from the page cache and sets Cache-Control."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        key, claimed = None, False
        timeout = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if timeout and generation_for(request) is not None:
            key = self.cache_key(request)
            cached, claimed = fetch_or_claim(_cache(), key)
            if cached is not None:
                cached["X-Page-Cache"] = "hit"
                return cached
        try:
            response = self.get_response(request)
            if self.is_cacheable_response(request, response):
                patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
                if key:
                    _cache().set(key, response, timeout)
                    response["X-Page-Cache"] = "miss"
        finally:
            if claimed:
                release(_cache(), key)
        return response

    @staticmethod
    def is_cacheable_request(request: HttpRequest) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.path.startswith(EXCLUDED_PREFIXES)
            and not _is_search(request.path)
        )

    @staticmethod
    def is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.cookies or response.streaming:
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        cache_control = response.get("Cache-Control", "")
        return not any(
            word in cache_control for word in ("private", "no-cache", "no-store")
        )

    @staticmethod
    def cache_key(request: HttpRequest) -> str:
        url = f"{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(url.encode()).hexdigest()
        return f"pagecache:{generation_for(request)}:{request.method}:{digest}"


def _is_search(path: str) -> bool:
    parts = path.strip("/").split("/")
    if parts and parts[0] in {code for code, _ in settings.LANGUAGES}:
        parts = parts[1:]
    return bool(parts) and parts[0] == "search"


class ProcessCache:
    """A dict in this process that holds values of the current generation only.

    For things every request needs and a publish can change (the site, a URL's
    page): kept in process memory, without a network round trip, and dropped when
    another process bumps the shared generation. Only used when the cache is
    shared (FRAGMENT_CACHE_SECONDS set), since otherwise nothing would tell this
    process about a publish elsewhere.
    """

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self.generation: int | None = None
        self.entries: dict = {}

    def _entries_of(self, generation: int) -> dict:
        if generation != self.generation:
            self.entries.clear()
            self.generation = generation
        return self.entries

    def get(self, generation: int, key, default=None):
        return self._entries_of(generation).get(key, default)

    def set(self, generation: int, key, value) -> None:
        entries = self._entries_of(generation)
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
        generation = generation_for(request) if process_caches_enabled() else None
        if generation is not None:
            key = (request._get_raw_host(), request.get_port())
            site = _sites.get(generation, key, _MISSING)
            if site is _MISSING:
                try:
                    site = Site._find_for_request(request)
                except DatabaseError:
                    return self.get_response(request)
                _sites.set(generation, key, site)
            request._wagtail_site = site
        return self.get_response(request)


def cached_route(request: HttpRequest, site: Site, path: str) -> RouteResult | None:
    """The page (and view arguments) at ``path``, as Wagtail's router would answer.

    With the process caches on, a URL's page is remembered in this process until
    the next publish, with whether a view restriction applies to it. It is kept
    pickled, so each request serves its own copy, and routes the remaining path
    itself, as a RoutablePage (news feeds) expects. Only pages found are
    remembered, so unknown URLs cannot fill the memory. Cold, the route is found
    in two queries (home.routing).
    """
    generation = generation_for(request) if process_caches_enabled() else None
    if generation is None:
        return find_route(request, site, path)
    key = (site.pk, get_language(), path)
    cached = _routes.get(generation, key)
    if cached is not None:
        pickled_page, remaining, unrestricted = cached
        page = pickle.loads(pickled_page)
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
    _routes.set(generation, key, (pickle.dumps(page), remaining, unrestricted))
    # Known now: Wagtail's check before serving need not ask again.
    page._no_view_restrictions = unrestricted
    return result
