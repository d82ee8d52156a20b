import operator
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, Func, Q, QuerySet, Subquery, Value, Window
from django.db.models.functions import Cast, ExtractYear, RowNumber
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from caching.dependencies import children_key, depends_on, listing_key, object_key
from focusareas.models import FocusAreaPage
from home.blocks import BaseStreamBlock
from home.frame import known_frame
from home.models import KnownViewRestrictionsMixin, with_pictures
from home.visibility import public_q
from municipalities.models import Municipality, MunicipalityOwnedMixin
from news.filters import Filters, NewsFilterForm


class Year(ExtractYear):
    """The year of a date. On SQLite it is read from the stored ISO text: Django's
    ``ExtractYear`` calls a Python function there for every row, and the filter
    form reads the year of every post (about a tenth of the news index's time over
    2,000 posts)."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(SUBSTR({sql}, 1, 4) AS integer)", params


def _rank(order) -> Window:
    """The row's place in ``order``, as the database sorts (its collation)."""
    return Window(RowNumber(), order_by=[order])


class CountingPaginator(Paginator):
    """A paginator that counts the objects in the same query as the page it
    reads, instead of a query of its own before it.

    The page's rows are chosen by a narrow subquery (the primary keys in order,
    sliced) and the count is a scalar subquery: the database then sorts only
    keys, where a window count over the whole listing made it sort every
    matching row with all its columns (a post's body too) to return twelve.

    The answers are Django's: page 1 for a number that is not one, the last
    page for one past the end or below 1 (read backwards, in one query too).
    """

    def get_page(self, number):
        try:
            wanted = int(number) if number is not None else 1
        except (TypeError, ValueError):
            wanted = 1
        if wanted >= 1:
            bottom = (wanted - 1) * self.per_page
            rows = self._read(self.object_list, bottom)
            if rows or wanted == 1:
                self.__dict__["count"] = rows[0].listed_in_all if rows else 0
                return self._get_page(rows, 1 if not rows else wanted, self)
        rows = self._read(self.object_list.reverse(), 0)
        self.__dict__["count"] = rows[0].listed_in_all if rows else 0
        last = self.num_pages
        on_last = self.count - (last - 1) * self.per_page
        return self._get_page(rows[:on_last][::-1], last, self)

    def _read(self, ordered: QuerySet, bottom: int) -> list:
        """The ``per_page`` objects of ``ordered`` from ``bottom`` on, each
        annotated with the number of all objects (``listed_in_all``)."""
        keys = ordered.values("pk")[bottom : bottom + self.per_page]
        everything = ordered.order_by().values(
            counted=Func(F("pk"), function="COUNT", output_field=models.IntegerField())
        )
        return list(
            ordered.filter(pk__in=keys).annotate(listed_in_all=Subquery(everything))
        )


@dataclass(frozen=True)
class Topic:
    """A focus area, municipality or tag a post is about, as its badges show it."""

    pk: int
    slug: str
    name: str


@dataclass(frozen=True)
class Topics:
    """A post's focus areas (in tree order), municipalities (by name) and tags
    (in the order they were given)."""

    focus_areas: list[Topic] = field(default_factory=list)
    municipalities: list[Topic] = field(default_factory=list)
    tags: list[Topic] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.focus_areas or self.municipalities or self.tags)


