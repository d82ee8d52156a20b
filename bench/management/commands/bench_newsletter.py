"""Measures rendering and handing newsletter e-mails to Django's locmem backend.

Creates an issue and N confirmed subscribers inside a transaction that is rolled
back at the end, so the database is left exactly as it was.
"""

import resource
import sys
import time
import tracemalloc

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Locale

from home.models import HomePage
from newsletter import sending
from newsletter.models import NewsletterArchivePage, NewsletterPage, Subscriber


class Rollback(Exception):
    pass


def peak_rss_mib() -> float:
    """The process's peak resident memory so far, in MiB (Linux: KiB units)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class CountingBackend(EmailBackend):
    """locmem backend that reports every ``step`` messages and empties the outbox."""

    def __init__(self, *args, report, step: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.step = step
        self.count = 0

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        self.count += sent
        if self.count % self.step == 0:
            self.report(self.count)
            mail.outbox.clear()
        return sent


class Command(BaseCommand):
    help = (
        "Times rendering and handing newsletter e-mails to the locmem backend "
        "(throwaway data, rolled back)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--step", type=int, default=1_000)
        parser.add_argument(
            "--tracemalloc",
            action="store_true",
            help="Also report Python heap peaks (slower).",
        )

    def handle(self, *args, count: int, step: int, tracemalloc: bool, **options):
        home = HomePage.objects.filter(locale__language_code="da").first()
        if home is None:
            raise CommandError("No Danish home page: run migrate first.")
        try:
            # As in production: no SQL logging, which DEBUG would switch on.
            with override_settings(DEBUG=False), transaction.atomic():
                self.run(home, count, step, tracemalloc)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write("Benchmark data rolled back.")

    def run(self, home: HomePage, count: int, step: int, use_tracemalloc: bool):
        issue = self.create_issue(home)
        Subscriber.objects.bulk_create(
            (
                Subscriber(
                    email=f"bench{n}@example.org", language="da", status="confirmed"
                )
                for n in range(count)
            ),
            batch_size=1000,
        )
        started = time.perf_counter()
        created = sending.create_deliveries(issue)
        self.stdout.write(
            f"newsletter: {created} deliveries created in "
            f"{time.perf_counter() - started:.2f} s"
        )
        self.send(issue, step, use_tracemalloc)

    def create_issue(self, home: HomePage) -> NewsletterPage:
        """A published issue in a new newsletter archive under ``home``."""
        danish = Locale.objects.get(language_code="da")
        archive = NewsletterArchivePage(
            title="Bench archive", slug="bench-newsletter-archive", locale=danish
        )
        home.add_child(instance=archive)
        issue = NewsletterPage(
            title="Bench issue",
            slug="bench-issue",
            locale=danish,
            intro="<p>Benchmark issue.</p>",
        )
        archive.add_child(instance=issue)
        issue.save_revision().publish()
        return issue

    def send(self, issue: NewsletterPage, step: int, use_tracemalloc: bool) -> None:
        """Sends ``issue``'s deliveries, reporting every ``step`` e-mails."""
        if use_tracemalloc:
            tracemalloc.start()
        started = time.perf_counter()
        last = {"time": started, "count": 0}

        def report(sent: int) -> None:
            now = time.perf_counter()
            chunk = sent - last["count"]
            heap = ""
            if use_tracemalloc:
                heap = (
                    f", heap peak {tracemalloc.get_traced_memory()[1] / 2**20:.1f} MiB"
                )
            self.stdout.write(
                f"newsletter: {sent:>6} e-mails  total {now - started:6.2f} s  "
                f"last {chunk}: {now - last['time']:5.2f} s "
                f"({(now - last['time']) / chunk * 1000:.2f} ms/e-mail)  "
                f"peak RSS {peak_rss_mib():.0f} MiB{heap}"
            )
            last.update(time=now, count=sent)

        connection = CountingBackend(report=report, step=step)
        outcome = sending.send_pending(issue.translation_key, connection=connection)
        elapsed = time.perf_counter() - started
        if use_tracemalloc:
            tracemalloc.stop()
        sent = outcome.get("sent", 0)
        self.stdout.write(
            f"newsletter: {sent} e-mails rendered and handed over in {elapsed:.2f} s "
            f"= {elapsed / max(sent, 1) * 1000:.2f} s per 1,000; "
            f"peak RSS {peak_rss_mib():.0f} MiB"
        )
