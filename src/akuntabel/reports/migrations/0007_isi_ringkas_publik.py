"""Fill the portal's summary (``LaporanFinal.ringkas_publik``) of every final LKjIP made before
it was stored, computed from its snapshot as the portal computed it on each cold reading; the
file, snapshot and hash are not touched. Going back leaves the column to the field's removal."""

from django.db import migrations


def isi(apps, schema_editor):
    from akuntabel.portal.terbit import simpan_ringkas_publik

    simpan_ringkas_publik(apps.get_model("reports", "LaporanFinal").objects.all())


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0006_laporanfinal_ringkas_publik"),
    ]

    operations = [
        migrations.RunPython(isi, migrations.RunPython.noop, elidable=True),
    ]
