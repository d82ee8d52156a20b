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

from caching.dependencies import depends_on, listing_key
from home.models import with_pictures
from home.visibility import public_q
from news.models import NewsPage

register = template.Library()


@register.simple_tag(takes_context=True)
def latest_news(context, count: int = 3) -> list[NewsPage]:
    """Returns the ``count`` newest live, public posts in the language of the page
    being shown (else the active language), ready for news_card.html without
    further queries per post (the card without ``topics``)."""
    page = context.get("page")
    locale = page.locale if isinstance(page, Page) else Locale.get_active()
    depends_on(listing_key(NewsPage))
    posts = with_pictures(
        NewsPage.objects.live()
        .filter(public_q())
        .filter(locale_id=locale.pk)
        .order_by("-date", "-pk"),
        "image",
    )
    return list(posts[: max(int(count), 0)])
