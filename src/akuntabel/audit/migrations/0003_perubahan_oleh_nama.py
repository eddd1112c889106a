"""Each change keeps the name of who made it, so that a deleted account's changes still name
them; existing rows get the name of their user as it is now."""

from django.db import migrations, models


def fill_oleh_nama(apps, schema_editor):
    Perubahan = apps.get_model("audit", "Perubahan")
    User = apps.get_model("auth", "User")
    ids = Perubahan.objects.filter(oleh__isnull=False).values_list("oleh_id", flat=True)
    for user in User.objects.filter(pk__in=ids.distinct()):
        nama = f"{user.first_name} {user.last_name}".strip() or user.username
        Perubahan.objects.filter(oleh_id=user.pk).update(oleh_nama=nama[:300])


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_perubahan_pemda"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AddField(
            model_name="perubahan",
            name="oleh_nama",
            field=models.CharField(blank=True, max_length=300, verbose_name="by (name)"),
        ),
        migrations.RunPython(fill_oleh_nama, migrations.RunPython.noop),
    ]
