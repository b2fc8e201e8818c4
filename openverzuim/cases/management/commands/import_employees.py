"""`manage.py import_employees FILE --organisation <id> [--dry-run] [--good-rows]` (docs/import.md).

The columns are found by their canonical names and Dutch aliases. Prints the counts and every bad
row; exits with an error when rows are bad (nothing saved, unless --good-rows) or the file is
unreadable.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from openverzuim.accounts.models import Organisation

from ...payroll_import.columns import PRESETS, detect
from ...payroll_import.reading import ImportFileError, read
from ...payroll_import.service import import_table, saved_mapping


class Command(BaseCommand):
    help = "Create and update an employer's employees from a payroll export (CSV or XLSX)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", type=int, required=True, help="the employer's id")
        parser.add_argument("--dry-run", action="store_true", help="check and count; save nothing")
        parser.add_argument(
            "--preset",
            choices=sorted(PRESETS),
            default="",
            help="the payroll system whose export layout the file has",
        )
        parser.add_argument(
            "--good-rows",
            action="store_true",
            help="save the good rows even when other rows are bad",
        )

    def handle(
        self,
        *args,
        file: Path,
        organisation: int,
        dry_run: bool,
        good_rows: bool,
        preset: str = "",
        **options,
    ) -> None:
        try:
            employer = Organisation.objects.get(pk=organisation, kind=Organisation.Kind.EMPLOYER)
        except Organisation.DoesNotExist:
            raise CommandError(f"no employer with id {organisation}") from None
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from None
        try:
            table = read(content, file.name)
            outcome = import_table(
                organisation=employer,
                table=table,
                mapping=detect(table.headers, preset, saved_mapping(employer)),
                by=None,
                today=timezone.localdate(),
                dry_run=dry_run,
                good_rows=good_rows,
                route="manage.py import_employees",
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for problem in outcome.errors:
            row, column, reason = problem.as_list()
            self.stderr.write(f"row {row}, {column or '-'}: {reason}")
        verb = "would be" if dry_run or not outcome.written else "were"
        self.stdout.write(
            f"{outcome.rows} rows: {outcome.created} {verb} created, {outcome.changed} "
            f"{verb} changed, {outcome.unchanged} unchanged, {outcome.bad_rows} bad."
        )
        if outcome.errors and not (good_rows and outcome.written):
            raise CommandError("bad rows: nothing was saved" if not dry_run else "bad rows")
