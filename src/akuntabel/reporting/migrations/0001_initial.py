# PelaporanTriwulan moves here from the results app: the model's state only, its table
# (results_pelaporantriwulan) and its rows stay where they are (no data moves). Its content
# type follows it, so that permissions and admin log entries naming it stay attached.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_to(app_label, other):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        moved = ContentType.objects.filter(app_label=other, model="pelaporantriwulan")
        if not ContentType.objects.filter(app_label=app_label, model="pelaporantriwulan").exists():
            moved.update(app_label=app_label)
    return move


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('organizations', '0001_initial'),
        ('results', '0003_capaiantercetak'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PelaporanTriwulan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('tahun', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('triwulan', models.PositiveSmallIntegerField(choices=[(0, 'whole year'), (1, 'TW I'), (2, 'TW II'), (3, 'TW III'), (4, 'TW IV')], verbose_name='quarter')),
                        ('status', models.CharField(choices=[('draft', 'draft'), ('diajukan', 'submitted'), ('diverifikasi', 'verified'), ('dikembalikan', 'returned')], default='draft', max_length=16, verbose_name='status')),
                        ('catatan', models.TextField(blank=True, verbose_name='note')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('diubah_oleh', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('perangkat_daerah', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pelaporan', to='organizations.perangkatdaerah')),
                    ],
                    options={
                        'verbose_name': 'quarterly report status',
                        'verbose_name_plural': 'quarterly report statuses',
                        'db_table': 'results_pelaporantriwulan',
                        'ordering': ['perangkat_daerah', 'tahun', 'triwulan'],
                        'constraints': [models.UniqueConstraint(fields=('perangkat_daerah', 'tahun', 'triwulan'), name='pelaporan_unique_period'), models.CheckConstraint(condition=models.Q(('triwulan__gte', 1), ('triwulan__lte', 4)), name='pelaporan_triwulan_1_4')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to('reporting', 'results'),
                             content_type_to('results', 'reporting')),
    ]
