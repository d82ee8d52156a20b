"""Background tasks of the newsletter (django-tasks; ``manage.py db_worker``)."""

import logging
import smtplib
import uuid

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from . import sending
from .emails import build_confirmation_email
from .models import Delivery, NewsletterPage, Subscriber

logger = logging.getLogger(__name__)


@task()
def send_confirmation(subscriber_id: int) -> bool:
    """Sends the double opt-in e-mail to a pending subscriber; False if not sent.

    The subscriber is kept whatever the mail server does: a failed attempt is
    counted and ``manage.py resend_confirmations`` (every minute in
    ``run_scheduler``) tries again with a growing pause.
    """
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id,
        status=Subscriber.Status.PENDING,
        confirmation_sent_at__isnull=True,
    ).first()
    if subscriber is None:
        return False
    # Claim this attempt, so two workers never send the same e-mail.
    claimed = Subscriber.objects.filter(
        pk=subscriber.pk,
        confirmation_sent_at__isnull=True,
        confirmation_attempts=subscriber.confirmation_attempts,
    ).update(
        confirmation_attempts=F("confirmation_attempts") + 1,
        confirmation_attempted_at=timezone.now(),
    )
    if not claimed:
        return False
    try:
        build_confirmation_email(subscriber).send()
    except (smtplib.SMTPException, OSError):
        logger.warning(
            "Confirmation e-mail to subscriber %s failed; it will be retried",
            subscriber.pk,
            exc_info=True,
        )
        return False
    Subscriber.objects.filter(pk=subscriber.pk).update(
        confirmation_sent_at=timezone.now()
    )
    return True


@task()
def send_issue(issue_key: str) -> dict[str, int]:
    """Sends an issue's due deliveries and schedules itself for later retries."""
    key = uuid.UUID(issue_key)
    outcome = sending.send_pending(key, connection=get_connection())
    retry_at = sending.next_retry_at(key)
    if retry_at is not None and send_issue.get_backend().supports_defer:
        send_issue.using(run_after=retry_at).enqueue(issue_key)
    return outcome


def resume_sends() -> int:
    """Enqueues ``send_issue`` for every issue with due deliveries and no send
    waiting in the queue; returns how many it enqueued (``run_scheduler`` calls
    it every round: ``manage.py resume_newsletter_sends``).

    A task whose worker died stays "running" in the queue and is never run again,
    so should every worker sending an issue die, the issue waits for this. A send
    enqueued while another worker still sends the issue only shares the work
    (newsletter/sending.py), so at most one waiting send per issue is kept.
    """
    due = (
        Delivery.objects.filter(
            status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING],
            next_attempt_at__lte=timezone.now(),
        )
        .values_list("issue_key", flat=True)
        .distinct()
    )
    enqueued = 0
    for issue_key in due:
        if not _send_waiting(str(issue_key)):
            send_issue.enqueue(str(issue_key))
            enqueued += 1
    return enqueued


def _send_waiting(issue_key: str) -> bool:
    """Whether a ``send_issue`` of ``issue_key`` waits in the database queue."""
    backend = send_issue.get_backend()
    if not type(backend).__module__.startswith("django_tasks_db"):
        return False  # a queue we cannot read (or none: tasks run at once)
    from django_tasks_db.models import DBTaskResult

    return (
        DBTaskResult.objects.ready()
        .filter(task_path=send_issue.module_path, args_kwargs__args__0=issue_key)
        .exists()
    )


def schedule_issue(issue: NewsletterPage) -> int:
    """Creates the deliveries of an issue and enqueues the sending task.

    Safe to call again: nobody gets the issue twice, and the call resumes an
    interrupted send. Returns the number of new deliveries.
    """
    with transaction.atomic():
        created = sending.create_deliveries(issue)
    # Several senders share the issue, and each finishes it alone should the
    # others' workers die (newsletter/sending.py).
    for _ in range(getattr(settings, "NEWSLETTER_PARALLEL_SENDS", 2)):
        send_issue.enqueue(str(issue.translation_key))
    return created
