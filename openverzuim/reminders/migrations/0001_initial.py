# The digests sent and the calendar links come from signals (signals 0003 renamed their tables to
# reminders_*): the models enter this app's state only; the tables and their rows are already there.
# The content types follow, so nothing that names them (permissions) is left behind under signals.

import django.db.models.deletion
import openverzuim.reminders.models
from django.conf import settings
from django.db import migrations, models


MODELS = ('calendarfeed', 'digestsent')


def move_content_types(apps, schema_editor):
    _relabel(apps, schema_editor, 'signals', 'reminders')


def restore_content_types(apps, schema_editor):
    _relabel(apps, schema_editor, 'reminders', 'signals')


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
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CalendarFeed',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token', models.CharField(default=openverzuim.reminders.models.new_token, max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(auto_now=True)),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_feed', to=settings.AUTH_USER_MODEL)),
                    ],
                ),
                migrations.CreateModel(
                    name='DigestSent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('day', models.DateField()),
                        ('duties', models.PositiveIntegerField()),
                        ('sent_at', models.DateTimeField(auto_now_add=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'constraints': [models.UniqueConstraint(fields=('user', 'day'), name='digest_once_per_day')],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
