import operator
from functools import partial

from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from caching.dependencies import children_key, depends_on
from home.blocks import BaseStreamBlock
from home.models import KnownViewRestrictionsMixin, prefetch_pictures, with_pictures
from home.visibility import public_q
from municipalities.models import MunicipalityOwnedMixin


class AgreementPeriod(TranslatableMixin, models.Model):
    """A culture agreement's period, e.g. 2021-2024. Past periods stay readable."""

    name = models.CharField(
        verbose_name=_("name"),
        max_length=100,
        help_text=_("E.g. “Kulturaftale 2025-2028”."),
    )
    start_year = models.PositiveSmallIntegerField(verbose_name=_("first year"))
    end_year = models.PositiveSmallIntegerField(verbose_name=_("last year"))

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("agreement period")
        verbose_name_plural = _("agreement periods")
        ordering = ["-start_year"]

    def __str__(self):
        return f"{self.start_year}-{self.end_year}"

    @property
    def is_past(self) -> bool:
        """True once the period's last year is over."""
        return self.end_year < timezone.localdate().year

    @property
    def years(self) -> str:
        return f"{self.start_year}-{self.end_year}"


class FocusAreaIndexPage(KnownViewRestrictionsMixin, Page):
    intro = models.TextField(verbose_name=_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["focusareas.FocusAreaPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("focus area index")
        verbose_name_plural = _("focus area indexes")

    def get_focus_areas(self):
        """Returns the live focus areas below this page, newest period first."""
        depends_on(children_key(self.path))
        return with_pictures(
            FocusAreaPage.objects.child_of(self)
            .live()
            .filter(public_q())
            .select_related("agreement_period")
            .order_by("-agreement_period__start_year", "path"),
            "image",
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template evaluates them only when its cached fragment is stale.
        focus_areas = SimpleLazyObject(lambda: list(self.get_focus_areas()))
        context["current_focus_areas"] = SimpleLazyObject(
            lambda: [
                area
                for area in focus_areas
                if not (area.agreement_period and area.agreement_period.is_past)
            ]
        )
        context["past_focus_areas"] = SimpleLazyObject(
            lambda: [
                area
                for area in focus_areas
                if area.agreement_period and area.agreement_period.is_past
            ]
        )
        return context


class FocusAreaPage(KnownViewRestrictionsMixin, Page):
    """An indsatsområde: its purpose, result goals, target groups and projects."""

    #: Joined into the routing query (home/routing.py): shown on every view.
    route_select_related = ["image", "agreement_period"]

    summary = models.TextField(verbose_name=_("summary"), max_length=500)
    agreement_period = models.ForeignKey(
        AgreementPeriod,
        verbose_name=_("agreement period"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="focus_areas",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    purpose = RichTextField(
        verbose_name=_("purpose"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Why the partnership works with this area (formål)."),
    )
    result_goals = StreamField(
        [("goal", blocks.TextBlock(label=_("result goal")))],
        verbose_name=_("result goals"),
        blank=True,
        help_text=_("What the partnership wants to have achieved (resultatmål)."),
    )
    target_groups = StreamField(
        [("target_group", blocks.CharBlock(label=_("target group"), max_length=150))],
        verbose_name=_("target groups"),
        blank=True,
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    project_leads = ParentalManyToManyField(
        "contacts.Person",
        verbose_name=_("project leads"),
        blank=True,
        related_name="led_focus_areas",
    )
    municipalities = ParentalManyToManyField(
        "municipalities.Municipality",
        verbose_name=_("municipalities taking part"),
        blank=True,
        related_name="focus_areas",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("agreement_period"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("purpose"),
                FieldPanel("result_goals"),
                FieldPanel("target_groups"),
            ],
            heading=_("Purpose and goals"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("project_leads"), FieldPanel("municipalities")],
            heading=_("Who takes part"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("purpose"),
        index.SearchField("body"),
    ]

    parent_page_types = ["focusareas.FocusAreaIndexPage"]
    subpage_types = ["focusareas.ProjectPage"]

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def get_projects(self):
        """Returns the live projects below this focus area, in tree order."""
        depends_on(children_key(self.path))
        return (
            ProjectPage.objects.child_of(self)
            .live()
            .filter(public_q())
            .select_related("image")
            .order_by("path")
        )

    def get_project_leads(self):
        return self.project_leads.select_related("municipality", "photo")

    def get_news_posts(self, limit: int = 6):
        """Returns the newest live news posts tagged with this focus area."""
        depends_on(f"news:focus-area:{self.pk}")  # NewsPage.cache_listings
        return (
            self.news_posts.live()
            .filter(public_q())
            .select_related("image")
            .order_by("-date", "-pk")[:limit]
        )

    def get_listings(self) -> dict[str, list]:
        """Returns the projects, project leads and news posts the page lists,
        the renditions of all their pictures read in one query."""
        listings = {
            "projects": list(self.get_projects()),
            "project_leads": list(self.get_project_leads()),
            "news_posts": list(self.get_news_posts()),
        }
        prefetch_pictures(
            (listings["projects"], "image"),
            (listings["project_leads"], "photo"),
            (listings["news_posts"], "image"),
        )
        return listings

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template evaluates them only when its cached fragment is stale.
        listings = SimpleLazyObject(self.get_listings)
        for name in ("projects", "project_leads", "news_posts"):
            context[name] = SimpleLazyObject(partial(operator.getitem, listings, name))
        context["municipalities"] = SimpleLazyObject(self.municipalities.all)
        return context


class ProjectPage(KnownViewRestrictionsMixin, MunicipalityOwnedMixin, Page):
    """A project under a focus area, e.g. a festival or a talent programme."""

    #: Joined into the routing query (home/routing.py): shown on every view.
    route_select_related = [
        "image",
        "contact",
        "contact__photo",
        "contact__municipality",
    ]

    summary = models.TextField(verbose_name=_("summary"), max_length=500)
    start_date = models.DateField(verbose_name=_("start date"), null=True, blank=True)
    end_date = models.DateField(verbose_name=_("end date"), null=True, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    municipalities = ParentalManyToManyField(
        "municipalities.Municipality",
        verbose_name=_("municipalities"),
        blank=True,
        related_name="projects",
    )
    contact = models.ForeignKey(
        "contacts.Person",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("municipalities"), FieldPanel("contact")],
            heading=_("Who takes part"),
        ),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("owner_municipality")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["focusareas.FocusAreaPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["municipalities"] = self.municipalities.all()
        return context
