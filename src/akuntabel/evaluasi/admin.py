"""The LKE template in the data administration: an admin edits an edition (its components,
sub-components, criteria, answer scale and predikat bands) while no evaluation has been made
with it; once one has, the edition is read-only there, since an evaluation keeps the template
it was made with (a changed weight or band would change a score already given). A changed
LKE is then a new edition (a new ``kode``), loaded from its YAML (``akuntabel referensi``).
Every admin change is recorded in the history (``RiwayatAdmin``)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from akuntabel.audit.admin import RiwayatAdmin, RiwayatInline
from akuntabel.evaluasi.models import (
    Evaluasi,
    KomponenLke,
    KriteriaLke,
    PitaPredikat,
    SkalaJawaban,
    SubKomponenLke,
    TemplateLke,
)


def _template_of(obj: Any) -> TemplateLke | None:
    if isinstance(obj, TemplateLke):
        return obj
    if isinstance(obj, KriteriaLke):
        return obj.sub_komponen.komponen.template
    if isinstance(obj, SubKomponenLke):
        return obj.komponen.template
    return getattr(obj, "template", None)


def dipakai(template: TemplateLke | None) -> bool:
    """Whether an evaluation has been made with the edition."""
    return template is not None and Evaluasi.objects.filter(template=template).exists()


class _EdisiTerkunci:
    """Change and delete only while no evaluation uses the object's edition."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and dipakai(_template_of(obj)):
            return False
        return super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and dipakai(_template_of(obj)):
            return False
        return super().has_delete_permission(request, obj)  # type: ignore[misc]


class SkalaInline(_EdisiTerkunci, RiwayatInline, admin.TabularInline):
    model = SkalaJawaban
    extra = 0


class PitaInline(_EdisiTerkunci, RiwayatInline, admin.TabularInline):
    model = PitaPredikat
    extra = 0


class KomponenInline(_EdisiTerkunci, RiwayatInline, admin.TabularInline):
    model = KomponenLke
    extra = 0


@admin.register(TemplateLke)
class TemplateLkeAdmin(_EdisiTerkunci, RiwayatAdmin, admin.ModelAdmin):
    list_display = ["nama", "kode", "dasar_hukum", "berlaku_mulai"]
    inlines = [KomponenInline, SkalaInline, PitaInline]


class KriteriaInline(_EdisiTerkunci, RiwayatInline, admin.TabularInline):
    model = KriteriaLke
    extra = 0


@admin.register(SubKomponenLke)
class SubKomponenLkeAdmin(_EdisiTerkunci, RiwayatAdmin, admin.ModelAdmin):
    list_display = ["kode", "nama", "perspektif", "bobot", "komponen"]
    list_filter = ["komponen__template"]
    inlines = [KriteriaInline]


@admin.register(KriteriaLke)
class KriteriaLkeAdmin(_EdisiTerkunci, RiwayatAdmin, admin.ModelAdmin):
    list_display = ["nomor", "uraian", "sub_komponen"]
    list_filter = ["sub_komponen__komponen__template"]
    search_fields = ["nomor", "uraian"]
