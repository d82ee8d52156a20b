"""Resumable, exactly-once sending of newsletter issues by any number of workers.

``tasks.schedule_issue`` creates one Delivery per matching subscriber (at most one
per issue and person, whatever the language) and enqueues ``tasks.send_issue``
more than once (``NEWSLETTER_PARALLEL_SENDS``), so several workers share an issue
and any one of them finishes it should the others die. ``send_pending`` is each
worker's loop:

- each delivery is taken with a row lock (``SELECT ... FOR UPDATE SKIP LOCKED``)
  in its own transaction, which lasts until its outcome is recorded: workers
  never take the same delivery, and a worker killed half-way (even by SIGKILL)
  leaves no claim behind, since PostgreSQL drops its locks and rolls its
  transaction back when the connection closes: the delivery is pending again
  and the next worker sends it;
- a worker that finds only deliveries other workers hold waits for them (a
  plain ``FOR UPDATE``) before it stops, so a dead worker's delivery is always
  taken over by a live one, without a timeout or a manual step;
- after an SMTP error a delivery goes back to pending with an exponential
  backoff (``NEWSLETTER_RETRY_BACKOFF`` seconds, doubled per attempt) until
  ``NEWSLETTER_MAX_ATTEMPTS`` attempts, then failed.

The one window left: a worker that dies after the mail server accepted a message
and before its transaction commits (the few microseconds between the server's
"250" and COMMIT) has it sent again. Rows an earlier version left "claimed" or
"sending" are recovered by ``recover_stale``.
On SQLite, which has no row locks, the transaction takes the database's write
lock instead, so workers send one at a time.
"""

import logging
import smtplib
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from .emails import IssueEmailContext, build_issue_email
from .models import Delivery, NewsletterPage, Subscriber

logger = logging.getLogger(__name__)

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


def lock_next(issue_key: uuid.UUID) -> tuple[Delivery | None, bool]:
    """Locks the next due delivery of the issue no other worker holds.

    Returns ``(delivery, True)``, or ``(None, True)`` after waiting for a
    delivery another worker held (ask again), or ``(None, False)`` when no due
    delivery is left. Call inside a transaction, which holds the lock.
    """
    due = Delivery.objects.filter(
        issue_key=issue_key,
        status=Delivery.Status.PENDING,
        next_attempt_at__lte=timezone.now(),
    ).order_by("pk")
    delivery = (
        due.select_for_update(skip_locked=True, of=("self",))
        .select_related("subscriber")
        .first()
    )
    if delivery is not None:
        return delivery, True
    if not due.exists():
        return None, False
    # Only deliveries other workers hold: wait for one, in case its worker died.
    held = due.select_for_update(of=("self",)).select_related("subscriber").first()
    return held, True


def send_one(delivery: Delivery, shared: IssueEmailContext, connection) -> str:
    """Sends one locked delivery and records the outcome; returns its new status."""
    delivery.claimed_at = timezone.now()
    if delivery.subscriber.status != Subscriber.Status.CONFIRMED:
        delivery.status = Delivery.Status.CANCELLED
        delivery.save(update_fields=["status", "claimed_at"])
        return delivery.status
    message = build_issue_email(shared, delivery.subscriber)
    delivery.attempts += 1
    fields = ["status", "attempts", "claimed_at"]
    try:
        connection.send_messages([message])
    except RETRYABLE_ERRORS as error:
        logger.warning("Newsletter delivery %s failed: %s", delivery.pk, error)
        delivery.last_error = str(error)[:1000]
        fields.append("last_error")
        if delivery.attempts >= max_attempts():
            delivery.status = Delivery.Status.FAILED
        else:
            delivery.status = Delivery.Status.PENDING
            delay = retry_backoff() * 2 ** (delivery.attempts - 1)
            delivery.next_attempt_at = timezone.now() + timedelta(seconds=delay)
            fields.append("next_attempt_at")
        delivery.save(update_fields=fields)
        return delivery.status
    delivery.status = Delivery.Status.SENT
    delivery.sent_at = timezone.now()
    delivery.save(update_fields=[*fields, "sent_at"])
    return delivery.status


def send_pending(issue_key: uuid.UUID, connection=None) -> dict[str, int]:
    """Sends every due delivery of an issue; returns counts by outcome.

    Returns once no due delivery is left, including those other workers held.
    Retries that are not yet due are left pending; the caller (the task)
    re-enqueues itself for them.
    """
    recover_stale(issue_key)
    connection = connection or get_connection()
    shared: dict[int, IssueEmailContext] = {}
    outcome: dict[str, int] = {}
    more = True
    while more:
        with transaction.atomic():
            delivery, more = lock_next(issue_key)
            if delivery is None:
                continue
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
