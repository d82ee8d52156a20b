"""The last line of the approval rule: nothing public changes without a publisher.

Wagtail's and wagtail-localize's admin views each check permissions on their own,
and a view that forgets publishes without approval (wagtail-localize's "convert to
alias" did: a translator turned a live Swedish page into an alias of the Danish
one). So the writes themselves are guarded too. While a request of somebody who
may not publish runs, saving or deleting what an anonymous visitor sees is refused
with PermissionDenied, and :class:`PublishingGuardMiddleware` rolls the whole
request back:

* a live page's public fields (a draft revision, the draft title, locking and
  the like stay allowed), a new live page (copies, aliases), deleting a live page;
* a page's view restrictions (privacy);
* snippets and settings without drafts, which are live as soon as they are saved
  (people, municipalities, agreement periods, site settings), unless the user may
  change them;
* images and documents that a live page shows or links to.

Work outside a request (the scheduler publishing an approved revision, management
commands, background tasks) is never refused.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.signals import pre_delete, pre_save
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import (
    DraftStateMixin,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import get_snippet_models

#: Page columns that only the admin shows: writing them makes no change public.
DRAFT_ONLY_PAGE_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_by",
    "locked_at",
    "owner",
    "numchild",
    "wagtail_admin_comments",
}
#: Image and document columns Wagtail fills in lazily, even while rendering.
DERIVED_MEDIA_FIELDS = {"file_size", "file_hash"}

_request: ContextVar[HttpRequest | None] = ContextVar("guarded_request", default=None)
_refused: ContextVar[bool] = ContextVar("guard_refused", default=False)


class PublishingGuardMiddleware:
    """Makes the request's user known to the guard; rolls back a refused request.

    A write request of a signed-in user runs in one transaction, so a refusal in
    the middle of a view leaves nothing of it behind.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        refused = _refused.set(False)
        try:
            if request.method in ("GET", "HEAD", "OPTIONS") or not (
                request.user.is_authenticated
            ):
                return self.get_response(request)
            with transaction.atomic():
                response = self.get_response(request)
                if _refused.get():
                    transaction.set_rollback(True)
                return response
        finally:
            _refused.reset(refused)
            _request.reset(token)


def _acting_user() -> AbstractBaseUser | None:
    """The user of the current request; None outside requests and for superusers."""
    request = _request.get()
    if request is None:
        return None
    user = getattr(request, "user", None)
    if user is None or user.is_superuser:
        return None
    return user


def _refuse() -> None:
    _refused.set(True)
    raise PermissionDenied(
        _(
            "Only the secretariat can change what visitors see. Save a draft and "
            "submit it for approval instead."
        )
    )


def _may_publish_anywhere(user: AbstractBaseUser) -> bool:
    if not hasattr(user, "_guard_may_publish"):
        user._guard_may_publish = PagePermissionPolicy().user_has_permission(
            user, "publish"
        )
    return user._guard_may_publish


def _prepped(field: models.Field, value):
    return field.get_prep_value(value)


def _changed_public_page_fields(page: Page, update_fields) -> bool:
    """True if saving ``page`` now writes a public field with a new value."""
    concrete = {field.name: field for field in type(page)._meta.concrete_fields}
    names = set(update_fields) if update_fields is not None else set(concrete)
    names = {name for name in names if name in concrete} - DRAFT_ONLY_PAGE_FIELDS
    names.discard(type(page)._meta.pk.name)
    fields = [concrete[name] for name in names]
    stored = (
        type(page)
        ._base_manager.filter(pk=page.pk)
        .values(*[field.attname for field in fields])
        .first()
    )
    if stored is None:
        return True
    return any(
        _prepped(field, stored[field.attname])
        != _prepped(field, getattr(page, field.attname))
        for field in fields
    )


def guard_page_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    user = _acting_user()
    if user is None:
        return
    if instance._state.adding or instance.pk is None:
        if not instance.live:
            return
        parent = instance.get_parent() if instance.path else None
        if (
            parent is None
            or not parent.permissions_for_user(user).can_publish_subpage()
        ):
            _refuse()
        return
    was_live = (
        Page.objects.filter(pk=instance.pk).values_list("live", flat=True).first()
    )
    if not (was_live or instance.live):
        return
    if instance.permissions_for_user(user).can_publish():
        return
    if _changed_public_page_fields(instance, update_fields):
        _refuse()


def guard_page_delete(sender, instance, **kwargs):
    if not isinstance(instance, Page) or not instance.live:
        return
    user = _acting_user()
    if user is not None and not instance.permissions_for_user(user).can_publish():
        _refuse()


def guard_view_restriction(sender, instance, raw=False, **kwargs):
    if raw:
        return
    user = _acting_user()
    if user is not None and not instance.page.permissions_for_user(user).can_publish():
        _refuse()


def _is_live_content(model: type[models.Model]) -> bool:
    """Snippets and settings without drafts are public as soon as they are saved."""
    is_setting = issubclass(model, BaseSiteSetting | BaseGenericSetting)
    is_snippet = model in get_snippet_models()
    return (is_setting or is_snippet) and not issubclass(model, DraftStateMixin)


def _guard_live_content(instance, action: str) -> None:
    if not _is_live_content(type(instance)):
        return
    user = _acting_user()
    opts = instance._meta
    if user is not None and not user.has_perm(
        f"{opts.app_label}.{action}_{opts.model_name}"
    ):
        _refuse()


def guard_live_content_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if not instance._state.adding:
        _guard_live_content(instance, "change")
    elif not isinstance(instance, BaseSiteSetting | BaseGenericSetting):
        # Settings are created with their defaults on first use, by anybody.
        _guard_live_content(instance, "add")


def guard_live_content_delete(sender, instance, **kwargs):
    _guard_live_content(instance, "delete")


def _shown_on_live_page(instance: models.Model) -> bool:
    page_ids = [
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(instance)
        .filter(base_content_type__app_label="wagtailcore")
        .values_list("object_id", flat=True)
    ]
    return Page.objects.filter(pk__in=page_ids, live=True).exists()


def guard_media(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, AbstractImage | AbstractDocument):
        return
    if instance.pk is None or instance._state.adding:
        return
    if update_fields is not None and set(update_fields) <= DERIVED_MEDIA_FIELDS:
        return
    user = _acting_user()
    if user is None or _may_publish_anywhere(user):
        return
    if _shown_on_live_page(instance):
        _refuse()


def connect() -> None:
    """Connects the guard to every model save and delete (see the module docstring)."""
    for signal, receiver in (
        (pre_save, guard_page_save),
        (pre_delete, guard_page_delete),
        (pre_save, guard_live_content_save),
        (pre_delete, guard_live_content_delete),
        (pre_save, guard_media),
        (pre_delete, guard_media),
    ):
        signal.connect(receiver, dispatch_uid=f"editorial_guard_{receiver.__name__}")
    for signal in (pre_save, pre_delete):
        signal.connect(
            guard_view_restriction,
            sender=PageViewRestriction,
            dispatch_uid=f"editorial_guard_view_restriction_{signal is pre_save}",
        )
