# One open case per employee (issue 13 finding 4): two simultaneous sick reports made two open cases.
#
# Before the constraint, existing data is brought in line, never by deleting a row:
# - an employee with several open cases of which at most one has an open sickness period keeps that
#   one (or, if all recovered, the one with the latest period) open; each earlier one is closed on the
#   day of its recovery, as sick_report_create now does when a new episode starts. Each is printed.
# - two open cases that both have an open sickness period are a real duplicate that only a person
#   can resolve: the migration stops and names them (report the recovery in, or close, the duplicate).

from datetime import timedelta

from django.db import migrations, models


def close_superseded_cases(apps, schema_editor):
    Case = apps.get_model('cases', 'Case')
    SicknessPeriod = apps.get_model('cases', 'SicknessPeriod')
    alias = schema_editor.connection.alias
    employees = (Case.objects.using(alias).filter(closed_on__isnull=True).values('employee_id')
                 .annotate(n=models.Count('pk')).filter(n__gt=1).values_list('employee_id', flat=True))
    duplicates = []
    for employee_id in employees:
        cases = []
        for case in Case.objects.using(alias).filter(employee_id=employee_id, closed_on__isnull=True):
            periods = list(SicknessPeriod.objects.using(alias).filter(case=case).order_by('start'))
            cases.append((case, periods))
        sick = [case for case, periods in cases if any(p.end is None for p in periods)]
        if len(sick) > 1 or any(not periods for _, periods in cases):
            duplicates.append(f"employee {employee_id}: cases {', '.join(str(c.pk) for c, _ in cases)}")
            continue
        keep = sick[0] if sick else max(cases, key=lambda item: (item[1][-1].start, item[0].pk))[0]
        for case, periods in cases:
            if case.pk != keep.pk:
                case.closed_on = periods[-1].end + timedelta(days=1)
                case.save(update_fields=['closed_on'])
                print(f"\n  closed case {case.pk} of employee {employee_id} on {case.closed_on} "
                      f"(recovered; case {keep.pk} is the employee's open case)")
    if duplicates:
        raise RuntimeError(
            "One open case per employee: these employees have several open cases that are each "
            "still sick (or have no sickness period), which only a person can resolve. Report the "
            "recovery in the duplicate case, or close it, then migrate again.\n  "
            + "\n  ".join(duplicates))


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0004_employee_invitation'),
    ]

    operations = [
        migrations.RunPython(close_superseded_cases, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='case',
            constraint=models.UniqueConstraint(condition=models.Q(('closed_on__isnull', True)), fields=('employee',), name='one_open_case_per_employee'),
        ),
    ]
