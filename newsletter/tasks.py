"""Background tasks of the newsletter (django-tasks; ``manage.py db_worker``)."""

import uuid

from django.core.mail import get_connection
from django_tasks import task

from . import sending
from .emails import build_confirmation_email
from .models import Subscriber


@task()
def send_confirmation(subscriber_id: int) -> bool:
    """Sends the double opt-in e-mail to a pending subscriber; False if none."""
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.PENDING
    ).first()
    if subscriber is None:
        return False
    build_confirmation_email(subscriber).send()
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
