"""Resumable sending of newsletter issues by any number of workers: every
confirmed subscriber gets the issue, at least once, and more than once only if a
worker died while handing that subscriber's e-mail to the mail server.

``tasks.schedule_issue`` creates one Delivery per matching subscriber (at most one
per issue and person, whatever the language) and enqueues ``tasks.send_issue``
more than once (``NEWSLETTER_PARALLEL_SENDS``), so several workers share an issue
and any one of them finishes it should the others die; ``run_scheduler`` enqueues
it again should every worker die (``manage.py resume_newsletter_sends``).
``send_pending`` is each worker's loop. On PostgreSQL:

- a worker takes a delivery by holding a session-level advisory lock on it
  (``pg_try_advisory_lock``), which PostgreSQL releases when the worker's
  connection closes, however the worker died (SIGKILL included): no two workers
  send the same delivery, and a dead worker's delivery is free at once, without
  a timeout;
- before handing the e-mail to the mail server it commits the delivery as
  "sending"; once the server has answered it commits the outcome ("sent", or back
  to pending with a backoff after an SMTP error). A delivery found "sending" and
  not locked is *in doubt*: its worker died after it began handing the e-mail
  over and before it recorded the answer. It is sent again (at least once), with
  the same Message-ID, and counted in ``interrupted_attempts``;
- a worker that finds only deliveries other workers hold waits for them
  (``pg_advisory_lock``) before it stops, so a dead worker's delivery is taken
  over by a live one.

Exactly once is not possible over SMTP: the server stores the message, then
answers "250", then the worker records it; a worker that dies in between leaves
a delivery whose outcome nobody can ask SMTP about. So the guarantee is precise:
every confirmed subscriber gets the issue; an address can get a second copy only
for a delivery counted in ``interrupted_attempts`` (at most one per worker that
died), only if the worker died between the server's storing the message and the
commit of "sent" (one UPDATE's round trip after the "250"), and that copy has
the same Message-ID, by which mail programs recognise it as the same message.

On SQLite, which has no advisory locks, each delivery is sent inside a
transaction that takes the database's write lock (``transaction_mode
IMMEDIATE``): workers send one at a time, and a worker that dies leaves its
delivery pending. Rows an earlier version left "claimed" are recovered by
``recover_stale``.
"""

import logging
import smtplib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as database
from django.db import transaction
from django.db.models import F
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
    """Releases the claims an earlier version of this module left ("claimed"),
    and, without advisory locks (SQLite), "sending" rows older than
    NEWSLETTER_STALE_CLAIM_SECONDS, whose worker is taken to be dead: in doubt."""
    cutoff = timezone.now() - stale_after()
    queue = Delivery.objects.filter(issue_key=issue_key, claimed_at__lte=cutoff)
    queue.filter(status=Delivery.Status.CLAIMED).update(
        status=Delivery.Status.PENDING, claim_token="", claimed_at=None
    )
    if not _advisory_locks():
        queue.filter(status=Delivery.Status.SENDING).update(
            status=Delivery.Status.PENDING,
            interrupted_attempts=F("interrupted_attempts") + 1,
        )


#: The first key of the advisory locks on deliveries ("KMNL").
DELIVERY_LOCK = 0x4B4D4E4C
#: How many due deliveries a worker looks at for one it can lock.
CANDIDATES = 20


def _advisory_locks() -> bool:
    return database.vendor == "postgresql"


def _advisory(function: str, pk: int):
    # Two int4 keys: this module's, and the delivery's id folded into an int4
    # (ids beyond 2**31 may share a lock, which only makes a worker skip one).
    folded = (pk & 0xFFFFFFFF) - (1 << 32 if pk & 0x80000000 else 0)
    with database.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s, %s)", [DELIVERY_LOCK, folded])
        return cursor.fetchone()[0]


def _due(issue_key: uuid.UUID, statuses):
    return Delivery.objects.filter(
        issue_key=issue_key,
        status__in=statuses,
        next_attempt_at__lte=timezone.now(),
    ).order_by("pk")


def _lock_next_advisory(issue_key: uuid.UUID) -> tuple[Delivery | None, bool]:
    """PostgreSQL: the next due delivery, pending or in doubt, that no live
    worker holds, locked for this session; see ``lock_next``."""
    due = _due(issue_key, [Delivery.Status.PENDING, Delivery.Status.SENDING])
    held = None
    candidates = list(due.values_list("pk", flat=True)[:CANDIDATES])
    for pk in candidates:
        if not _advisory("pg_try_advisory_lock", pk):
            held = held or pk
            continue
        # Read again under the lock: its worker may have finished it meanwhile.
        delivery = due.filter(pk=pk).select_related("subscriber").first()
        if delivery is not None:
            return delivery, True
        _advisory("pg_advisory_unlock", pk)
    if held is not None:
        # Only deliveries other workers hold: wait for one, in case its worker died.
        _advisory("pg_advisory_lock", held)
        _advisory("pg_advisory_unlock", held)
        return None, True
    return None, bool(candidates)


def lock_next(issue_key: uuid.UUID) -> tuple[Delivery | None, bool]:
    """Locks the next due delivery of the issue no other worker holds.

    Returns ``(delivery, True)``, or ``(None, True)`` after waiting for a
    delivery another worker held (ask again), or ``(None, False)`` when no due
    delivery is left. Without advisory locks, call it inside a transaction, whose
    write lock keeps the other workers out.
    """
    if _advisory_locks():
        return _lock_next_advisory(issue_key)
    due = _due(issue_key, [Delivery.Status.PENDING])
    delivery = due.select_related("subscriber").first()
    return delivery, delivery is not None


@contextmanager
def next_delivery(issue_key: uuid.UUID) -> Iterator[tuple[Delivery | None, bool]]:
    """``lock_next`` and the lock's release (an advisory lock, or a transaction)."""
    if not _advisory_locks():
        with transaction.atomic():
            yield lock_next(issue_key)
        return
    delivery, more = lock_next(issue_key)
    try:
        yield delivery, more
    finally:
        if delivery is not None:
            _advisory("pg_advisory_unlock", delivery.pk)


def send_one(delivery: Delivery, shared: IssueEmailContext, connection) -> str:
    """Sends one locked delivery and records the outcome; returns its new status.

    "sending" is recorded (committed, on PostgreSQL) before the mail server sees
    the message, so a worker that dies while handing it over leaves the delivery
    in doubt, not pending (the module docstring).
    """
    delivery.claimed_at = timezone.now()
    if delivery.subscriber.status != Subscriber.Status.CONFIRMED:
        delivery.status = Delivery.Status.CANCELLED
        delivery.save(update_fields=["status", "claimed_at"])
        return delivery.status
    message = build_issue_email(shared, delivery.subscriber)
    if delivery.status == Delivery.Status.SENDING:
        # Its worker died while handing it over: it may have arrived already.
        delivery.interrupted_attempts += 1
        logger.warning(
            "Newsletter delivery %s is in doubt (its worker stopped while handing "
            "it to the mail server); sending it again with the same Message-ID",
            delivery.pk,
        )
    delivery.status = Delivery.Status.SENDING
    delivery.attempts += 1
    delivery.save(
        update_fields=["status", "attempts", "claimed_at", "interrupted_attempts"]
    )
    fields = ["status"]
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
    # One UPDATE, committed at once: the only window for a second copy.
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
        with next_delivery(issue_key) as (delivery, more):
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
