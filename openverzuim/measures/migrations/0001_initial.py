# The expert-opinion requests and the escalation steps come from signals (signals 0003 renamed their tables to
# measures_*): the models enter this app's state only; the tables and their rows are already there.
# The content types follow, so nothing that names them (permissions) is left behind under signals.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MODELS = ('expertopinionrequest', 'escalationstep')


def move_content_types(apps, schema_editor):
    _relabel(apps, schema_editor, 'signals', 'measures')


def restore_content_types(apps, schema_editor):
    _relabel(apps, schema_editor, 'measures', 'signals')


def _relabel(apps, schema_editor, old, new):
    content_types = apps.get_model('contenttypes', 'ContentType').objects.using(
        schema_editor.connection.alias)
    for model in MODELS:
        if not content_types.filter(app_label=new, model=model).exists():
            content_types.filter(app_label=old, model=model).update(app_label=new)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('signals', '0003_move_to_measures_and_reminders'),
        ('cases', '0007_payroll_import'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='EscalationStep',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('note', models.TextField(blank=True, help_text='Never record medical information here.', verbose_name='note')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('path', models.CharField(max_length=20, verbose_name='path')),
                        ('step', models.CharField(max_length=40, verbose_name='step')),
                        ('taken_on', models.DateField(verbose_name='date')),
                        ('follow_up_on', models.DateField(blank=True, help_text='For an agreement or a work order: the day you check it was kept.', null=True, verbose_name='check again on')),
                        ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='escalation_steps', to='cases.case')),
                        ('event', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='escalation_step', to='cases.event')),
                        ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'escalation step',
                        'verbose_name_plural': 'escalation steps',
                        'ordering': ['taken_on', 'recorded_at'],
                    },
                ),
                migrations.CreateModel(
                    name='ExpertOpinionRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('note', models.TextField(blank=True, help_text='Never record medical information here.', verbose_name='note')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('requester', models.CharField(choices=[('employer', 'Employer'), ('employee', 'Employee')], max_length=10, verbose_name='who asked')),
                        ('question', models.CharField(choices=[('incapacity', 'Is the employee unfit for work? (SUWI art. 32 lid 1)'), ('employee_duties', 'Does the employee keep the duties to cooperate? (SUWI art. 32 lid 2)'), ('suitable_work', 'Is the work offered suitable? (SUWI art. 32 lid 3 a)'), ('employer_efforts', 'Has the employer done enough for re-integration? (SUWI art. 32 lid 3 b)')], max_length=20, verbose_name='question')),
                        ('for_dismissal', models.BooleanField(default=False, help_text='UWV charges the employer nothing then.', verbose_name='needed for a dismissal request')),
                        ('requested_on', models.DateField(verbose_name='requested on')),
                        ('fee', models.DecimalField(decimal_places=2, editable=False, max_digits=8, verbose_name='fee')),
                        ('fee_provisional', models.CharField(blank=True, editable=False, max_length=120)),
                        ('opinion_on', models.DateField(blank=True, null=True, verbose_name='opinion received on')),
                        ('outcome', models.CharField(choices=[('pending', 'No opinion yet'), ('yes', 'UWV answered yes'), ('no', 'UWV answered no'), ('withdrawn', 'Request withdrawn')], default='pending', max_length=10, verbose_name='outcome')),
                        ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='expert_opinions', to='cases.case')),
                        ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'expert-opinion request',
                        'verbose_name_plural': 'expert-opinion requests',
                        'ordering': ['requested_on', 'pk'],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
