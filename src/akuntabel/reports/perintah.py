"""The commands of final documents, added to ``akuntabel`` (cli.py):

    akuntabel kunci --pemda P [--pkcs12 FILE.p12] [--baru]
        the pemda's signing key: a self-signed one for the demo, or a real PKCS#12 plugged in
        (its passphrase from AKUNTABEL_PKCS12_SANDI or asked); docs/tanda-tangan.md
    akuntabel final --pemda P --opd O --tahun Y [--dokumen lakip|pk|e81] [--tanggal YYYY-MM-DD]
                    [--catatan TEXT] --out DIR
    akuntabel final --pemda P --tahun Y --dokumen lkjip-pemda [--tanggal …] [--catatan …] --out DIR
    akuntabel final --pemda P [--opd O] --tahun Y --dokumen lhe [--catatan …] --out DIR
        make a final as the web page does: the open problems are printed, and without
        --catatan nothing is made while any is open (the LHE: of the OPD's evaluation, or
        without --opd of the pemda's own; its date is the LHE register's)
    akuntabel verifikasi FILE
        exit 0 only for an unaltered final of Akuntabel; says of what and signed by whom
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import os
import sys
from pathlib import Path
from typing import Any


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("kunci", help="buat kunci tanda tangan pemda (swatanda untuk demo) "
                                     "atau pasang sertifikat resmi (PKCS#12)")
    p.add_argument("--pemda", required=True, help="kode pemda, mis. kota-metro")
    p.add_argument("--pkcs12", help="berkas .p12/.pfx berisi kunci dan sertifikat resmi "
                                    "(sandi dari AKUNTABEL_PKCS12_SANDI atau ditanyakan)")
    p.add_argument("--baru", action="store_true",
                   help="ganti kunci swatanda yang ada dengan yang baru")
    p.set_defaults(func=cmd_kunci)

    p = sub.add_parser("final", help="jadikan final LKjIP, PK, LKjIP pemda atau LHE (PDF "
                                     "bertanda tangan, DOCX)")
    p.add_argument("--pemda", help="kode pemda (boleh dihilangkan bila kode OPD unik; wajib "
                                   "untuk lkjip-pemda dan lhe)")
    p.add_argument("--opd", help="kode perangkat daerah, mis. dinas-sosial (lhe tanpa --opd: "
                                 "evaluasi pemda sendiri)")
    p.add_argument("--tahun", required=True, type=int)
    p.add_argument("--dokumen", choices=["lakip", "pk", "e81", "lkjip-pemda", "lhe"],
                   default="lakip")
    p.add_argument("--tanggal", help="tanggal tanda tangan TTTT-BB-HH (bawaan: pilihan kepala "
                                     "atau batas waktu dokumen)")
    p.add_argument("--catatan", default="",
                   help="catatan atas masalah yang masih terbuka (wajib bila ada)")
    p.add_argument("--out", required=True, help="folder tujuan berkas final")
    p.set_defaults(func=cmd_final)

    p = sub.add_parser("verifikasi", help="periksa apakah berkas adalah dokumen final "
                                          "Akuntabel yang utuh (kode keluar 0 hanya bila ya)")
    p.add_argument("file")
    p.set_defaults(func=cmd_verifikasi)


def cmd_kunci(args: argparse.Namespace) -> int:
    from akuntabel.cli import UserError, _migrate, _setup_django

    _setup_django()
    _migrate()
    from akuntabel.organizations.models import Pemda
    from akuntabel.reports import tanda_tangan

    pemda = Pemda.objects.filter(kode=args.pemda).first()
    if pemda is None:
        raise UserError(f"Pemda {args.pemda!r} tidak ditemukan.")
    try:
        if args.pkcs12:
            path = Path(args.pkcs12)
            if not path.is_file():
                raise UserError(f"Berkas {path} tidak ada.")
            sandi = os.environ.get("AKUNTABEL_PKCS12_SANDI") or getpass.getpass(
                f"Sandi berkas {path.name}: ")
            penanda = tanda_tangan.pasang_pkcs12(pemda.kode, path.read_bytes(), sandi.encode())
            print(f"Sertifikat terpasang untuk {pemda.nama}.")
        elif tanda_tangan.ada_kunci(pemda.kode) and not args.baru:
            penanda = tanda_tangan.penanda(pemda.kode)
            print(f"{pemda.nama} sudah punya kunci tanda tangan; tidak diganti (ganti kunci "
                  "swatanda: --baru; pasang sertifikat resmi: --pkcs12 BERKAS).")
        else:
            penanda = tanda_tangan.buat_kunci_demo(pemda.kode, f"Pemerintah {pemda.nama}")
            print(f"Kunci dan sertifikat SWATANDA dibuat untuk {pemda.nama} (untuk demo; "
                  "bukan dari penyelenggara sertifikasi elektronik).")
    except tanda_tangan.KunciTidakAda as exc:
        raise UserError(str(exc)) from None
    print(f"Penanda tangan: {penanda.subjek}")
    print(f"SHA-256 sertifikat: {penanda.sidik_jari}")
    print(f"Disimpan di: {tanda_tangan.folder(pemda.kode)}")
    return 0


def cmd_final(args: argparse.Namespace) -> int:
    from akuntabel.cli import UserError, _setup_django, _write

    _setup_django()
    from datetime import date

    from akuntabel.reports.final import CatatanDiperlukan, FinalTidakBerubah
    from akuntabel.reports.tanda_tangan import KunciTidakAda

    out = Path(args.out)
    if not out.is_dir():
        raise UserError(f"Folder {out} tidak ada.")
    try:
        tanggal = date.fromisoformat(args.tanggal) if args.tanggal else None
    except ValueError:
        raise UserError(f"Tanggal {args.tanggal!r} bukan tanggal (tulis TTTT-BB-HH, "
                        "mis. 2024-02-29).") from None
    try:
        made, filename_of = _buat_final(args, tanggal)
    except (FinalTidakBerubah, KunciTidakAda) as exc:
        raise UserError(str(exc)) from None
    except CatatanDiperlukan as exc:
        raise UserError(f"{exc} Tulis catatannya dengan --catatan \"…\"; tidak ada dokumen "
                        "final yang dibuat.") from None
    for final in made:
        target = out / filename_of(final)
        _write(str(target), bytes(final.isi))
        print(f"Ditulis: {target}  SHA-256 {final.sha256}")
    return 0


def _buat_final(args: argparse.Namespace, tanggal: Any) -> tuple[list[Any], Any]:
    """The finals of ``--dokumen`` made as its page makes them, their open problems printed
    first; with the function naming their files."""
    from akuntabel.cli import UserError, _find_opd
    from akuntabel.plans.services import NoRenstra
    from akuntabel.reports.final import filename_of, make_final
    from akuntabel.reports.kesiapan import masalah_terbuka
    from akuntabel.reports.pk import NoPerjanjianKinerja

    if args.dokumen in ("lkjip-pemda", "lhe"):
        return _final_pemda(args, tanggal)
    if not args.opd:
        raise UserError("Sebutkan --opd (kode perangkat daerah) untuk LKjIP atau PK perangkat "
                        "daerah.")
    opd = _find_opd(args.pemda, args.opd)
    try:
        _print_masalah(masalah_terbuka(opd, args.tahun, args.dokumen))
        return (make_final(opd, args.tahun, None, tanggal, dokumen=args.dokumen,
                           catatan=args.catatan), filename_of)
    except (NoRenstra, NoPerjanjianKinerja) as exc:
        raise UserError(str(exc)) from None


def _final_pemda(args: argparse.Namespace, tanggal: Any) -> tuple[list[Any], Any]:
    """The pemda's LKjIP final, or an LHE final (of the OPD's evaluation, or of the pemda's
    own without --opd), as their pages make them."""
    from akuntabel.cli import UserError
    from akuntabel.organizations.models import Pemda

    if not args.pemda:
        raise UserError(f"Sebutkan --pemda (kode pemda) untuk --dokumen {args.dokumen}.")
    pemda = Pemda.objects.filter(kode=args.pemda).first()
    if pemda is None:
        raise UserError(f"Pemda {args.pemda!r} tidak ditemukan.")
    if args.dokumen == "lhe":
        from akuntabel.evaluasi.perintah import final_lhe

        return final_lhe(args, pemda, tanggal, _print_masalah)
    from akuntabel.daerah import lkjip_final
    from akuntabel.daerah.lkjip import NoRpjmd

    if args.opd:
        raise UserError("LKjIP pemda tidak memakai --opd.")
    try:
        _print_masalah(lkjip_final.masalah_terbuka(pemda, args.tahun))
        return (lkjip_final.make_final(pemda, args.tahun, None, tanggal,
                                       catatan=args.catatan), lkjip_final.filename_of)
    except NoRpjmd as exc:
        raise UserError(str(exc)) from None


JENIS_MASALAH = {
    "reviu": "galat reviu", "kewajaran": "peringatan kewajaran", "nip": "NIP penanda tangan",
    "iku": "IKU belum terukur", "final-opd": "LKjIP OPD belum final", "perkada": "Perkada IKU",
    "kunci": "evaluasi belum dikunci", "nilai": "belum dinilai",
    "konsistensi": "konsistensi nilai", "inspektur": "Inspektur",
}


def _print_masalah(masalah: list) -> None:  # type: ignore[type-arg]
    if not masalah:
        print("Tidak ada masalah yang masih terbuka.")
        return
    print(f"Masalah yang masih terbuka ({len(masalah)}):")
    for m in masalah:
        jenis = JENIS_MASALAH.get(m.jenis, m.jenis)
        kode = f" {m.kode}" if m.kode else ""
        print(f"  - [{jenis}{kode}] {m.tempat}: {m.pesan}")


def cmd_verifikasi(args: argparse.Namespace) -> int:
    from akuntabel.cli import UserError, _setup_django

    path = Path(args.file)
    try:
        isi = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Berkas {path} tidak dapat dibaca ({exc.strerror}).") from None
    _setup_django()
    from django.db import DatabaseError

    from akuntabel.reports.verifikasi import final_tercatat, lines, verify

    try:
        tercatat: bool | None = final_tercatat(hashlib.sha256(isi).hexdigest()) is not None
    except DatabaseError:   # verified away from the server's database
        tercatat = None
    hasil = verify(isi, tercatat)
    sys.stdout.write("\n".join(lines(hasil)) + "\n")
    return 0 if hasil.sah else 1
