"""Home and standard pages: page tree rules, rendering, meta data, blocks, sitemap."""

import re

import pytest
from django.test import Client
from django.utils import translation
from wagtail.blocks import StructBlockValidationError
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import streamfield

from contacts.models import ContactDirectoryPage
from focusareas.models import FocusAreaIndexPage, FocusAreaPage, ProjectPage
from home.blocks import BaseStreamBlock, CaptionedImageBlock
from home.demo import demo_image
from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage
from newsletter.models import NewsletterArchivePage
from tests.editorial.helpers import create_news
from tests.factories import (
    AgreementPeriodFactory,
    FocusAreaIndexPageFactory,
    FocusAreaPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)
from tests.home.helpers import count_queries


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (StandardPage, HomePage, True),
        (FocusAreaIndexPage, HomePage, True),
        (NewsIndexPage, HomePage, True),
        (ContactDirectoryPage, HomePage, True),
        (NewsletterArchivePage, HomePage, True),
        (NewsPage, HomePage, False),
        (FocusAreaPage, HomePage, False),
        (ProjectPage, HomePage, False),
        (ProjectPage, StandardPage, False),
        (ProjectPage, FocusAreaIndexPage, False),
        (ProjectPage, FocusAreaPage, True),
        (FocusAreaPage, FocusAreaIndexPage, True),
        (StandardPage, StandardPage, True),
    ],
)
def test_page_type_parent_rules(child, parent, allowed):
    assert child.is_creatable is True
    assert (parent in child.allowed_parent_page_models()) is allowed
    assert (child in parent.allowed_subpage_models()) is allowed


@pytest.mark.django_db
def test_news_page_cannot_be_added_under_home_page(homes):
    assert NewsPage.can_create_at(homes["da"]) is False
    assert StandardPage.can_create_at(homes["da"]) is True


@pytest.mark.django_db
def test_only_one_focus_area_index_per_home(homes):
    FocusAreaIndexPageFactory(parent=homes["da"])

    assert FocusAreaIndexPage.can_create_at(homes["da"]) is False
    assert FocusAreaIndexPage.can_create_at(homes["en"]) is True


@pytest.mark.django_db
def test_admin_refuses_news_page_under_home_page(admin_client: Client, homes):
    home = homes["da"]

    refused = admin_client.get(f"/admin/pages/add/news/newspage/{home.pk}/")
    allowed = admin_client.get(f"/admin/pages/add/home/standardpage/{home.pk}/")

    assert refused.status_code == 302
    assert refused["Location"] == "/admin/"
    assert allowed.status_code == 200


@pytest.mark.django_db
def test_admin_offers_only_allowed_child_types(admin_client: Client, homes):
    html = admin_client.get(f"/admin/pages/{homes['da'].pk}/add_subpage/").content
    html = html.decode()

    assert "/add/home/standardpage/" in html
    assert "/add/contacts/contactdirectorypage/" in html
    assert "/add/news/newspage/" not in html
    assert "/add/focusareas/projectpage/" not in html


@pytest.mark.django_db
def test_admin_refuses_project_outside_focus_area(admin_client: Client, homes):
    index = FocusAreaIndexPageFactory(parent=homes["da"])
    area = FocusAreaPageFactory(parent=index)

    refused = admin_client.get(f"/admin/pages/add/focusareas/projectpage/{index.pk}/")
    allowed = admin_client.get(f"/admin/pages/add/focusareas/projectpage/{area.pk}/")

    assert refused.status_code == 302
    assert allowed.status_code == 200


def publish_home(home: HomePage, **fields) -> HomePage:
    for name, value in fields.items():
        setattr(home, name, value)
    home.save_revision().publish()
    return home


@pytest.mark.django_db
def test_home_page_shows_hero_featured_focus_areas_and_latest_news(
    client: Client, homes
):
    home = homes["da"]
    index = FocusAreaIndexPageFactory(parent=home)
    area = FocusAreaPageFactory(
        parent=index,
        title="Nichekultur",
        agreement_period=AgreementPeriodFactory(),
    )
    news_index = NewsIndexPageFactory(parent=home)
    for day in range(1, 6):
        NewsPageFactory(
            parent=news_index, title=f"Nyhed nummer {day}", date=f"2025-03-0{day}"
        )
    NewsPageFactory(parent=news_index, title="Kladde", date="2025-04-01", live=False)
    publish_home(
        home,
        hero_heading="Kultur på tværs",
        hero_intro="Ni kommuner arbejder sammen.",
        hero_image=demo_image("Hero"),
        featured_focus_areas=[area],
        news_count=3,
    )

    html = client.get("/").content.decode()

    assert "<h1>Kultur på tværs</h1>" in html
    assert "Ni kommuner arbejder sammen." in html
    assert "<picture>" in html and 'type="image/avif"' in html
    assert "Nichekultur" in html
    titles = [f"Nyhed nummer {day}" for day in (5, 4, 3)]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Nyhed nummer 2" not in html
    assert "Kladde" not in html


