"""The web application's pages. Each view checks access on its first line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from akuntabel.accounts.access import (
    get_opd_for_user,
    get_pemda_for_user,
    visible_opd,
    visible_pemda,
)
from akuntabel.accounts.models import Membership, Peran
from akuntabel.budget.models import Dpa
from akuntabel.budget.services import ROOT, build_budget_totals, build_budget_tree
from akuntabel.common.triwulan import TRIWULAN_ROMAWI as ROMAWI
from akuntabel.converters import parse_tahun
from akuntabel.core.angka import format_persen, format_rupiah
from akuntabel.core.capaian import average_capaian
from akuntabel.core.jadwal import (
    AturanBatas,
    JadwalTriwulan,
    StatusJadwal,
    jadwal_tahun,
    triwulan_pelaporan,
)
from akuntabel.core.peringkat import Skala
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.references.services import skala_for
from akuntabel.reporting.jadwal import batas_triwulan
from akuntabel.reports.tembolok import data_per_opd
from akuntabel.results.capaian import CapaianIndikator
from akuntabel.web.ikhtisar import (
    Kelengkapan,
    Tampilan,
    baca_tampilan,
    capaian_iku,
    distribusi,
    kelengkapan,
    peringatan_dini,
    saring,
    status_pelaporan,
    svg_distribusi,
    urutkan,
)
from akuntabel.web.ikhtisar_xlsx import tulis_ikhtisar

STATUS_LABEL = {
    StatusJadwal.BELUM_DIMULAI: _("not started"),
    StatusJadwal.BERJALAN: _("in progress"),
    StatusJadwal.JATUH_TEMPO: _("due"),
    StatusJadwal.TERLAMBAT: _("late"),
    StatusJadwal.DIAJUKAN: _("submitted"),
    StatusJadwal.DIVERIFIKASI: _("verified"),
    StatusJadwal.DIKEMBALIKAN: _("returned"),
}


def aturan_batas() -> AturanBatas:
    """The deadline rule of this installation (settings.AKUNTABEL_BATAS_LAPOR_HARI)."""
    return AturanBatas(hari=getattr(settings, "AKUNTABEL_BATAS_LAPOR_HARI", 10))


@dataclass(frozen=True)
class Triwulan:
    """A triwulan as the pages show it: its calendar status and its completeness."""

    jadwal: JadwalTriwulan
    kelengkapan: Kelengkapan

    @property
    def nomor(self) -> int:
        return self.jadwal.triwulan

    @property
    def romawi(self) -> str:
        return ROMAWI[self.jadwal.triwulan]

    @property
    def status(self) -> str:
        return self.jadwal.status.value

    @property
    def hari_terlambat(self) -> int:
        return max(0, -self.jadwal.sisa_hari)

    @property
    def label(self) -> str:
        return str(STATUS_LABEL[self.jadwal.status])


@dataclass(frozen=True)
class KartuIku:
    c: CapaianIndikator
    pita: int  # 1 (top band) … 5 (bottom band); 0 without a capaian


def pita_kelas(skala: Skala, peringkat: str | None) -> int:
    """The colour class of a band: its place in the pemda's scale spread over five colours
    (1 the top band, 5 the bottom one), so a pemda scale of three or seven bands also works."""
    labels = [p.label for p in skala.pita]
    if peringkat not in labels:
        return 0
    if len(labels) == 1:
        return 1
    return 1 + round(labels.index(peringkat) * 4 / (len(labels) - 1))


def _triwulans(tahun: int, today: date, status: dict[int, str],
               lengkap: dict[tuple[int, int], Kelengkapan], opd_pk: int,
               batas: dict[int, date]) -> list[Triwulan]:
    """``batas``: the pemda's deadline of each triwulan (``reporting.jadwal.batas_triwulan``)."""
    return [Triwulan(j, lengkap[(opd_pk, j.triwulan)])
            for j in jadwal_tahun(tahun, today, status, aturan_batas(), batas=batas)]


