"""Which pages lack a translation and which translations lag behind their source.

A translation counts as existing when a page with the same translation key lives
in the target locale and is not an alias of a page in another language (an alias
only repeats the source text). It is out of date when its source was published
after the translation's newest revision: the translated text has not been
brought up to date since the source changed.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import Translation


@dataclass
class MissingTranslations:
    source: Page
    missing_locales: list[Locale]


@dataclass
class OutdatedTranslation:
    source: Page
    translation: Page
    source_changed_at: datetime
    translated_at: datetime | None


@dataclass
class TranslationStatus:
    missing: list[MissingTranslations] = field(default_factory=list)
    outdated: list[OutdatedTranslation] = field(default_factory=list)


def unsubmitted_translations() -> QuerySet:
    """Returns draft pages made by wagtail-localize that await submission.

    These are translated pages that are not live, or have unpublished changes,
    and are not in an approval workflow; newest revision first.
    """
    made_by_localize = Translation.objects.filter(
        enabled=True,
        source__object_id=OuterRef("translation_key"),
        target_locale_id=OuterRef("locale_id"),
    )
    in_workflow = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), CharField()),
        status__in=[
            WorkflowState.STATUS_IN_PROGRESS,
            WorkflowState.STATUS_NEEDS_CHANGES,
        ],
    )
    return (
        Page.objects.filter(Exists(made_by_localize), alias_of__isnull=True)
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .exclude(Exists(in_workflow))
        .select_related("locale")
        .order_by("-latest_revision_created_at")
    )


def real_translations(queryset: QuerySet) -> QuerySet:
    """Filters out aliases of pages in another language: they are not translations."""
    return queryset.filter(Q(alias_of__isnull=True) | Q(alias_of__locale=F("locale")))


SOURCE_FIELDS = (
    "id",
    "title",
    "translation_key",
    "locale_id",
    "last_published_at",
    "latest_revision_created_at",
    "depth",
    "path",
    "content_type_id",
)
TRANSLATION_FIELDS = (*SOURCE_FIELDS, "draft_title", "live", "has_unpublished_changes")


def get_translation_status(source_locale: Locale | None = None) -> TranslationStatus:
    """Returns the live source pages missing translations and the stale translations.

    Source pages are the live, non-alias pages below the home page in
    ``source_locale`` (the default language when omitted). Runs three queries,
    however many pages there are.
    """
    if source_locale is None:
        source_locale = Locale.get_default()
    target_locales = [
        locale
        for locale in Locale.objects.exclude(pk=source_locale.pk)
        if locale.language_code in dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    ]
    sources = list(
        Page.objects.filter(locale=source_locale, depth__gt=1, alias_of__isnull=True)
        .live()
        .order_by("path")
        .only(*SOURCE_FIELDS)
    )
    translations = real_translations(
        Page.objects.filter(
            translation_key__in=[page.translation_key for page in sources],
            locale__in=target_locales,
        )
    ).only(*TRANSLATION_FIELDS)
    by_key: dict[tuple, Page] = {
        (page.translation_key, page.locale_id): page for page in translations
    }
    status = TranslationStatus()
    for source in sources:
        _add_status(status, source, target_locales, by_key)
    return status


def _add_status(
    status: TranslationStatus,
    source: Page,
    target_locales: list[Locale],
    by_key: dict[tuple, Page],
) -> None:
    """Adds what ``source`` lacks, and its outdated translations, to ``status``."""
    missing = []
    for locale in target_locales:
        translation = by_key.get((source.translation_key, locale.pk))
        if translation is None:
            missing.append(locale)
            continue
        translation.locale = locale
        changed_at = source.last_published_at
        translated_at = translation.latest_revision_created_at
        if changed_at and (translated_at is None or translated_at < changed_at):
            status.outdated.append(
                OutdatedTranslation(source, translation, changed_at, translated_at)
            )
    if missing:
        status.missing.append(MissingTranslations(source, missing))
