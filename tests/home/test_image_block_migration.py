"""The site's image block became Wagtail's ImageBlock with a caption (home, news
and focusareas migrations, home/block_migrations.py). Pages, revisions,
wagtail-localize sources and comments stored in the old shape keep their image,
alternative text and caption, in Danish and in the English translation, and the
translation can still be synced from its source."""

import json
import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from wagtail.blocks import StreamValue
from wagtail.models import Comment, Revision
from wagtail_localize.models import Translation, TranslationContext, TranslationSource

from home import block_migrations
from home.demo import demo_image
from home.models import StandardPage
from tests.factories import StandardPageFactory

DESCRIBED = "0f7d63c6-6b3e-4bd5-9f5b-3d0c8b2a1c01"
DECORATIVE = "0f7d63c6-6b3e-4bd5-9f5b-3d0c8b2a1c02"
TEXTS = {
    "Koret": "The choir",
    "koret": "the-choir",
    "Et kor synger i domkirken": "A choir sings in the cathedral",
    "Roskilde Domkirke, 2024": "Roskilde Cathedral, 2024",
}


def figures(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return re.findall(
        r'<figure class="image-block">.*?</figure>', response.content.decode(), re.S
    )


def old_shape(stream: list) -> list:
    """What the site's own image block stored before Wagtail's ImageBlock."""
    return [
        {**child, "value": {**child["value"].pop("image"), **child["value"]}}
        if child["type"] == "image"
        else child
        for child in json.loads(json.dumps(stream))
    ]


def store_old_shape(pages: list[StandardPage], source: TranslationSource) -> None:
    """Writes ``pages``, their revisions, the translation source, its contexts and
    comments as the old block left them."""
    stream_block = StandardPage.body.field.stream_block
    for page in pages:
        raw = old_shape(list(page.body.raw_data))
        StandardPage.objects.filter(pk=page.pk).update(
            body=StreamValue(stream_block, raw, is_lazy=True)
        )
    for revision in Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(StandardPage)
    ):
        revision.content["body"] = json.dumps(
            old_shape(json.loads(revision.content["body"]))
        )
        revision.save(update_fields=["content"])
    content = json.loads(source.content_json)
    content["body"] = json.dumps(old_shape(json.loads(content["body"])))
    source.content_json = json.dumps(content)
    source.save(update_fields=["content_json"])
    for context in TranslationContext.objects.filter(path__contains=".image."):
        context.path = context.path.replace(".image.", ".")
        context.path_id = TranslationContext._get_path_id(context.path)
        context.field_path = context.field_path.replace("image.image", "image")
        context.save()
    Comment.objects.update(contentpath=f"body.{DESCRIBED}.alt_text")


def run_migration() -> None:
    for operation in block_migrations.nest_image_blocks("home", "StandardPage", "body"):
        operation.code(apps, None)


def publish_translation(source: TranslationSource, locale) -> None:
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    # save_target(publish=True) publishes on commit, which a test never reaches.
    translation.save_target(publish=False)
    source.get_translated_instance(locale).get_latest_revision().publish()


@pytest.fixture
def choir(homes, locales, django_user_model):
    """A Danish page with a described and a decorative image, translated into
    English with wagtail-localize, and an editor's comment on the alt text."""
    image = demo_image("Koret i domkirken")
    body = [
        {
            "type": "image",
            "id": DESCRIBED,
            "value": {
                "image": {
                    "image": image.pk,
                    "alt_text": "Et kor synger i domkirken",
                    "decorative": False,
                },
                "caption": "Roskilde Domkirke, 2024",
            },
        },
        {
            "type": "image",
            "id": DECORATIVE,
            "value": {
                "image": {"image": image.pk, "alt_text": "", "decorative": True},
                "caption": "",
            },
        },
    ]
    page = StandardPageFactory(
        parent=homes["da"], title="Koret", slug="koret", body=json.dumps(body)
    )
    page.save_revision().publish()
    Comment.objects.create(
        page=page,
        user=django_user_model.objects.create_user("redaktor", "r@example.org"),
        text="Er alt-teksten dækkende?",
        contentpath=f"body.{DESCRIBED}.image.alt_text",
    )
    source, _created = TranslationSource.get_or_create_from_instance(page)
    for segment in source.stringsegment_set.select_related("string", "context"):
        segment.string.translations.create(
            locale=locales["en"],
            context=segment.context,
            data=TEXTS.get(segment.string.data, segment.string.data),
        )
    publish_translation(source, locales["en"])
    return page, source


