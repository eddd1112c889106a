"""Forms of the pemda administration: users and their roles, OPD, officials."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from akuntabel.accounts.models import PEMDA_WIDE, Peran
from akuntabel.accounts.validators import validate_not_place_name
from akuntabel.organizations.models import Pejabat, Pemda, PerangkatDaerah


class PeranMixin(forms.Form):
    """A role in this pemda, with the OPD an OPD-bound role needs."""

    peran = forms.ChoiceField(label=_("Role"), choices=Peran.choices)
    perangkat_daerah = forms.ModelChoiceField(label=_("Agency"), required=False,
                                              queryset=PerangkatDaerah.objects.none())

    def set_pemda(self, pemda: Pemda) -> None:
        self.pemda = pemda
        self.fields["perangkat_daerah"].queryset = PerangkatDaerah.objects.filter(pemda=pemda)

    def clean(self) -> dict:
        data = super().clean()
        peran, opd = data.get("peran"), data.get("perangkat_daerah")
        if peran and peran not in {p.value for p in PEMDA_WIDE} and opd is None:
            self.add_error("perangkat_daerah", _("This role needs an agency of this region."))
        if peran and peran in {p.value for p in PEMDA_WIDE}:
            data["perangkat_daerah"] = None  # a pemda-wide role is held for the whole pemda
        return data


class UserBaruForm(PeranMixin):
    username = forms.RegexField(label=_("Username"), max_length=150, regex=r"^[\w.@+-]+\Z",
                                help_text=_("Letters, digits and . @ + - _ only."))
    nama_lengkap = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email"), required=False)
    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput)

    field_order = ["username", "nama_lengkap", "email", "password", "peran", "perangkat_daerah"]

    def __init__(self, *args: object, pemda: Pemda, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.set_pemda(pemda)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("This username is already taken."))
        return username

    def clean(self) -> dict:
        data = super().clean()
        password = data.get("password")
        if password:
            first, _sep, last = (data.get("nama_lengkap") or "").partition(" ")
            candidate = User(username=data.get("username") or "", first_name=first,
                             last_name=last, email=data.get("email") or "")
            for check in (lambda: validate_password(password, candidate),
                          lambda: validate_not_place_name(
                              password, [self.pemda, data.get("perangkat_daerah")])):
                try:
                    check()
                except ValidationError as exc:
                    self.add_error("password", exc)
        return data


class PeranForm(PeranMixin):
    def __init__(self, *args: object, pemda: Pemda, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.set_pemda(pemda)


class SandiForm(forms.Form):
    password = forms.CharField(label=_("New password"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        validate_password(password, self.user)
        return password


class SesiForm(forms.ModelForm):
    """The pemda's session limits (accounts.session_limits), in minutes; empty: the default."""

    class Meta:
        model = Pemda
        fields = ["sesi_maks_menit", "sesi_diam_menit"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        low, high = settings.AKUNTABEL_SESI_BATAS_MENIT
        for name in self.Meta.fields:
            self.fields[name].min_value = low
            self.fields[name].max_value = high
            self.fields[name].validators += [MinValueValidator(low), MaxValueValidator(high)]
            self.fields[name].widget.attrs.update(min=low, max=high)

    def clean(self) -> dict:
        data = super().clean()
        maks = data.get("sesi_maks_menit") or settings.AKUNTABEL_SESI_MAKS_MENIT
        diam = data.get("sesi_diam_menit") or settings.AKUNTABEL_SESI_DIAM_MENIT
        if not self.errors and diam > maks:
            self.add_error("sesi_diam_menit", _("The idle timeout cannot be longer than the "
                                                "session lifetime."))
        return data


class OpdForm(forms.ModelForm):
    class Meta:
        model = PerangkatDaerah
        fields = ["kode", "nama", "singkatan"]

    def __init__(self, *args: object, pemda: Pemda, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.pemda = pemda

    def clean_kode(self) -> str:
        kode = self.cleaned_data["kode"]
        if PerangkatDaerah.objects.filter(pemda=self.pemda, kode=kode).exclude(
                pk=self.instance.pk).exists():
            raise ValidationError(_("An agency with this key already exists in this region."))
        return kode


class PejabatForm(forms.ModelForm):
    class Meta:
        model = Pejabat
        fields = ["perangkat_daerah", "peran", "nama", "nip", "pangkat", "golongan", "jabatan",
                  "urutan", "catatan"]
        widgets = {"catatan": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: object, pemda: Pemda, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["perangkat_daerah"].queryset = PerangkatDaerah.objects.filter(pemda=pemda)
        self.fields["perangkat_daerah"].label = _("Agency")
        if self.instance.pk is not None:
            # The version read, checked when saving (optimistic concurrency); a form without
            # one is refused, never saved as if unversioned.
            tanpa = _("The form does not name the version of the official it was read from; "
                      "nothing was saved. Reload the page and try again.")
            self.fields["versi"] = forms.IntegerField(
                widget=forms.HiddenInput, min_value=0, initial=self.instance.versi,
                error_messages={"required": tanpa, "invalid": tanpa, "min_value": tanpa})

    def clean_nip(self) -> str:
        nip = "".join(self.cleaned_data["nip"].split())
        # Checked when typed; a NIP copied as printed (the seed's has 19 digits) stays editable.
        if nip and "nip" in self.changed_data and (not nip.isdigit() or len(nip) != 18):
            raise ValidationError(_("A NIP has 18 digits."))
        return nip
