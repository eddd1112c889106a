"""The target form of the indicator page: the Renja target of a year and its triwulan
targets, typed the Indonesian way ("1.234,5") and within the bounds of a measure
(``core.batas.UKURAN``), with the versions read for optimistic concurrency and a reason."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from akuntabel.common.triwulan import TRIWULAN_ROMAWI as ROMAWI
from akuntabel.core.angka import Angka, format_angka, parse_angka, parse_rentang
from akuntabel.core.batas import UKURAN, cek_batas
from akuntabel.core.capaian import SKALA_KUALITATIF, Polaritas
from akuntabel.plans.models import TAHUNAN, Indikator, Target

# Periods of the form: 0 is the whole year, 1-4 the triwulan.
PERIODE = (TAHUNAN, 1, 2, 3, 4)


def nama_periode(triwulan: int) -> str:
    if triwulan == TAHUNAN:
        return str(_("Renja target for the year"))
    return str(_("Renja target TW %(tw)s")) % {"tw": ROMAWI[triwulan]}


class TargetForm(forms.Form):
    """``nilai_<tw>`` is the typed value (empty: no target), ``versi_<tw>`` the version of the
    row when the page was read (0: there was no row)."""

    alasan = forms.CharField(label=_("Reason for the change"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args: Any, indikator: Indikator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        for tw in PERIODE:
            self.fields[f"nilai_{tw}"] = forms.CharField(
                label=nama_periode(tw), required=False, max_length=100,
                widget=forms.TextInput(attrs={
                    # a label ("WTP") needs letters; a number, a range the decimal keypad
                    "inputmode": ("text" if indikator.polaritas == Polaritas.KUALITATIF
                                  else "decimal"),
                    "autocomplete": "off", "size": 10}))
            self.fields[f"versi_{tw}"] = forms.IntegerField(min_value=0,
                                                            widget=forms.HiddenInput)
            self.fields[f"nilai_{tw}"].triwulan = tw  # type: ignore[attr-defined]

    @classmethod
    def for_rows(cls, indikator: Indikator, rows: dict[int, Target]) -> TargetForm:
        """An unbound form showing the current Renja targets (``rows`` by triwulan)."""
        initial: dict[str, Any] = {}
        for tw in PERIODE:
            row = rows.get(tw)
            initial[f"versi_{tw}"] = row.versi if row else 0
            initial[f"nilai_{tw}"] = (row.teks or format_angka(row.nilai)
                                      if row is not None and (row.teks or row.nilai is not None)
                                      else "")
        return cls(initial=initial, indikator=indikator)

    def nilai_fields(self) -> list[forms.BoundField]:
        return [self[f"nilai_{tw}"] for tw in PERIODE]

    def versi_fields(self) -> list[forms.BoundField]:
        return [self[f"versi_{tw}"] for tw in PERIODE]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for tw in PERIODE:
            name = f"nilai_{tw}"
            teks = (data.get(name) or "").strip()
            if not teks:
                data[name] = None
                continue
            tempat = nama_periode(tw)
            try:
                data[name] = (teks, *self._read(teks))
            except forms.ValidationError as exc:
                self.add_error(name, str(exc.message) % {**(exc.params or {}),
                                                         "tempat": tempat, "teks": teks})
        return data

    def _read(self, teks: str) -> tuple[Decimal | None, Decimal | None]:
        """A target as typed: one number, a range of two ("60–85 %"), or a label of a
        qualitative scale ("WTP", ``core.capaian.SKALA_KUALITATIF``), as (number, upper
        bound); ValidationError with a message naming ``%(tempat)s`` otherwise."""
        hasil = parse_angka(teks)
        if isinstance(hasil, Angka):
            return self._check(hasil.nilai, hasil.satuan, teks), None
        rentang = parse_rentang(teks)
        if rentang is not None:
            return (self._check(rentang.bawah, rentang.satuan, teks),
                    self._check(rentang.atas, rentang.satuan, teks))
        if (self.indikator.polaritas == Polaritas.KUALITATIF
                or any(s.skor(teks) is not None for s in SKALA_KUALITATIF)):
            return None, None
        raise forms.ValidationError(_(
            "%(tempat)s: '%(teks)s' is not a number; write it like 1.234,5, a range like "
            "60–85, or a label of a qualitative scale such as WTP."))

    def _check(self, nilai: Decimal, satuan_ditulis: str | None, teks: str) -> Decimal:
        satuan = (self.indikator.satuan or "").strip()
        if satuan_ditulis and satuan and satuan_ditulis.casefold() != satuan.casefold():
            raise forms.ValidationError(
                _("%(tempat)s: the unit '%(ditulis)s' is not the indicator's unit "
                  "'%(satuan)s'."), params={"ditulis": satuan_ditulis, "satuan": satuan})
        if nilai < 0:
            raise forms.ValidationError(_("%(tempat)s: a target cannot be negative "
                                          "('%(teks)s')."))
        if alasan := cek_batas(nilai, UKURAN):
            raise forms.ValidationError(
                _("%(tempat)s: '%(teks)s' cannot be stored: %(alasan)s"),
                params={"alasan": alasan})
        return nilai

    def values(self) -> dict[int, tuple[str, Decimal | None, Decimal | None] | None]:
        """The cleaned values by triwulan: (text as typed, number, upper bound of a range) or
        None for "no target"."""
        return {tw: self.cleaned_data[f"nilai_{tw}"] for tw in PERIODE}
