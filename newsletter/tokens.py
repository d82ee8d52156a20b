"""Signed, expiring confirmation tokens for the double opt-in.

A token names the subscriber and the moment of the sign-up it confirms, so a new
sign-up (for instance after unsubscribing) makes every older link invalid.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from .models import Subscriber

SALT = "newsletter.confirm"


def confirmation_max_age() -> int:
    """Seconds a confirmation link stays valid (NEWSLETTER_CONFIRM_MAX_AGE)."""
    return getattr(settings, "NEWSLETTER_CONFIRM_MAX_AGE", 3 * 24 * 3600)


def make_confirmation_token(subscriber: Subscriber) -> str:
    return signing.dumps(
        {"id": subscriber.pk, "at": int(subscriber.subscribed_at.timestamp())},
        salt=SALT,
        compress=True,
    )


@dataclass(frozen=True)
class TokenCheck:
    """The outcome of reading a confirmation token: a subscriber or a reason."""

    subscriber: Subscriber | None = None
    expired: bool = False


def read_confirmation_token(token: str) -> TokenCheck:
    """Returns the subscriber the token confirms, or why it cannot be used.

    Tampered tokens and tokens of an older sign-up give an empty result; tokens
    older than ``confirmation_max_age()`` give ``expired=True``.
    """
    try:
        data = signing.loads(token, salt=SALT, max_age=confirmation_max_age())
    except signing.SignatureExpired:
        return TokenCheck(expired=True)
    except signing.BadSignature:
        return TokenCheck()
    if not isinstance(data, dict):
        return TokenCheck()
    subscriber = Subscriber.objects.filter(pk=data.get("id")).first()
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return TokenCheck()
    if int(subscriber.subscribed_at.timestamp()) != data.get("at"):
        return TokenCheck()
    return TokenCheck(subscriber=subscriber)
