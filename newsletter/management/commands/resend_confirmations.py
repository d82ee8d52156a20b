"""Retries confirmation e-mails that the mail server did not take."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from newsletter.models import Subscriber
from newsletter.tasks import send_confirmation
from newsletter.tokens import confirmation_max_age


def retry_pause(attempts: int) -> timedelta:
    """The pause after ``attempts`` failed attempts: 1, 2, 4, 8 … minutes."""
    base = getattr(settings, "NEWSLETTER_CONFIRMATION_RETRY_SECONDS", 60)
    return timedelta(seconds=base * 2 ** max(attempts - 1, 0))


class Command(BaseCommand):
    help = (
        "Sends again the confirmation e-mails that failed, with a growing pause, "
        "until NEWSLETTER_CONFIRMATION_MAX_ATTEMPTS or the link would have expired."
    )

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        max_attempts = getattr(settings, "NEWSLETTER_CONFIRMATION_MAX_ATTEMPTS", 8)
        waiting = Subscriber.objects.filter(
            status=Subscriber.Status.PENDING,
            confirmation_sent_at__isnull=True,
            confirmation_attempts__gte=1,
            confirmation_attempts__lt=max_attempts,
            subscribed_at__gte=now - timedelta(seconds=confirmation_max_age()),
        ).only("pk", "confirmation_attempts", "confirmation_attempted_at")
        sent = 0
        for subscriber in waiting:
            last = subscriber.confirmation_attempted_at
            if last and now - last < retry_pause(subscriber.confirmation_attempts):
                continue
            sent += bool(send_confirmation.call(subscriber.pk))
        if options["verbosity"] > 1:
            self.stdout.write(f"Confirmation e-mails sent again: {sent}")
