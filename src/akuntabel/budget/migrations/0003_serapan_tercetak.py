# The serapan a report printed on a budget row (sub kegiatan, rekening line, program/kegiatan
# total): text and value, kept to be compared by the reviu (ANG-016).

from django.db import migrations, models


def _serapan_fields(model):
    return [
        migrations.AddField(
            model_name=model,
            name='serapan',
            field=models.DecimalField(blank=True, decimal_places=4, max_digits=24, null=True,
                                      verbose_name='absorption as printed (value)'),
        ),
    ]


class Migration(migrations.Migration):

    dependencies = [
        ('budget', '0002_realisasi_anggaran_triwulan'),
    ]

    operations = [
        migrations.AddField(
            model_name='dpasubkegiatan',
            name='serapan_teks',
            field=models.CharField(blank=True, max_length=40, verbose_name='absorption as printed'),
        ),
        migrations.AddField(
            model_name='dpaline',
            name='serapan_teks',
            field=models.CharField(blank=True, max_length=40, verbose_name='absorption as printed'),
        ),
        *_serapan_fields('dpasubkegiatan'),
        *_serapan_fields('dpaline'),
        *_serapan_fields('anggarantercetak'),
    ]
