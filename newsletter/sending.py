"""Resumable, idempotent sending of newsletter issues.

``tasks.schedule_issue`` creates one Delivery per matching subscriber (at most one
per issue and person, whatever the language) and enqueues ``tasks.send_issue``.
``send_pending`` is the worker's loop. Each delivery moves through conditional
UPDATEs (``... WHERE status = <expected> AND claim_token = <mine>``), so any number
of workers can run the same issue and a restarted worker picks up where a killed
one stopped:

- pending -> claimed: reserved in small batches; a crash leaves them "claimed",
  and a later run puts stale claims back to pending (they never left).
- claimed -> sending: right before the message goes to the mail server. A crash
  here leaves the outcome unknown, so a stale "sending" delivery is marked failed
  and never sent again: each e-mail goes out at most once.
- sending -> sent, or after an SMTP error back to pending with an exponential
  backoff (``NEWSLETTER_RETRY_BACKOFF`` seconds, doubled per attempt) until
  ``NEWSLETTER_MAX_ATTEMPTS`` attempts, then failed.
"""

import logging
import secrets
import smtplib
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.utils import timezone

from .emails import IssueEmailContext, build_issue_email
from .models import Delivery, NewsletterPage, Subscriber

logger = logging.getLogger(__name__)

CLAIM_BATCH = 50
RETRYABLE_ERRORS = (smtplib.SMTPException, OSError)


def max_attempts() -> int:
    return getattr(settings, "NEWSLETTER_MAX_ATTEMPTS", 5)


def retry_backoff() -> float:
    return getattr(settings, "NEWSLETTER_RETRY_BACKOFF", 60)


def stale_after() -> timedelta:
    """How long a claim may last before a new run treats its worker as dead."""
    return timedelta(seconds=getattr(settings, "NEWSLETTER_STALE_CLAIM_SECONDS", 900))


def issue_translations(issue: NewsletterPage) -> list[NewsletterPage]:
    """The live language versions of an issue."""
    return list(
        issue.get_translations(inclusive=True)
        .live()
        .specific()
        .select_related("locale")
        .order_by("locale__language_code")
    )


def create_deliveries(issue: NewsletterPage) -> int:
    """Adds a pending Delivery for every matching subscriber not yet served.

    Covers every live translation; each subscriber gets the version in their
    language. Running it again adds only subscribers confirmed since. Returns
    the number of deliveries created.
    """
    created = 0
    for translation in issue_translations(issue):
        served = Delivery.objects.filter(issue_key=issue.translation_key).values(
            "subscriber_id"
        )
        subscriber_ids = (
            translation.matching_subscribers()
            .exclude(pk__in=served)
            .values_list("pk", flat=True)
        )
        new = [
            Delivery(
                issue=translation,
                issue_key=issue.translation_key,
                subscriber_id=pk,
            )
            for pk in subscriber_ids.iterator()
        ]
        Delivery.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
        created += len(new)
    return created


def recover_stale(issue_key: uuid.UUID) -> None:
    """Releases the claims of workers that stopped; see the module docstring."""
    cutoff = timezone.now() - stale_after()
    queue = Delivery.objects.filter(issue_key=issue_key, claimed_at__lte=cutoff)
    queue.filter(status=Delivery.Status.CLAIMED).update(
        status=Delivery.Status.PENDING, claim_token="", claimed_at=None
    )
    queue.filter(status=Delivery.Status.SENDING).update(
        status=Delivery.Status.FAILED,
        last_error="Interrupted while handing the e-mail to the mail server; "
        "not sent again to avoid a duplicate.",
    )


def claim_batch(issue_key: uuid.UUID, size: int = CLAIM_BATCH) -> list[Delivery]:
    """Reserves up to ``size`` due deliveries for this worker and returns them."""
    now = timezone.now()
    token = secrets.token_hex(16)
    due = Delivery.objects.filter(
        issue_key=issue_key,
        status=Delivery.Status.PENDING,
        next_attempt_at__lte=now,
    ).order_by("pk")
    candidate_ids = list(due.values_list("pk", flat=True)[:size])
    if not candidate_ids:
        return []
    Delivery.objects.filter(
        pk__in=candidate_ids, status=Delivery.Status.PENDING
    ).update(status=Delivery.Status.CLAIMED, claim_token=token, claimed_at=now)
    return list(
        Delivery.objects.filter(claim_token=token, status=Delivery.Status.CLAIMED)
        .select_related("subscriber")
        .order_by("pk")
    )


def _transition(delivery: Delivery, from_status: str, **changes) -> bool:
    return bool(
        Delivery.objects.filter(
            pk=delivery.pk, status=from_status, claim_token=delivery.claim_token
        ).update(**changes)
    )


def send_one(delivery: Delivery, shared: IssueEmailContext, connection) -> str:
    """Sends one claimed delivery; returns its new status."""
    if delivery.subscriber.status != Subscriber.Status.CONFIRMED:
        _transition(delivery, Delivery.Status.CLAIMED, status=Delivery.Status.CANCELLED)
        return Delivery.Status.CANCELLED
    message = build_issue_email(shared, delivery.subscriber)
    if not _transition(
        delivery,
        Delivery.Status.CLAIMED,
        status=Delivery.Status.SENDING,
        attempts=delivery.attempts + 1,
    ):
        return "lost"  # another run took it over after a stale claim
    try:
        connection.send_messages([message])
    except RETRYABLE_ERRORS as error:
        attempts = delivery.attempts + 1
        logger.warning("Newsletter delivery %s failed: %s", delivery.pk, error)
        if attempts >= max_attempts():
            _transition(
                delivery,
                Delivery.Status.SENDING,
                status=Delivery.Status.FAILED,
                last_error=str(error)[:1000],
            )
            return Delivery.Status.FAILED
        delay = retry_backoff() * 2 ** (attempts - 1)
        _transition(
            delivery,
            Delivery.Status.SENDING,
            status=Delivery.Status.PENDING,
            claim_token="",
            next_attempt_at=timezone.now() + timedelta(seconds=delay),
            last_error=str(error)[:1000],
        )
        return Delivery.Status.PENDING
    Delivery.objects.filter(pk=delivery.pk, claim_token=delivery.claim_token).update(
        status=Delivery.Status.SENT, sent_at=timezone.now()
    )
    return Delivery.Status.SENT


def send_pending(issue_key: uuid.UUID, connection=None) -> dict[str, int]:
    """Sends every due delivery of an issue; returns counts by outcome.

    Retries that are not yet due are left pending; the caller (the task)
    re-enqueues itself for them.
    """
    recover_stale(issue_key)
    connection = connection or get_connection()
    shared: dict[int, IssueEmailContext] = {}
    outcome: dict[str, int] = {}
    while batch := claim_batch(issue_key):
        for delivery in batch:
            if delivery.issue_id not in shared:
                issue = NewsletterPage.objects.select_related("locale").get(
                    pk=delivery.issue_id
                )
                shared[delivery.issue_id] = IssueEmailContext.for_issue(issue)
            status = send_one(delivery, shared[delivery.issue_id], connection)
            outcome[status] = outcome.get(status, 0) + 1
    return outcome


def next_retry_at(issue_key: uuid.UUID):
    """When the earliest waiting retry of an issue is due, or None."""
    return (
        Delivery.objects.filter(issue_key=issue_key, status=Delivery.Status.PENDING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