def home(request: HttpRequest) -> HttpResponse:
    opds = list(visible_opd(request.user).select_related("pemda").order_by("pemda__nama", "nama"))
    pemdas = list(visible_pemda(request.user).order_by("nama"))
    today = timezone.localdate()
    pks = [o.pk for o in opds]
    statuses, lengkap = status_pelaporan(pks, today.year), kelengkapan(pks, today.year)
    tw = triwulan_pelaporan(today.year, today)
    batas = {pemda_pk: batas_triwulan(pemda_pk, today.year)
             for pemda_pk in {o.pemda_id for o in opds}}
    rows = [(o, _triwulans(today.year, today, statuses[o.pk], lengkap, o.pk,
                           batas[o.pemda_id])[tw - 1])
            for o in opds]
    tahun_pemda = dict(Dpa.objects.filter(perangkat_daerah__pemda__in=pemdas)
                       .values("perangkat_daerah__pemda").annotate(t=Max("tahun"))
                       .values_list("perangkat_daerah__pemda", "t"))
    admin_of = (set(p.pk for p in pemdas) if request.user.is_superuser else set(
        Membership.objects.filter(user_id=request.user.pk, peran=Peran.ADMIN_PEMDA)
        .values_list("pemda_id", flat=True)))
    return render(request, "web/home.html", {
        "rows": rows, "opds": opds, "tahun": today.year,
        "pemdas": [(p, tahun_pemda.get(p.pk, today.year), p.pk in admin_of) for p in pemdas],
    })


@login_required
def opd_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opd, can_edit = get_opd_for_user(request.user, pk)
    years = list(Dpa.objects.filter(perangkat_daerah=opd).order_by("-tahun")
                 .values_list("tahun", flat=True))
    tahun = (parse_tahun(request.GET.get("tahun")) or (years[0] if years else None)
             or timezone.localdate().year)
    tree = build_budget_tree(opd, tahun)
    programs = [(tree.info[key], tree.hasil[key]) for key in tree.children(ROOT)]
    skala = skala_for(opd.pemda, date(tahun, 12, 31))
    iku = [KartuIku(c, pita_kelas(skala, c.peringkat))
           for c in capaian_iku([opd.pk], tahun, skala)[opd.pk]]
    today = timezone.localdate()
    triwulans = _triwulans(tahun, today, status_pelaporan([opd.pk], tahun)[opd.pk],
                           kelengkapan([opd.pk], tahun), opd.pk,
                           batas_triwulan(opd.pemda_id, tahun))
    return render(request, "web/opd_detail.html", {
        "opd": opd, "can_edit": can_edit, "tahun": tahun, "years": years,
        "total": tree.total if programs else None, "programs": programs, "iku": iku,
        "skala": skala, "triwulans": triwulans, "today": today,
        "batas_hari": aturan_batas().hari,
        "pemda_wide": visible_pemda(request.user).filter(pk=opd.pemda_id).exists(),
    })


@dataclass(frozen=True)
class BarisOpd:
    """One agency of the pemda overview, its figures formatted here once (``*_teks``): with
    forty agencies, template filters and lookups per cell cost more than the figures."""

    opd: PerangkatDaerah
    url: str
    ada_iku: bool
    rata_pita: int
    rata_teks: str
    iku_teks: str                 # the capaian of each IKU, "; " between them
    ada_anggaran: bool
    serapan_teks: str
    realisasi_teks: str
    pagu_teks: str
    terisi: int
    diharapkan: int
    kelengkapan_teks: str
    badges: SafeString            # the status of TW I-IV
    # the figures themselves, for sorting, filtering, the chart and the Excel export
    rata: Decimal | None = None
    peringkat: str | None = None
    serapan: Decimal | None = None
    realisasi: Decimal | None = None
    pagu: Decimal | None = None
    persen_lengkap: Decimal | None = None
    status: str = ""              # of the chosen triwulan (a StatusJadwal value)
    status_teks: str = ""

    @property
    def nama(self) -> str:
        return str(self.opd.nama)


def _badges(triwulans: list[Triwulan], label: dict[StatusJadwal, str]) -> SafeString:
    """The status badges of TW I-IV; ``label``: each status's label, escaped."""
    return mark_safe("".join(  # every text escaped
        f'<span class="badge status-{escape(t.status)}" title="TW {t.romawi}: '
        f'{label[t.jadwal.status]}">{t.romawi} {label[t.jadwal.status]}</span> '
        for t in triwulans))


