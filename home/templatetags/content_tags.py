"""Template tags for page content: optional includes and the page's meta data."""

from django import template
from django.http import HttpRequest
from django.template.loader import get_template
from django.utils.text import Truncator
from django.utils.translation import get_language
from wagtail.images.models import Filter

register = template.Library()

OG_LOCALES = {"da": "da_DK", "en": "en_GB", "sv": "sv_SE"}
DESCRIPTION_FIELDS = ["search_description", "hero_intro", "intro", "summary", "lead"]
SOCIAL_IMAGE_FIELDS = ["hero_image", "image"]
#: The social image's rendition (its operations parsed once).
SOCIAL_IMAGE = Filter("fill-1200x630|format-jpeg")


@register.simple_tag
def template_exists(name: str) -> bool:
    """Returns whether a template with this name can be loaded.

    Lets a page include a part that another app provides only when that app is
    installed, e.g. the newsletter sign-up form.
    """
    try:
        get_template(name)
    except template.TemplateDoesNotExist:
        return False
    return True


@register.filter
def og_locale(language_code: str | None) -> str:
    """Returns the Open Graph locale of a language code: "da" gives "da_DK"."""
    code = (language_code or get_language() or "da").split("-")[0].lower()
    return OG_LOCALES.get(code, code)


@register.simple_tag
def page_description(page, length: int = 200) -> str:
    """Returns the first non-empty short text of a page, cut to ``length`` characters.

    Tries the search description, then the page type's introduction fields.
    """
    for field in DESCRIPTION_FIELDS:
        text = getattr(page, field, "") if page is not None else ""
        if isinstance(text, str) and text.strip():
            return Truncator(" ".join(text.split())).chars(length)
    return ""


@register.simple_tag
def page_social_image_url(page, request: HttpRequest | None) -> str:
    """Returns the absolute URL of a 1200×630 crop of the page's main image, or ""."""
    if page is None or request is None:
        return ""
    for field in SOCIAL_IMAGE_FIELDS:
        image = getattr(page, field, None)
        if image is not None and hasattr(image, "get_rendition"):
            # get_renditions, not get_rendition: the latter writes the rendition
            # back to the renditions cache on every call, even when it read it there.
            rendition = image.get_renditions(SOCIAL_IMAGE)[SOCIAL_IMAGE.spec]
            return request.build_absolute_uri(rendition.url)
    return ""


@register.simple_tag
def canonical_url(page, request: HttpRequest | None) -> str:
    """Returns the absolute address of the page, or of the current path for views."""
    if request is None:
        return ""
    if page is not None and hasattr(page, "get_full_url"):
        url = page.get_full_url(request)
        if url:
            return url
    return request.build_absolute_uri(request.path)
