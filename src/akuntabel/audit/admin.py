"""The Django admin leaves history like every other path: ``RiwayatAdmin`` (for a ModelAdmin)
and ``RiwayatInline`` (for its inlines) record one row per changed field through
``audit.services``, naming the object and the admin user, "Admin Django" as the source; a
deletion leaves a row saying what was deleted. A model with a ``versi`` (optimistic
concurrency) gets a new version on every admin save, so that a grid or workbook opened before
is refused as stale instead of overwriting the admin's value; the admin form itself carries
the version it read and is refused when someone saved since.

Where a row is recorded: the object's agency when it has one (directly or through the object
it belongs to), else its pemda; a reference list shared by every pemda (nomenklatur, rekening
codes, a national rating scale) is recorded in the history of every pemda. A deleted agency is
recorded in its pemda's history (an agency's own history goes with it); a deleted pemda takes
its whole history with it and is only written to the ``akuntabel.audit`` log.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _

from akuntabel.audit.models import Perubahan
from akuntabel.audit.services import last_change, record_change, record_pemda_change
from akuntabel.common.waktu import format_waktu
from akuntabel.core.batas import UANG, UKURAN, cek_batas
from akuntabel.organizations.models import Pemda, PerangkatDaerah

SUMBER = "Admin Django"
DIHAPUS = "dihapus"  # the field name of a deletion's row
# Bookkeeping fields: not recorded (the version is bumped, not typed).
TIDAK_DICATAT = {"versi", "created_at", "updated_at", "uploaded_at"}
audit_log = logging.getLogger("akuntabel.audit")


# ----------------------------------------------------------------------------------- places

def _tempat(obj: models.Model, depth: int = 0) -> PerangkatDaerah | Pemda | None:
    """The agency the object belongs to, else its pemda, else None (shared by every pemda)."""
    if isinstance(obj, PerangkatDaerah | Pemda):
        return obj
    for nama in ("perangkat_daerah", "pemda"):
        if getattr(obj, f"{nama}_id", None) is not None:
            return getattr(obj, nama)  # type: ignore[no-any-return]
    if depth > 6:
        return None
    for f in obj._meta.concrete_fields:
        if (f.is_relation and f.many_to_one and f.related_model is not None
                and f.related_model._meta.label != settings.AUTH_USER_MODEL
                and getattr(obj, f.attname) is not None):
            return _tempat(getattr(obj, f.name), depth + 1)
    return None


def _record(obj: models.Model, kolom: str, lama: Any, baru: Any, user: Any,
            tempat: PerangkatDaerah | Pemda | None = None) -> None:
    tempat = tempat if tempat is not None else _tempat(obj)
    kw = {"sumber": SUMBER, "oleh": user}
    if isinstance(tempat, PerangkatDaerah):
        record_change(tempat, obj, kolom, lama, baru, **kw)
    elif isinstance(tempat, Pemda):
        record_pemda_change(tempat, obj, kolom, lama, baru, **kw)
    else:
        for pemda in Pemda.objects.order_by("pk"):
            record_pemda_change(pemda, obj, kolom, lama, baru, **kw)


# ----------------------------------------------------------------------------------- values

def _fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields
            if not f.primary_key and f.name not in TIDAK_DICATAT]


def _shown(obj: models.Model, f: models.Field) -> str:
    """A field's value as a person reads it in the history."""
    raw = getattr(obj, f.attname)
    if raw is None:
        return ""
    if f.is_relation:
        return str(getattr(obj, f.name))
    if f.choices:
        return str(dict(f.flatchoices).get(raw, raw))
    if isinstance(raw, Decimal):
        teks = f"{raw:f}"
        return teks.rstrip("0").rstrip(".") if "." in teks else teks
    if isinstance(raw, bool):
        return _("yes") if raw else _("no")
    return str(raw)


def _snapshot(model: type[models.Model], pks: list[Any]) -> dict[Any, models.Model]:
    """The stored objects, read before the admin's form writes over them."""
    pks = [pk for pk in pks if pk is not None]
    return model._default_manager.in_bulk(pks) if pks else {}


def _record_save(obj: models.Model, old: models.Model | None, user: Any) -> None:
    tempat = _tempat(obj)
    for f in _fields(type(obj)):
        if old is not None and getattr(old, f.attname) == getattr(obj, f.attname):
            continue
        _record(obj, f.name, _shown(old, f) if old is not None else "", _shown(obj, f), user,
                tempat)


def _record_delete(obj: models.Model, user: Any) -> None:
    if isinstance(obj, Pemda):
        audit_log.info("%s | pemda %s (%s) dihapus oleh %s", SUMBER, obj.kode, obj.nama,
                       getattr(user, "username", ""))
        return
    tempat = obj.pemda if isinstance(obj, PerangkatDaerah) else _tempat(obj)
    _record(obj, DIHAPUS, str(obj), "", user, tempat)


def _has_versi(model: type[models.Model]) -> bool:
    return any(f.name == "versi" for f in model._meta.concrete_fields)


def _bump(obj: models.Model, old: models.Model | None) -> None:
    """A changed object gets the version after the stored one."""
    if old is not None and _has_versi(type(obj)):
        obj.versi = old.versi + 1  # type: ignore[attr-defined]


