import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import BaseCommand, call_command
from django.db import DatabaseError, connection
from django_tasks import default_task_backend

logger = logging.getLogger(__name__)

#: The PostgreSQL advisory lock a scheduler holds while it runs its jobs ("KMSC").
SCHEDULER_LOCK = 0x4B4D5343


class Command(BaseCommand):
    help = (
        "Runs the periodic jobs in the foreground: publishes and unpublishes "
        "scheduled pages, retries failed newsletter confirmations and resumes "
        "newsletter sends whose workers died every minute, "
        "and prunes old search-query records daily (and, on SQLite, refreshes "
        "the query planner's statistics). "
        "In production, run it as a service (or call the jobs from cron). On "
        "PostgreSQL any number may run: one at a time runs the jobs, holding an "
        "advisory lock, and the others skip that round."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60)
        parser.add_argument(
            "--once", action="store_true", help="Run every job once and exit."
        )

    def handle(self, *args, interval: int, once: bool, **options):
        last_daily = 0.0
        while True:
            with self.leadership() as leader:
                if leader:
                    self.run_job("publish_scheduled")
                    self.run_job("resend_confirmations")
                    self.run_job("resume_newsletter_sends")
                    if time.monotonic() - last_daily > 24 * 60 * 60 or once:
                        for job in self.daily_jobs():
                            self.run_job(*job)
                        self.refresh_planner_statistics()
                        last_daily = time.monotonic()
            if once:
                return
            time.sleep(interval)

    @contextmanager
    def leadership(self) -> Iterator[bool]:
        """Yields whether this scheduler may run the jobs now.

        On PostgreSQL the one holding the advisory lock SCHEDULER_LOCK may, so two
        schedulers (two machines, or a restart overlapping) never publish the same
        page twice; the lock goes with the session, so a scheduler that dies
        releases it. Other databases serve one machine: always True.
        """
        if connection.vendor != "postgresql":
            yield True
            return
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [SCHEDULER_LOCK])
                acquired = cursor.fetchone()[0]
        except DatabaseError:
            logger.exception("Scheduler could not reach the database")
            connection.close()
            yield False
            return
        if not acquired:
            logger.info("Another scheduler runs the jobs; skipping this round")
        try:
            yield acquired
        finally:
            if acquired:
                try:
                    with connection.cursor() as cursor:
                        cursor.execute(
                            "SELECT pg_advisory_unlock(%s)", [SCHEDULER_LOCK]
                        )
                except DatabaseError:
                    connection.close()  # the lock went with the session

    def run_job(self, *job: str) -> None:
        """Runs one management command; a failing job is logged, never fatal."""
        try:
            call_command(*job)
        except Exception:
            logger.exception("Scheduled job %s failed", job[0])
            self.stderr.write(f"Scheduled job {job[0]} failed; see the log.")

    def refresh_planner_statistics(self) -> None:
        """SQLite keeps no statistics unless asked (PostgreSQL's autovacuum keeps
        its own): without them its planner guesses, and walks every post of a
        language to find one post's neighbours."""
        if connection.vendor != "sqlite":
            return
        try:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        except DatabaseError:
            logger.exception("ANALYZE failed")

    def daily_jobs(self) -> list[tuple[str, ...]]:
        jobs: list[tuple[str, ...]] = [("searchpromotions_garbage_collect",)]
        # Task results only pile up where a database backend stores them.
        if type(default_task_backend).__module__.startswith("django_tasks_db"):
            jobs.append(("prune_db_task_results",))
        return jobs
