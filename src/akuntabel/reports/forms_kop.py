"""Forms of the documents' readiness for signature: the pemda's letterhead and efficiency
method (admin pemda), the kepala's signing place and date."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from akuntabel.reports.kop import LOGO_MAKS_BYTE, periksa_logo


class KopForm(forms.Form):
    kop_alamat = forms.CharField(label=_("Address"), max_length=300, required=False)
    kop_kontak = forms.CharField(label=_("Contact (telephone, e-mail, website)"),
                                 max_length=300, required=False)
    logo = forms.FileField(label=_("Logo (PNG or JPEG)"), required=False)
    hapus_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    efisiensi_metode = forms.ChoiceField(
        label=_("Efficiency method"),
        choices=[("selisih", _("difference: capaian − serapan above a threshold")),
                 ("rasio", _("ratio: capaian ÷ serapan of 1 or more"))])
    efisiensi_ambang = forms.DecimalField(label=_("Threshold of the difference (points)"),
                                          min_value=Decimal(0), max_value=Decimal(100),
                                          decimal_places=2, initial=Decimal(5))

    def clean_logo(self) -> bytes | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        if upload.size > LOGO_MAKS_BYTE:
            raise ValidationError(f"Logo berukuran {upload.size // 1024} KB; paling besar "
                                  f"{LOGO_MAKS_BYTE // 1024} KB.")
        return periksa_logo(upload.read())


class PengaturanForm(forms.Form):
    tempat = forms.CharField(label=_("Place"), max_length=100, required=False)
    tanggal = forms.DateField(label=_("Date"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    lampiran_perbedaan = forms.BooleanField(
        label=_("Annex the differences from the source documents"), required=False)
