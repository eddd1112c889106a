"""Login with throttling, and the pemda administration: users and roles, OPD, officials,
reference lists. Every administration view starts with ``_admin_pemda``: Http404 for anyone
without a pemda-wide role in the pemda, 403 for a verifikator or reviewer.

Changes are recorded in the change history (against the OPD they concern, or against the pemda
for accounts and pemda-wide roles) and to the ``akuntabel.audit`` logger.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import password_validators_help_texts
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q
from django.forms.utils import ErrorDict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akuntabel.accounts import dua_faktor, security_log, throttle
from akuntabel.accounts.access import get_pemda_for_user
from akuntabel.accounts.forms import (
    OpdForm,
    PejabatForm,
    PeranForm,
    SandiForm,
    SesiForm,
    UserBaruForm,
)
from akuntabel.accounts.models import Membership, Peran, SecurityEvent
from akuntabel.audit.services import last_change, record_change, record_pemda_change
from akuntabel.common.waktu import format_waktu
from akuntabel.core.angka import format_angka
from akuntabel.core.peringkat import DEFAULT_SKALA
from akuntabel.organizations.models import Pejabat, Pemda, PerangkatDaerah
from akuntabel.references.models import (
    EdisiReferensi,
    KodeNomenklatur,
    KodeRekening,
    SkalaPeringkat,
)
from akuntabel.references.services import daftar_kode, edisi_pemda

audit_log = logging.getLogger("akuntabel.audit")


# -- login --------------------------------------------------------------------------------------

class ThrottledLoginView(auth_views.LoginView):
    """Django's login view, refusing a name from an address while that pair waits after its
    failures (``accounts.throttle``), and recording every attempt in the security log. The
    refusal does not say whether the account exists."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = request.POST.get("username", "")
        dua_faktor.forget(request)  # a new attempt: no code awaited from an earlier one
        wait = throttle.wait_seconds(username, throttle.client_ip(request))
        if wait:
            security_log.record_login(request, SecurityEvent.Kind.LOGIN_REFUSED, username)
            form = self.get_form()
            form._errors, form.cleaned_data = ErrorDict(), {}  # refused without authenticating
            form.add_error(None, _locked_message(wait))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if dua_faktor.has_device(user):  # not logged in before the code (views_dua_faktor)
            dua_faktor.begin(self.request, user, self.request.POST.get("username", ""),
                             self.get_success_url())
            return redirect("login_kode")
        throttle.reset(self.request.POST.get("username", ""), throttle.client_ip(self.request))
        security_log.record_login(self.request, SecurityEvent.Kind.LOGIN_OK,
                                  user.get_username(), user)
        return super().form_valid(form)

    def form_invalid(self, form: Any) -> HttpResponse:
        username = self.request.POST.get("username", "")
        if not username:
            return super().form_invalid(form)
        security_log.record_login(self.request, SecurityEvent.Kind.LOGIN_FAILED, username)
        wait = throttle.record_failure(username, throttle.client_ip(self.request))
        if wait:
            form.errors.clear()
            form.add_error(None, _locked_message(wait))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_invalid(form)


