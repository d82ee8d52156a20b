import operator
from functools import partial
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from caching.dependencies import children_key, depends_on, listing_key
from focusareas.models import FocusAreaPage
from home.blocks import BaseStreamBlock
from home.models import KnownViewRestrictionsMixin, with_pictures
from home.visibility import public_q
from municipalities.models import Municipality, MunicipalityOwnedMixin
from news.filters import Filters, NewsFilterForm


class NewsIndexPage(KnownViewRestrictionsMixin, RoutablePageMixin, Page):
    """The news of one language: a filterable, paginated list and its feeds.

    URLs (relative to the page, e.g. ``/nyheder/`` or ``/en/news/``):
    ``./`` the list, ``./rss/`` an RSS 2.0 feed and ``./atom/`` an Atom feed of the
    newest posts. All three take the filters of :mod:`news.filters` in the query
    string, e.g. ``?focus_area=musik&municipality=roskilde&tag=festival&year=2024``;
    the list also takes ``page``.
    """

    POSTS_PER_PAGE = 12
    FEED_SIZE = 20

    intro = models.TextField(verbose_name=_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_posts(self) -> QuerySet["NewsPage"]:
        """Returns the live, public posts of this index's locale, newest first."""
        depends_on(children_key(self.path))
        return (
            NewsPage.objects.child_of(self)
            .live()
            .filter(public_q())
            .filter(locale_id=self.locale_id)
            .order_by("-date", "-pk")
        )

    def get_filter_form(self, data, posts: QuerySet | None = None) -> NewsFilterForm:
        """Returns the filter form bound to ``data``, offering what ``posts`` (by
        default this index's posts) have."""
        if posts is None:
            posts = self.get_posts()
        depends_on(listing_key(FocusAreaPage), listing_key(Municipality))
        focus_areas = (
            FocusAreaPage.objects.live()
            .filter(locale_id=self.locale_id)
            .order_by("title")
            .values_list("slug", "title")
        )
        municipalities = Municipality.objects.filter(
            locale_id=self.locale_id
        ).values_list("slug", "name")
        tags = (
            Tag.objects.filter(news_newspagetag_items__content_object__in=posts)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )
        years = [day.year for day in posts.dates("date", "year", order="DESC")]
        return NewsFilterForm(
            data,
            focus_areas=list(focus_areas),
            municipalities=list(municipalities),
            tags=list(tags),
            years=years,
        )

    def get_filtered_posts(
        self, request: HttpRequest
    ) -> tuple[NewsFilterForm, Filters, QuerySet["NewsPage"]]:
        """Returns (form, valid filters, matching posts) for the request's query."""
        posts = self.get_posts()
        form = self.get_filter_form(request.GET, posts)
        filters = Filters(**form.valid_filters())
        return form, filters, filters.apply(posts)

    def get_listing(self, request: HttpRequest) -> dict:
        """Returns the filter form, valid filters and requested page of posts."""
        form, filters, posts = self.get_filtered_posts(request)
        posts = with_pictures(posts, "image").prefetch_related(
            "tags", "focus_areas", "municipalities"
        )
        paginator = Paginator(posts, self.POSTS_PER_PAGE)
        return {
            "filter_form": form,
            "filters": filters,
            "filter_query": urlencode(filters.as_query()),
            "posts": paginator.get_page(request.GET.get("page")),
            "paginator": paginator,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template evaluates the listing only when its cached fragment
        # is stale, and then once for all five names.
        listing = SimpleLazyObject(lambda: self.get_listing(request))
        for name in ("filter_form", "filters", "filter_query", "posts", "paginator"):
            context[name] = SimpleLazyObject(partial(operator.getitem, listing, name))
        return context

    @path("rss/", name="rss_feed")
    def rss_feed(self, request: HttpRequest) -> HttpResponse:
        from news.feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("atom/", name="atom_feed")
    def atom_feed(self, request: HttpRequest) -> HttpResponse:
        from news.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(KnownViewRestrictionsMixin, MunicipalityOwnedMixin, Page):
    #: Joined into the routing query (home/routing.py): shown on every view.
    route_select_related = ["image", "author"]
    date = models.DateField(
        verbose_name=_("publication date"), default=timezone.localdate
    )
    lead = models.TextField(
        verbose_name=_("lead"),
        max_length=600,
        help_text=_("One or two sentences shown in lists and at the top of the post."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        verbose_name=_("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    image_caption = models.CharField(
        verbose_name=_("image caption"), max_length=250, blank=True
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    author = models.ForeignKey(
        "contacts.Person",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_posts",
    )
    tags = ClusterTaggableManager(
        verbose_name=_("tags"), through=NewsPageTag, blank=True
    )
    focus_areas = ParentalManyToManyField(
        "focusareas.FocusAreaPage",
        verbose_name=_("focus areas"),
        blank=True,
        related_name="news_posts",
    )
    municipalities = ParentalManyToManyField(
        "municipalities.Municipality",
        verbose_name=_("municipalities"),
        blank=True,
        related_name="news_posts",
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("image"),
                FieldPanel("image_alt_text"),
                FieldPanel("image_caption"),
            ],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("tags"),
                FieldPanel("focus_areas"),
                FieldPanel("municipalities"),
            ],
            heading=_("Author and topics"),
        ),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("owner_municipality")]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        earlier = Q(date__lt=self.date) | Q(date=self.date, pk__lt=self.pk)
        later = Q(date__gt=self.date) | Q(date=self.date, pk__gt=self.pk)
        news_index = SimpleLazyObject(self.get_parent)
        # Lazy: the template evaluates them only when its cached fragment is stale
        # (public_q() reads the view restrictions as soon as it is called).
        context.update(
            news_index=news_index,
            news_index_url=SimpleLazyObject(
                lambda: news_index.get_url(request) if news_index else ""
            ),
            previous_post=SimpleLazyObject(
                lambda: (
                    self.get_siblings_where(earlier).order_by("-date", "-pk").first()
                )
            ),
            next_post=SimpleLazyObject(
                lambda: self.get_siblings_where(later).order_by("date", "pk").first()
            ),
            related_posts=SimpleLazyObject(self.get_related_posts),
        )
        return context

    def get_siblings_where(self, condition: Q) -> QuerySet["NewsPage"]:
        """Returns the other live, public posts of this index meeting ``condition``."""
        depends_on(children_key(self.path[: -self.steplen]))
        return (
            NewsPage.objects.sibling_of(self, inclusive=False)
            .live()
            .filter(public_q())
            .filter(condition, locale_id=self.locale_id)
        )

    def cache_listings(self) -> list[str]:
        """The listings this post joins or leaves when it is published or
        unpublished, beside its index's (caching.invalidation): its focus areas'
        news and the related posts of the posts sharing a focus area or a topic."""
        return self.listing_keys_for(
            self.focus_areas.values_list("pk", flat=True),
            # A revision's page holds its tags in memory, where values_list
            # knows only the tags' own fields.
            [tag.id for tag in self.tags.all()],
        )

    @staticmethod
    def listing_keys_for(focus_area_ids, tag_ids) -> list[str]:
        return [f"news:focus-area:{pk}" for pk in focus_area_ids] + [
            f"news:topic:{pk}" for pk in tag_ids
        ]

    def get_related_posts(self, limit: int = 3) -> list["NewsPage"]:
        """Returns up to ``limit`` other live posts sharing a focus area or a tag.

        Posts sharing more of them come first, then the newest.
        """
        focus_area_ids = list(self.focus_areas.values_list("pk", flat=True))
        tag_ids = list(self.tags.values_list("pk", flat=True))
        if not focus_area_ids and not tag_ids:
            return []
        depends_on(*self.listing_keys_for(focus_area_ids, tag_ids))
        return list(
            with_pictures(
                NewsPage.objects.live()
                .filter(public_q())
                .filter(locale_id=self.locale_id)
                .exclude(pk=self.pk)
                .filter(Q(focus_areas__in=focus_area_ids) | Q(tags__in=tag_ids))
                .annotate(shared=models.Count("pk"))
                .order_by("-shared", "-date", "-pk"),
                "image",
            )[:limit]
        )
