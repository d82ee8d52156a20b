"""Data migrations of the shared blocks' stored JSON, used by the migrations of
every app whose pages have a ``BaseStreamBlock`` body.

The site's own image block stored ``{"image": 7, "alt_text": "…", "decorative":
false, "caption": "…"}``; ``CaptionedImageBlock`` stores Wagtail's ImageBlock
under ``image``: ``{"image": {"image": 7, "alt_text": "…", "decorative": false},
"caption": "…"}``. The alternative text's content path gains a step
(``body.<block id>.alt_text`` becomes ``body.<block id>.image.alt_text``), so
wagtail-localize's contexts and Wagtail's comments that name it move with it, and
existing translations stay attached to the text they translate.
"""

import json
import re
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations
from django.utils.deconstruct import deconstructible
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import BaseBlockOperation

#: The old block's fields that now belong to Wagtail's ImageBlock.
IMAGE_FIELDS = ("image", "alt_text", "decorative")


def is_old_image_value(value: Any) -> bool:
    return isinstance(value, dict) and not isinstance(value.get("image"), dict)


def nest_image_value(value: dict) -> dict:
    """The new shape of one stored image block value (already new: unchanged)."""
    if not is_old_image_value(value):
        return value
    return {
        "image": {
            "image": value.get("image"),
            "alt_text": value.get("alt_text") or "",
            "decorative": bool(value.get("decorative")),
        },
        "caption": value.get("caption") or "",
    }


@deconstructible
class NestImageBlockOperation(BaseBlockOperation):
    """Moves an image block's image, alternative text and "decorative" flag into
    Wagtail's ImageBlock, keeping its caption beside it."""

    def apply(self, block_value):
        return nest_image_value(block_value)

    @property
    def operation_name_fragment(self):
        return "nest_image_block"


def nest_images_in_stream(stream: list, block_type: str) -> tuple[list, list[str]]:
    """The stream with its old-shape image blocks nested, and those blocks' ids."""
    nested, moved = [], []
    for child in stream:
        if child.get("type") == block_type and is_old_image_value(child.get("value")):
            child = {**child, "value": nest_image_value(child["value"])}
            if child.get("id"):
                moved.append(child["id"])
        nested.append(child)
    return nested, moved


def new_path(field_name: str, block_id: str, leaf: str) -> str:
    return f"{field_name}.{block_id}.image.{leaf}"


def move_contexts(apps, object_id, field_name: str, block_ids: list[str]) -> None:
    """Points wagtail-localize's contexts of the moved fields at their new path, so
    their segments, translations and overrides follow."""
    from wagtail_localize.models import TranslationContext as CurrentContext

    Context = apps.get_model("wagtail_localize", "TranslationContext")
    for block_id in block_ids:
        for leaf in IMAGE_FIELDS:
            path = new_path(field_name, block_id, leaf)
            path_id = CurrentContext._get_path_id(path)
            if Context.objects.filter(object_id=object_id, path_id=path_id).exists():
                continue
            Context.objects.filter(
                object_id=object_id, path=f"{field_name}.{block_id}.{leaf}"
            ).update(
                path=path,
                path_id=path_id,
                field_path=f"{field_name}.image.image.{leaf}",
            )


def migrate_translation_sources(apps, app_label: str, model_name: str, field_name):
    """Nests the image blocks in wagtail-localize's copies of the source pages."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Source = apps.get_model("wagtail_localize", "TranslationSource")
    content_type = ContentType.objects.filter(
        app_label=app_label, model=model_name.lower()
    ).first()
    if content_type is None:  # a new database: nothing was translated yet
        return
    for source in Source.objects.filter(specific_content_type=content_type):
        content = json.loads(source.content_json)
        stored = content.get(field_name)
        stream = json.loads(stored) if isinstance(stored, str) else stored
        if not stream:
            continue
        stream, moved = nest_images_in_stream(stream, "image")
        if not moved:
            continue
        content[field_name] = json.dumps(stream) if isinstance(stored, str) else stream
        Source.objects.filter(pk=source.pk).update(
            content_json=json.dumps(content, cls=DjangoJSONEncoder)
        )
        move_contexts(apps, source.object_id, field_name, moved)


def migrate_comments(apps, app_label: str, model_name: str, field_name: str):
    """Moves editors' comments on an image's alternative text (or image) along."""
    Comment = apps.get_model("wagtailcore", "Comment")
    old = re.compile(rf"^{re.escape(field_name)}\.([^.]+)\.({'|'.join(IMAGE_FIELDS)})$")
    comments = Comment.objects.filter(
        page__content_type__app_label=app_label,
        page__content_type__model=model_name.lower(),
        contentpath__startswith=f"{field_name}.",
    )
    for comment in comments:
        match = old.match(comment.contentpath)
        if match:
            Comment.objects.filter(pk=comment.pk).update(
                contentpath=new_path(field_name, *match.groups())
            )


def nest_image_blocks(app_label: str, model_name: str, field_name: str) -> list:
    """The migration operations that move one model's stored image blocks (the
    pages, their revisions, translation sources and comments) to the new shape."""

    def forwards(apps, schema_editor):
        migrate_translation_sources(apps, app_label, model_name, field_name)
        migrate_comments(apps, app_label, model_name, field_name)

    forwards.__name__ = f"nest_image_blocks_{model_name.lower()}_{field_name}"
    return [
        MigrateStreamData(
            app_name=app_label,
            model_name=model_name,
            field_name=field_name,
            operations_and_block_paths=[(NestImageBlockOperation(), "image")],
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
