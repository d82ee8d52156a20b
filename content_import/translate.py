"""Translating an imported page or snippet with wagtail-localize's machinery."""

from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail_localize.models import Translation, TranslationSource

from translations.relations import localize_relations


def translate(
    instance: TranslatableMixin, strings: dict[Locale, dict[str, str]]
) -> list[tuple[str, str]]:
    """Translates ``instance`` into each locale of ``strings`` and publishes it.

    Each source string is translated to ``strings[locale][source]``; a string not
    there keeps the translation it has. Returns (language, source string) for the
    strings that have none (they show the source text). Changes nothing when the
    strings (and, for a snippet, the source) are as they were.
    """
    previous = (
        TranslationSource.objects.filter(
            object_id=instance.translation_key, locale_id=instance.locale_id
        )
        .values_list("last_updated_at", flat=True)
        .first()
    )
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    # A page's stored source changes with its tree (children added later), which
    # is no reason to publish its translations again; a snippet's means new content.
    source_changed = previous != source.last_updated_at and not isinstance(
        instance, Page
    )
    missing = []
    for locale, texts in strings.items():
        translation, created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        changed, untranslated = store_strings(source, locale, texts)
        missing += [(locale.language_code, text) for text in untranslated]
        stale = created or source_changed or changed
        if stale or instance.get_translation_or_none(locale) is None:
            save_translation(translation, source, locale, instance)
        point_relations_at_translations(instance.get_translation(locale))
    return missing


def store_strings(
    source: TranslationSource, locale: Locale, texts: dict[str, str]
) -> tuple[bool, list[str]]:
    """Stores ``texts[source string]`` as the translation of each of ``source``'s
    strings into ``locale``. Returns whether any translation changed, and the
    source strings that have no translation."""
    changed = False
    missing = []
    for segment in source.stringsegment_set.select_related("string", "context"):
        text = texts.get(segment.string.data)
        existing = segment.string.translations.filter(
            locale=locale, context=segment.context
        ).first()
        if text is None:
            if existing is None:
                missing.append(segment.string.data)
        elif existing is None:
            segment.string.translations.create(
                locale=locale,
                context=segment.context,
                data=text,
                translation_type="manual",
            )
            changed = True
        elif existing.data != text:
            existing.data = text
            existing.save()
            changed = True
    return changed, missing


def save_translation(translation, source, locale, instance) -> None:
    # Pages are saved as a draft and published here: publish=True would publish
    # only when the outermost transaction commits. Snippets without drafts are
    # saved as they are.
    translation.save_target(publish=not isinstance(instance, DraftStateMixin))
    target = source.get_translated_instance(locale)
    if isinstance(target, Page):
        target = target.specific
        revision = target.get_latest_revision()
        if revision and (not target.live or target.has_unpublished_changes):
            revision.publish()


def translated_locales(instance: TranslatableMixin) -> list[Locale]:
    """The locales ``instance`` has wagtail-localize translations in."""
    targets = Translation.objects.filter(
        source__object_id=instance.translation_key,
        source__locale_id=instance.locale_id,
    ).values("target_locale")
    return list(Locale.objects.filter(pk__in=targets).order_by("pk"))


def point_relations_at_translations(item: TranslatableMixin) -> None:
    """Links a translation to translated people, focus areas etc. and publishes."""
    if isinstance(item, Page):
        item = item.specific.get_latest_revision_as_object()
        if localize_relations(item):
            item.save_revision().publish()
    elif localize_relations(item):
        item.save()
