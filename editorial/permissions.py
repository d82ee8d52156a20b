"""Which municipality's pages a user may manage (see editorial/roles.py for the design).

Wagtail's page permissions do the enforcement; these helpers answer the
questions the hooks and dashboard panels ask on top of them.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AbstractBaseUser
from wagtail.models import Page

from municipalities.models import Municipality, MunicipalityOwnedMixin

_CACHE_ATTR = "_editorial_municipality_keys"


def editor_municipality_keys(user: AbstractBaseUser) -> set[UUID]:
    """Returns the translation keys of the municipalities ``user`` edits for.

    Cached on the user object for the duration of a request.
    """
    if not user.is_authenticated:
        return set()
    if not hasattr(user, _CACHE_ATTR):
        from editorial.models import MunicipalEditorRole

        keys = set(
            MunicipalEditorRole.objects.filter(group__user=user).values_list(
                "municipality_key", flat=True
            )
        )
        setattr(user, _CACHE_ATTR, keys)
    return getattr(user, _CACHE_ATTR)


def is_municipal_editor(user: AbstractBaseUser) -> bool:
    """True for members of a "Redaktør – …" group who are not superusers."""
    return not user.is_superuser and bool(editor_municipality_keys(user))


def may_manage_page(user: AbstractBaseUser, page: Page) -> bool:
    """False if a municipal editor must keep their hands off ``page``.

    Publishers (the secretariat) and users who are not municipal editors are
    left to Wagtail's permissions. An editor may manage a municipality-owned
    page of one of their municipalities, or a page without a municipality that
    they created themselves.
    """
    if not is_municipal_editor(user):
        return True
    if page.permissions_for_user(user).can_publish():
        return True
    page = page.specific_deferred
    if not isinstance(page, MunicipalityOwnedMixin):
        return False
    if page.owner_municipality_id is None:
        return page.owner_id == user.pk
    key = (
        Municipality.objects.filter(pk=page.owner_municipality_id)
        .values_list("translation_key", flat=True)
        .first()
    )
    return key in editor_municipality_keys(user)


def default_municipality_for(user: AbstractBaseUser, page: Page) -> Municipality | None:
    """Returns the municipality a new page by ``user`` belongs to, if unambiguous.

    Prefers the municipality's translation in the page's locale.
    """
    keys = editor_municipality_keys(user)
    if len(keys) != 1:
        return None
    candidates = Municipality.objects.filter(translation_key__in=keys)
    return (
        candidates.filter(locale_id=page.locale_id).first()
        or candidates.order_by("id").first()
    )
