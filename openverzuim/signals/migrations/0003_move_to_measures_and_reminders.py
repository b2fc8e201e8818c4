# The signals app is split: expert opinions and escalation steps go to measures, the digests sent and
# the calendar links to reminders. Their rows stay: each table is renamed, the models leave this
# app's state only; measures 0001 and reminders 0001 take them into their state on the renamed
# tables, and move the content types along.

from django.db import migrations

MOVES = {
    'ExpertOpinionRequest': 'measures_expertopinionrequest',
    'EscalationStep': 'measures_escalationstep',
    'DigestSent': 'reminders_digestsent',
    'CalendarFeed': 'reminders_calendarfeed',
}


class Migration(migrations.Migration):

    dependencies = [
        ('signals', '0002_wage_measure_to_cases'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable(name=name, table=table)
                                 for name, table in MOVES.items()],
            state_operations=[migrations.DeleteModel(name=name) for name in MOVES],
        ),
    ]
