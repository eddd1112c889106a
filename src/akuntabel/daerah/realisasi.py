"""The pemda's realisasi and capaian of an IKU in a year, from the IKU's own formula over the
approved OPD indicators linked to it (``core.rumus``), never an average of OPD scores; with
its provenance: every OPD indicator it read and the entries behind each figure.

Each OPD figure is the year's realisasi as ``results.capaian.compute_capaian_many`` decides it
(the annual figure reported, else the quarters by the indicator's aggregation, or the value
computed from components); it is never recomputed here. An entry counts as verified when its
quarter's report (``reporting.PelaporanTriwulan``) is verified; the annual figure when TW IV
of the year is (project convention: the year's report closes with TW IV).

With ``hanya_terverifikasi`` (the pemda's LKjIP) only verified OPD figures count
(``core.angka_opd``): an input not verified, or missing, leaves the IKU without a value and
the reason names its OPD; the pages pass False and show the provisional figure, marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from akuntabel.common.triwulan import TRIWULAN_ROMAWI
from akuntabel.core.angka_opd import StatusAngka, status_angka_opd
from akuntabel.core.capaian import compute_capaian_target
from akuntabel.core.rumus import (
    AgregasiIku,
    HasilRumus,
    RumusError,
    hitung_rumus,
    nama_masukan,
    rumus_bawaan,
)
from akuntabel.daerah.models import IkuDaerah, Perkada, TautanIku
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import TAHUNAN, Indikator
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results.capaian import compute_capaian_many
from akuntabel.results.models import Realisasi


@dataclass(frozen=True)
class Entri:
    """One realisasi entry of an OPD indicator: its quarter (0: the whole year)."""

    triwulan: int
    nilai: Decimal | None
    teks: str
    terverifikasi: bool

    @property
    def romawi(self) -> str:
        """The quarter as civil servants write it (I … IV); "" for the whole year."""
        return TRIWULAN_ROMAWI.get(self.triwulan, "")


@dataclass(frozen=True)
class Masukan:
    """One linked OPD indicator: its name in the formula and the year's figure it gives."""

    nama: str
    opd: PerangkatDaerah
    indikator: Indikator
    nilai: Decimal | None
    sumber: str            # as results.capaian says: komponen | input | triwulan | tidak_ada
    entri: list[Entri]
    status: StatusAngka = StatusAngka.TERVERIFIKASI   # core.angka_opd: does the figure count


@dataclass(frozen=True)
class RealisasiIku:
    iku: IkuDaerah
    tahun: int
    rumus: str
    rumus_tertulis: bool
    realisasi: Decimal | None
    alasan: str
    target: Decimal | None
    target_teks: str
    capaian: Decimal | None
    masukan: list[Masukan]

    @property
    def semua_terverifikasi(self) -> bool:
        return all(e.terverifikasi for m in self.masukan for e in m.entri)

    @property
    def sementara(self) -> bool:
        """A figure the pemda's LKjIP does not count yet: an OPD figure it reads is not
        verified or missing (the pages show it, marked)."""
        return self.realisasi is not None and _tidak_dihitung(self.rumus,
                                                             self.masukan) is not None


def tahun_berlaku(perkada: Perkada) -> list[int]:
    """The years measured against ``perkada``: from its ``berlaku_mulai`` to the year before
    the next version of the same RPJMD, else to the RPJMD's last year."""
    berikut = (Perkada.objects.filter(rpjmd=perkada.rpjmd_id,
                                      berlaku_mulai__gt=perkada.berlaku_mulai)
               .order_by("berlaku_mulai").values_list("berlaku_mulai", flat=True).first())
    akhir = berikut - 1 if berikut is not None else perkada.rpjmd.tahun_akhir
    return list(range(perkada.berlaku_mulai, akhir + 1))


def _formula(iku: IkuDaerah, masukan: list[Masukan]) -> tuple[str, HasilRumus | None]:
    """The formula to evaluate, or the reason none can be."""
    if iku.rumus:
        return iku.rumus, None
    rumus = rumus_bawaan(iku.agregasi, [m.nama for m in masukan])
    if rumus is None:
        return "", HasilRumus(None, "tidak dapat dihitung: IKU berupa rasio atau indeks dengan "
                                    f"{len(masukan)} indikator tertaut; tulis rumusnya.")
    if iku.agregasi == AgregasiIku.JUMLAH:
        lain = [m for m in masukan if m.indikator.satuan.strip().lower()
                != iku.satuan.strip().lower()]
        if lain:
            daftar = ", ".join(f"'{m.nama}' ({m.indikator.satuan or '–'})" for m in lain)
            return rumus, HasilRumus(
                None, f"tidak dapat dihitung: satuan {daftar} berbeda dengan satuan IKU "
                      f"({iku.satuan}); jumlah hanya untuk satuan yang sama, tulis rumusnya.",
                rumus)
    return rumus, None


