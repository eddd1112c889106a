# PelaporanTriwulan now belongs to the reporting app (reporting/0001_initial), which keeps its
# table: the results app forgets the model's state and leaves the table and its rows alone.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0001_initial'),
        ('results', '0003_capaiantercetak'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='PelaporanTriwulan')],
            database_operations=[],
        ),
    ]
