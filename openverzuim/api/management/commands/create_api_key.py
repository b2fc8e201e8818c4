"""`manage.py create_api_key --organisation <id> --name <name> --role <role>`: an organisation's key;
`manage.py create_api_key --user <username> --name <name>`: an employee's personal key, acting as
her own login. Either prints the key once."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from openverzuim.accounts.models import Organisation, User
from openverzuim.api import services


class Command(BaseCommand):
    help = "Create an API key and print it (only its hash is kept)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--organisation", help="the organisation's id (an organisation's key)")
        parser.add_argument("--role", choices=[str(r) for r in services.KEY_ROLES])
        parser.add_argument(
            "--user", help="an employee's username: a personal key acting as her own login"
        )
        parser.add_argument("--name", required=True, help="the system that will use the key")

    def handle(self, *args, name: str, **options) -> None:
        organisation, role, username = options["organisation"], options["role"], options["user"]
        if username is not None:
            if organisation is not None or role is not None:
                raise CommandError(
                    "--user: a personal key acts as the employee; give no --organisation or --role."
                )
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"--user: no login {username!r}.")
            api_key, key = self._made(
                lambda: services.personal_key_create(user=user, name=name, by=None)
            )
            self.stdout.write(f"Personal API key {api_key.name!r} acting as {user.username}:")
        else:
            if organisation is None or role is None:
                raise CommandError("Give --organisation and --role, or --user.")
            try:
                target = Organisation.objects.get(pk=int(organisation))
            except (ValueError, OverflowError, Organisation.DoesNotExist):
                raise CommandError(
                    f"--organisation: no organisation with id {organisation!r}."
                ) from None
            api_key, key = self._made(
                lambda: services.api_key_create(organisation=target, name=name, role=role, by=None)
            )
            self.stdout.write(
                f"API key {api_key.name!r} for {target} ({api_key.get_role_display()}):"
            )
        self.stdout.write(key)
        self.stdout.write("Store it now: it is not shown again.")

    def _made(self, create):
        try:
            return create()
        except ValidationError as error:
            raise CommandError(
                "; ".join(
                    f"--{field}: {' '.join(messages)}"
                    for field, messages in error.message_dict.items()
                )
            ) from None
