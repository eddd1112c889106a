"""``akuntabel evaluasi``: the results of the year's Evaluasi AKIP from the command line, by the
same functions as the web pages.

    akuntabel evaluasi --pemda P --tahun Y --opd O --format docx|pdf|json --out FILE
        the LHE of the OPD's evaluation (docx, pdf) or its scores (json)
    akuntabel evaluasi --pemda P --tahun Y --format xlsx|json --out FILE
        the pemda's recap of every OPD (xlsx, json); docx|pdf: the LHE of the pemda's own
        evaluation (its self-assessment for KemenPAN-RB)
    akuntabel evaluasi --pemda P --tahun Y [--opd O] --impor LKE.xlsx --pengguna NAMA
        the worksheet filled offline, as that user (the evaluator's grades for a reviewer,
        the unit's answers for its staff): all of it or nothing, with the web preview's
        messages
    akuntabel final --pemda P [--opd O] --tahun Y --dokumen lhe [--catatan TEXT] --out DIR
        the LHE final (reports/perintah.py parses it; ``final_lhe`` makes it here)
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = ("json", "xlsx", "docx", "pdf")


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("evaluasi", help="hasil evaluasi AKIP: LHE (docx, pdf), nilai (json), "
                                        "rekap pemda (xlsx, json)")
    p.add_argument("--pemda", required=True, help="kode pemda, mis. kota-metro")
    p.add_argument("--tahun", required=True, type=int, help="tahun yang dievaluasi")
    p.add_argument("--opd", help="kode perangkat daerah; tanpa ini: rekap pemda")
    p.add_argument("--format", choices=FORMAT, help="format keluaran (tanpa --impor)")
    p.add_argument("--out", help="berkas tujuan (tanpa --impor)")
    p.add_argument("--impor", metavar="BERKAS",
                   help="impor lembar kerja evaluasi (.xlsx) yang diisi di luar Akuntabel")
    p.add_argument("--pengguna", help="nama pengguna yang mengimpor (wajib dengan --impor)")
    p.set_defaults(func=cmd_evaluasi)


def _angka(nilai: Any) -> str | None:
    from akuntabel.core.angka import round_half_up

    return str(round_half_up(nilai)) if nilai is not None else None


def _nilai_json(evaluasi: Any) -> dict[str, Any]:
    from akuntabel.evaluasi.services import nama_unit, skor

    hasil = skor(evaluasi)
    return {
        "unit": nama_unit(evaluasi), "tahun": evaluasi.tahun, "template": evaluasi.template.kode,
        "terkunci": evaluasi.terkunci, "nilai": _angka(hasil.total),
        "predikat": hasil.predikat.predikat if hasil.predikat else None,
        "komponen": {k: _angka(v) for k, v in hasil.nilai_komponen.items()},
        "sub_komponen": {k: _angka(v) for k, v in hasil.nilai_sub.items()},
        "belum_dinilai": list(hasil.tak_dijawab),
        "rekomendasi": [{"komponen": r.komponen.kode, "uraian": r.uraian, "status": r.status,
                         "batas_waktu": r.batas_waktu.isoformat() if r.batas_waktu else None,
                         "pemilik": r.perangkat_daerah.kode}
                        for r in evaluasi.rekomendasi.select_related("komponen",
                                                                     "perangkat_daerah")],
    }


def _rekap_json(rekap: Any) -> dict[str, Any]:
    return {"pemda": rekap.pemda.kode, "tahun": rekap.tahun,
            "opd": [{"kode": r.opd.kode, "nama": r.nama, "nilai": _angka(r.total),
                     "predikat": r.predikat or None,
                     "komponen": {k: _angka(r.komponen(k)) for k, _n in rekap.komponen},
                     "nilai_tahun_lalu": _angka(r.total_lalu),
                     "perubahan": _angka(r.perubahan), "terkunci": r.terkunci}
                    for r in rekap.baris]}


def cmd_evaluasi(args: argparse.Namespace) -> int:
    from akuntabel.cli import UserError, _migrate, _setup_django

    _setup_django()
    _migrate()
    from akuntabel.evaluasi import lhe, rekap
    from akuntabel.evaluasi.models import Evaluasi
    from akuntabel.organizations.models import Pemda
    from akuntabel.reports.services import renderer

    pemda = Pemda.objects.filter(kode=args.pemda).first()
    if pemda is None:
        raise UserError(f"Pemda {args.pemda!r} tidak ditemukan.")
    opd = None
    if args.opd:
        opd = pemda.perangkat_daerah.filter(kode=args.opd).first()
        if opd is None:
            raise UserError(f"Perangkat daerah {args.opd!r} tidak ditemukan di {pemda.nama}.")
    if args.impor:
        return _impor(args, pemda, opd)
    if not args.format or not args.out:
        raise UserError("Sebutkan --format dan --out (atau --impor BERKAS untuk mengimpor "
                        "lembar kerja).")
    if args.format == "xlsx" and opd is not None:
        raise UserError("Format xlsx adalah rekap seluruh perangkat daerah: jalankan tanpa "
                        "--opd.")
    if opd is None and args.format in ("xlsx", "json"):
        data = rekap.baca_rekap(pemda, args.tahun)
        if args.format == "json":
            isi = json.dumps(_rekap_json(data), ensure_ascii=False, indent=1).encode()
        else:
            kepala = ["No", "Perangkat daerah", *(f"Komponen {k}" for k, _n in data.komponen),
                      "Nilai", "Predikat", f"Nilai {args.tahun - 1}", "Perubahan", "Status"]
            isi = rekap.tulis_rekap(data, rekap.urutkan(data.baris, "nama", False),
                                    f"Evaluasi AKIP perangkat daerah {pemda.nama} "
                                    f"{args.tahun}", kepala)
    else:
        evaluasi = (Evaluasi.objects.filter(pemda=pemda, perangkat_daerah=opd,
                                            tahun=args.tahun)
                    .select_related("template").order_by("-dibuat_pada", "-pk").first())
        if evaluasi is None:
            unit = opd.nama if opd else f"{pemda.nama} sendiri (sebutkan --opd untuk OPD)"
            raise UserError(f"Evaluasi AKIP {args.tahun} {unit} belum dibuka.")
        if args.format == "json":
            isi = json.dumps(_nilai_json(evaluasi), ensure_ascii=False, indent=1).encode()
        else:
            keluaran = renderer(args.format)(lhe.build_lhe(evaluasi))
            isi = keluaran.encode() if isinstance(keluaran, str) else keluaran
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(isi)
    print(f"Ditulis: {out} ({len(isi)} bita).")
    return 0


def final_lhe(args: argparse.Namespace, pemda: Any, tanggal: Any,
              cetak: Callable[[list[Any]], None]) -> tuple[list[Any], Callable[[Any], str]]:
    """The LHE final of the evaluation of ``--opd`` (or of the pemda's own) of ``--tahun``, as
    the results page makes it: its open problems printed by ``cetak``, then
    ``lhe_final.buat_final`` by the command line (no user: whoever runs the server). Returns
    the finals made and their file names' function."""
    from akuntabel.cli import UserError
    from akuntabel.evaluasi import lhe_final
    from akuntabel.evaluasi.models import Evaluasi
    from akuntabel.evaluasi.services import nama_unit

    if tanggal is not None:
        raise UserError("--tanggal tidak berlaku untuk LHE: tanggalnya dari register LHE "
                        "(nomor dan tanggal di halaman hasil evaluasi).")
    opd = None
    if args.opd:
        opd = pemda.perangkat_daerah.filter(kode=args.opd).first()
        if opd is None:
            raise UserError(f"Perangkat daerah {args.opd!r} tidak ditemukan di {pemda.nama}.")
    evaluasi = (Evaluasi.objects.filter(pemda=pemda, perangkat_daerah=opd, tahun=args.tahun)
                .select_related("pemda", "perangkat_daerah", "template")
                .order_by("-dibuat_pada", "-pk").first())
    if evaluasi is None:
        unit = opd.nama if opd else f"{pemda.nama} sendiri (sebutkan --opd untuk OPD)"
        raise UserError(f"Evaluasi AKIP {args.tahun} {unit} belum dibuka.")
    if not evaluasi.terkunci:
        raise UserError(f"LHE {nama_unit(evaluasi)} {args.tahun}: evaluasi belum "
                        "dikunci; LHE final dibuat setelah evaluator menguncinya.")
    cetak(lhe_final.masalah_terbuka(evaluasi))
    return (lhe_final.buat_final(evaluasi, None, catatan=args.catatan),
            lhe_final.filename_of)


def _impor(args: argparse.Namespace, pemda: Any, opd: Any) -> int:
    """Import a worksheet as ``--pengguna``: the web preview's reading and faults, then all of
    it or nothing through the same write services."""
    from django.contrib.auth import get_user_model
    from django.core.files import File
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from akuntabel.cli import UserError
    from akuntabel.evaluasi import lke_xlsx, services
    from akuntabel.evaluasi.access import hak_evaluasi
    from akuntabel.evaluasi.models import Evaluasi

    if not args.pengguna:
        raise UserError("Impor lembar kerja perlu --pengguna NAMA (yang mengimpor).")
    user = get_user_model().objects.filter(username=args.pengguna, is_active=True).first()
    if user is None:
        raise UserError(f"Pengguna {args.pengguna!r} tidak ditemukan (atau tidak aktif).")
    evaluasi = (Evaluasi.objects.filter(pemda=pemda, perangkat_daerah=opd, tahun=args.tahun)
                .select_related("template").order_by("-dibuat_pada", "-pk").first())
    unit = opd.nama if opd else pemda.nama
    if evaluasi is None:
        raise UserError(f"Evaluasi AKIP {args.tahun} {unit} belum dibuka.")
    hak = hak_evaluasi(user, evaluasi)
    sisi = "penetapan" if hak and hak.nilai else "usulan" if hak and hak.jawab else None
    if sisi is None:
        raise UserError(f"Pengguna {user.username} tidak berhak mengisi lembar kerja evaluasi "
                        f"{args.tahun} {unit}.")
    path = Path(args.impor)
    if not path.is_file():
        raise UserError(f"Berkas {path} tidak ada.")
    with path.open("rb") as f:   # a File has the size the reader bounds
        pratinjau = lke_xlsx.baca_lke(evaluasi, File(f, name=path.name), sisi)
    if pratinjau.kesalahan:
        raise UserError("\n".join([f"{path}:", *pratinjau.kesalahan,
                                   _("Nothing from the workbook was saved.")]))
    if not pratinjau.perubahan:
        print(_("The workbook changes nothing."))
        return 0
    try:
        n = lke_xlsx.terapkan_lke(evaluasi, pratinjau, user=user, hari_ini=timezone.localdate())
    except (services.EvaluasiDitolak, services.StaleJawaban) as exc:
        raise UserError(f"{path}: {exc}\n{_('Nothing from the workbook was saved.')}") from None
    for p in pratinjau.perubahan:
        print(f"  {p.nomor}: {p.lama_nilai or '–'} → {p.nilai or '–'} {p.catatan}".rstrip())
    print(_("Criteria saved from the workbook: %(n)s.") % {"n": n})
    return 0
