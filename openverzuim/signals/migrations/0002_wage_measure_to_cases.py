# The wage measure moves to cases (cases.engine reads it for the pay schedule, and signals sits
# above cases). Its rows stay: the table is renamed, the model leaves this app's state only;
# cases 0003 takes it into its state on the renamed table.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('signals', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='WageMeasure', table='cases_wagemeasure'),
            ],
            state_operations=[
                migrations.DeleteModel(name='WageMeasure'),
            ],
        ),
    ]
