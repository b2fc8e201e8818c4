# The wage measure comes from signals (signals 0002 renamed its table to cases_wagemeasure): the
# model enters this app's state only; the table and its rows are already there. The content type
# follows, so nothing that names it (permissions) is left behind under signals.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    content_types = apps.get_model('contenttypes', 'ContentType').objects.using(
        schema_editor.connection.alias)
    if not content_types.filter(app_label='cases', model='wagemeasure').exists():
        content_types.filter(app_label='signals', model='wagemeasure').update(app_label='cases')


def restore_content_type(apps, schema_editor):
    content_types = apps.get_model('contenttypes', 'ContentType').objects.using(
        schema_editor.connection.alias)
    if not content_types.filter(app_label='signals', model='wagemeasure').exists():
        content_types.filter(app_label='cases', model='wagemeasure').update(app_label='signals')


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0002_reintegration_cost'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('signals', '0002_wage_measure_to_cases'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='WageMeasure',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('note', models.TextField(blank=True, help_text='Never record medical information here.', verbose_name='note')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('kind', models.CharField(choices=[('suspension', 'Wage suspension (paid later once the rules are kept)'), ('stop', 'Wage stop (the wage for that time is lost)')], max_length=20, verbose_name='kind')),
                        ('ground', models.CharField(choices=[('lid3_a', 'BW 7:629 lid 3 a: sickness caused on purpose, or false information at a pre-employment check'), ('lid3_b', 'BW 7:629 lid 3 b: recovery hindered or delayed by the employee'), ('lid3_c', 'BW 7:629 lid 3 c: suitable work refused without a valid reason'), ('lid3_d', 'BW 7:629 lid 3 d: reasonable instructions refused without a valid reason'), ('lid3_e', 'BW 7:629 lid 3 e: no cooperation on the plan of action'), ('lid3_f', 'BW 7:629 lid 3 f: WIA application late without a valid reason'), ('lid6', 'BW 7:629 lid 6: written control rules not kept')], max_length=10, verbose_name='legal ground')),
                        ('cause_known_on', models.DateField(verbose_name='cause became known on')),
                        ('employee_told_on', models.DateField(blank=True, null=True, verbose_name='employee told on')),
                        ('written_warning_on', models.DateField(blank=True, null=True, verbose_name='written warning given on')),
                        ('rules_in_writing', models.BooleanField(default=False, help_text='Required for a suspension (BW 7:629 lid 6).', verbose_name='the control rules were given in writing')),
                        ('start', models.DateField(verbose_name='start')),
                        ('end', models.DateField(blank=True, null=True, verbose_name='end')),
                        ('complied_on', models.DateField(blank=True, help_text='For a suspension: from this day the withheld wage must be paid.', null=True, verbose_name='employee kept the rules again on')),
                        ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='wage_measures', to='cases.case')),
                        ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'wage measure',
                        'verbose_name_plural': 'wage measures',
                        'ordering': ['start', 'pk'],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
