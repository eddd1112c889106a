"""Code lists in dated editions. The codes an installation already holds (the partial lists
shipped before, or a list it loaded itself) are kept in an edition of their own, named as the
partial list of Kepmendagri 050-5889/2021 and Permendagri 90/2019 they were."""

import re
from datetime import date

import django.db.models.deletion
from django.db import migrations, models


def _cari(teks):
    return " ".join(re.sub(r"[\W_]+", " ", teks.casefold()).split())


def into_editions(apps, schema_editor):
    Edisi = apps.get_model("references", "EdisiReferensi")
    Nomenklatur = apps.get_model("references", "KodeNomenklatur")
    Rekening = apps.get_model("references", "KodeRekening")
    if Nomenklatur.objects.exists():
        edisi = Edisi.objects.create(
            kode="parsial-050-5889-2021", nama="Nomenklatur (daftar parsial, dimuat sebelumnya)",
            daftar="nomenklatur", jenis="kabkota",
            dasar_hukum="Kepmendagri 050-5889/2021", berlaku_mulai=date(2022, 1, 1),
            sumber="Daftar yang dimuat sebelum edisi referensi ada (akuntabel referensi).")
        rows = list(Nomenklatur.objects.all())
        for row in rows:
            row.edisi = edisi
            row.cari = _cari(row.nama)
        Nomenklatur.objects.bulk_update(rows, ["edisi", "cari"], batch_size=500)
    if Rekening.objects.exists():
        edisi = Edisi.objects.create(
            kode="parsial-rekening-90-2019", nama="Kode rekening (daftar parsial, dimuat sebelumnya)",
            daftar="rekening", jenis="semua",
            dasar_hukum="Permendagri 90/2019", berlaku_mulai=date(2020, 1, 1),
            sumber="Daftar yang dimuat sebelum edisi referensi ada (akuntabel referensi).")
        Rekening.objects.update(edisi=edisi)


class Migration(migrations.Migration):

    dependencies = [
        ("references", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="EdisiReferensi",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kode", models.SlugField(max_length=80, unique=True, verbose_name="key")),
                ("nama", models.CharField(max_length=300, verbose_name="name")),
                ("daftar", models.CharField(choices=[("nomenklatur", "programs, activities and sub-activities"), ("rekening", "account codes (kode rekening)")], max_length=16, verbose_name="list")),
                ("jenis", models.CharField(choices=[("kabkota", "regency/city (kabupaten/kota)"), ("provinsi", "province (provinsi)"), ("semua", "every region")], max_length=16, verbose_name="kind of region")),
                ("dasar_hukum", models.CharField(max_length=300, verbose_name="legal basis")),
                ("berlaku_mulai", models.DateField(verbose_name="in force from")),
                ("sumber", models.TextField(blank=True, verbose_name="source")),
                ("catatan", models.TextField(blank=True, verbose_name="note")),
                ("bawaan", models.BooleanField(default=False, help_text="Used by a region of this kind that has not chosen an edition.", verbose_name="default")),
            ],
            options={
                "verbose_name": "reference list edition",
                "verbose_name_plural": "reference list editions",
                "ordering": ["daftar", "-berlaku_mulai", "kode"],
            },
        ),
        migrations.AddField(
            model_name="kodenomenklatur",
            name="edisi",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="nomenklatur", to="references.edisireferensi"),
        ),
        migrations.AddField(
            model_name="koderekening",
            name="edisi",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="rekening", to="references.edisireferensi"),
        ),
        migrations.AddField(
            model_name="kodenomenklatur",
            name="cari",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(into_editions, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="kodenomenklatur",
            name="edisi",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="nomenklatur", to="references.edisireferensi"),
        ),
        migrations.AlterField(
            model_name="koderekening",
            name="edisi",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="rekening", to="references.edisireferensi"),
        ),
        migrations.AlterField(
            model_name="kodenomenklatur",
            name="kode",
            field=models.CharField(max_length=40, verbose_name="code"),
        ),
        migrations.AlterField(
            model_name="koderekening",
            name="kode",
            field=models.CharField(max_length=40, verbose_name="code"),
        ),
        migrations.AlterField(
            model_name="kodenomenklatur",
            name="tingkat",
            field=models.CharField(choices=[("urusan", "government affair (urusan)"), ("bidang", "field of affairs (bidang urusan)"), ("program", "program"), ("kegiatan", "activity (kegiatan)"), ("sub_kegiatan", "sub-activity (sub kegiatan)")], max_length=16, verbose_name="level"),
        ),
        migrations.AddField(
            model_name="kodenomenklatur",
            name="definisi",
            field=models.TextField(blank=True, verbose_name="operational definition"),
        ),
        migrations.AddField(
            model_name="kodenomenklatur",
            name="meta",
            field=models.JSONField(blank=True, default=dict, verbose_name="other columns"),
        ),
        migrations.AddField(
            model_name="kodenomenklatur",
            name="sumber",
            field=models.CharField(blank=True, max_length=300, verbose_name="source"),
        ),
        migrations.AddField(
            model_name="koderekening",
            name="keterangan",
            field=models.TextField(blank=True, verbose_name="explanation"),
        ),
        migrations.AddField(
            model_name="koderekening",
            name="sumber",
            field=models.CharField(blank=True, max_length=300, verbose_name="source"),
        ),
        migrations.AlterModelOptions(
            name="kodenomenklatur",
            options={"ordering": ["edisi", "kode"], "verbose_name": "nomenclature code", "verbose_name_plural": "nomenclature codes"},
        ),
        migrations.AlterModelOptions(
            name="koderekening",
            options={"ordering": ["edisi", "kode"], "verbose_name": "account code (kode rekening)", "verbose_name_plural": "account codes (kode rekening)"},
        ),
        migrations.AddConstraint(
            model_name="kodenomenklatur",
            constraint=models.UniqueConstraint(fields=("edisi", "kode"), name="nomenklatur_unique_kode"),
        ),
        migrations.AddConstraint(
            model_name="koderekening",
            constraint=models.UniqueConstraint(fields=("edisi", "kode"), name="rekening_unique_kode"),
        ),
        migrations.CreateModel(
            name="PadananKode",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kode_asal", models.CharField(blank=True, max_length=40, verbose_name="code in the first edition")),
                ("nama_asal", models.TextField(blank=True, verbose_name="name in the first edition")),
                ("kode_tujuan", models.CharField(blank=True, max_length=40, verbose_name="code in the second edition")),
                ("nama_tujuan", models.TextField(blank=True, verbose_name="name in the second edition")),
                ("status", models.CharField(choices=[("sama", "same code"), ("kode_berbeda", "different code"), ("hanya_asal", "only in the first edition"), ("hanya_tujuan", "only in the second edition")], max_length=16, verbose_name="status")),
                ("edisi_asal", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="padanan_asal", to="references.edisireferensi")),
                ("edisi_tujuan", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="padanan_tujuan", to="references.edisireferensi")),
            ],
            options={
                "verbose_name": "code crosswalk row",
                "verbose_name_plural": "code crosswalk",
                "ordering": ["edisi_asal", "kode_asal", "kode_tujuan"],
                "constraints": [models.UniqueConstraint(fields=("edisi_asal", "edisi_tujuan", "kode_asal", "kode_tujuan"), name="padanan_unique_pair")],
            },
        ),
    ]