def _overview_rows_html(rows: list[BarisOpd]) -> SafeString:
    """The ``<tr>`` of every agency of the pemda overview: written here rather than by a
    template loop (forty rows of a dozen lookups each were a tenth of the page). The names
    are escaped; the other texts are figures and badges made here."""
    out = []
    for r in rows:
        iku = (f'<span class="pita pita-{r.rata_pita}">{r.rata_teks}</span><br>'
               f'<small>IKU: {r.iku_teks}</small>' if r.ada_iku else "–")
        anggaran = (f'{r.serapan_teks}<br><small>{r.realisasi_teks} / {r.pagu_teks}</small>'
                    if r.ada_anggaran else "–")
        persen = f' <small>({r.kelengkapan_teks})</small>' if r.diharapkan else ""
        out.append(f'<tr><td><a href="{escape(r.url)}">{escape(r.opd.nama)}</a></td>'
                   f'<td class="num">{iku}</td><td class="num">{anggaran}</td>'
                   f'<td class="num">{r.terisi} / {r.diharapkan}{persen}</td>'
                   f'<td class="badges">{r.badges}</td></tr>\n')
    return mark_safe("".join(out))  # names and the URL escaped above


KOLOM_IKHTISAR = (("nama", _("Agency"), ""), ("capaian", _("Average IKU achievement"), "num"),
                  ("serapan", _("Budget absorption (serapan)"), "num"),
                  ("kelengkapan", _("Indicators filled"), "num"),
                  ("status", _("Report status TW I–IV"), ""))


def _header_ikhtisar(tampilan: Tampilan, triwulan_romawi: str) -> list[dict[str, str]]:
    """The column headers of the pemda overview: each a link sorting by it (the sorted one
    reverses its order) and, on the sorted one, its aria-sort."""
    out = []
    for kolom, judul, kelas in KOLOM_IKHTISAR:
        aktif = kolom == tampilan.urut
        out.append({
            "judul": f"{judul} TW {triwulan_romawi}" if kolom == "kelengkapan" else str(judul),
            "kelas": kelas,
            "href": "?" + tampilan.query(urut=kolom, turun=aktif and not tampilan.turun),
            "aria": ("descending" if tampilan.turun else "ascending") if aktif else "",
        })
    return out


def _keterangan_saringan(t: Tampilan, label: dict[StatusJadwal, str]) -> list[str]:
    """The filters and the order of a view, in words (the export's title rows)."""
    out = []
    if t.status:
        out.append(_("Report status: %(s)s") % {"s": label[StatusJadwal(t.status)]})
    if t.lengkap_bawah is not None:
        out.append(_("Completeness below %(n)s") % {"n": format_persen(t.lengkap_bawah)})
    if t.pita:
        out.append(_("Average IKU achievement below %(pita)s") % {"pita": t.pita})
    if t.cari:
        out.append(_("Agency name contains “%(q)s”") % {"q": t.cari})
    judul = {k: str(j) for k, j, _kelas in KOLOM_IKHTISAR}[t.urut]
    return [_("Filter: %(f)s") % {"f": "; ".join(out) if out else _("none (every agency)")},
            _("Order: %(kolom)s, %(arah)s") % {
                "kolom": judul, "arah": _("descending") if t.turun else _("ascending")}]


def _baris_ikhtisar(pemda: Pemda, opds: list[PerangkatDaerah], tahun: int, triwulan: int,
                    skala: Skala, today: date) -> dict[int, tuple[BarisOpd, int]]:
    """By OPD pk, the row of each of ``opds`` on the pemda overview and how many of its IKU
    are projected below Sedang at ``triwulan`` (``peringatan_dini``); a fixed number of
    queries."""
    pks = [o.pk for o in opds]
    iku, totals = capaian_iku(pks, tahun, skala), build_budget_totals(opds, tahun)
    lengkap, statuses = kelengkapan(pks, tahun), status_pelaporan(pks, tahun)
    label = {s: escape(str(t)) for s, t in STATUS_LABEL.items()}
    batas = batas_triwulan(pemda, tahun)
    peringatan = peringatan_dini(pks, tahun, triwulan, skala)
    rows = {}
    for o in opds:
        triwulans = _triwulans(tahun, today, statuses[o.pk], lengkap, o.pk, batas)
        capaian = [c.capaian for c in iku[o.pk]]
        rata = average_capaian(capaian)
        total = totals[o.pk]
        dipilih = triwulans[triwulan - 1]
        rows[o.pk] = (BarisOpd(
            opd=o, url=f"{reverse('opd_detail', args=[o.pk])}?tahun={tahun}",
            ada_iku=bool(capaian), rata_pita=pita_kelas(skala, skala.peringkat(rata)),
            rata_teks=format_persen(rata), iku_teks="; ".join(map(format_persen, capaian)),
            ada_anggaran=total is not None,
            serapan_teks=format_persen(total.serapan) if total else "",
            realisasi_teks=format_rupiah(total.realisasi.nilai) if total else "",
            pagu_teks=format_rupiah(total.pagu.nilai) if total else "",
            terisi=dipilih.kelengkapan.terisi, diharapkan=dipilih.kelengkapan.diharapkan,
            kelengkapan_teks=(format_persen(dipilih.kelengkapan.persen)
                              if dipilih.kelengkapan.diharapkan else ""),
            badges=_badges(triwulans, label),
            rata=rata, peringkat=skala.peringkat(rata),
            serapan=total.serapan if total else None,
            realisasi=total.realisasi.nilai if total else None,
            pagu=total.pagu.nilai if total else None,
            persen_lengkap=dipilih.kelengkapan.persen if dipilih.kelengkapan.diharapkan else None,
            status=dipilih.status, status_teks=dipilih.label), peringatan[o.pk])
    return rows


