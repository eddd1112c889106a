"""The portal's summary of a final LKjIP moves from one JSON column of the final's row
(``ringkas_publik``, stored after its file and snapshot: on SQLite read by walking megabytes)
to a row of its own in parts (``RingkasFinal``), so that the home of a pemda reads only the IKU.

The move is written here, not called from live code that may change: each stored summary (of
version 1: every indicator under ``indikator``; or of 0007 filled by a later version: the IKU
already apart under ``iku``) is split by the IKU flag its own snapshot holds; the figures are
the stored text, untouched. A final without a summary gets no row: the portal reads it from
its snapshot, as before. Going back puts each row's parts into the column again."""

import django.db.models.deletion
from django.db import migrations, models


def pindah(apps, schema_editor):
    Final = apps.get_model("reports", "LaporanFinal")
    Ringkas = apps.get_model("reports", "RingkasFinal")
    baru = []
    for pk, r, data in (Final.objects.filter(dokumen="lakip").exclude(ringkas_publik={})
                        .order_by("pk").values_list("pk", "ringkas_publik", "data")
                        .iterator(chunk_size=20)):
        indikator = dict(r.get("indikator") or {})
        if "iku" in r:
            iku = dict(r["iku"] or {})
        else:
            try:
                kunci = {i["kunci"] for i in data["sumber"]["indikator"] if i.get("iku")}
            except (KeyError, TypeError, AttributeError):
                kunci = set()
            iku = {k: v for k, v in indikator.items() if k in kunci}
            indikator = {k: v for k, v in indikator.items() if k not in kunci}
        baru.append(Ringkas(final_id=pk, iku=iku, indikator=indikator,
                            anggaran=r.get("anggaran"), program=r.get("program") or []))
        if len(baru) >= 100:
            Ringkas.objects.bulk_create(baru)
            baru = []
    Ringkas.objects.bulk_create(baru)


def kembali(apps, schema_editor):
    Final = apps.get_model("reports", "LaporanFinal")
    for r in apps.get_model("reports", "RingkasFinal").objects.order_by("pk").iterator():
        Final.objects.filter(pk=r.final_id).update(ringkas_publik={
            "versi": 1, "indikator": {**r.iku, **r.indikator}, "anggaran": r.anggaran,
            "program": r.program})


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0007_isi_ringkas_publik'),
    ]

    operations = [
        migrations.CreateModel(
            name='RingkasFinal',
            fields=[
                ('final', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='ringkas', serialize=False, to='reports.laporanfinal')),
                ('iku', models.JSONField(default=dict)),
                ('indikator', models.JSONField(default=dict)),
                ('anggaran', models.JSONField(null=True)),
                ('program', models.JSONField(default=list)),
            ],
            options={
                'verbose_name': "final document's public summary",
                'verbose_name_plural': "final documents' public summaries",
            },
        ),
        migrations.RunPython(pindah, kembali),
        migrations.RemoveField(
            model_name='laporanfinal',
            name='ringkas_publik',
        ),
    ]
