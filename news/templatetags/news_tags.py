"""Template tags for showing news outside the news index, e.g. on the home page.

Usage::

    {% load news_tags %}
    {% latest_news page.news_count as posts %}
    {% for post in posts %}
      {% include "news/includes/news_card.html" with post=post heading_tag="h3" %}
    {% endfor %}
"""

from django import template
from wagtail.models import Locale, Page

from home.visibility import public_q
from news.models import CARD_IMAGE_SPEC, NewsPage, prefetch_images

register = template.Library()


@register.simple_tag(takes_context=True)
def latest_news(context, count: int = 3) -> list[NewsPage]:
    """Returns the ``count`` newest live, public posts in the language of the page
    being shown (else the active language), ready for news_card.html without
    further queries per post."""
    page = context.get("page")
    locale = page.locale if isinstance(page, Page) else Locale.get_active()
    posts = (
        NewsPage.objects.live()
        .filter(public_q())
        .filter(locale=locale)
        .order_by("-date", "-pk")
        .prefetch_related("tags", "focus_areas", "municipalities")
    )
    return list(prefetch_images(posts, CARD_IMAGE_SPEC)[: max(int(count), 0)])