@login_required
def pemda_overview(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """The pemda dashboard: every agency's figures for a triwulan, sorted and filtered by GET
    parameters (``web.ikhtisar.baca_tampilan``), a chart of the distribution of IKU capaian
    over the pemda's bands, and the same table as Excel (``?format=xlsx``)."""
    pemda, is_admin = get_pemda_for_user(request.user, pk)
    today = timezone.localdate()
    try:
        triwulan = int(request.GET.get("triwulan", ""))
    except ValueError:
        triwulan = 0
    if triwulan not in (1, 2, 3, 4):
        triwulan = triwulan_pelaporan(tahun, today)
    opds = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama"))
    pks = [o.pk for o in opds]
    skala = skala_for(pemda, date(tahun, 12, 31))
    tampilan = baca_tampilan(request.GET, triwulan, skala)
    per_opd = data_per_opd(  # each agency's by its data revision (and today: the statuses)
        pemda, tahun, "ikhtisar-baris", pks,
        lambda kurang: _baris_ikhtisar(pemda, [o for o in opds if o.pk in kurang], tahun,
                                       triwulan, skala, today), triwulan)
    rows = [per_opd[o.pk][0] for o in opds]
    peringatan = {o.pk: per_opd[o.pk][1] for o in opds}
    rows = urutkan(saring(rows, tampilan, skala), tampilan.urut, tampilan.turun)
    if request.GET.get("format") == "xlsx":
        judul = _("Overview of every agency — %(pemda)s — year %(tahun)s — TW %(tw)s") % {
            "pemda": pemda.nama, "tahun": tahun, "tw": ROMAWI[triwulan]}
        response = HttpResponse(
            tulis_ikhtisar(judul, _keterangan_saringan(tampilan, STATUS_LABEL), ROMAWI[triwulan],
                           rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = (
            f'attachment; filename="ikhtisar-{pemda.pk}-{tahun}-tw{triwulan}.xlsx"')
        return response
    sebaran = distribusi(rows, skala)
    tanpa_iku = sum(1 for r in rows if r.rata is None)
    return render(request, "web/pemda_overview.html", {
        "pemda": pemda, "is_admin": is_admin, "tahun": tahun, "triwulan": triwulan,
        "triwulan_romawi": ROMAWI[triwulan],
        "romawi": ROMAWI, "rows": rows, "rows_html": _overview_rows_html(rows), "skala": skala,
        "batas_hari": aturan_batas().hari,
        "peringatan": [(o, n) for o in opds if (n := peringatan[o.pk])],
        "tampilan": tampilan, "header": _header_ikhtisar(tampilan, ROMAWI[triwulan]),
        "status_pilihan": list(STATUS_LABEL.items()), "pita_pilihan": [p.label for p in skala.pita],
        "sebaran": sebaran, "tanpa_iku": tanpa_iku,
        "grafik": svg_distribusi(
            [(label_, n, pita_kelas(skala, label_)) for label_, n in sebaran],
            _("Distribution of the average IKU achievement of the agencies, TW %(tw)s %(tahun)s")
            % {"tw": ROMAWI[triwulan], "tahun": tahun},
            "; ".join(f"{label_}: {n}" for label_, n in sebaran)
            + "; " + _("without IKU: %(n)s") % {"n": tanpa_iku}),
        "query": tampilan.query(),
    })