# ------------------------------------------------------------------------------ stale forms

class VersiForm(forms.ModelForm):
    """An admin form of a model with ``versi``: it carries the version it was opened with
    (``versi_dibaca``) and is refused when the stored one is newer."""

    versi_dibaca = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["versi_dibaca"].required = True
            self.fields["versi_dibaca"].initial = self.instance.versi
            self.fields["versi_dibaca"].error_messages["required"] = _(
                "The form does not say which version it was opened with; open it again.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.instance.pk is None or "versi_dibaca" not in data:
            return data
        stored = (type(self.instance)._default_manager.filter(pk=self.instance.pk)
                  .values_list("versi", flat=True).first())
        if stored is not None and stored != data["versi_dibaca"]:
            oleh, pada = last_change(self.instance)
            raise forms.ValidationError(
                _("This was changed by %(oleh)s on %(pada)s after you opened it; your changes "
                  "were not saved. Open it again to see the stored values.")
                % {"oleh": oleh or _("another user"), "pada": format_waktu(pada) or "–"})
        return data


def _form_base(model: type[models.Model], form: type[forms.ModelForm]) -> type[forms.ModelForm]:
    if _has_versi(model) and not issubclass(form, VersiForm):
        return type(f"{model.__name__}VersiForm", (VersiForm, form), {})
    return form


def _with_bounds(db_field: models.Field, formfield: Any) -> Any:
    """A decimal field's form field checked against what may be stored (``core.batas``):
    Rupiah (two decimals) as ``UANG``, any other measure as ``UKURAN``, the reason shown at
    the field. The admin is an entry path like the grids and the imports."""
    if isinstance(db_field, models.DecimalField) and formfield is not None:
        batas = UANG if db_field.decimal_places == 2 else UKURAN

        def check(nilai: Decimal | None) -> None:
            alasan = cek_batas(nilai, batas) if nilai is not None else None
            if alasan is not None:
                raise forms.ValidationError(
                    _("This number cannot be stored: %(alasan)s") % {"alasan": alasan})

        formfield.validators.append(check)
    return formfield


# ------------------------------------------------------------------------------- the mixins

class RiwayatInline:
    """For an inline of a ``RiwayatAdmin``: ``versi`` read-only and carried as read, numbers
    checked against their bounds."""

    model: type[models.Model]
    form: type[forms.ModelForm]

    def formfield_for_dbfield(self, db_field: models.Field, request: HttpRequest,
                              **kwargs: Any) -> Any:
        return _with_bounds(db_field, super().formfield_for_dbfield(  # type: ignore[misc]
            db_field, request, **kwargs))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))  # type: ignore[misc]
        return [*fields, "versi"] if _has_versi(self.model) else fields

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        kwargs.setdefault("form", _form_base(self.model, self.form))
        return super().get_formset(request, obj, **kwargs)  # type: ignore[misc]


class RiwayatAdmin:
    """For every ModelAdmin of the project: saves and deletions recorded, ``versi`` bumped and
    checked, numbers checked against their bounds (``core.batas``)."""

    model: type[models.Model]
    form: type[forms.ModelForm]

    def formfield_for_dbfield(self, db_field: models.Field, request: HttpRequest,
                              **kwargs: Any) -> Any:
        return _with_bounds(db_field, super().formfield_for_dbfield(  # type: ignore[misc]
            db_field, request, **kwargs))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))  # type: ignore[misc]
        return [*fields, "versi"] if _has_versi(self.model) else fields

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False,
                 **kwargs: Any) -> Any:
        kwargs.setdefault("form", _form_base(self.model, self.form))
        return super().get_form(request, obj, change, **kwargs)  # type: ignore[misc]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        old = _snapshot(type(obj), [obj.pk]).get(obj.pk) if change else None
        _bump(obj, old)
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        _record_save(obj, old, request.user)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        model = formset.model
        old = _snapshot(model, [f.instance.pk for f in formset.initial_forms])
        for f in formset.initial_forms:
            if f.instance.pk in old and f.has_changed() and f not in formset.deleted_forms:
                _bump(f.instance, old[f.instance.pk])
        super().save_formset(request, form, formset, change)  # type: ignore[misc]
        for obj in formset.new_objects:
            _record_save(obj, None, request.user)
        for obj, _changed in formset.changed_objects:
            _record_save(obj, old.get(obj.pk), request.user)
        for obj in formset.deleted_objects:
            _record_delete(obj, request.user)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        _record_delete(obj, request.user)
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            _record_delete(obj, request.user)
        super().delete_queryset(request, queryset)  # type: ignore[misc]


@admin.register(Perubahan)
class PerubahanAdmin(admin.ModelAdmin):
    list_display = ["created_at", "perangkat_daerah", "objek", "kolom", "lama", "baru", "sumber",
                    "oleh", "oleh_nama"]
    list_filter = ["perangkat_daerah", "model"]
    search_fields = ["objek", "kolom", "lama", "baru", "sumber", "oleh_nama"]
    readonly_fields = [f.name for f in Perubahan._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