@pytest.mark.django_db
def test_old_image_blocks_keep_image_alt_and_caption_in_both_languages(
    choir, locales, client
):
    page, source = choir
    english = page.get_translation(locales["en"])
    before = {"da": figures(client, "/koret/"), "en": figures(client, "/en/the-choir/")}
    store_old_shape([page, english], source)

    run_migration()

    assert figures(client, "/koret/") == before["da"]
    assert figures(client, "/en/the-choir/") == before["en"]
    described, decorative = before["da"]
    assert 'alt="Et kor synger i domkirken"' in described
    assert "<figcaption>Roskilde Domkirke, 2024</figcaption>" in described
    assert 'alt=""' in decorative and "<figcaption>" not in decorative
    assert 'alt="A choir sings in the cathedral"' in before["en"][0]
    assert "<figcaption>Roskilde Cathedral, 2024</figcaption>" in before["en"][0]
    for item in (page, english):
        draft = StandardPage.objects.get(pk=item.pk).get_latest_revision_as_object()
        assert draft.body[0].value["image"].contextual_alt_text
        assert draft.body[1].value["image"].decorative is True
    source.refresh_from_db()
    stored = source.as_instance().body[0].value
    assert stored["image"].contextual_alt_text == "Et kor synger i domkirken"
    assert stored["caption"] == "Roskilde Domkirke, 2024"
    assert Comment.objects.get().contentpath == f"body.{DESCRIBED}.image.alt_text"


@pytest.mark.django_db
def test_translations_of_old_image_blocks_still_sync_from_their_source(
    choir, locales, client
):
    page, source = choir
    store_old_shape([page, page.get_translation(locales["en"])], source)
    run_migration()

    # An editor changes the Danish caption: the English page is synced again from
    # the source, and keeps its own alt text for the untouched image.
    page = StandardPage.objects.get(pk=page.pk)
    page.body[0].value["caption"] = "Roskilde Domkirke, maj 2024"
    page.save_revision().publish()
    source.update_from_db()
    new_caption = source.stringsegment_set.get(
        string__data="Roskilde Domkirke, maj 2024"
    )
    new_caption.string.translations.create(
        locale=locales["en"],
        context=new_caption.context,
        data="Roskilde Cathedral, May 2024",
    )
    publish_translation(source, locales["en"])

    (described, _decorative) = figures(client, "/en/the-choir/")
    assert 'alt="A choir sings in the cathedral"' in described
    assert "<figcaption>Roskilde Cathedral, May 2024</figcaption>" in described


def test_the_migration_leaves_new_and_other_blocks_as_they_are():
    old = {"image": 3, "alt_text": "Et kor", "decorative": False, "caption": "Koncert"}
    already_new = {
        "image": {"image": 3, "alt_text": "", "decorative": True},
        "caption": "",
    }
    stream = [
        {"type": "image", "value": old},  # stored before blocks had ids
        {"type": "paragraph", "value": "<p>Tekst</p>", "id": "p"},
        {"type": "image", "value": already_new, "id": "n"},
    ]

    nested, moved = block_migrations.nest_images_in_stream(stream, "image")

    assert nested[0]["value"] == {
        "image": {"image": 3, "alt_text": "Et kor", "decorative": False},
        "caption": "Koncert",
    }
    assert nested[1:] == stream[1:]
    assert moved == []
