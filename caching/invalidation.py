"""What a change drops from the caches: the one place that answers it.

Every cached page and fragment records what it shows (caching.dependencies), and
a change drops the entries that show what changed, in every language, with the
feeds and the sitemap among them. A cache in front (nginx, a CDN) is purged for
the addresses of the pages dropped. What each change drops (``keys_of_page``):

- **publishing or unpublishing a page**: whatever shows it (its own address, the
  listings and links it appears in, its translations' language switchers), the
  listing of its parent's children, the listings of every instance of its type
  (the home page's latest news, the sitemap), the narrower listings its type
  names (``cache_listings``: a post's focus areas and topics), and its
  translations' switchers, which now offer it or no longer do;
- **moving it, or publishing it with a new slug**: the same for it and for every
  page below it, whose addresses changed, and the old parent's listing too;
- **deleting a live page**: the same as unpublishing it;
- **saving or deleting any other model**: whatever shows that instance, and the
  listings of every instance of its model (a new person in the contact directory).
  A saved draft drops nothing: it is a revision;
- **a site, a locale or a view restriction**: everything (the generation moves
  on), since they decide who sees which page where.

Skipped, because no public page shows them: the models in NON_PUBLIC_APPS and
NON_PUBLIC_MODELS (sessions, workflow states, log entries...). A test renders
every demo page and fails if one of them was shown (tests/home/test_page_cache.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.images.models import AbstractRendition
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from caching import routes
from caching.dependencies import (
    children_key,
    object_key,
    page_key,
    parents_listing_keys,
    translations_key,
)
from caching.store import GENERATION_KEY, ROUTES_KEY, bump, drop

#: What no public page shows: saving these drops nothing (the module docstring).
NON_PUBLIC_APPS = {
    "admin",
    "auth",
    "axes",
    "contenttypes",
    "sessions",
    "django_tasks_database",
    "editorial",
    "wagtail_localize",
    "wagtailadmin",
    "wagtailsearch",
    "wagtailusers",
}
NON_PUBLIC_MODELS = {
    "newsletter.delivery",
    "newsletter.subscriber",
    "wagtailcore.apitoken",
    "wagtailcore.collection",
    "wagtailcore.collectionviewrestriction",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.groupapprovaltask",
    "wagtailcore.groupcollectionpermission",
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupsitepermission",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.task",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.workflow",
    "wagtailcore.workflowcontenttype",
    "wagtailcore.workflowpage",
    "wagtailcore.workflowstate",
    "wagtailcore.workflowtask",
    "wagtailembeds.embed",
    "wagtailimages.rendition",
    "wagtailsearchpromotions.query",
    "wagtailsearchpromotions.querydailyhits",
}
#: Columns Wagtail fills in lazily on images and documents, even while rendering.
DERIVED_FIELDS = {"file_size", "file_hash"}
#: Who decides which page is seen where: a change drops everything.
SITE_WIDE_MODELS = (Site, Locale, PageViewRestriction)


def keys_of_page(page: Page, *, with_descendants: bool = False) -> set[str]:
    """The dependency keys a change of ``page`` drops (the module docstring)."""
    if type(page) is Page:
        with suppress(ObjectDoesNotExist):  # deleted with its specific row
            page = page.specific_deferred
    keys = {
        page_key(page.pk),
        children_key(page.path[: -page.steplen]),
        translations_key(page.translation_key),
        *parents_listing_keys(type(page)),
    }
    cache_listings = getattr(page, "cache_listings", None)
    if cache_listings is not None:
        keys.update(cache_listings())
    if with_descendants:
        descendants = Page.objects.descendant_of(page).values_list("pk", flat=True)
        keys.update(page_key(pk) for pk in descendants)
    return keys


def keys_of_instance(instance: Model) -> set[str]:
    model = type(instance)
    return {object_key(model, instance.pk), *parents_listing_keys(model)}


def drops_on_save(model: type[Model]) -> bool:
    """Whether saving or deleting an instance of ``model`` drops what shows it.

    False for the models no public page shows (NON_PUBLIC_APPS and _MODELS), for
    renditions, made while pages render, and for pages, which drop what shows
    them when published, unpublished, moved or deleted while live, never on a
    saved draft.
    """
    return not (
        model._meta.app_label in NON_PUBLIC_APPS
        or model._meta.label_lower in NON_PUBLIC_MODELS
        or issubclass(model, (Page, AbstractRendition, *SITE_WIDE_MODELS))
    )


def drop_keys(keys: Iterable[str]) -> None:
    """Drops what shows ``keys`` now, and again once the transaction commits: a
    visitor's render that read the data before the commit is not kept either.

    Every process also forgets the pages it remembered by URL (caching.routes):
    they are kept with what they were loaded with (a post with its image).
    """
    keys = set(keys)

    def run() -> None:
        bump(ROUTES_KEY)
        routes.forget_all()
        purge_in_front(drop(keys))

    run()
    transaction.on_commit(run)


def invalidate_all(**kwargs) -> None:
    """Drops every cached page and fragment, in every process."""
    bump(GENERATION_KEY)
    # Should the cache be unreachable, this process at least forgets at once.
    routes.forget_all()


def purge_in_front(urls: set[str]) -> None:
    """Purges the pages dropped from the cache in front, if one is configured.

    At once, not as a background task (Wagtail's ``purge_urls_from_cache``): a
    publish must not wait for a worker to reach readers behind the cache.
    """
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

        purge_urls_from_cache_task.call(sorted(urls))


def _page_changed(sender, instance: Page, **kwargs) -> None:
    drop_keys(keys_of_page(instance))


def _page_moved(sender, instance: Page, parent_page_before, **kwargs) -> None:
    keys = keys_of_page(instance, with_descendants=True)
    keys.add(children_key(parent_page_before.path))
    drop_keys(keys)


def _page_slug_changed(sender, instance: Page, **kwargs) -> None:
    drop_keys(keys_of_page(instance, with_descendants=True))


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and instance.live:
        _page_changed(sender, instance)


def _model_changed(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw or not drops_on_save(sender) or instance.pk is None:
        return
    if update_fields is not None and set(update_fields) <= DERIVED_FIELDS:
        return
    drop_keys(keys_of_instance(instance))


def _relation_changed(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        _model_changed(type(instance), instance)


def connect_signals() -> None:
    page_published.connect(_page_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(_page_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="page_cache_moved")
    page_slug_changed.connect(_page_slug_changed, dispatch_uid="page_cache_slug")
    post_delete.connect(_page_deleted, dispatch_uid="page_cache_deleted")
    for model in SITE_WIDE_MODELS:
        name = model._meta.model_name
        post_save.connect(
            invalidate_all, sender=model, dispatch_uid=f"page_cache_{name}_save"
        )
        post_delete.connect(
            invalidate_all, sender=model, dispatch_uid=f"page_cache_{name}_delete"
        )
    post_save.connect(_model_changed, dispatch_uid="page_cache_model_save")
    post_delete.connect(_model_changed, dispatch_uid="page_cache_model_delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="page_cache_m2m")
