"""`manage.py create_api_key --organisation <id> --name <name> --role <role>`: prints the key once."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from openverzuim.accounts.models import Organisation
from openverzuim.api import services


class Command(BaseCommand):
    help = "Create an API key for an organisation and print it (only its hash is kept)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--organisation", required=True, help="the organisation's id")
        parser.add_argument("--name", required=True, help="the system that will use the key")
        parser.add_argument("--role", required=True, choices=[str(r) for r in services.KEY_ROLES])

    def handle(self, *args, organisation: str, name: str, role: str, **options) -> None:
        try:
            target = Organisation.objects.get(pk=int(organisation))
        except (ValueError, OverflowError, Organisation.DoesNotExist):
            raise CommandError(
                f"--organisation: no organisation with id {organisation!r}."
            ) from None
        try:
            api_key, key = services.api_key_create(
                organisation=target, name=name, role=role, by=None
            )
        except ValidationError as error:
            raise CommandError(
                "; ".join(
                    f"--{field}: {' '.join(messages)}"
                    for field, messages in error.message_dict.items()
                )
            ) from None
        self.stdout.write(f"API key {api_key.name!r} for {target} ({api_key.get_role_display()}):")
        self.stdout.write(key)
        self.stdout.write("Store it now: it is not shown again.")
