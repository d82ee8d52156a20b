"""A fixed-window rate limit kept in Django's cache.

Only salted hashes of the client's IP address and of the e-mail address are used
as keys, and they expire with the window: nothing identifying is stored.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

DEFAULT_LIMITS = {"ip": (10, 3600), "email": (3, 3600)}


def _limit(kind: str) -> tuple[int, int]:
    limits = getattr(settings, "NEWSLETTER_RATE_LIMITS", {})
    return limits.get(kind, DEFAULT_LIMITS[kind])


def client_ip(request: HttpRequest) -> str:
    """The address the request came from (REMOTE_ADDR; a proxy must set it)."""
    return request.META.get("REMOTE_ADDR", "")


def is_over_limit(kind: str, value: str) -> bool:
    """Counts one attempt for ``value`` and tells whether it exceeds the limit.

    ``kind`` is "ip" or "email"; limits come from NEWSLETTER_RATE_LIMITS as
    ``{kind: (attempts, seconds)}``.
    """
    attempts, window = _limit(kind)
    digest = salted_hmac("newsletter.ratelimit", f"{kind}:{value}").hexdigest()
    key = f"newsletter:rl:{kind}:{digest}"
    if cache.add(key, 1, timeout=window):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window)
            count = 1
    return count > attempts
