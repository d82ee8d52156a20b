"""Builds the demo site from the documents in ``demo/``. Idempotent: running it
twice changes nothing the second time."""

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from content_import.management.commands.import_content import import_and_report
from editorial.demo import LOGINS, ensure_demo_users
from editorial.roles import ensure_roles

DEMO_FOLDER = settings.BASE_DIR / "demo"


class Command(BaseCommand):
    help = gettext_lazy("Loads the Kulturmetropolen demo content (idempotent).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=gettext_lazy("Run even with production settings (DEBUG off)."),
        )
        parser.add_argument(
            "--print-logins",
            action="store_true",
            help=gettext_lazy("Only print the demo logins and exit."),
        )

    def handle(self, *args, force: bool, print_logins: bool, verbosity: int, **options):
        if print_logins:
            for line in LOGINS:
                self.stdout.write(f"  {line}")
            return
        module = settings.SETTINGS_MODULE or ""
        if module.endswith(".production") and not force:
            raise CommandError(
                _(
                    "Refusing to load demo content with production settings; "
                    "pass --force if you really mean it."
                )
            )
        with transaction.atomic():
            ensure_roles()
            # The demo submission needs its editor; the editor's group comes with
            # the municipality, so the users are completed after the import.
            ensure_demo_users()
            import_and_report(self, DEMO_FOLDER, verbosity - 1)
            ensure_demo_users()
        # The search index is updated by background tasks as pages are saved; a
        # bulk load finishes with one full rebuild so search works at once.
        call_command("update_index", verbosity=0)
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(_("Demo content is in place.")))
