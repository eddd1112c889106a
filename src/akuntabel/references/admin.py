from datetime import date

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from akuntabel.audit.admin import RiwayatAdmin, RiwayatInline
from akuntabel.core.peringkat import Pita, Skala
from akuntabel.references.models import (
    KodeNomenklatur,
    KodeRekening,
    PitaPeringkat,
    SkalaPeringkat,
)


@admin.register(KodeNomenklatur)
class KodeNomenklaturAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["kode", "tingkat", "nama", "satuan"]
    list_filter = ["tingkat"]
    search_fields = ["kode", "nama"]


@admin.register(KodeRekening)
class KodeRekeningAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["kode", "tingkat", "uraian"]
    search_fields = ["kode", "uraian"]


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
