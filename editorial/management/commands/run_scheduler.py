import time

from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = (
        "Runs the periodic jobs in the foreground: publishes and unpublishes "
        "scheduled pages every minute and prunes old search-query records daily. "
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
            call_command("publish_scheduled")
            if time.monotonic() - last_daily > 24 * 60 * 60 or once:
                for job in self.daily_jobs():
                    call_command(*job)
                last_daily = time.monotonic()
            if once:
                return
            time.sleep(interval)

    def daily_jobs(self) -> list[tuple[str, ...]]:
        return [("searchpromotions_garbage_collect",), ("prune_db_task_results",)]
