from datetime import date

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from akuntabel.audit.admin import RiwayatAdmin, RiwayatInline
from akuntabel.core.peringkat import Pita, Skala
from akuntabel.references.models import (
    EdisiReferensi,
    KodeNomenklatur,
    KodeRekening,
    PadananKode,
    PitaPeringkat,
    SkalaPeringkat,
)


@admin.register(EdisiReferensi)
class EdisiReferensiAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["kode", "nama", "daftar", "jenis", "berlaku_mulai", "bawaan"]
    list_filter = ["daftar", "jenis"]


@admin.register(KodeNomenklatur)
class KodeNomenklaturAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["kode", "tingkat", "nama", "satuan", "edisi"]
    list_filter = ["edisi", "tingkat"]
    search_fields = ["kode", "nama"]
    list_select_related = ["edisi"]


@admin.register(KodeRekening)
class KodeRekeningAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["kode", "tingkat", "uraian", "edisi"]
    list_filter = ["edisi"]
    search_fields = ["kode", "uraian"]
    list_select_related = ["edisi"]


@admin.register(PadananKode)
class PadananKodeAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["kode_asal", "kode_tujuan", "status", "nama_tujuan"]
    list_filter = ["status", "edisi_asal", "edisi_tujuan"]
    search_fields = ["kode_asal", "kode_tujuan", "nama_asal", "nama_tujuan"]


class PitaFormSet(BaseInlineFormSet):
    """Refuse bands that do not form a scale, with the core's reason, before saving."""

    def clean(self) -> None:
        super().clean()
        pita = [Pita(f.cleaned_data.get("batas_bawah"), f.cleaned_data.get("label", ""),
                     f.cleaned_data.get("inklusif", True))
                for f in self.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        pita.sort(key=lambda p: (p.batas_bawah is None, -(p.batas_bawah or 0)))
        try:
            Skala(kode="periksa", nama="periksa", berlaku_mulai=date(2000, 1, 1),
                  dasar_hukum="-", pita=tuple(pita))
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class PitaInline(RiwayatInline, admin.TabularInline):
    model = PitaPeringkat
    formset = PitaFormSet
    extra = 0


@admin.register(SkalaPeringkat)
class SkalaPeringkatAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["nama", "pemda", "berlaku_mulai", "dasar_hukum"]
    list_filter = ["pemda"]
    inlines = [PitaInline]