@pytest.mark.django_db
def test_home_page_news_stays_in_its_language(client: Client, homes):
    NewsPageFactory(
        parent=NewsIndexPageFactory(parent=homes["da"]), title="Dansk nyhed om kor"
    )
    NewsPageFactory(
        parent=NewsIndexPageFactory(parent=homes["en"]), title="English post on choirs"
    )

    danish = client.get("/").content.decode()
    english = client.get("/en/").content.decode()

    assert "Dansk nyhed om kor" in danish
    assert "English post on choirs" not in danish
    assert "English post on choirs" in english
    assert "Dansk nyhed om kor" not in english


@pytest.mark.django_db
def test_home_page_includes_newsletter_signup_only_when_switched_on(
    client: Client, homes
):
    shown = client.get("/").content.decode()
    publish_home(homes["da"], show_newsletter_signup=False)
    hidden = client.get("/").content.decode()

    assert 'action="/newsletter/subscribe/"' in shown
    assert 'action="/newsletter/subscribe/"' not in hidden


def test_template_exists_tag():
    from home.templatetags.content_tags import template_exists

    assert template_exists("base.html") is True
    assert template_exists("nowhere/missing.html") is False


@pytest.mark.django_db
def test_standard_page_renders_title_intro_and_body(client: Client, homes):
    StandardPageFactory(
        parent=homes["da"],
        title="Om os",
        slug="om-os",
        intro="Kort om partnerskabet.",
        body=[
            ("heading", {"text": "Historie", "level": "h2"}),
            ("paragraph", RichText("<p>Siden 2021.</p>")),
            ("quote", {"text": "Kultur samler.", "attribution": "En borger"}),
        ],
    )

    response = client.get("/om-os/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Om os</h1>" in html
    assert "Kort om partnerskabet." in html
    assert "<h2>Historie</h2>" in html
    assert "<p>Siden 2021.</p>" in html
    assert "<blockquote><p>Kultur samler.</p></blockquote>" in html
    assert "— En borger" in html


@pytest.mark.django_db
def test_meta_tags_describe_the_page(client: Client, homes):
    StandardPageFactory(
        parent=homes["da"],
        title="Vision",
        slug="vision",
        intro="Livskvalitet og udvikling.",
    )

    html = client.get("/vision/").content.decode()

    assert '<meta name="description" content="Livskvalitet og udvikling.">' in html
    # The canonical address uses the site's configured host name, not the request's.
    assert '<link rel="canonical" href="http://localhost/vision/">' in html
    assert '<meta property="og:url" content="http://localhost/vision/">' in html
    assert '<meta property="og:title" content="Vision">' in html
    assert '<meta property="og:type" content="website">' in html
    assert '<meta property="og:locale" content="da_DK">' in html


@pytest.mark.django_db
def test_meta_tags_follow_language_and_search_description(client: Client, homes):
    publish_home(
        homes["en"],
        search_description="Culture across nine municipalities.",
        hero_image=demo_image("Hero"),
    )

    html = client.get("/en/").content.decode()

    assert '<meta property="og:locale" content="en_GB">' in html
    assert 'content="Culture across nine municipalities."' in html
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/[^"]*1200x630',
        html,
    )


@pytest.mark.django_db
def test_meta_locale_for_swedish(client: Client):
    html = client.get("/sv/").content.decode()

    assert '<meta property="og:locale" content="sv_SE">' in html


@pytest.mark.django_db
def test_sitemap_lists_live_pages(client: Client, homes):
    StandardPageFactory(parent=homes["da"], slug="om-kulturmetropolen")
    StandardPageFactory(parent=homes["da"], slug="udkast", live=False)

    response = client.get("/sitemap.xml")

    xml = response.content.decode()
    assert response.status_code == 200
    assert "/om-kulturmetropolen/</loc>" in xml
    assert "/udkast/" not in xml


def image_value(image, alt_text="", decorative=False, caption=""):
    """A stored image block: Wagtail's ImageBlock under ``image``, and a caption."""
    return {
        "image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative},
        "caption": caption,
    }


@pytest.mark.django_db
def test_image_block_requires_alt_text_unless_decorative():
    block = CaptionedImageBlock()
    image = demo_image("Blok")

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(image_value(image)))
    problem = error.value.block_errors["image"].block_errors["alt_text"]
    with translation.override("da"):  # the message is translated when shown
        assert "Skriv en alternativ tekst" in " ".join(problem.messages)
    with translation.override("en"):
        assert "Please add some alt text" in " ".join(problem.messages)

    assert block.clean(block.to_python(image_value(image, decorative=True)))
    assert block.clean(block.to_python(image_value(image, alt_text="Et kor")))


