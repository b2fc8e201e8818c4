"""`manage.py import_organisation FILE.zip`: an organisation's export (api.org_import) read into a
database that does not hold it yet; all or nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from openverzuim.api.org_import import ImportRefused, import_organisation


class Command(BaseCommand):
    help = "Import an organisation from its export ZIP (refused when it exists here already)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the ZIP written by export_organisation")

    def handle(self, *args, file: str, **options) -> None:
        try:
            imported = import_organisation(file, today=timezone.localdate())
        except ImportRefused as error:
            raise CommandError(f"{file}: {error} Nothing was imported.") from None
        self.stdout.write(f"Imported {imported.organisation} from {file}: {imported.counts}")
        self.stdout.write("Every login comes without a password: send each a reset link.")
