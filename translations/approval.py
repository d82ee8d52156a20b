"""Submitting a translation for approval instead of publishing it.

wagtail-localize's translation editor only offers "Publish", which people without
publish permission (translators) never see. These helpers let a translator save
the strings they translated into a draft of the translated page and hand that
draft to the page's approval workflow; it goes live when the workflow is approved.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.models import Page, WorkflowState
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import Translation
from wagtail_localize.segments.ingest import ingest_segments


class NoWorkflowError(Exception):
    """The page has no approval workflow, so it cannot be submitted."""


@dataclass(frozen=True)
class Submission:
    """What happened when a translation was submitted."""

    page: Page
    workflow_state: WorkflowState
    started: bool


def get_translation_for_page(page: Page) -> Translation | None:
    """Returns the enabled wagtail-localize translation that produces ``page``.

    None when the page is not a synced translation (e.g. it is a source page or
    was translated by hand).
    """
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .exclude(source__locale_id=page.locale_id)
        .select_related("source", "target_locale")
        .first()
    )


def can_submit_translation(user: AbstractBaseUser, page: Page) -> bool:
    """True when ``user`` may hand the translation ``page`` to the approval workflow.

    They need edit permission on the translated page, the page must be produced by
    an enabled wagtail-localize translation and have a workflow.
    """
    if page.locked or get_translation_for_page(page) is None:
        return False
    return page.permissions_for_user(user).can_edit() and page.has_workflow


def save_translation_draft(translation: Translation, user: AbstractBaseUser) -> None:
    """Saves the translated strings as a new draft revision of the target page.

    wagtail-localize's ``save_target(publish=False)`` saves the page itself as
    well, which for a live page makes the new text public at once. For a live page
    the translated version is therefore built in memory and only stored as a
    revision; a page that is not live yet is left to wagtail-localize (it creates
    the page when it does not exist).
    """
    source = translation.source
    locale = translation.target_locale
    target = source.get_translated_instance(locale)
    if not target.live or target.alias_of_id:
        translation.save_target(user=user, publish=False)
        return
    original = source.as_instance()
    copy_synchronised_fields(original, target)
    # The same segments wagtail-localize ingests in save_target (with fallback).
    segments = source._get_segments_for_translation(locale, fallback=True)
    ingest_segments(original, target, source.locale, locale, segments)
    target.save_revision(user=user)


@transaction.atomic
def submit_translation_for_approval(page: Page, user: AbstractBaseUser) -> Submission:
    """Saves the current translated strings of ``page`` as a draft and submits it.

    The page is never published here: its live version (if any) stays as it was.
    A workflow already in progress keeps running and will publish the new draft
    when approved; one that was sent back for changes is resumed.

    Raises PermissionDenied if the user may not submit it and NoWorkflowError
    if no workflow covers the page.
    """
    page = page.specific
    if not can_submit_translation(user, page):
        if page.permissions_for_user(user).can_edit() and not page.has_workflow:
            raise NoWorkflowError
        raise PermissionDenied
    save_translation_draft(get_translation_for_page(page), user)
    page.refresh_from_db()

    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return Submission(page, state, started=False)
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
        return Submission(page, state, started=False)
    workflow = page.get_workflow()
    if workflow is None:
        raise NoWorkflowError
    return Submission(page, workflow.start(page, user), started=True)
