"""Finds the site and the page a URL asks for in three queries, whatever its depth.

Wagtail finds the site in one query and its settings in another; here
``find_site`` joins the settings in. Wagtail's ``Page.route_for_request`` fetches
the localized home page (its specific row), then walks down one level at a time,
two queries a level. Here the deepest page whose stored ``url_path`` is a prefix
of the URL is found in one query, which also reads the page's frame (menu,
language versions, footer links, view restrictions: home/frame.py), and its
specific row in a second, with its locale and what its templates show joined in
(a page model's ``route_select_related``). The page then routes the rest of the
path itself, as Wagtail would have let it: a RoutablePage's feeds, or a 404 for
an unknown child. A draft at the address is a 404, as in Wagtail.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, IntegerField, Q, When
from django.http import Http404, HttpRequest
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.models import Page, Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
)
from wagtail.url_routing import RouteResult

from home.frame import localized_root_path, read_frame
from home.request_memo import memo, prime, prime_active_locale


def find_site(request: HttpRequest) -> Site | None:
    """``Site.find_for_request``, with the site's settings read in the same query.

    The same choice as Wagtail's ``get_site_for_hostname`` (exact host and port,
    then the host's default, then the only other site of that host, then the
    default site); the settings are left on the request where
    ``SiteSettings.for_request`` looks for them. A site found already (the
    routing cache's, caching.routes) is kept.
    """
    from home.models import SiteSettings

    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    sites = list(
        Site.objects.annotate(
            match=Case(
                When(hostname=hostname, port=port, then=MATCH_HOSTNAME_PORT),
                When(
                    hostname=hostname, is_default_site=True, then=MATCH_HOSTNAME_DEFAULT
                ),
                When(is_default_site=True, then=MATCH_DEFAULT),
                default=MATCH_HOSTNAME,
                output_field=IntegerField(),
            )
        )
        .filter(Q(hostname=hostname) | Q(is_default_site=True))
        .order_by("match")
        .select_related("root_page", "sitesettings")
    )
    site = None
    if len(sites) == 1 or (
        sites and sites[0].match in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT)
    ):
        site = sites[0]
    elif sites and sites[0].match == MATCH_DEFAULT:
        site = sites[len(sites) == 2]
    request._wagtail_site = site
    if site is not None:
        try:
            site_settings = site.sitesettings
        except SiteSettings.DoesNotExist:
            pass  # made on first use by SiteSettings.for_request
        else:
            site_settings._request = request
            setattr(request, SiteSettings.get_cache_attr_name(), site_settings)
    return site


def _home_key(site: Site) -> tuple:
    return ("localized-home", site.pk, get_language())


def localized_home(site: Site) -> Page:
    """The site's home page in the active language (Wagtail's ``localized``),
    read once a request, and by the router for free."""
    return memo(_home_key(site), lambda: site.root_page.localized)


def _footer_page_ids(request: HttpRequest) -> list[int]:
    from home.models import SiteSettings

    try:
        return SiteSettings.for_request(request).footer_page_ids()
    except SiteSettings.DoesNotExist:
        return []


def find_route(request: HttpRequest, site: Site, path: str) -> RouteResult | None:
    """What Wagtail's router would answer for ``path`` on ``site``, or None (404)."""
    components = [component for component in path.split("/") if component]
    root_path = localized_root_path(site, request)
    prefixes = [
        root_path + "".join(f"{component}/" for component in components[:length])
        for length in range(len(components), -1, -1)
    ]
    root = site.root_page
    frame = read_frame(site, root_path, _footer_page_ids(request), prefixes)
    home = frame.localized_home()
    if home.url_path == root_path:
        prime(_home_key(site), home)
    if not components and root_path == root.url_path:
        found = (root.pk, root.content_type_id, root.depth)  # the site's own home
    else:
        # The page and its ancestors up to this language's home page.
        ancestors = sorted(
            (
                row
                for row in frame.rows
                if row.url_path in prefixes and row.depth >= root.depth
            ),
            key=lambda row: -row.depth,
        )
        if not ancestors:
            return None
        found = (ancestors[0].pk, ancestors[0].content_type_id, ancestors[0].depth)
    pk, content_type_id, depth = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:  # the page's model was removed from the code
        return None
    page = (
        model.objects.select_related(
            "locale", *getattr(model, "route_select_related", ())
        )
        .filter(pk=pk)
        .first()
    )
    if page is None:
        return None
    if page.locale.language_code == get_language():
        # The active locale is the page's: Locale.get_active() need not ask.
        prime_active_locale(page.locale)
    try:
        return page.route(request, components[depth - root.depth :])
    except Http404:
        return None
