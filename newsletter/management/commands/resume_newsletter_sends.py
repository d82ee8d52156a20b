"""Enqueues the sending of issues whose senders died (run_scheduler runs it)."""

from django.core.management.base import BaseCommand

from newsletter.tasks import resume_sends


class Command(BaseCommand):
    help = (
        "Enqueues the sending task for every newsletter issue with deliveries due "
        "and no sending task waiting, so a send whose workers all died resumes."
    )

    def handle(self, *args, **options) -> None:
        enqueued = resume_sends()
        if enqueued:
            self.stdout.write(f"Enqueued the sending of {enqueued} issue(s).")
