"""What every page shows around its content, read in one query of pages.

The main menu, the language switcher and ``hreflang`` links, the footer's links
and the subtrees a view restriction hides are all rows of ``wagtailcore_page``:
a few dozen, whatever the number of posts. ``read_frame`` fetches them in one
query; the router (home/routing.py) adds the page at the URL, its ancestors and
their translations to the same query, so a routed page's frame costs no query
beside that one. Read once a request (home.request_memo), whatever asks: a page
served from the routing cache reads it when its menu is first drawn
(``site_tags.page_frame``).

The rows are plain ``Page`` objects with their locale; each part is chosen from
them in Python with the conditions its own query had (``menu_pages``,
``get_alternates``, ``SiteSettings.footer_links``, ``PageQuerySet.public``).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Exists, F, OuterRef, Q
from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction, Site

from home.request_memo import peek, prime
from home.visibility import prime_restricted_paths


@dataclass
class Frame:
    """The frame's pages, read in one query (``read_frame``)."""

    rows: list[Page]
    #: The ``url_path`` of the site's home page in the active language.
    home_url_path: str
    site_root: Page
    #: The translation keys whose translations are among the rows.
    translated_keys: set = field(default_factory=set)
    footer_ids: tuple[int, ...] = ()

    def restricted_paths(self) -> list[str]:
        return [row.path for row in self.rows if row.restricted]

    def is_public(self, page: Page) -> bool:
        return not any(page.path.startswith(path) for path in self.restricted_paths())

    @staticmethod
    def is_own_language(page: Page) -> bool:
        """Not an alias of a page in another language (those answer 404)."""
        return page.alias_of_id is None or page.alias_locale_id == page.locale_id

    def page_at(self, path: str) -> Page | None:
        """The page at this tree path, if the frame read it (the route's pages)."""
        for row in self.rows:
            if row.path == path:
                return row
        return None

    def localized_home(self) -> Page:
        """The site's home page in the active language if live, else the site's
        own (Wagtail's ``Page.localized``)."""
        for row in self.rows:
            if (
                row.url_path == self.home_url_path
                and row.depth == self.site_root.depth
                and row.live
            ):
                return row
        return self.site_root

    def menu(self, home: Page) -> list[Page] | None:
        """The children of ``home`` in the main menu, or None when ``home`` is
        not the home page the frame read them for."""
        if home.pk != self.localized_home().pk:
            return None
        return [
            row
            for row in self.rows
            if row.depth == home.depth + 1
            and row.path.startswith(home.path)
            and row.live
            and row.show_in_menus
            and self.is_own_language(row)
            and self.is_public(row)
        ]

    def translations(self, page: Page) -> list[Page] | None:
        """The live, public, own-language versions of ``page`` (itself included),
        or None when the frame did not read them."""
        if page.translation_key not in self.translated_keys:
            return None
        return [
            row
            for row in self.rows
            if row.translation_key == page.translation_key
            and row.content_type_id == page.content_type_id
            and row.live
            and self.is_own_language(row)
            and self.is_public(row)
        ]

    def footer_pages(self, ids: Iterable[int], locale_id: int) -> list[Page] | None:
        """The pages ``ids`` and their live translations in the locale, in tree
        order, or None when the frame did not read them."""
        ids = tuple(ids)
        if not set(ids) <= set(self.footer_ids):
            return None
        keys = {row.translation_key for row in self.rows if row.pk in ids}
        return [
            row
            for row in self.rows
            if row.pk in ids
            or (row.translation_key in keys and row.locale_id == locale_id and row.live)
        ]


def _key(site_id: int) -> tuple:
    return ("page-frame", site_id, get_language())


def site_root_paths(request: HttpRequest) -> list:
    """``Site.get_site_root_paths()`` (read from the cache), once a request: kept
    where Wagtail's ``Page.get_url_parts`` looks for them, so the page URLs drawn
    later in the request do not read them again."""
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    return request._wagtail_cached_site_root_paths


def localized_root_path(site: Site, request: HttpRequest) -> str:
    """The ``url_path`` of the site's home page in the active language."""
    language = get_language()
    for root in site_root_paths(request):
        if root.site_id == site.pk and root.language_code == language:
            return root.root_path
    return site.root_page.url_path


def known_frame(site_id: int) -> Frame | None:
    """The frame this request has read for the site, if it has."""
    return peek(_key(site_id))


def _depth_of(url_path: str) -> int:
    """A page's depth in the tree, which its ``url_path`` spells: ``/`` is the
    root (depth 1), ``/home/`` depth 2, ``/home/nyheder/`` depth 3."""
    return url_path.count("/")


def _at_addresses(url_paths: Iterable[str]) -> Q:
    """The pages at these ``url_path``s, as conditions the database answers from
    the index on (depth, url_path) (migration home 0007)."""
    by_depth: dict[int, list[str]] = {}
    for url_path in url_paths:
        by_depth.setdefault(_depth_of(url_path), []).append(url_path)
    return reduce(
        operator.or_,
        (Q(depth=depth, url_path__in=paths) for depth, paths in by_depth.items()),
    )


def _frame_page_ids(
    root: Page, home_url_path: str, footer_ids: tuple, route_prefixes: list
):
    """The primary keys of the frame's pages, as a union of small indexed
    selects: one query with the same conditions joined by OR made both
    databases read every page of the tree (its time grew with the posts).

    The translations of the footer's and the route's pages are read whether
    live or not; each part of the frame keeps only the live ones."""
    pages = Page.objects.order_by()
    addresses = _at_addresses(
        {home_url_path, root.url_path}
        | {path for path in route_prefixes if _depth_of(path) >= root.depth}
    )
    menu = pages.filter(
        Q(url_path__startswith=home_url_path) | Q(url_path__startswith=root.url_path),
        depth=root.depth + 1,
        live=True,
        show_in_menus=True,
    )
    listed = addresses | Q(pk__in=footer_ids) if footer_ids else addresses
    return (
        pages.filter(listed)
        .values("pk")
        .union(
            menu.values("pk"),
            PageViewRestriction.objects.order_by().values("page_id"),
            pages.filter(
                translation_key__in=pages.filter(listed).values("translation_key")
            ).values("pk"),
            all=True,
        )
    )


def read_frame(
    site: Site,
    home_url_path: str,
    footer_ids: Iterable[int] = (),
    route_prefixes: Iterable[str] = (),
) -> Frame:
    """Reads the frame's pages in one query: the site's home pages, their menu
    candidates, the pages with a view restriction, the footer's pages with their
    translations and, for routing, the pages whose ``url_path`` is one of
    ``route_prefixes`` with their translations."""
    root = site.root_page
    footer_ids = tuple(footer_ids)
    route_prefixes = list(route_prefixes)
    rows = list(
        Page.objects.filter(
            pk__in=_frame_page_ids(root, home_url_path, footer_ids, route_prefixes)
        )
        .select_related("locale")
        .annotate(
            restricted=Exists(
                PageViewRestriction.objects.filter(page_id=OuterRef("pk"))
            ),
            alias_locale_id=F("alias_of__locale_id"),
        )
        .order_by("path")
    )
    translated = {
        row.translation_key
        for row in rows
        if row.url_path in route_prefixes and row.depth >= root.depth
    }
    frame = Frame(rows, home_url_path, root, translated, footer_ids)
    prime_restricted_paths(frame.restricted_paths())
    prime(_key(site.pk), frame)
    return frame
