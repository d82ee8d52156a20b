from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The root page of one language's tree (one per locale)."""

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

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_intro")],
            heading=_("Hero"),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 3

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


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
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def social_links(self) -> list[tuple[str, str]]:
        """Returns (label, url) pairs of the social profiles that are filled in."""
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("LinkedIn", self.linkedin_url),
        ]
        return [(label, url) for label, url in links if url]
