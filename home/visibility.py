"""What an anonymous visitor may see, with the view restrictions read once a request.

Wagtail's ``PageQuerySet.public()`` reads every PageViewRestriction each time it
is called, and one page view calls it for the menu, the language switcher, each
listing and the neighbouring posts: seven queries for the same rows on the home
page. ``public_q()`` is the same condition, from the restrictions this request has
already read (``home.request_memo``); outside a request it reads them afresh.
"""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction

from home.request_memo import forget, memo, prime

_KEY = "restricted-paths"


def restricted_paths() -> list[str]:
    """The tree paths of the pages with a view restriction, heads of hidden subtrees."""
    return memo(
        _KEY,
        lambda: list(
            PageViewRestriction.objects.order_by().values_list("page__path", flat=True)
        ),
    )


def prime_restricted_paths(paths: list[str]) -> None:
    """Records the restricted paths the request has read with other pages
    (home/frame.py)."""
    prime(_KEY, paths)


def public_q() -> Q:
    """The condition of ``PageQuerySet.public()``: outside every restricted subtree."""
    condition = Q()
    for path in restricted_paths():
        condition &= ~Q(path__startswith=path)
    return condition


def _forget(**kwargs) -> None:
    forget(_KEY)


post_save.connect(_forget, sender=PageViewRestriction, dispatch_uid="visibility_save")
post_delete.connect(
    _forget, sender=PageViewRestriction, dispatch_uid="visibility_delete"
)
