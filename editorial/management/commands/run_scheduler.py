import logging
import time

from django.core.management import BaseCommand, call_command
from django_tasks import default_task_backend

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Runs the periodic jobs in the foreground: publishes and unpublishes "
        "scheduled pages and retries failed newsletter confirmations every minute, "
        "and prunes old search-query records daily. "
        "In production, run it once as a service (or call the jobs from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60)
        parser.add_argument(
            "--once", action="store_true", help="Run every job once and exit."
        )

    def handle(self, *args, interval: int, once: bool, **options):
        last_daily = 0.0
        while True:
            self.run_job("publish_scheduled")
            self.run_job("resend_confirmations")
            if time.monotonic() - last_daily > 24 * 60 * 60 or once:
                for job in self.daily_jobs():
                    self.run_job(*job)
                last_daily = time.monotonic()
            if once:
                return
            time.sleep(interval)

    def run_job(self, *job: str) -> None:
        """Runs one management command; a failing job is logged, never fatal."""
        try:
            call_command(*job)
        except Exception:
            logger.exception("Scheduled job %s failed", job[0])
            self.stderr.write(f"Scheduled job {job[0]} failed; see the log.")

    def daily_jobs(self) -> list[tuple[str, ...]]:
        jobs: list[tuple[str, ...]] = [("searchpromotions_garbage_collect",)]
        # Task results only pile up where a database backend stores them.
        if type(default_task_backend).__module__.startswith("django_tasks_db"):
            jobs.append(("prune_db_task_results",))
        return jobs
