"""RSS 2.0 and Atom feeds of a news index, served by its routes ``rss/`` and ``atom/``.

Each feed holds the newest ``NewsIndexPage.FEED_SIZE`` posts of the index's language,
narrowed by the same query string filters as the list (see :mod:`news.filters`);
invalid filter values are ignored rather than answered with an error.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from news.models import NewsIndexPage, NewsPage


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index: NewsIndexPage):
        super().__init__()
        self.index = index

    def get_object(self, request: HttpRequest, *args, **kwargs) -> NewsIndexPage:
        self.request = request
        _form, self.filters, posts = self.index.get_filtered_posts(request)
        self.posts = list(
            posts.select_related("author").prefetch_related("tags")[
                : self.index.FEED_SIZE
            ]
        )
        return self.index

    def title(self, index: NewsIndexPage) -> str:
        return index.title

    def link(self, index: NewsIndexPage) -> str:
        return index.get_url(self.request) or "/"

    def description(self, index: NewsIndexPage) -> str:
        return index.intro or _("The newest posts from %(title)s.") % {
            "title": index.title
        }

    def items(self, index: NewsIndexPage) -> list[NewsPage]:
        return self.posts

    def item_title(self, post: NewsPage) -> str:
        return post.title

    def item_description(self, post: NewsPage) -> str:
        return post.lead

    def item_link(self, post: NewsPage) -> str:
        return post.get_url(self.request)

    def item_pubdate(self, post: NewsPage) -> datetime.datetime:
        return timezone.make_aware(
            datetime.datetime.combine(post.date, datetime.time())
        )

    def item_updateddate(self, post: NewsPage) -> datetime.datetime:
        return post.last_published_at or self.item_pubdate(post)

    def item_author_name(self, post: NewsPage) -> str | None:
        return post.author.name if post.author else None

    def item_categories(self, post: NewsPage) -> list[str]:
        return [tag.name for tag in post.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, index: NewsIndexPage) -> str:
        return self.description(index)
