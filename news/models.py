from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import MunicipalityOwnedMixin


class NewsIndexPage(Page):
    intro = models.TextField(verbose_name=_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(MunicipalityOwnedMixin, Page):
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
        "home.Municipality",
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
