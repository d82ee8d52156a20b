"""What a cached page or fragment shows, recorded while it renders.

A cached entry is dropped when something it shows changes (caching.invalidation),
so each entry keeps the keys of what it depends on, the way a CDN keeps surrogate
keys (Fastly's ``Surrogate-Key``, Cloudflare's ``Cache-Tag``):

- every model instance loaded from the database while it rendered, recorded by
  itself (a ``post_init`` receiver): its page, the pages and snippets it lists or
  links, the images behind its renditions, the site settings. Pages are keyed by
  their id whatever their specific class, renditions by their image;
- listings that a new object can join, declared by the code that lists them with
  ``depends_on``: the children of a page (``children_key``), every instance of a
  model (``listing_key``), a page's translations (``translations_key``), or a
  narrower listing a model names itself (``NewsPage.cache_listings``).

Recording is on only inside ``recording()``: outside a cached render a loaded
instance costs one function call.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Model
from django.db.models.signals import post_init

_recording: ContextVar[set[str] | None] = ContextVar("cache_dependencies", default=None)


@functools.cache
def _root_label(model: type[Model]) -> str:
    """The label instances of ``model`` are keyed by: its topmost concrete parent,
    so a NewsPage and the Page it extends are the same object."""
    root = model._meta.concrete_model
    for parent in root._meta.get_parent_list():
        if not parent._meta.get_parent_list():
            root = parent
    return root._meta.label_lower


def object_key(model: type[Model], pk) -> str:
    return f"{_root_label(model)}:{pk}"


def page_key(page_id) -> str:
    return f"wagtailcore.page:{page_id}"


def children_key(parent_path: str) -> str:
    """The listing of the pages directly below the page at tree path ``parent_path``."""
    return f"children:{parent_path}"


def listing_key(model: type[Model]) -> str:
    """Every instance of ``model``: for listings a new instance joins wherever it is."""
    return f"list:{model._meta.label_lower}"


def translations_key(translation_key) -> str:
    return f"translations:{translation_key}"


def depends_on(*keys: str) -> None:
    """Records that what is being rendered shows ``keys`` (see the module docstring)."""
    keys_seen = _recording.get()
    if keys_seen is not None:
        keys_seen.update(keys)


def recorded_so_far() -> frozenset[str]:
    """What the running recording holds now (nothing outside a recording)."""
    return frozenset(_recording.get() or ())


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collects the keys of what is rendered inside; they count for the enclosing
    recording too (a fragment's keys are its page's)."""
    outer = _recording.get()
    keys: set[str] = set()
    token = _recording.set(keys)
    try:
        yield keys
    finally:
        _recording.reset(token)
        if outer is not None:
            outer.update(keys)


def record_unpickled(instance: Model, seen: set[int] | None = None) -> None:
    """Records an instance that was kept in memory rather than loaded (no
    ``post_init``), with the related objects kept with it (its image, say)."""
    seen = set() if seen is None else seen
    if id(instance) in seen:  # related objects may point back
        return
    seen.add(id(instance))
    _record_loaded_instance(type(instance), instance)
    for related in instance._state.fields_cache.values():
        if isinstance(related, Model):
            record_unpickled(related, seen)


def _record_loaded_instance(sender, instance, **kwargs) -> None:
    keys = _recording.get()
    if keys is None or instance.pk is None:
        return
    image_id = getattr(instance, "image_id", None)
    if image_id is not None and _is_rendition(sender):
        keys.add(object_key(instance._meta.get_field("image").related_model, image_id))
    else:
        keys.add(object_key(sender, instance.pk))


@functools.cache
def _is_rendition(model: type[Model]) -> bool:
    from wagtail.images.models import AbstractRendition

    return issubclass(model, AbstractRendition)


def connect_signals() -> None:
    post_init.connect(_record_loaded_instance, dispatch_uid="cache_dependencies")


def parents_listing_keys(model: type[Model]) -> Iterable[str]:
    """``listing_key`` of ``model`` and of every concrete model it extends."""
    yield listing_key(model)
    for parent in model._meta.get_parent_list():
        yield listing_key(parent)
