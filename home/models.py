from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    Locale,
    Page,
    PageViewRestriction,
)
from wagtail.search import index

from caching.dependencies import depends_on, translations_key
from home.blocks import BaseStreamBlock
from home.frame import known_frame
from home.visibility import public_q, restricted_paths
from municipalities.models import MunicipalityOwnedMixin


def with_pictures(queryset, *fields: str):
    """Joins the images behind ``fields`` into ``queryset`` and prefetches all
    their renditions: a listing's ``{% picture %}`` tags then cost one query in
    all, not two (image, renditions) nor one a card."""
    return queryset.select_related(*fields).prefetch_related(
        *(f"{field}__renditions" for field in fields)
    )


def prefetch_pictures(*listings: tuple[Iterable, str]) -> None:
    """Reads the renditions of the images behind ``field`` of every object in
    each ``(objects, field)`` listing, in one query for all the listings (the
    images themselves joined in already, ``select_related``)."""
    images = [
        getattr(item, field)
        for objects, field in listings
        for item in objects
        if getattr(item, f"{field}_id", None)
    ]
    prefetch_related_objects(images, "renditions")


class KnownViewRestrictionsMixin:
    """For every page model: skips the view-restriction queries when the routing
    cache (caching.routes.CachedRoutingMiddleware) found in this cache
    generation that no restriction applies to the page, or when none of the
    restrictions the request has read covers it. Adding or removing a
    restriction starts a new generation."""

    def get_view_restrictions(self):
        if getattr(self, "_no_view_restrictions", False):
            return PageViewRestriction.objects.none()
        # The restrictions this request has read already (home/visibility.py):
        # most pages are in no restricted subtree, which needs no query of its own.
        if not any(self.path.startswith(path) for path in restricted_paths()):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(KnownViewRestrictionsMixin, Page):
    """The root page of one language's tree (one per locale)."""

    #: Joined into the routing query (home/routing.py): the hero is always shown.
    route_select_related = ["hero_image"]

    def route(self, request, path_components):
        """Finds the page for a URL below this home page in one query.

        Wagtail walks the tree one level at a time (two queries a level). Here
        the deepest page whose stored ``url_path`` matches a prefix of the URL
        is looked up at once and routes the rest itself, as Wagtail would have
        let it (a RoutablePage's feeds, or a 404 for an unknown child).
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "/".join(path_components[:length]) + "/"
            for length in range(len(path_components), 0, -1)
        ]
        page = (
            Page.objects.filter(
                path__startswith=self.path,
                depth__gt=self.depth,
                url_path__in=prefixes,
            )
            .order_by("-depth")
            .first()
        )
        if page is None:
            raise Http404
        return page.specific.route(request, path_components[page.depth - self.depth :])

    hero_heading = models.CharField(
        verbose_name=_("hero heading"),
        max_length=255,
        blank=True,
        help_text=_("The large heading at the top. Leave empty to use the title."),
    )
    hero_intro = models.TextField(
        verbose_name=_("hero introduction"),
        blank=True,
        help_text=_("One or two sentences that say what the partnership does."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    featured_focus_areas = ParentalManyToManyField(
        "focusareas.FocusAreaPage",
        verbose_name=_("featured focus areas"),
        blank=True,
        related_name="+",
    )
    news_count = models.PositiveSmallIntegerField(
        verbose_name=_("number of news posts"),
        default=3,
        help_text=_("How many of the newest posts the home page shows."),
    )
    show_newsletter_signup = models.BooleanField(
        verbose_name=_("show newsletter sign-up"), default=True
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_intro"),
                FieldPanel("hero_image"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
        FieldPanel("featured_focus_areas"),
        MultiFieldPanel(
            [FieldPanel("news_count"), FieldPanel("show_newsletter_signup")],
            heading=_("News and newsletter"),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "focusareas.FocusAreaIndexPage",
        "news.NewsIndexPage",
        "contacts.ContactDirectoryPage",
        "newsletter.NewsletterArchivePage",
    ]
    max_count_per_parent = len(settings.WAGTAIL_CONTENT_LANGUAGES)

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_featured_focus_areas(self):
        """Returns the live featured focus areas with period and image renditions."""
        return with_pictures(
            self.featured_focus_areas.live()
            .filter(public_q())
            .select_related("agreement_period")
            .order_by("path"),
            "image",
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template evaluates them only when its cached fragment is stale.
        context["featured_focus_areas"] = SimpleLazyObject(
            self.get_featured_focus_areas
        )
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and social links shown in every page's footer."""

    organisation_name = models.CharField(
        verbose_name=_("organisation name"), max_length=255, default="Kulturmetropolen"
    )
    address = models.TextField(verbose_name=_("address"), blank=True)
    email = models.EmailField(verbose_name=_("e-mail"), blank=True)
    phone = models.CharField(verbose_name=_("phone"), max_length=40, blank=True)
    facebook_url = models.URLField(verbose_name=_("Facebook"), blank=True)
    instagram_url = models.URLField(verbose_name=_("Instagram"), blank=True)
    linkedin_url = models.URLField(verbose_name=_("LinkedIn"), blank=True)
    footer_text = RichTextField(
        verbose_name=_("footer text"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A short text shown at the bottom of every page."),
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Linked from every page's footer, in the visitor's language where "
            "translated. Required of public bodies by the web accessibility act."
        ),
    )
    privacy_policy = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("address"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("linkedin_url"),
            ],
            heading=_("Social links"),
        ),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [FieldPanel("accessibility_statement"), FieldPanel("privacy_policy")],
            heading=_("Footer links"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def footer_page_ids(self) -> list[int]:
        """The ids of the pages the footer links to."""
        return [
            page_id
            for page_id in (self.accessibility_statement_id, self.privacy_policy_id)
            if page_id
        ]

    def footer_links(self) -> list[tuple[str, Page]]:
        """Returns (label, page) of the footer's links, in the active language.

        A page without a live translation in the active language is linked in
        the language it exists in.
        """
        links = [
            (_("Accessibility statement"), self.accessibility_statement_id),
            (_("Privacy policy"), self.privacy_policy_id),
        ]
        ids = [page_id for _label, page_id in links if page_id]
        if not ids:
            return []
        locale = Locale.get_active()
        # Read with the rest of the page's frame (home/frame.py), else in one query.
        frame = known_frame(self.site_id)
        pages = frame.footer_pages(ids, locale.pk) if frame is not None else None
        if pages is None:
            pages = list(
                Page.objects.filter(
                    models.Q(pk__in=ids)
                    | models.Q(
                        translation_key__in=Page.objects.filter(pk__in=ids).values(
                            "translation_key"
                        ),
                        locale=locale,
                        live=True,
                    )
                )
            )
        # A translation published later joins the footer of its language.
        depends_on(*(translations_key(page.translation_key) for page in pages))
        originals = {page.pk: page for page in pages if page.pk in ids}
        translated = {
            page.translation_key: page for page in pages if page.locale_id == locale.pk
        }
        return [
            (label, translated.get(page.translation_key, page))
            for label, page in (
                (label, originals.get(page_id)) for label, page_id in links
            )
            if page is not None and page.live
        ]

    @property
    def social_links(self) -> list[tuple[str, str]]:
        """Returns (label, url) pairs of the social profiles that are filled in."""
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("LinkedIn", self.linkedin_url),
        ]
        return [(label, url) for label, url in links if url]


class StandardPage(KnownViewRestrictionsMixin, MunicipalityOwnedMixin, Page):
    """About, vision, accessibility statement, privacy policy and similar pages."""

    intro = models.TextField(verbose_name=_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("owner_municipality")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