def _locked_message(seconds: int) -> str:
    return _("Too many failed login attempts. Try again in %(menit)s minutes.") % {
        "menit": max(1, -(-seconds // 60))}


# -- one's own password -------------------------------------------------------------------------

class GantiSandiView(auth_views.PasswordChangeView):
    """Django's password change (old password asked, the policy applied to the new one, the
    session kept valid through ``update_session_auth_hash``), recorded in the history of each
    pemda the user holds a role in, without the password."""

    template_name = "accounts/ganti_sandi.html"
    success_url = reverse_lazy("home")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs),
                "help_texts": password_validators_help_texts(),
                "dua_faktor": dua_faktor.may_enrol(self.request.user)}

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = User.objects.get(pk=form.user.pk)  # the account, not request.user's lazy wrapper
        pemdas = Pemda.objects.filter(memberships__user=user).distinct()
        with transaction.atomic():
            for pemda in pemdas:
                _record(self.request, pemda, f"kata sandi {user.get_username()} diganti sendiri",
                        obj=user, kolom="kata sandi", baru="diganti sendiri",
                        sumber="Ganti kata sandi")
        messages.success(self.request, _("Your password was changed."))
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


# -- pemda administration -----------------------------------------------------------------------

def _admin_pemda(user: Any, pk: int) -> Pemda:
    """The pemda ``pk`` for its administrator; 404 for outsiders, 403 for other pemda-wide
    roles."""
    pemda, is_admin = get_pemda_for_user(user, pk)
    if not is_admin:
        raise PermissionDenied
    return pemda


def _record(request: HttpRequest, pemda: Pemda, pesan: str, *, opd: PerangkatDaerah | None = None,
            obj: Any = None, kolom: str = "", lama: Any = "", baru: Any = "",
            sumber: str = "Kelola pengguna") -> None:
    audit_log.info("%s | pemda=%s | oleh=%s | %s", sumber, pemda.kode,
                   request.user.get_username(), pesan)
    if opd is not None and obj is not None:
        record_change(opd, obj, kolom, lama, baru, sumber=sumber, oleh=request.user)
    elif obj is not None:
        record_pemda_change(pemda, obj, kolom, lama, baru, sumber=sumber, oleh=request.user)


def _pemda_users(pemda: Pemda):
    return (User.objects.filter(memberships__pemda=pemda).distinct().order_by("username")
            .prefetch_related(Prefetch(
                "memberships",
                queryset=Membership.objects.filter(pemda=pemda).select_related("perangkat_daerah")
                .order_by("peran", "perangkat_daerah__nama"),
                to_attr="peran_di_pemda")))


@login_required
def kelola_pengguna(request: HttpRequest, pk: int) -> HttpResponse:
    pemda = _admin_pemda(request.user, pk)
    form = UserBaruForm(pemda=pemda)
    if request.method == "POST":
        form = UserBaruForm(request.POST, pemda=pemda)
        if form.is_valid():
            _create_user(request, pemda, form.cleaned_data)
            messages.success(request, _("The user %(nama)s was created.")
                             % {"nama": form.cleaned_data["username"]})
            return redirect("kelola_pengguna", pk=pemda.pk)
    users = _pemda_users(pemda)
    q = request.GET.get("q", "").strip()
    if q:
        users = users.filter(Q(username__icontains=q) | Q(first_name__icontains=q)
                             | Q(last_name__icontains=q) | Q(email__icontains=q))
    page = Paginator(users, 50).get_page(request.GET.get("halaman"))
    return render(request, "accounts/pengguna.html", {
        "pemda": pemda, "page": page, "form": form, "q": q, "peran_choices": Peran.choices,
        "sesi_form": SesiForm(instance=pemda),
        "sesi_bawaan": (settings.AKUNTABEL_SESI_MAKS_MENIT, settings.AKUNTABEL_SESI_DIAM_MENIT),
        "dua_faktor_ids": dua_faktor.enrolled_ids(page.object_list),
        "opds": list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama")),
        "section": "pengguna",
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def atur_sesi(request: HttpRequest, pk: int) -> HttpResponse:
    """The pemda's session limits; a refused value is said, nothing written."""
    pemda = _admin_pemda(request.user, pk)
    lama = {k: getattr(pemda, k) for k in SesiForm.Meta.fields}
    form = SesiForm(request.POST, instance=pemda)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for e in errors:
                messages.error(request, _("Session limits not saved: %(kolom)s: %(pesan)s")
                               % {"kolom": label, "pesan": e})
        return redirect(reverse("kelola_pengguna", args=[pemda.pk]) + "#sesi")
    with transaction.atomic():
        pemda = form.save()
        for kolom, nilai in lama.items():
            _record(request, pemda, f"{kolom}: {nilai} -> {getattr(pemda, kolom)}", obj=pemda,
                    kolom=kolom, lama=nilai, baru=getattr(pemda, kolom),
                    sumber="Batas sesi login")
    messages.success(request, _("The session limits were saved; they apply from each user's "
                                "next request."))
    return redirect(reverse("kelola_pengguna", args=[pemda.pk]) + "#sesi")


def _create_user(request: HttpRequest, pemda: Pemda, data: dict) -> None:
    first, _sep, last = data["nama_lengkap"].strip().partition(" ")
    with transaction.atomic():
        user = User.objects.create_user(username=data["username"], email=data["email"],
                                        password=data["password"], first_name=first,
                                        last_name=last)
        membership = Membership.objects.create(user=user, pemda=pemda, peran=data["peran"],
                                               perangkat_daerah=data["perangkat_daerah"])
        _record(request, pemda, f"pengguna {user.username} dibuat", obj=user, kolom="akun",
                baru="dibuat")
        _record_membership(request, pemda, membership, added=True)


def _record_membership(request: HttpRequest, pemda: Pemda, m: Membership, *, added: bool) -> None:
    label = f"{m.get_peran_display()}" + (f" {m.perangkat_daerah}" if m.perangkat_daerah else "")
    pesan = (f"peran {label} {'diberikan kepada' if added else 'dicabut dari'} "
             f"{m.user.username}")
    _record(request, pemda, pesan, opd=m.perangkat_daerah, obj=m,
            kolom=f"peran {m.user.username}", lama="" if added else label,
            baru=label if added else "")


def _pemda_user(pemda: Pemda, user_pk: int) -> User:
    """A user holding a role in this pemda; 404 for anyone else."""
    user = User.objects.filter(pk=user_pk, memberships__pemda=pemda).distinct().first()
    if user is None:
        raise Http404
    return user


@login_required
@require_POST
def tambah_peran(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    pemda = _admin_pemda(request.user, pk)
    target = _pemda_user(pemda, user_pk)
    form = PeranForm(request.POST, pemda=pemda)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, f"{target.username}: {e}")
        return redirect("kelola_pengguna", pk=pemda.pk)
    peran, opd = form.cleaned_data["peran"], form.cleaned_data["perangkat_daerah"]
    if Membership.objects.filter(user=target, pemda=pemda, peran=peran,
                                 perangkat_daerah=opd).exists():
        messages.error(request, _("%(nama)s already holds this role.") % {"nama": target.username})
        return redirect("kelola_pengguna", pk=pemda.pk)
    with transaction.atomic():
        m = Membership.objects.create(user=target, pemda=pemda, peran=peran,
                                      perangkat_daerah=opd)
        _record_membership(request, pemda, m, added=True)
    messages.success(request, _("Role given to %(nama)s.") % {"nama": target.username})
    return redirect("kelola_pengguna", pk=pemda.pk)


@login_required
@require_POST
def hapus_peran(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    pemda = _admin_pemda(request.user, pk)
    m = (Membership.objects.select_related("user", "perangkat_daerah")
         .filter(pk=membership_pk, pemda=pemda).first())
    if m is None:
        raise Http404
    if m.user_id == request.user.pk and m.peran == Peran.ADMIN_PEMDA:
        messages.error(request, _("You cannot remove your own administrator role; ask another "
                                  "administrator."))
        return redirect("kelola_pengguna", pk=pemda.pk)
    with transaction.atomic():
        _record_membership(request, pemda, m, added=False)
        m.delete()
    messages.success(request, _("Role removed from %(nama)s.") % {"nama": m.user.username})
    return redirect("kelola_pengguna", pk=pemda.pk)


def _may_manage_account(request: HttpRequest, pemda: Pemda, target: User) -> str | None:
    """Why the account itself (not a role in this pemda) may not be changed here, or None."""
    if target.pk == request.user.pk:
        return _("You cannot change your own account here.")
    if target.is_superuser and not request.user.is_superuser:
        return _("This account is a system administrator's; only a system administrator may "
                 "change it.")
    if Membership.objects.filter(user=target).exclude(pemda=pemda).exists():
        return _("This user also holds a role in another region; their account is changed by "
                 "a system administrator.")
    return None


def _account_to_manage(request: HttpRequest, pk: int,
                       user_pk: int) -> tuple[Pemda, User, HttpResponse | None]:
    """The pemda the user administers, the account ``user_pk`` of it, and the redirect with
    the reason when that account may not be changed here (else None)."""
    pemda = _admin_pemda(request.user, pk)
    target = _pemda_user(pemda, user_pk)
    alasan = _may_manage_account(request, pemda, target)
    if alasan:
        messages.error(request, alasan)
        return pemda, target, redirect("kelola_pengguna", pk=pemda.pk)
    return pemda, target, None


@login_required
@require_POST
def ubah_status(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    pemda, target, refused = _account_to_manage(request, pk, user_pk)
    if refused is not None:
        return refused
    aktif = request.POST.get("aktif") == "1"
    if target.is_active != aktif:
        target.is_active = aktif
        target.save(update_fields=["is_active"])
        _record(request, pemda, f"pengguna {target.username} "
                f"{'diaktifkan' if aktif else 'dinonaktifkan'}", obj=target, kolom="aktif",
                lama="tidak" if aktif else "ya", baru="ya" if aktif else "tidak")
    messages.success(request, (_("%(nama)s can log in again.") if aktif
                               else _("%(nama)s can no longer log in."))
                     % {"nama": target.username})
    return redirect("kelola_pengguna", pk=pemda.pk)


@login_required
@require_POST
def atur_sandi(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    pemda, target, refused = _account_to_manage(request, pk, user_pk)
    if refused is not None:
        return refused
    form = SandiForm(request.POST, user=target)
    if not form.is_valid():
        for e in form.errors.get("password", []):
            messages.error(request, f"{target.username}: {e}")
        return redirect("kelola_pengguna", pk=pemda.pk)
    target.set_password(form.cleaned_data["password"])
    target.save(update_fields=["password"])
    _record(request, pemda, f"kata sandi {target.username} diatur ulang", obj=target,
            kolom="kata sandi", baru="diatur ulang")
    messages.success(request, _("The password of %(nama)s was set.") % {"nama": target.username})
    return redirect("kelola_pengguna", pk=pemda.pk)


@login_required
def kelola_opd(request: HttpRequest, pk: int) -> HttpResponse:
    pemda = _admin_pemda(request.user, pk)
    form = OpdForm(pemda=pemda)
    status = 200
    if request.method == "POST":
        form = OpdForm(request.POST, pemda=pemda, instance=PerangkatDaerah(pemda=pemda))
        if form.is_valid():
            with transaction.atomic():
                opd = form.save()
                _record(request, pemda, f"OPD {opd.kode} ditambahkan", sumber="Kelola OPD")
                for kolom in ("kode", "nama", "singkatan"):
                    record_change(opd, opd, kolom, "", getattr(opd, kolom), sumber="Kelola OPD",
                                  oleh=request.user)
            messages.success(request, _("The agency %(nama)s was added.") % {"nama": opd.nama})
            return redirect("kelola_opd", pk=pemda.pk)
        status = 400
    opds = PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama")
    return render(request, "accounts/opd.html", {
        "pemda": pemda, "opds": opds, "form": form, "section": "opd"}, status=status)


PEJABAT_KOLOM = ("perangkat_daerah", "peran", "nama", "nip", "pangkat", "golongan", "jabatan",
                 "urutan", "catatan")


@login_required
def kelola_pejabat(request: HttpRequest, pk: int) -> HttpResponse:
    pemda = _admin_pemda(request.user, pk)
    form = PejabatForm(pemda=pemda)
    status = 200
    if request.method == "POST":
        form = PejabatForm(request.POST, pemda=pemda)
        if form.is_valid():
            _save_pejabat(request, pemda, form, None)
            messages.success(request, _("The official was added."))
            return redirect("kelola_pejabat", pk=pemda.pk)
        status = 400
    pejabat = (Pejabat.objects.filter(perangkat_daerah__pemda=pemda)
               .select_related("perangkat_daerah")
               .order_by("perangkat_daerah__nama", "urutan", "nama"))
    return render(request, "accounts/pejabat.html", {
        "pemda": pemda, "pejabat": pejabat, "form": form, "section": "pejabat"}, status=status)


@login_required
def ubah_pejabat(request: HttpRequest, pk: int, pejabat_pk: int) -> HttpResponse:
    pemda = _admin_pemda(request.user, pk)
    pejabat = (Pejabat.objects.select_related("perangkat_daerah")
               .filter(pk=pejabat_pk, perangkat_daerah__pemda=pemda).first())
    if pejabat is None:
        raise Http404
    form = PejabatForm(instance=pejabat, pemda=pemda)
    status = 200
    if request.method == "POST":
        form = PejabatForm(request.POST, instance=pejabat, pemda=pemda)
        status = 400
        if form.is_valid():
            try:
                _save_pejabat(request, pemda, form, pejabat)
            except PejabatStale:
                oleh, pada = last_change(pejabat)
                form.add_error(None, _(
                    "This official was changed by %(oleh)s on %(pada)s after you opened this "
                    "page; your changes were not saved. Reload the page to see the stored "
                    "values.") % {"oleh": oleh or _("another user"),
                                  "pada": format_waktu(pada) or "–"})
                status = 409
            else:
                messages.success(request, _("The official was saved."))
                return redirect("kelola_pejabat", pk=pemda.pk)
    return render(request, "accounts/pejabat_form.html", {
        "pemda": pemda, "pejabat": pejabat, "form": form, "section": "pejabat"}, status=status)


class PejabatStale(Exception):
    """The official was saved by someone else after the form was read."""


def _save_pejabat(request: HttpRequest, pemda: Pemda, form: PejabatForm,
                  existing: Pejabat | None) -> None:
    """Save the form; for an existing official only over the version the form read (a
    conditional ``UPDATE … WHERE versi = old``), else PejabatStale and nothing written."""
    def label(p: Pejabat | None, kolom: str) -> str:
        if p is None:
            return ""
        if kolom == "peran":
            return p.get_peran_display()
        return str(getattr(p, kolom) or "")

    with transaction.atomic():
        old = None
        if existing is not None:
            versi = form.cleaned_data["versi"]
            if not Pejabat.objects.filter(pk=existing.pk, versi=versi).update(
                    versi=F("versi") + 1):
                raise PejabatStale
            form.instance.versi = versi + 1
            # The form has already copied the new values onto its instance: the old ones are
            # refetched (under the row lock the update took).
            old = Pejabat.objects.select_related("perangkat_daerah").get(pk=existing.pk)
        lama = {k: label(old, k) for k in PEJABAT_KOLOM}
        pejabat = form.save()
        baru = {k: label(pejabat, k) for k in PEJABAT_KOLOM}
        berubah = [k for k in PEJABAT_KOLOM if lama[k] != baru[k]]
        _record(request, pemda, f"pejabat {pejabat.pk} {pejabat.nama}: {', '.join(berubah)}",
                sumber="Kelola pejabat")
        for kolom in berubah:
            record_change(pejabat.perangkat_daerah, pejabat, kolom, lama[kolom], baru[kolom],
                          sumber="Kelola pejabat", oleh=request.user)


@login_required
def referensi(request: HttpRequest, pk: int) -> HttpResponse:
    """The code list editions (the one the pemda plans with, chosen here), each browsable, and
    the rating scales."""
    pemda = _admin_pemda(request.user, pk)
    if request.method == "POST":
        return _pilih_edisi(request, pemda)
    semua = list(EdisiReferensi.objects.all())
    dipakai = edisi_pemda(pemda)
    edisi = next((e for e in semua if e.kode == request.GET.get("edisi")), dipakai)
    q = request.GET.get("q", "").strip()
    page = Paginator(daftar_kode(edisi, q), 50).get_page(request.GET.get("halaman"))
    jumlah = dict(KodeNomenklatur.objects.values_list("edisi").annotate(n=Count("id")))
    jumlah.update(KodeRekening.objects.values_list("edisi").annotate(n=Count("id")))
    for e in semua:
        e.jumlah = format_angka(Decimal(jumlah.get(e.pk, 0)))
    skala = SkalaPeringkat.objects.filter(pemda=pemda).prefetch_related("pita")
    return render(request, "accounts/referensi.html", {
        "pemda": pemda, "semua_edisi": semua, "edisi": edisi, "dipakai": dipakai,
        "pilihan": [e for e in semua if e.daftar == EdisiReferensi.Daftar.NOMENKLATUR],
        "q": q, "page": page, "skala": skala,
        "jumlah": format_angka(Decimal(page.paginator.count)),
        "skala_bawaan": DEFAULT_SKALA, "section": "referensi"})


def _pilih_edisi(request: HttpRequest, pemda: Pemda) -> HttpResponse:
    """The nomenclature edition the pemda plans with; empty: the default of its kind. Plans
    made before keep theirs."""
    kode = request.POST.get("edisi_referensi", "")
    edisi = EdisiReferensi.objects.filter(
        kode=kode, daftar=EdisiReferensi.Daftar.NOMENKLATUR).first() if kode else None
    if kode and edisi is None:
        messages.error(request, _("The edition was not saved: %(kode)s is not a list of "
                                  "programs, activities and sub-activities.") % {"kode": kode})
        return redirect("referensi", pk=pemda.pk)
    lama = pemda.edisi_referensi
    with transaction.atomic():
        Pemda.objects.filter(pk=pemda.pk).update(edisi_referensi=edisi)
        pemda.edisi_referensi = edisi
        _record(request, pemda, f"edisi_referensi: {lama} -> {edisi}", obj=pemda,
                kolom="edisi_referensi", lama=lama or "", baru=edisi or "",
                sumber="Edisi daftar kode")
    messages.success(request, _("The region now plans with %(edisi)s; plans made before keep "
                                "their edition.") % {"edisi": edisi_pemda(pemda) or "–"})
    return redirect("referensi", pk=pemda.pk)


@login_required
def catatan_keamanan(request: HttpRequest, pk: int) -> HttpResponse:
    """The security log of the pemda's users, newest first: logins and access denials (names of
    no account and other pemdas' users are the system administrator's, in the Django admin)."""
    pemda = _admin_pemda(request.user, pk)
    events = (SecurityEvent.objects.filter(user__memberships__pemda=pemda).distinct()
              .order_by("-created_at", "-id"))
    jenis = request.GET.get("jenis", "")
    if jenis in SecurityEvent.Kind.values:
        events = events.filter(kind=jenis)
    q = request.GET.get("q", "").strip()
    if q:
        events = events.filter(username__icontains=q)
    alamat = request.GET.get("alamat", "").strip()
    if alamat:
        events = events.filter(ip=alamat)
    page = Paginator(events, 50).get_page(request.GET.get("halaman"))
    return render(request, "accounts/catatan_keamanan.html", {
        "pemda": pemda, "page": page, "jenis": jenis, "q": q, "alamat": alamat,
        "jenis_choices": SecurityEvent.Kind.choices, "section": "keamanan"})