def _tidak_dihitung(rumus: str, masukan: list[Masukan]) -> HasilRumus | None:
    """The reason an IKU has no value when an input its formula reads is not verified or
    missing (verified-only reading), naming each OPD; None when every one counts."""
    try:
        dibaca = nama_masukan(rumus) or {m.nama for m in masukan}   # SUM reads every one
    except RumusError:
        return None   # hitung_rumus says why the formula is not valid
    bagian = []
    for status, kata in ((StatusAngka.BELUM_DIVERIFIKASI, "belum diverifikasi"),
                         (StatusAngka.TIDAK_ADA, "tidak ada")):
        nama = [f"'{m.nama}' ({m.opd.nama})" for m in masukan
                if m.nama in dibaca and m.status == status]
        if nama:
            bagian.append(f"angka {', '.join(nama)} {kata}")
    if not bagian:
        return None
    return HasilRumus(None, f"tidak dapat dihitung: {'; '.join(bagian)}.", rumus)


def realisasi_iku(iku: IkuDaerah, tahun: int, *,
                  hanya_terverifikasi: bool = False) -> RealisasiIku:
    return realisasi_iku_many([iku], [tahun],
                              hanya_terverifikasi=hanya_terverifikasi)[iku.pk, tahun]


def realisasi_iku_many(iku: list[IkuDaerah], years: list[int], *,
                       hanya_terverifikasi: bool = False
                       ) -> dict[tuple[int, int], RealisasiIku]:
    """``(iku pk, tahun) -> RealisasiIku`` for the given IKU and years; with
    ``hanya_terverifikasi`` only verified OPD figures count (see the module)."""
    tautan = list(TautanIku.objects.filter(iku__in=iku, status=TautanIku.Status.DISETUJUI)
                  .select_related("indikator__perangkat_daerah").order_by("iku", "nama"))
    indikator = {t.indikator_id: t.indikator for t in tautan}
    figures = compute_capaian_many(indikator.values(), years) if indikator else {}
    entries: dict[tuple[int, int], list[tuple[int, Decimal | None, str]]] = {}
    for ind_id, th, tw, nilai, teks in (Realisasi.objects.filter(
            indikator__in=list(indikator), tahun__in=years).order_by("triwulan")
            .values_list("indikator_id", "tahun", "triwulan", "nilai", "teks")):
        entries.setdefault((ind_id, th), []).append((tw, nilai, teks))
    verified = set(PelaporanTriwulan.objects.filter(
        perangkat_daerah__in={i.perangkat_daerah_id for i in indikator.values()},
        tahun__in=years, status=PelaporanTriwulan.Status.DIVERIFIKASI)
        .values_list("perangkat_daerah_id", "tahun", "triwulan"))
    targets = {(t.iku_id, t.tahun): t for i in iku for t in i.target.all()}

    hasil = {}
    for i in iku:
        for th in years:
            masukan = []
            for t in (t for t in tautan if t.iku_id == i.pk):
                ind = t.indikator
                fig = figures[ind.pk, th].realisasi
                opd_id = ind.perangkat_daerah_id
                status = status_angka_opd(
                    fig.sumber, ind.agregasi, fig.tahun.triwulan_terisi if fig.tahun else (),
                    {tw for tw in (1, 2, 3, 4) if (opd_id, th, tw) in verified})
                masukan.append(Masukan(t.nama, ind.perangkat_daerah, ind, fig.nilai, fig.sumber, [
                    Entri(tw, nilai, teks, (opd_id, th, 4 if tw == TAHUNAN else tw) in verified)
                    for tw, nilai, teks in entries.get((ind.pk, th), [])], status))
            rumus, refused = _formula(i, masukan)
            if hanya_terverifikasi and refused is None:
                refused = _tidak_dihitung(rumus, masukan)
            computed = refused or hitung_rumus(rumus, {m.nama: m.nilai for m in masukan})
            target = targets.get((i.pk, th))
            capaian = (compute_capaian_target(target.nilai, computed.nilai, i.polaritas,
                                              i.metode_turun, target_teks=target.teks)
                       if target is not None else None)
            hasil[i.pk, th] = RealisasiIku(
                iku=i, tahun=th, rumus=rumus, rumus_tertulis=bool(i.rumus),
                realisasi=computed.nilai, alasan=computed.alasan,
                target=target.nilai if target else None,
                target_teks=target.teks if target else "", capaian=capaian, masukan=masukan)
    return hasil
