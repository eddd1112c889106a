# A capaian as a report printed it, per indicator and year, kept to be compared by the reviu
# (HIT-005, HIT-006).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0001_initial'),
        ('results', '0002_realisasi_versi_pelaporantriwulan'),
    ]

    operations = [
        migrations.CreateModel(
            name='CapaianTercetak',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name='ID')),
                ('tahun', models.PositiveSmallIntegerField(verbose_name='year')),
                ('teks', models.CharField(max_length=100, verbose_name='as printed')),
                ('nilai', models.DecimalField(blank=True, decimal_places=4, max_digits=24,
                                              null=True, verbose_name='value')),
                ('satuan', models.CharField(blank=True, max_length=100, verbose_name='unit')),
                ('indikator', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                related_name='capaian_tercetak',
                                                to='plans.indikator')),
            ],
            options={
                'verbose_name': 'printed capaian',
                'verbose_name_plural': 'printed capaian',
                'ordering': ['indikator', 'tahun'],
                'constraints': [models.UniqueConstraint(fields=('indikator', 'tahun'),
                                                        name='capaian_tercetak_unique_year')],
            },
        ),
    ]
