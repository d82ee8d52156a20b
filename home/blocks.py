"""StreamField blocks shared by every page type."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading.")
        preview_value = {"text": "Musik i hele metropolen", "level": "h2"}


# Wagtail's ImageBlock shows these to editors, and its catalogue has no Danish for
# them; the site's catalogue (LOCALE_PATHS) is read first, so it translates them.
WAGTAIL_IMAGE_BLOCK_TEXTS = (
    gettext_noop("Alt text"),
    gettext_noop("Image is decorative"),
    gettext_noop("Please add some alt text for your image or mark it as decorative"),
)


class CaptionedImageBlock(blocks.StructBlock):
    """Wagtail's ImageBlock (the image, its alternative text or the "decorative"
    flag, which it requires one of) with an optional caption."""

    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _("An image with alternative text and an optional caption.")
        preview_value = {"caption": ""}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A quotation with the name of who said it.")
        preview_value = {
            "text": "Kultur skaber fællesskaber på tværs af kommunegrænser.",
            "attribution": "Kulturmetropolen",
        }


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=200)
    text = blocks.TextBlock(label=_("text"), required=False)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("external link"), required=False)
    button_label = blocks.CharBlock(label=_("button label"), max_length=60)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ErrorList(
                        [ValidationError(_("Choose a page or enter an external link."))]
                    )
                }
            )
        return value

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A short invitation with a button.")
        preview_value = {
            "heading": "Få nyhederne først",
            "text": "Tilmeld dig vores nyhedsbrev.",
            "url": "https://example.org/",
            "button_label": "Tilmeld",
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        label = _("Document link")
        description = _("A link to download a document, with its type and size.")
        preview_value = {"title": "Kulturaftale 2025-2028 (PDF)"}


class ContactCardBlock(blocks.StructBlock):
    person = SnippetChooserBlock("contacts.Person", label=_("person"))

    class Meta:
        icon = "user"
        template = "blocks/contact_card_block.html"
        label = _("Contact card")
        description = _("A person's name, title, e-mail and phone.")
        preview_value = {}


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3"],
        template="blocks/paragraph_block.html",
        icon="pilcrow",
        description=_("Formatted text with links and lists."),
        preview_value="<p>Kulturmetropolen er et samarbejde mellem ni kommuner.</p>",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()
    table = TableBlock(
        label=_("Table"),
        template="blocks/table_block.html",
        icon="table",
        description=_("A simple table with an optional header row."),
        preview_value={
            "data": [["Periode", "Tema"], ["2025-2028", "Nichekultur"]],
            "first_row_is_table_header": True,
        },
    )
    video = EmbedBlock(
        label=_("Embedded video"),
        template="blocks/embed_block.html",
        icon="media",
        description=_("A video from YouTube or Vimeo, by its address."),
        preview_value="https://www.youtube.com/watch?v=mwrGSfiB1Mg",
    )
    contact_card = ContactCardBlock()
