"""Builds the demo site. Idempotent: running it twice changes nothing the second time.

Each part lives with its app (``<app>/demo.py`` exposing ``load(command)``) and is
run in dependency order; a part that finds its content already present leaves it.
"""

from importlib import import_module

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction

DEMO_PARTS = [
    "home",
    "contacts",
    "focusareas",
    "news",
    "newsletter",
    "editorial",
    "translations",
]


class Command(BaseCommand):
    help = "Loads the Kulturmetropolen demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with production settings (DEBUG off).",
        )
        parser.add_argument(
            "--print-logins",
            action="store_true",
            help="Only print the demo logins and exit.",
        )

    def handle(self, *args, force: bool, print_logins: bool, **options):
        if print_logins:
            self.print_logins()
            return
        module = settings.SETTINGS_MODULE or ""
        if module.endswith(".production") and not force:
            raise CommandError(
                "Refusing to load demo content with production settings; "
                "pass --force if you really mean it."
            )
        with transaction.atomic():
            for part in self.parts():
                part.load(self)
        # The search index is updated by background tasks as pages are saved; a
        # bulk load finishes with one full rebuild so search works at once.
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))

    def parts(self):
        for app in DEMO_PARTS:
            try:
                yield import_module(f"{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.demo":
                    raise

    def print_logins(self):
        for part in self.parts():
            for line in getattr(part, "LOGINS", []):
                self.stdout.write(f"  {line}")
