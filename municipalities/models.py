"""The municipalities of the partnership, and which of them a page belongs to."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import PreviewableMixin, TranslatableMixin
from wagtail.search import index


class Municipality(TranslatableMixin, PreviewableMixin, index.Indexed, models.Model):
    """A municipality taking part in the partnership. Data, never a constant."""

    name = models.CharField(verbose_name=_("name"), max_length=100)
    slug = models.SlugField(
        verbose_name=_("slug"),
        max_length=100,
        help_text=_('Used in web addresses and filters, e.g. "roskilde".'),
    )
    website = models.URLField(verbose_name=_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("coat of arms or logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_chair = models.BooleanField(
        verbose_name=_("chairs the partnership"),
        default=False,
        help_text=_("The chair hosts the secretariat."),
    )
    description = models.TextField(
        verbose_name=_("short description"), blank=True, max_length=500
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("is_chair"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_municipality_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "municipalities/municipality_preview.html"


class MunicipalityOwnedMixin(models.Model):
    """Pages that belong to one municipality's editors.

    The rules that give those editors the pages are editorial's
    (editorial/roles.py, editorial/permissions.py)."""

    owner_municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("responsible municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The municipality whose editors look after this page. "
            "Leave empty for pages the secretariat looks after."
        ),
    )

    class Meta:
        abstract = True
