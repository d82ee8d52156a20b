"""Template tags for the site-wide frame: navigation and language alternates.

The fragment cache tag is caching's: ``{% load caching_tags %}``.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.db.models import F, Q
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from caching.dependencies import children_key, depends_on, translations_key
from caching.fragments import cached_fragment
from home import routing
from home.frame import Frame, known_frame, localized_root_path, read_frame
from home.models import SiteSettings
from home.request_memo import memo
from home.visibility import public_q

register = template.Library()


@dataclass(frozen=True)
class Alternate:
    """One language version of the current page."""

    language_code: str
    name: str
    url: str
    is_current: bool


def _language_name(code: str) -> str:
    return get_language_info(code)["name_local"]


def page_frame(request: HttpRequest | None) -> Frame | None:
    """The menu, language versions, footer links and view restrictions of this
    request (home/frame.py): the router's, else read now in one query."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    frame = known_frame(site.pk)
    if frame is None:
        try:
            footer_ids = SiteSettings.for_request(request).footer_page_ids()
        except SiteSettings.DoesNotExist:
            footer_ids = []
        frame = read_frame(site, localized_root_path(site, request), footer_ids)
    return frame


def get_alternates(request: HttpRequest, page: Page | None) -> list[Alternate]:
    """Returns the language versions of what the visitor is looking at.

    For a Wagtail page: only translations that exist, are live and are not aliases
    of a page in another language, so the switcher never links to a missing page
    or to untranslated text. For other views
    (search, newsletter): the same route in every language.
    """
    current = get_language()
    if isinstance(page, Page) and page.pk:
        depends_on(translations_key(page.translation_key))
        frame = page_frame(request)
        translations = frame.translations(page) if frame is not None else None
        if translations is None:
            translations = (
                page.get_translations(inclusive=True)
                # An alias of a page in another language repeats untranslated text.
                .filter(Q(alias_of__isnull=True) | Q(alias_of__locale=F("locale")))
                .live()
                .filter(public_q())
                .select_related("locale")
            )
        by_code = {t.locale.language_code: t for t in translations}
        return [
            Alternate(
                code,
                _language_name(code),
                by_code[code].get_url(request),
                code == current,
            )
            for code, _name in settings.LANGUAGES
            if code in by_code
        ]
    path = request.get_full_path()
    return [
        Alternate(
            code, _language_name(code), translate_url(path, code), code == current
        )
        for code, _name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[Alternate]:
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    # Asked by the <head> and by the header's switcher: computed once.
    key = ("alternates", page.pk if isinstance(page, Page) else None, get_language())
    return memo(key, lambda: get_alternates(request, page))


@register.simple_tag(takes_context=True)
def organisation_name(context) -> str:
    """The organisation's name from the site settings, cached until the next publish."""
    request = context.get("request")

    def lookup() -> str:
        from home.models import SiteSettings

        if request is None:
            return "Kulturmetropolen"
        try:
            name = SiteSettings.for_request(request).organisation_name
        except SiteSettings.DoesNotExist:  # no site answers this host
            return "Kulturmetropolen"
        return name or "Kulturmetropolen"

    return cached_fragment(request, "organisation-name", [], lookup)


@register.simple_tag(takes_context=True)
def localized_home(context) -> Page | None:
    """Returns the home page of the visitor's language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return routing.localized_home(site)


@register.simple_tag(takes_context=True)
def menu_pages(context, home: Page | None):
    """Returns the live pages under ``home`` that editors marked "show in menus".

    Aliases of pages in another language are left out: they answer 404.
    """
    if home is None:
        return Page.objects.none()
    depends_on(children_key(home.path))
    frame = page_frame(context.get("request"))
    items = frame.menu(home) if frame is not None else None
    if items is not None:
        return items
    return (
        home.get_children()
        .filter(Q(alias_of__isnull=True) | Q(alias_of__locale=F("locale")))
        .live()
        .filter(public_q())
        .in_menu()
        .specific(defer=True)
    )
