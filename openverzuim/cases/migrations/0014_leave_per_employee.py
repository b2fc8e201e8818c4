"""Leave belongs to the employee: each existing row takes its case's employee, and the case becomes
optional (leave outside any case, recorded on the employee page)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def employee_of_case(apps, schema_editor):
    LeavePeriod = apps.get_model("cases", "LeavePeriod")
    Case = apps.get_model("cases", "Case")
    LeavePeriod.objects.filter(employee__isnull=True).update(
        employee=Subquery(Case.objects.filter(pk=OuterRef("case")).values("employee")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0013_cost_months")]

    operations = [
        migrations.AddField(
            model_name="leaveperiod",
            name="employee",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="leave_periods",
                to="cases.employee",
            ),
        ),
        migrations.RunPython(employee_of_case, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="leaveperiod",
            name="employee",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="leave_periods",
                to="cases.employee",
            ),
        ),
        migrations.AlterField(
            model_name="leaveperiod",
            name="case",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="leave_periods",
                to="cases.case",
            ),
        ),
        migrations.AddIndex(
            model_name="leaveperiod",
            index=models.Index(fields=["employee", "start"], name="leave_employee_start"),
        ),
    ]
