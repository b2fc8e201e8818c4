"""`manage.py absence_statistics`: the four absence figures of one employer (or one department with
its sub-departments) over a window, as JSON or CSV, for scheduled reporting (docs/statistics.md).

The same sums over the daily rollup (reports/rollup.py) and the same arithmetic as the dashboard;
a group of fewer than five employees gives no figures ("suppressed": true), as on the page."""

from __future__ import annotations

import csv
import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from openverzuim.accounts.models import Department, Organisation
from openverzuim.core.forms import EARLIEST_DATE, LATEST_DATE
from openverzuim.reports import counting, rollup
from openverzuim.reports.figures import FIGURES, Counts, Window, figures
from openverzuim.reports.statistics import department_keys


def _date(name: str, text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--{name}={text!r}: expected a date as YYYY-MM-DD.") from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise CommandError(
            f"--{name}={text}: give a date between {EARLIEST_DATE} and {LATEST_DATE}."
        )
    return day


def _id(name: str, text: str) -> int:
    if not text.isdigit() or len(text) > 18:
        raise CommandError(f"--{name}={text!r}: expected the number (id) of the {name}.")
    return int(text)


class Command(BaseCommand):
    help = "The absence percentage, reporting frequency, average duration and zero absence of an employer."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--organisation", required=True, help="the employer's id")
        parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument(
            "--to",
            dest="end",
            required=True,
            help="last day, YYYY-MM-DD (days after today are not counted)",
        )
        parser.add_argument("--department", help="a department's id; its sub-departments included")
        parser.add_argument("--format", dest="output", default="json", choices=("json", "csv"))

    def handle(
        self,
        *args,
        organisation: str,
        start: str,
        end: str,
        department: str | None = None,
        output: str = "json",
        **options,
    ) -> None:
        first, last = _date("from", start), _date("to", end)
        if last < first:
            raise CommandError(f"--to={last} lies before --from={first}.")
        last = min(last, timezone.localdate())
        if last < first:
            raise CommandError(f"--from={first} lies in the future: nothing to count yet.")
        employer = Organisation.objects.filter(
            pk=_id("organisation", organisation), kind=Organisation.Kind.EMPLOYER
        ).first()
        if employer is None:
            raise CommandError(f"--organisation={organisation}: no employer with that id.")
        departments = list(Department.objects.filter(organisation=employer))
        chosen = None
        if department is not None:
            wanted = _id("department", department)
            chosen = next((d for d in departments if d.pk == wanted), None)
            if chosen is None:
                raise CommandError(
                    f"--department={department}: no department of {employer.name} with that id."
                )
        basis = counting.Basis.configured()
        window = Window(first, last)
        keys = department_keys(chosen, departments)
        counts = rollup.count(employer, keys, [window], basis=basis)[0].counts.get(None, Counts())
        report = self.report(employer, chosen, window, basis, counts)
        if output == "csv":
            writer = csv.writer(self.stdout)
            writer.writerow(["figure", "value", "numerator", "denominator"])
            for key in FIGURES:
                writer.writerow(
                    [
                        key,
                        *(
                            report[key][part] if report[key][part] is not None else ""
                            for part in ("value", "numerator", "denominator")
                        ),
                    ]
                )
        else:
            self.stdout.write(json.dumps(report, indent=2))

    @staticmethod
    def report(employer, department, window: Window, basis: counting.Basis, counts: Counts) -> dict:
        report: dict = {
            "organisation": employer.pk,
            "department": department.pk if department else None,
            "from": window.start.isoformat(),
            "to": window.end.isoformat(),
            "days": basis.days,
            "weight": basis.weight,
            "suppressed": counts.suppressed,
        }
        for key, figure in figures(counts).items():
            shown = not counts.suppressed
            report[key] = {
                "value": float(figure.value) if shown and figure.value is not None else None,
                "numerator": float(figure.numerator) if shown else None,
                "denominator": float(figure.denominator) if shown else None,
            }
        return report
