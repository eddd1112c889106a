"""``akuntabel manage kirim_pengingat``: the daily run of the reporting calendar's mails
(``reporting.notifikasi.kirim_harian``), meant for cron once a day (docs/notifikasi.md).
Running it twice on a day sends nothing more."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from akuntabel.reporting.notifikasi import kirim_harian


class Command(BaseCommand):
    help = "Kirim pengingat batas waktu, pemberitahuan terlambat dan ringkasan harian."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tanggal", help="hari yang dihitung (YYYY-MM-DD); bawaan: hari ini")

    def handle(self, *args: Any, **options: Any) -> None:
        teks = options.get("tanggal")
        try:
            today = date.fromisoformat(teks) if teks else timezone.localdate()
        except ValueError:
            raise CommandError(f"Tanggal '{teks}' tidak sah; tulis YYYY-MM-DD.") from None
        hasil = kirim_harian(today)
        self.stdout.write(f"{today:%Y-%m-%d}: {hasil.terkirim} pesan dikirim, "
                          f"{hasil.ringkasan} ringkasan harian dikirim.")
        if hasil.tanpa_email:
            self.stdout.write("Pengguna tanpa alamat e-mail (tidak dikirimi): "
                              + ", ".join(hasil.tanpa_email))
