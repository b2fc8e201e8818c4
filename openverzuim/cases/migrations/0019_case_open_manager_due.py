"""The caseload counts open cases per employer and case manager from an index of the open cases
alone (docs/performance.md, "At a million employees")."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_organisation_sector'),
        ('cases', '0018_statistics_rollup'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('closed_on__isnull', True)), fields=['organisation', 'case_manager', 'next_due_on'], name='case_open_manager_due'),
        ),
    ]
