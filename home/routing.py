"""Finds the page a URL asks for in two queries, whatever its depth.

Wagtail's ``Page.route_for_request`` fetches the localized home page (its
specific row), then walks down one level at a time, two queries a level. Here
the deepest page whose stored ``url_path`` is a prefix of the URL is found in
one query, and its specific row in a second, with its locale and what its
templates show joined in (a page model's ``route_select_related``). The page
then routes the rest of the path itself, as Wagtail would have let it: a
RoutablePage's feeds, or a 404 for an unknown child. A draft at the address is
a 404, as in Wagtail.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from home.request_memo import memo, prime, prime_active_locale


def localized_root_path(site: Site) -> str:
    """The ``url_path`` of the site's home page in the active language."""
    language = get_language()
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk and root.language_code == language:
            return root.root_path
    return site.root_page.url_path


def _home_key(site: Site) -> tuple:
    return ("localized-home", site.pk, get_language())


def localized_home(site: Site) -> Page:
    """The site's home page in the active language (Wagtail's ``localized``),
    read once a request, and by the router for free."""
    return memo(_home_key(site), lambda: site.root_page.localized)


def find_route(request: HttpRequest, site: Site, path: str) -> RouteResult | None:
    """What Wagtail's router would answer for ``path`` on ``site``, or None (404)."""
    components = [component for component in path.split("/") if component]
    root_path = localized_root_path(site)
    prefixes = [
        root_path + "".join(f"{component}/" for component in components[:length])
        for length in range(len(components), -1, -1)
    ]
    root = site.root_page
    if not components and root_path == root.url_path:
        found = (root.pk, root.content_type_id, root.depth)  # the site's own home
    else:
        # The page and its ancestors up to this language's home page.
        ancestors = list(
            Page.objects.filter(url_path__in=prefixes, depth__gte=root.depth).order_by(
                "-depth"
            )
        )
        if not ancestors:
            return None
        found = (ancestors[0].pk, ancestors[0].content_type_id, ancestors[0].depth)
        home = ancestors[-1]
        if home.url_path == root_path and home.live:
            prime(_home_key(site), home)
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
