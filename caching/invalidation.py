"""What a change drops from the caches: the one place that answers it.

Invalidation is a generation counter (caching.store): every cached page and
fragment key includes it, and any change a public page could show moves it on,
dropping every cached page at once, in every language, with the feeds and the
sitemap. A page is shown in many places (its index, the home page, feeds, the
sitemap, its translations' switchers) and editors publish a few times an hour
while visitors read thousands of times, so dropping all is cheap and never stale.

What drops everything (``drops_everything``): publishing, unpublishing, moving or
deleting a live page; saving or deleting a site or a view restriction; saving or
deleting any other model, unless it is one no public page shows
(NON_PUBLIC_APPS, NON_PUBLIC_MODELS). A draft saved drops nothing: it is a
revision. tests/home/test_page_cache.py walks every model.
"""

import time

from django.db.models.signals import post_delete, post_save
from wagtail.images.models import AbstractRendition
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from caching import routes
from caching.store import GENERATION_KEY, shared_cache

#: What no public page shows: saving these drops nothing. Every other model's
#: save or delete drops the cached pages, so a new app or snippet is covered
#: without anyone listing it (tests/home/test_page_cache.py walks every model).
#: Pages are handled by the publishing signals: a saved draft changes nothing
#: public. Renditions and embeds are made while a page renders; a search logs its
#: query (the popular-searches report); the rest is the admin's own bookkeeping.
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


def invalidate_all(**kwargs) -> None:
    """Drops every cached page and fragment (the module docstring says why all)."""
    cache = shared_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
    # Should the cache be unreachable, this process at least forgets at once.
    routes.forget_all()


def drops_everything(model: type) -> bool:
    """Whether saving or deleting an instance of ``model`` drops the cached pages.

    False for the models no public page shows (NON_PUBLIC_APPS and _MODELS) and
    for pages, which drop them when published, unpublished, moved or deleted
    while live (the signals in ``connect_signals``), never on a saved draft.
    """
    return not (
        model._meta.app_label in NON_PUBLIC_APPS
        or model._meta.label_lower in NON_PUBLIC_MODELS
        or issubclass(model, Page | AbstractRendition)
    )


#: Columns Wagtail fills in lazily on images and documents, even while rendering.
DERIVED_FIELDS = {"file_size", "file_hash"}


def _invalidate_on_model_change(sender, raw=False, update_fields=None, **kwargs):
    if raw or not drops_everything(sender):
        return
    if update_fields is not None and set(update_fields) <= DERIVED_FIELDS:
        return
    invalidate_all()


def connect_signals() -> None:
    page_published.connect(invalidate_all, dispatch_uid="page_cache_published")
    page_unpublished.connect(invalidate_all, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(invalidate_all, dispatch_uid="page_cache_moved")
    post_delete.connect(
        _invalidate_on_page_delete, sender=None, dispatch_uid="page_cache_deleted"
    )
    # A site, or who may see a page, changes what every process has remembered.
    for model in (Site, PageViewRestriction):
        name = model._meta.model_name
        post_save.connect(
            invalidate_all, sender=model, dispatch_uid=f"page_cache_{name}_save"
        )
        post_delete.connect(
            invalidate_all, sender=model, dispatch_uid=f"page_cache_{name}_delete"
        )
    post_save.connect(_invalidate_on_model_change, dispatch_uid="page_cache_model_save")
    post_delete.connect(
        _invalidate_on_model_change, dispatch_uid="page_cache_model_delete"
    )


def _invalidate_on_page_delete(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and instance.live:
        invalidate_all()
