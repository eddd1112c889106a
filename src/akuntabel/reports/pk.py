"""The Perjanjian Kinerja document (Permenpan RB 53/2014 form) of one OPD and year: the
kepala's, or (``perjanjian``) any PK of the cascade, whose pihak kedua is the official above
and whose rows are sasaran program (eselon III) or sasaran kegiatan (eselon IV)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from akuntabel.budget.services import ROOT, build_budget_tree
from akuntabel.organizations.models import Pejabat, Pemda, PerangkatDaerah
from akuntabel.plans.models import PerjanjianKinerja
from akuntabel.plans.pk_services import (
    anggaran_turunan,
    cascade_of_year,
    pk_in_force,
    pk_of_year,
)
from akuntabel.reports.document import Bagian, Dokumen, Penandatangan, Sel, Tabel
from akuntabel.reports.kop import kop_of
from akuntabel.reports.lakip.values import format_tanggal, persen, rupiah, teks


class NoPerjanjianKinerja(LookupError):
    pass


SASARAN = {PerjanjianKinerja.Tingkat.KEPALA: "Sasaran strategis",
           PerjanjianKinerja.Tingkat.ESELON_III: "Sasaran program",
           PerjanjianKinerja.Tingkat.ESELON_IV: "Sasaran kegiatan"}


def build_pk_context(opd: PerangkatDaerah, tahun: int, tanggal: date | None = None,
                     perjanjian: PerjanjianKinerja | None = None) -> Dokumen:
    if perjanjian is not None:
        pk = cascade_of_year(opd, tahun).get(pk=perjanjian.pk)
    else:
        pks = list(pk_of_year(opd, tahun))
        # The PK in force (the latest signed perubahan, else the signed induk); before
        # anything is signed, the latest draft, which is the document to be signed.
        pk = pk_in_force(pks) or (pks[-1] if pks else None)
    if pk is None:
        raise NoPerjanjianKinerja(f"{opd.nama} belum memiliki Perjanjian Kinerja tahun {tahun}.")
    if pk.tingkat != PerjanjianKinerja.Tingkat.KEPALA:
        return _build_turunan(opd, tahun, tanggal, pk)
    # A PK is signed at the start of its year: without a recorded date, leave it to be filled.
    tanggal = pk.tanggal or tanggal
    kepala = Pejabat.objects.filter(perangkat_daerah=opd, peran=Pejabat.Peran.KEPALA).first()
    tempat = _tempat_tanggal(opd, tahun, tanggal)
    pertama = Penandatangan(
        jabatan=pk.pihak_pertama_jabatan or (kepala.jabatan if kepala else f"Kepala {opd.nama}"),
        nama=pk.pihak_pertama_nama or (kepala.nama if kepala else ""),
        pangkat=pk.pihak_pertama_pangkat or (kepala.pangkat if kepala else ""),
        nip=pk.pihak_pertama_nip or (kepala.nip if kepala else ""), tempat_tanggal=tempat)
    kedua = Penandatangan(jabatan=pk.pihak_kedua_jabatan or opd.pemda.kepala_daerah_jabatan,
                          nama=pk.pihak_kedua_nama, pangkat="", nip=pk.pihak_kedua_nip,
                          tempat_tanggal=tempat)
    judul = _judul(pk)
    pernyataan = _pernyataan(pertama, kedua, "target kinerja jangka menengah seperti yang telah "
                             "ditetapkan dalam dokumen perencanaan")
    rows = _rows(pk)
    program_rows: list[tuple[Sel, ...]] = []
    own = list(pk.program.all())
    if own:
        # The programs and amounts agreed in the PK itself.
        for i, p in enumerate(own, start=1):
            program_rows.append((str(i), str(p.program),
                                 rupiah(p.anggaran, "anggaran dalam Perjanjian Kinerja")))
        jumlah = sum((p.anggaran for p in own if p.anggaran is not None), Decimal(0))
        program_rows.append(("", "Jumlah", rupiah(jumlah, "Σ anggaran program PK")))
        sumber_anggaran = f"Anggaran sebagaimana tercantum dalam Perjanjian Kinerja Tahun {tahun}."
    else:
        budget = build_budget_tree(opd, tahun)
        for i, key in enumerate(budget.children(ROOT), start=1):
            info = budget.info[key]
            program_rows.append((str(i), f"{info.kode} {info.uraian}".strip(),
                                 rupiah(budget.hasil[key].pagu.nilai, "Σ pagu sub kegiatan DPA")))
        program_rows.append(("", "Jumlah", rupiah(budget.total.pagu.nilai)))
        sumber_anggaran = f"Anggaran dari DPA {opd.nama} Tahun {tahun}."
    lampiran = (
        Tabel("pk-sasaran", f"Lampiran {judul.title()} Tahun {tahun}: Sasaran dan Target",
              ("No", "Sasaran strategis", "Indikator kinerja", "Target"), tuple(rows)),
        Tabel("pk-program", "Program dan Anggaran", ("No", "Program", "Anggaran"),
              tuple(program_rows), tebal=tuple([False] * (len(program_rows) - 1) + [True]),
              catatan=sumber_anggaran),
    )
    return Dokumen(
        jenis="pk", judul=f"{judul} TAHUN {tahun}", subjudul=opd.nama, instansi=opd.nama,
        pemda=f"Pemerintah {opd.pemda.nama}", tahun=tahun, penandatangan=pertama,
        pihak_kedua=kedua, kop=kop_of(opd.pemda, opd.nama),
        bagian=(Bagian("pernyataan", "", judul.title(), 0, pernyataan, tanda_tangan=True),
                Bagian("lampiran", "", "Lampiran", 0, (), lampiran, tanda_tangan=True)))


def _tempat_tanggal(opd: PerangkatDaerah, tahun: int, tanggal: date | None) -> str:
    return tempat_tanggal(opd.pemda, tahun, tanggal)


def tempat_tanggal(pemda: Pemda, tahun: int, tanggal: date | None) -> str:
    """"Kota, 2 Januari 2026" above the signatures, the day left to fill without a date (also
    the kepala daerah's PK, ``daerah.pk``)."""
    kota = pemda.nama.removeprefix("Kota ").removeprefix("Kabupaten ")
    return (f"{kota}, {format_tanggal(tanggal)}" if tanggal
            else f"{kota}, .................... {tahun}")


def _judul(pk: PerjanjianKinerja) -> str:
    return ("PERJANJIAN KINERJA PERUBAHAN" if pk.jenis == PerjanjianKinerja.Jenis.PERUBAHAN
            else "PERJANJIAN KINERJA")


def _pernyataan(pertama: Penandatangan, kedua: Penandatangan, tujuan: str) -> tuple[str, ...]:
    """The statement of the two parties; ``tujuan`` is what the agreed targets serve."""
    return (
        "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan "
        "akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:",
        f"Nama: {pertama.nama or '–'}",
        f"Jabatan: {pertama.jabatan or '–'}",
        "selanjutnya disebut pihak pertama;",
        f"Nama: {kedua.nama or '–'}",
        f"Jabatan: {kedua.jabatan or '–'}",
        "selaku atasan pihak pertama, selanjutnya disebut pihak kedua.",
        "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
        f"perjanjian ini, dalam rangka mencapai {tujuan}. Keberhasilan dan kegagalan "
        "pencapaian target kinerja tersebut menjadi tanggung jawab kami.",
        "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi "
        "terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan "
        "dalam rangka pemberian penghargaan dan sanksi.",
    )


def _rows(pk: PerjanjianKinerja) -> list[tuple[Sel, ...]]:
    rows: list[tuple[Sel, ...]] = []
    for i, b in enumerate(pk.baris.all(), start=1):
        target = (persen(b.target) if b.satuan_indikator == "%" and b.target is not None
                  and b.target_atas is None else teks(b.target_teks))
        rows.append((str(i), b.uraian_sasaran, b.uraian_indikator, target))
    return rows


def _build_turunan(opd: PerangkatDaerah, tahun: int, tanggal: date | None,
                   pk: PerjanjianKinerja) -> Dokumen:
    """The PK of an eselon III or IV official with the official above (pihak kedua): the
    same form, its rows, and the budget of the programs (eselon III) or kegiatan (eselon IV)
    whose indicators it holds, from the year's DPA."""
    tanggal = pk.tanggal or tanggal
    tempat = _tempat_tanggal(opd, tahun, tanggal)
    pertama = Penandatangan(jabatan=pk.pihak_pertama_jabatan, nama=pk.pihak_pertama_nama,
                            pangkat=pk.pihak_pertama_pangkat, nip=pk.pihak_pertama_nip,
                            tempat_tanggal=tempat)
    kedua = Penandatangan(jabatan=pk.pihak_kedua_jabatan, nama=pk.pihak_kedua_nama, pangkat="",
                          nip=pk.pihak_kedua_nip, tempat_tanggal=tempat)
    judul = _judul(pk)
    pernyataan = _pernyataan(pertama, kedua, "target kinerja yang telah diperjanjikan pihak kedua")
    tingkat = ("kegiatan" if pk.tingkat == PerjanjianKinerja.Tingkat.ESELON_IV else "program")
    anggaran: list[tuple[Sel, ...]] = []
    jumlah = Decimal(0)
    for i, (kode, uraian, pagu) in enumerate(anggaran_turunan(pk), start=1):
        jumlah += pagu or Decimal(0)
        anggaran.append((str(i), f"{kode} {uraian}".strip(),
                         rupiah(pagu, "Σ pagu sub kegiatan DPA")))
    anggaran.append(("", "Jumlah", rupiah(jumlah, f"Σ pagu {tingkat}")))
    lampiran = (
        Tabel("pk-sasaran", f"Lampiran {judul.title()} Tahun {tahun}: Sasaran dan Target",
              ("No", SASARAN[PerjanjianKinerja.Tingkat(pk.tingkat)], "Indikator kinerja",
               "Target"), tuple(_rows(pk))),
        Tabel("pk-program", f"{tingkat.title()} dan Anggaran", ("No", tingkat.title(),
                                                                "Anggaran"),
              tuple(anggaran), tebal=tuple([False] * (len(anggaran) - 1) + [True]),
              catatan=f"Anggaran dari DPA {opd.nama} Tahun {tahun}, {tingkat} yang "
                      "indikatornya diperjanjikan."),
    )
    return Dokumen(
        jenis="pk", judul=f"{judul} TAHUN {tahun}",
        subjudul=f"{pertama.jabatan} — {opd.nama}".strip(" —"), instansi=opd.nama,
        pemda=f"Pemerintah {opd.pemda.nama}", tahun=tahun, penandatangan=pertama,
        pihak_kedua=kedua, kop=kop_of(opd.pemda, opd.nama),
        bagian=(Bagian("pernyataan", "", judul.title(), 0, pernyataan, tanda_tangan=True),
                Bagian("lampiran", "", "Lampiran", 0, (), lampiran, tanda_tangan=True)))
