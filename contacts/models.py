from dataclasses import dataclass

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PreviewableMixin, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock

from home.models import KnownViewRestrictionsMixin, with_pictures


class Person(TranslatableMixin, PreviewableMixin, index.Indexed, models.Model):
    """Someone the public can contact: secretariat staff, project chiefs, leads."""

    name = models.CharField(verbose_name=_("name"), max_length=150)
    job_title = models.CharField(verbose_name=_("job title"), max_length=150)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    focus_area = models.ForeignKey(
        "focusareas.FocusAreaPage",
        verbose_name=_("focus area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    email = models.EmailField(verbose_name=_("e-mail"), blank=True)
    phone = models.CharField(verbose_name=_("phone"), max_length=40, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("job_title"),
        MultiFieldPanel(
            [FieldPanel("municipality"), FieldPanel("focus_area")],
            heading=_("Works with"),
        ),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone")], heading=_("Contact details")
        ),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("job_title"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "contacts/person_preview.html"


class ContactGroupBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=100)
    intro = blocks.TextBlock(label=_("introduction"), required=False)
    people = blocks.ListBlock(SnippetChooserBlock("contacts.Person"), label=_("people"))

    class Meta:
        icon = "group"
        template = "blocks/contact_group_block.html"
        label = _("Contact group")
        description = _("A heading, e.g. “Secretariat”, and the people in it.")
        preview_value = {"heading": "Sekretariatet", "people": []}


def _person_id(item) -> int | None:
    """The person id of one stored list item (``{"type": "item", "value": 3}``,
    or a bare 3 as lists were stored before Wagtail 2.16)."""
    value = item.get("value") if isinstance(item, dict) else item
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class ContactGroup:
    """One group of the directory, its people loaded for display."""

    heading: str
    intro: str
    people: list[Person]


class ContactDirectoryPage(KnownViewRestrictionsMixin, Page):
    """The people to contact, in ordered groups."""

    intro = models.TextField(verbose_name=_("introduction"), blank=True)
    groups = StreamField(
        [("group", ContactGroupBlock())], verbose_name=_("groups"), blank=True
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("groups")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact directory")
        verbose_name_plural = _("contact directories")

    def get_groups(self) -> list[ContactGroup]:
        """Returns the groups in editor order, with people, municipalities and photos.

        Loads every person of every group in one query (plus photo renditions), so
        the page's query count does not grow with the number of people. The
        people are taken from the stream's stored ids, not its chooser blocks,
        which would read them once more.
        """
        raw_groups = [
            child["value"] for child in self.groups.raw_data if child["type"] == "group"
        ]
        people_ids = [
            [_person_id(item) for item in group.get("people") or []]
            for group in raw_groups
        ]
        people = with_pictures(
            Person.objects.filter(
                pk__in={pk for ids in people_ids for pk in ids if pk is not None}
            ).select_related("municipality"),
            "photo",
        )
        by_id = {person.pk: person for person in people}
        return [
            ContactGroup(
                heading=group.get("heading", ""),
                intro=group.get("intro", ""),
                people=[by_id[pk] for pk in ids if pk in by_id],
            )
            for group, ids in zip(raw_groups, people_ids, strict=True)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template evaluates it only when its cached fragment is stale.
        context["contact_groups"] = SimpleLazyObject(self.get_groups)
        return context
