"""What an anonymous visitor may see, with the view restrictions read once a request.

Wagtail's ``PageQuerySet.public()`` reads every PageViewRestriction each time it
is called, and one page view calls it for the menu, the language switcher, each
listing and the neighbouring posts: seven queries for the same rows on the home
page. ``public_q()`` is the same condition, from the restrictions this request has
already read (``RequestMemoMiddleware``); outside a request it reads them afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from wagtail.models import PageViewRestriction

_restricted_paths: ContextVar[list[str] | None] = ContextVar(
    "restricted_paths", default=None
)
_in_request: ContextVar[bool] = ContextVar("in_request", default=False)


def restricted_paths() -> list[str]:
    """The tree paths of the pages with a view restriction, heads of hidden subtrees."""
    paths = _restricted_paths.get()
    if paths is None:
        paths = list(
            PageViewRestriction.objects.order_by().values_list("page__path", flat=True)
        )
        if _in_request.get():
            _restricted_paths.set(paths)
    return paths


def public_q() -> Q:
    """The condition of ``PageQuerySet.public()``: outside every restricted subtree."""
    condition = Q()
    for path in restricted_paths():
        condition &= ~Q(path__startswith=path)
    return condition


def _forget(**kwargs) -> None:
    _restricted_paths.set(None)


post_save.connect(_forget, sender=PageViewRestriction, dispatch_uid="visibility_save")
post_delete.connect(
    _forget, sender=PageViewRestriction, dispatch_uid="visibility_delete"
)


class RequestMemoMiddleware:
    """Lets a request read the view restrictions once (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        in_request = _in_request.set(True)
        paths = _restricted_paths.set(None)
        try:
            return self.get_response(request)
        finally:
            _restricted_paths.reset(paths)
            _in_request.reset(in_request)
