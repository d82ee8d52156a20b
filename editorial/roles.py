"""The editorial roles as data: groups, permissions, collections and the workflow.

:func:`ensure_roles` is idempotent. It runs after every ``migrate`` (post_migrate)
and loading the demo; saving a municipality ensures that municipality's role,
so a municipality added later gets its editor group and collection at once.

How a municipality's editors are limited to their own pages
-----------------------------------------------------------
Wagtail's own page permissions do the work, so every admin view (explorer,
editor, preview, revisions, delete, copy, move, crafted POSTs) applies them:

* Each "Redaktør – <municipality>" group has **add** permission on every
  locale's home page. "Add" lets a user create pages below it and edit the
  pages they created themselves; it never lets them publish. The
  ``before_create_page`` hook limits editors to municipality-owned page types
  (news posts, projects, standard pages).
* Every page with an ``owner_municipality`` (``municipalities.MunicipalityOwnedMixin``)
  gets a **change** permission row for exactly that municipality's group, kept
  in sync by :func:`sync_page_permissions` whenever the page is saved (in any
  locale: the translations of a municipality share a ``translation_key``, so an
  English translation of a Roskilde page belongs to Roskilde's editors too).
  Pages without a municipality belong to the secretariat.
* No editor group has **publish**, so Wagtail offers them "Submit for approval"
  instead of "Publish", refuses publish/unpublish POSTs, and refuses deleting
  live pages.
* ``before_edit_page``/``before_delete_page`` hooks (editorial/wagtail_hooks.py)
  additionally refuse an editor a page of another municipality that sits below
  one of their own (permissions in Wagtail inherit down the tree).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.models import HomePage
from municipalities.models import Municipality, MunicipalityOwnedMixin

SECRETARIAT = "Sekretariatet"
TRANSLATORS = "Oversætter"
EDITOR_PREFIX = "Redaktør – "
WORKFLOW_NAME = "Godkendelse i sekretariatet"
TASK_NAME = "Sekretariatets godkendelse"
SHARED_COLLECTION = "Fælles"

# Apps whose non-page models (snippets, settings, newsletter, redirects, ...) the
# secretariat manages in full.
SECRETARIAT_APPS = [
    "home",
    "contacts",
    "focusareas",
    "news",
    "newsletter",
    "search",
    "wagtailredirects",
    "wagtailsearchpromotions",
]
# Snippets that editors and translators must be able to choose in page forms.
CHOOSABLE_SNIPPETS = [
    ("municipalities", "municipality"),
    ("contacts", "person"),
    ("focusareas", "agreementperiod"),
]
IMAGE_ACTIONS = ["add", "change", "choose", "delete"]


def municipality_owned_models() -> list[type[Page]]:
    """Returns the concrete page models whose pages belong to a municipality."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, MunicipalityOwnedMixin) and issubclass(model, Page)
    ]


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(action: str) -> Permission:
    return _permission("wagtailcore", f"{action}_page")


def _media_permissions(actions: Iterable[str]) -> list[Permission]:
    return [
        _permission(app_label, f"{action}_{model}")
        for app_label, model in (
            ("wagtailimages", "image"),
            ("wagtaildocs", "document"),
        )
        for action in actions
    ]


def _set_collection_permissions(
    group: Group, collection: Collection, permissions: list[Permission]
) -> None:
    for permission in permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


def _set_page_permissions(group: Group, page: Page, actions: Iterable[str]) -> None:
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_permission(action)
        )


def _child_collection(name: str) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def _secretariat_model_permissions() -> list[Permission]:
    page_models = {
        ContentType.objects.get_for_model(model, for_concrete_model=False).pk
        for model in apps.get_models()
        if issubclass(model, Page)
    }
    permissions = list(
        Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS).exclude(
            content_type__in=page_models
        )
    )
    permissions += [
        _permission("wagtailadmin", "access_admin"),
        _permission("wagtail_localize", "submit_translation"),
    ]
    return permissions


def _choose_snippet_permissions() -> list[Permission]:
    return [
        _permission(app_label, f"view_{model}")
        for app_label, model in CHOOSABLE_SNIPPETS
        if apps.is_installed(app_label)
    ]


def ensure_secretariat() -> Group:
    """Creates or completes the secretariat group. Returns it."""
    group, _created = Group.objects.get_or_create(name=SECRETARIAT)
    group.permissions.add(*_secretariat_model_permissions())
    _set_page_permissions(
        group,
        Page.get_first_root_node(),
        ["add", "change", "publish", "bulk_delete", "lock", "unlock"],
    )
    _set_collection_permissions(
        group, Collection.get_first_root_node(), _media_permissions(IMAGE_ACTIONS)
    )
    return group


def ensure_translators() -> Group:
    """Creates or completes the translators' group. Returns it.

    Translators may submit pages for translation (wagtail-localize) and edit the
    pages of every non-default language tree; they never publish: translations
    go through the same approval workflow as other changes.
    """
    group, _created = Group.objects.get_or_create(name=TRANSLATORS)
    group.permissions.add(
        _permission("wagtailadmin", "access_admin"),
        _permission("wagtail_localize", "submit_translation"),
        *_choose_snippet_permissions(),
    )
    default_locale = Locale.get_default()
    for home in HomePage.objects.exclude(locale=default_locale):
        _set_page_permissions(group, home, ["add", "change"])
    _set_collection_permissions(
        group, Collection.get_first_root_node(), _media_permissions(["choose"])
    )
    return group


