"""`manage.py export_organisation --organisation <id> --output FILE.zip`: the whole-organisation
export (api.org_export), with a progress line on stderr."""

from django.core.management.base import BaseCommand, CommandError

from openverzuim.accounts import audit
from openverzuim.accounts.models import Organisation
from openverzuim.api.org_export import OrganisationExport, Progress


class Command(BaseCommand):
    help = "Write everything an organisation holds to one ZIP, to move it to another provider."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--organisation", required=True, help="the organisation's id")
        parser.add_argument("--output", required=True, help="the ZIP file to write")

    def handle(self, *args, organisation: str, output: str, **options) -> None:
        try:
            target = Organisation.objects.get(pk=int(organisation))
        except (ValueError, OverflowError, Organisation.DoesNotExist):
            raise CommandError(
                f"--organisation: no organisation with id {organisation!r}."
            ) from None

        def progress(step: Progress) -> None:
            self.stderr.write(f"\r{step.done}/{step.total} {step.step:<20}", ending="")

        try:
            with open(output, "wb") as file:
                manifest = OrganisationExport(target, file).write(progress)
        except OSError as error:
            raise CommandError(f"--output: {error.strerror or error}: {output}") from None
        self.stderr.write("")
        audit.record_read(
            user=None,
            organisation_id=target.pk,
            subject="organisation export",
            fields=", ".join(f"{name} {count}" for name, count in manifest["counts"].items()),
        )
        self.stdout.write(f"Exported {target} to {output}: {manifest['counts']}")