@pytest.mark.django_db
def test_image_block_renders_picture_with_alt_text_or_empty_alt():
    image = demo_image("Blok")
    block = CaptionedImageBlock()

    described = block.render(
        block.to_python(image_value(image, "Et kor synger", caption="Koncert"))
    )
    decorative = block.render(
        block.to_python(image_value(image, "Et kor synger", decorative=True))
    )

    assert 'alt="Et kor synger"' in described
    assert 'type="image/avif"' in described and 'type="image/webp"' in described
    assert "srcset=" in described and 'width="' in described and 'height="' in described
    assert "<figcaption>Koncert</figcaption>" in described
    assert 'alt=""' in decorative and "Et kor synger" not in decorative
    assert "<figcaption>" not in decorative


@pytest.mark.django_db
def test_an_editor_adds_an_image_with_alt_text_and_caption_in_the_page_editor(
    admin_client, homes
):
    index = NewsIndexPageFactory(parent=homes["da"], slug="nyheder")
    image = demo_image("Koncert")

    def body(alt_text: str) -> dict:
        value = {"image": image.pk, "alt_text": alt_text, "decorative": ""}
        return streamfield([("image", {"image": value, "caption": "Foto: KM"})])

    refused = create_news(
        admin_client, index, "Koncert", body=body(""), action="action-publish"
    )
    assert refused.status_code == 200 and not NewsPage.objects.exists()
    assert "Skriv en alternativ tekst" in refused.content.decode()

    create_news(
        admin_client, index, "Koncert", body=body("Et kor"), action="action-publish"
    )
    html = Client().get(NewsPage.objects.get().url).content.decode()
    assert 'alt="Et kor"' in html and "<figcaption>Foto: KM</figcaption>" in html


@pytest.mark.django_db
def test_remaining_blocks_render(homes):
    stream = BaseStreamBlock()
    value = stream.to_python(
        [
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Tilmeld dig",
                    "text": "Få nyhederne.",
                    "page": homes["da"].pk,
                    "url": "",
                    "button_label": "Tilmeld",
                },
            },
            {
                "type": "table",
                "value": {
                    "data": [["Periode", "Tema"], ["2025-2028", "Nichekultur"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                },
            },
            {"type": "heading", "value": {"text": "Mindre", "level": "h3"}},
        ]
    )

    html = stream.render(value)

    assert "<h2>Tilmeld dig</h2>" in html
    assert 'class="button" href="/"' in html
    assert '<th scope="col">Periode</th>' in html
    assert "<td>Nichekultur</td>" in html
    assert "<h3>Mindre</h3>" in html


@pytest.mark.django_db
def test_document_link_block_shows_type_and_size():
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="Kulturaftale", file=ContentFile(b"x" * 2048, name="aftale.pdf")
    )
    block = BaseStreamBlock().child_blocks["document"]

    html = block.render(block.to_python({"document": document.pk, "title": ""}))

    assert ">Kulturaftale</a>" in html
    assert re.search(r"\(PDF, 2[,.]0\s*KB\)", html)


@pytest.mark.django_db
def test_home_page_queries_do_not_grow_with_news_and_focus_areas(
    client: Client, homes, django_assert_num_queries
):
    home = homes["da"]
    image = demo_image("Fælles")
    period = AgreementPeriodFactory()
    index = FocusAreaIndexPageFactory(parent=home)
    news_index = NewsIndexPageFactory(parent=home)

    def add(count: int) -> None:
        for _ in range(count):
            FocusAreaPageFactory(parent=index, image=image, agreement_period=period)
            NewsPageFactory(parent=news_index, image=image)
        publish_home(
            home,
            hero_image=image,
            news_count=60,
            featured_focus_areas=list(FocusAreaPage.objects.all()),
        )

    add(2)
    client.get("/")
    few = count_queries(client, "/")
    add(10)
    client.get("/")

    with django_assert_num_queries(few):
        response = client.get("/")
    assert response.content.decode().count('class="card news-card"') == 12