def _municipalities_by_key() -> dict:
    """Returns {translation_key: municipality}, preferring the default locale."""
    default_locale_id = Locale.get_default().pk
    by_key: dict = {}
    for municipality in Municipality.objects.all():
        current = by_key.get(municipality.translation_key)
        if current is None or municipality.locale_id == default_locale_id:
            by_key[municipality.translation_key] = municipality
    return by_key


def representative(municipality: Municipality) -> Municipality:
    """The translation that names a municipality's role: the default locale's."""
    default = Municipality.objects.filter(
        translation_key=municipality.translation_key,
        locale=Locale.get_default(),
    ).first()
    return default or municipality


def ensure_editor_role(municipality: Municipality):
    """Creates or completes the editor group and collection of one municipality."""
    from editorial.models import MunicipalEditorRole

    name = f"{EDITOR_PREFIX}{municipality.name}"[:150]
    role = (
        MunicipalEditorRole.objects.select_related("group", "collection")
        .filter(municipality_key=municipality.translation_key)
        .first()
    )
    if role is None:
        group, _created = Group.objects.get_or_create(name=name)
        role = MunicipalEditorRole.objects.create(
            municipality_key=municipality.translation_key, group=group
        )
    elif role.group.name != name:
        role.group.name = name
        role.group.save(update_fields=["name"])
    if role.collection is None:
        role.collection = _child_collection(municipality.name)
        role.save(update_fields=["collection"])

    group = role.group
    group.permissions.add(
        _permission("wagtailadmin", "access_admin"), *_choose_snippet_permissions()
    )
    for home in HomePage.objects.all():
        _set_page_permissions(group, home, ["add"])
    _set_collection_permissions(
        group, role.collection, _media_permissions(IMAGE_ACTIONS)
    )
    _set_collection_permissions(
        group,
        _child_collection(SHARED_COLLECTION),
        _media_permissions(["add", "choose"]),
    )
    return role


def ensure_workflow(secretariat: Group) -> Workflow:
    """Creates the approval workflow on the root page, so it covers every locale."""
    from editorial.models import SecretariatApprovalTask

    task = SecretariatApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = SecretariatApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(secretariat)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    root = Page.get_first_root_node()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow


def sync_page_permissions(pages: Iterable[Page] | None = None) -> None:
    """Gives each municipality's editor group "change" on exactly its own pages.

    With ``pages`` None every municipality-owned page is synchronised; otherwise
    only the given (specific) pages.
    """
    from editorial.models import MunicipalEditorRole

    group_by_key = dict(
        MunicipalEditorRole.objects.values_list("municipality_key", "group_id")
    )
    change = _page_permission("change")
    existing = GroupPagePermission.objects.filter(
        permission=change, group__in=set(group_by_key.values())
    )
    if pages is None:
        wanted = _editor_permissions_of_owned_pages(group_by_key)
    else:
        pages = list(pages)
        wanted = _editor_permissions_of(pages, group_by_key)
        existing = existing.filter(page__in={page.pk for page in pages})
    _replace_page_permissions(existing, wanted, change)


def _editor_permissions_of_owned_pages(
    group_by_key: dict[Any, int],
) -> set[tuple[int, int]]:
    """(editor group, page) for every page owned by a municipality with editors."""
    wanted = set()
    for model in municipality_owned_models():
        rows = model.objects.values_list("pk", "owner_municipality__translation_key")
        wanted.update(
            (group_by_key[key], page_id) for page_id, key in rows if key in group_by_key
        )
    return wanted


def _editor_permissions_of(
    pages: list[Page], group_by_key: dict[Any, int]
) -> set[tuple[int, int]]:
    """(editor group, page) for those of ``pages`` owned by a municipality with
    editors."""
    wanted = set()
    for page in pages:
        municipality = page.owner_municipality
        if municipality and municipality.translation_key in group_by_key:
            wanted.add((group_by_key[municipality.translation_key], page.pk))
    return wanted


def _replace_page_permissions(
    existing: QuerySet, wanted: set[tuple[int, int]], permission: Permission
) -> None:
    """Makes ``existing`` (group, page) permissions exactly ``wanted``."""
    have = set(existing.values_list("group_id", "page_id"))
    with transaction.atomic():
        for group_id, page_id in have - wanted:
            existing.filter(group_id=group_id, page_id=page_id).delete()
        GroupPagePermission.objects.bulk_create(
            [
                GroupPagePermission(
                    group_id=group_id, page_id=page_id, permission=permission
                )
                for group_id, page_id in wanted - have
            ]
        )


def ensure_roles() -> None:
    """Creates or completes every role, collection and the workflow. Idempotent."""
    with transaction.atomic():
        secretariat = ensure_secretariat()
        ensure_translators()
        for municipality in _municipalities_by_key().values():
            ensure_editor_role(municipality)
        ensure_workflow(secretariat)
        sync_page_permissions()
