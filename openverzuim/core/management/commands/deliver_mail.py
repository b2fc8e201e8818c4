"""`manage.py deliver_mail`: retry the queued mail that is due, for cron (`*/5 * * * *`)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from openverzuim.core.mail import deliver_queued_mail


class Command(BaseCommand):
    help = (
        "Deliver the queued e-mail that is due: messages the mail server refused or could not "
        "be reached for are tried again, further apart each time."
    )

    def handle(self, *args, **options) -> None:
        result = deliver_queued_mail.enqueue()
        if result.status == TaskResultStatus.FAILED:
            raise CommandError(result.errors[-1].traceback.strip().splitlines()[-1])
        self.stdout.write(
            json.dumps(result.return_value if result.is_finished else {"queued": result.id})
        )
