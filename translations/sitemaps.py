"""A sitemap of every language tree, each address with its language alternates."""

from functools import cached_property

from django.db.models import Q, QuerySet
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page

from caching.dependencies import depends_on, listing_key
from home.visibility import public_q
from translations.status import real_translations


class TranslatedSitemap(Sitemap):
    """Lists the live, public pages of the site's home page and its translations.

    Wagtail's own sitemap covers only the tree below the site's root page, i.e.
    only Danish. Aliases of pages in another language are left out (they answer
    404). Each entry carries ``xhtml:link`` alternates for the translations that
    are listed too, itself included, as search engines expect.
    """

    def items(self) -> QuerySet:
        depends_on(listing_key(Page))  # every page published anywhere
        homes = real_translations(
            self.get_wagtail_site().root_page.get_translations(inclusive=True)
        ).live()
        in_trees = Q()
        for home in homes:
            in_trees |= Q(path__startswith=home.path)
        if not in_trees:
            return Page.objects.none()
        return (
            real_translations(Page.objects.filter(in_trees))
            .live()
            .filter(public_q())
            .select_related("locale")
            .defer_streamfields()
            .order_by("path")
        )

    def lastmod(self, obj):
        """When the page last changed for a visitor: its last publication.

        Wagtail falls back on the newest revision's date, so a draft that nobody
        has approved would move the public sitemap's date.
        """
        return obj.last_published_at or obj.first_published_at

    @cached_property
    def _locations(self) -> dict[int, str]:
        return {page.pk: page.get_full_url(self.request) for page in self.items()}

    @cached_property
    def _translations_by_key(self) -> dict:
        groups: dict = {}
        for page in self.items():
            groups.setdefault(page.translation_key, []).append(page)
        return groups

    def _urls(self, page, protocol, domain):
        urls = []
        for item in self.paginator.page(page).object_list:
            location = self._locations.get(item.pk)
            if not location:
                continue
            alternates = [
                {
                    "lang_code": translation.locale.language_code,
                    "location": self._locations[translation.pk],
                }
                for translation in self._translations_by_key[item.translation_key]
                if self._locations.get(translation.pk)
            ]
            urls.append(
                {
                    "item": item,
                    "location": location,
                    "lastmod": self.lastmod(item),
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