def read_topics(post_ids: list[int]) -> dict[int, Topics]:
    """Returns the topics of each post, read in one query for all of them (a
    union, each part ranked per post in the order its relation lists them)."""
    if not post_ids:
        return {}
    kinds = ("focus_areas", "municipalities", "tags")

    def ranked(queryset, kind: str, post: str, pk: str, slug: str, name: str, order):
        rank = Window(RowNumber(), partition_by=[F(post)], order_by=[F(order).asc()])
        return queryset.values_list(
            Value(kinds.index(kind)), post, pk, slug, name, rank
        ).order_by()

    focus_areas = ranked(
        NewsPage.focus_areas.through.objects.filter(newspage_id__in=post_ids),
        "focus_areas",
        "newspage_id",
        "focusareapage_id",
        "focusareapage__slug",
        "focusareapage__title",
        "focusareapage__path",
    )
    municipalities = ranked(
        NewsPage.municipalities.through.objects.filter(newspage_id__in=post_ids),
        "municipalities",
        "newspage_id",
        "municipality_id",
        "municipality__slug",
        "municipality__name",
        "municipality__name",
    )
    tags = ranked(
        NewsPageTag.objects.filter(content_object_id__in=post_ids),
        "tags",
        "content_object_id",
        "tag_id",
        "tag__slug",
        "tag__name",
        "id",
    )
    found: dict[int, Topics] = {}
    rows = focus_areas.union(municipalities, tags, all=True)
    for kind, post, pk, slug, name, _rank in sorted(
        rows, key=lambda row: (row[0], row[5])
    ):
        topics = found.setdefault(post, Topics())
        getattr(topics, kinds[kind]).append(Topic(pk, slug, name))
        # Read as values, not loaded as instances: recorded here for the caches.
        depends_on(object_key((FocusAreaPage, Municipality, Tag)[kind], pk))
    return found


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
        default this index's posts) have.

        Its four lists of choices are read in one query (a union, each part
        ranked in the database's own order, so names sort as they always did).
        """
        if posts is None:
            posts = self.get_posts()
        depends_on(
            listing_key(FocusAreaPage), listing_key(Municipality), listing_key(Tag)
        )
        focus_areas = (
            FocusAreaPage.objects.live()
            .filter(locale_id=self.locale_id)
            .values_list(Value("focus_area"), "slug", "title", _rank(F("title").asc()))
        )
        municipalities = Municipality.objects.filter(
            locale_id=self.locale_id
        ).values_list(Value("municipality"), "slug", "name", _rank(F("name").asc()))
        tags = Tag.objects.filter(
            pk__in=NewsPageTag.objects.filter(content_object__in=posts).values("tag")
        ).values_list(Value("tag"), "slug", "name", _rank(F("name").asc()))
        year = Cast(Year("date"), models.CharField())
        years = (
            posts.annotate(year=year)
            .values_list(Value("year"), "year", "year", -Year("date"))
            .distinct()
        )
        choices: dict[str, list[tuple]] = {
            "focus_area": [],
            "municipality": [],
            "tag": [],
            "year": [],
        }
        rows = focus_areas.order_by().union(
            municipalities.order_by(), tags.order_by(), years.order_by(), all=True
        )
        for kind, value, label, _place in sorted(rows, key=lambda row: row[3]):
            choices[kind].append((value, label))
        return NewsFilterForm(
            data,
            focus_areas=choices["focus_area"],
            municipalities=choices["municipality"],
            tags=choices["tag"],
            years=[int(value) for value, _label in choices["year"]],
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
        paginator = CountingPaginator(
            with_pictures(posts, "image"), self.POSTS_PER_PAGE
        )
        page = paginator.get_page(request.GET.get("page"))
        topics = read_topics([post.pk for post in page])
        for post in page:
            post.topics = topics.get(post.pk, Topics())
        return {
            "filter_form": form,
            "filters": filters,
            "filter_query": urlencode(filters.as_query()),
            "posts": page,
            "paginator": paginator,
            "page_numbers": list(
                paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
            ),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template evaluates the listing only when its cached fragment
        # is stale, and then once for all six names.
        listing = SimpleLazyObject(lambda: self.get_listing(request))
        names = (
            "filter_form",
            "filters",
            "filter_query",
            "posts",
            "paginator",
            "page_numbers",
        )
        for name in names:
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
        # A post's neighbours are the nearest dates either side: with this index
        # (and planner statistics) the database reads one row each way instead
        # of sorting every post of the language.
        indexes = [models.Index(fields=["date", "page_ptr"], name="news_post_by_date")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news_index = SimpleLazyObject(lambda: self.get_news_index(request))
        if getattr(request, "is_preview", False):
            # A preview shows the draft's topics, which only its relations hold.
            topics = SimpleLazyObject(self.get_draft_topics)
        else:
            topics = SimpleLazyObject(lambda: self.topics)
        neighbours = SimpleLazyObject(self.get_neighbours)
        # Lazy: the template evaluates them only when its cached fragment is stale
        # (public_q() reads the view restrictions as soon as it is called).
        context.update(
            news_index=news_index,
            news_index_url=SimpleLazyObject(
                lambda: news_index.get_url(request) if news_index else ""
            ),
            post_topics=topics,
            previous_post=SimpleLazyObject(lambda: neighbours[0]),
            next_post=SimpleLazyObject(lambda: neighbours[1]),
            related_posts=SimpleLazyObject(lambda: self.get_related_posts(topics)),
        )
        return context

    @cached_property
    def topics(self) -> Topics:
        """This post's focus areas, municipalities and tags, as saved (a listing
        reads them for all its posts at once: ``read_topics``)."""
        return read_topics([self.pk]).get(self.pk, Topics())

    def get_draft_topics(self) -> Topics:
        """This post's topics as its relations hold them (a revision's, too)."""
        return Topics(
            [Topic(a.pk, a.slug, a.title) for a in self.focus_areas.all()],
            [Topic(m.pk, m.slug, m.name) for m in self.municipalities.all()],
            [Topic(t.pk, t.slug, t.name) for t in self.tags.all()],
        )

    def get_news_index(self, request: HttpRequest) -> Page | None:
        """The index above this post, as the router read it (home/frame.py)."""
        site = Site.find_for_request(request)
        frame = known_frame(site.pk) if site is not None else None
        parent_path = self.path[: -self.steplen]
        found = frame.page_at(parent_path) if frame is not None else None
        return found if found is not None else self.get_parent()

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

    def get_neighbours(self) -> tuple["NewsPage | None", "NewsPage | None"]:
        """Returns the previous and the next post of this index by date, read
        in one query."""
        earlier = Q(date__lt=self.date) | Q(date=self.date, pk__lt=self.pk)
        later = Q(date__gt=self.date) | Q(date=self.date, pk__gt=self.pk)
        previous = self.get_siblings_where(earlier).order_by("-date", "-pk")
        following = self.get_siblings_where(later).order_by("date", "pk")
        found = NewsPage.objects.filter(
            Q(pk__in=previous.values("pk")[:1]) | Q(pk__in=following.values("pk")[:1])
        )
        before = (self.date, self.pk)
        neighbours: list[NewsPage | None] = [None, None]
        for post in found:
            neighbours[(post.date, post.pk) > before] = post
        return neighbours[0], neighbours[1]

    def get_related_posts(
        self, topics: Topics | None = None, limit: int = 3
    ) -> list["NewsPage"]:
        """Returns up to ``limit`` other live posts sharing a focus area or a tag
        (of ``topics``, by default this post's).

        Posts sharing more of them come first, then the newest.
        """
        if topics is None:
            topics = self.topics
        focus_area_ids = [area.pk for area in topics.focus_areas]
        tag_ids = [tag.pk for tag in topics.tags]
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
