from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from content_import.loader import documents, import_folder


def import_and_report(command: BaseCommand, folder: Path, verbosity: int) -> None:
    """Imports ``folder``, printing each document and each error; raises
    CommandError when a document could not be imported."""
    failed = 0
    for name, error, untranslated in import_folder(folder):
        if error is not None:
            failed += 1
            command.stderr.write(str(error))
            continue
        if verbosity >= 1:
            command.stdout.write(_("Imported %(file)s") % {"file": name})
        for language, text in untranslated:
            command.stderr.write(
                _("%(file)s: no %(language)s text for “%(text)s”")
                % {"file": name, "language": language, "text": text}
            )
    if failed:
        raise CommandError(
            _("%(failed)s of %(total)s documents were not imported.")
            % {"failed": failed, "total": len(documents(folder))}
        )


class Command(BaseCommand):
    help = gettext_lazy(
        "Imports a folder of content documents (YAML; the format: demo/README.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=gettext_lazy("the folder to import"))

    def handle(self, *args, path: str, verbosity: int, **options):
        folder = Path(path)
        if not folder.is_dir():
            raise CommandError(_("%(path)s is not a folder.") % {"path": path})
        import_and_report(self, folder, verbosity)
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(_("The content is imported.")))
