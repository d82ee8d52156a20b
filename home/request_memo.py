"""Values one request reads once, however many templates, tags and Wagtail calls ask.

A page view asks Wagtail for the active ``Locale`` from the router, the home-page
link, the footer links and the newsletter form (five identical queries), and for
the view restrictions from every listing. ``memo(key, compute)`` answers the
second and later asks of one request from the first; outside a request (shell,
tasks, tests without a client) it computes afresh every time. Nothing is kept
between requests, so nothing here needs invalidating: a save during the request
that changes a memoised value calls ``forget(key)``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import translation

T = TypeVar("T")

_values: ContextVar[dict[Hashable, object] | None] = ContextVar(
    "request_memo", default=None
)


def memo(key: Hashable, compute: Callable[[], T]) -> T:
    """Returns ``compute()``, once per request for the same key."""
    values = _values.get()
    if values is None:
        return compute()
    if key not in values:
        values[key] = compute()
    return values[key]  # type: ignore[return-value]


def peek(key: Hashable, default: object = None) -> object:
    """The value memoised under ``key`` in this request, or ``default``."""
    values = _values.get()
    if values is None:
        return default
    return values.get(key, default)


def prime(key: Hashable, value: object) -> None:
    """Records a value the request has read anyway (the routed page's locale)."""
    values = _values.get()
    if values is not None:
        values.setdefault(key, value)


def forget(key: Hashable | None = None) -> None:
    """Drops one memoised value of the running request, or all of them."""
    values = _values.get()
    if values is not None:
        if key is None:
            values.clear()
        else:
            values.pop(key, None)


def remember_active_locale() -> None:
    """Makes ``Locale.get_active()`` ask the database once a request per language.

    Wagtail calls it from ``Page.localized`` (the router, every link to a
    translated page) and its forms; it is a classmethod without a cache of its
    own, so it is wrapped here rather than in each caller.
    """
    from wagtail.models import Locale

    if getattr(Locale.get_active, "_memoised", False):
        return
    uncached = Locale.get_active.__func__

    def get_active(cls):
        return memo(_locale_key(translation.get_language()), lambda: uncached(cls))

    get_active._memoised = True
    Locale.get_active = classmethod(get_active)
    # A locale added or removed during a request (the admin) is seen at once.
    post_save.connect(_forget_all, sender=Locale, dispatch_uid="memo_locale_save")
    post_delete.connect(_forget_all, sender=Locale, dispatch_uid="memo_locale_delete")


def _locale_key(language_code: str) -> tuple[str, str]:
    return ("active-locale", language_code)


def prime_active_locale(locale) -> None:
    """Records the active language's Locale, read anyway with the routed page."""
    prime(_locale_key(locale.language_code), locale)


def _forget_all(**kwargs) -> None:
    forget()


class RequestMemoMiddleware:
    """Gives each request an empty memo, dropped when its response is made."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _values.set({})
        try:
            return self.get_response(request)
        finally:
            _values.reset(token)
