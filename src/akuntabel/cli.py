"""The ``akuntabel`` command.

    akuntabel demo [--reset] [--ya]      serve the app; the Kota Metro demo is loaded into an
                                         empty database, reloaded only with --reset
    akuntabel contoh [--opd 40] [--indikator 60] [--baris-dpa 600] [--seed S] [--out DIR]
                                         generate the synthetic Kota Contoh and load it (kept
                                         on a rerun)
    akuntabel check FILE                 validate a dataset file without writing anything
    akuntabel load FILE [--ganti] [--ya] load a dataset file, all or nothing; --ganti first
                                         says what it deletes and asks
    akuntabel export --pemda P --opd O --out FILE.yaml | --tahun T --out FILE.xlsx
                                         | --out FILE.xlsx (no year: the plan workbook)
    akuntabel import FILE.xlsx [--dry-run] [--ya] [--alasan "…"]
    akuntabel import FILE --pemda P --opd O     a plan workbook (Renstra/Renja, docs/excel.md)
    akuntabel import FILE --pemda P --opd O --tahun Y [--unit KODE]   a budget sheet or a SIPD
                                         export (Rekap, API JSON, LRA), previewed, all or nothing
    akuntabel reviu --pemda P --opd O --tahun T [--cetak] [--format text|json|xlsx] [--out FILE]
    akuntabel report --opd O --tahun T --format docx,pdf,html,xlsx --out DIR
    akuntabel report --pemda P --tahun T --dokumen lkjip-pemda --format docx,pdf --out DIR
    akuntabel referensi [FOLDER]   load the official code lists (every edition of the folder)
    akuntabel backup OUT.tar.gz    SQLite: a consistent copy of the database and the uploads
    akuntabel restore IN.tar.gz [--ganti] [--ya]   put such an archive back (docs/backup.md)
    akuntabel kunci --pemda P [--pkcs12 FILE]   the pemda's signing key (docs/tanda-tangan.md)
    akuntabel final --pemda P --opd O --tahun Y [--dokumen lakip|pk] --catatan TEXT --out DIR
    akuntabel verifikasi FILE      exit 0 only for an unaltered final of Akuntabel
    akuntabel evaluasi --pemda P --tahun Y [--opd O] --format docx|pdf|json|xlsx --out FILE
                                   the LHE and scores of an evaluation, or the pemda's recap
    akuntabel manage ...           Django's management commands

Errors are explained in Indonesian; a user never sees a traceback (technical details go to
``var/akuntabel-error.log``).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
import typing
from contextlib import closing
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEMO_FILE = REPO_ROOT / "data" / "demo" / "kota-metro-dinas-sosial.yaml"

DEMO_USERS = (
    # username, role, full name, password
    ("admin", "admin_pemda", "Admin Pemda Kota Metro", "akuntabel-admin"),
    ("operator", "operator_opd", "Operator Dinas Sosial", "akuntabel-operator"),
    ("kepala", "kepala_opd", "Kepala Dinas Sosial", "akuntabel-kepala"),
    ("verifikator", "verifikator", "Verifikator Bappeda", "akuntabel-verifikator"),
    ("reviewer", "reviewer", "Reviewer Inspektorat", "akuntabel-reviewer"),
)


class UserError(Exception):
    """An error the user can act on; its message is shown as is."""


def _setup_django(demo: bool = False) -> None:
    """Django with the environment's settings, as a server gets them: a command never turns a
    production environment into a local one (no SECRET_KEY with DEBUG off is refused, whatever
    the command). The demo is local by definition and says so."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akuntabel.settings")
    if demo:
        os.environ.setdefault("DEBUG", "1")
        os.environ.setdefault("AKUNTABEL_LOCAL", "1")
        os.environ.setdefault("EMAIL_BACKEND", "file")   # the demo's mails: var/mail/
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise UserError(f"pengaturan tidak lengkap: {exc}") from None
    from django.conf import settings

    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


LABELS = {
    "tujuan": "tujuan", "sasaran": "sasaran", "program": "program", "kegiatan": "kegiatan",
    "sub_kegiatan": "sub kegiatan",
    "indikator": "indikator", "target": "target", "realisasi": "realisasi",
    "bukti_dukung": "bukti dukung", "komponen_iku": "perhitungan IKU",
    "rekening": "baris rekening", "realisasi_anggaran_triwulan": "realisasi anggaran triwulan",
    "perjanjian_kinerja": "perjanjian kinerja", "narasi": "bagian narasi",
    "pelaporan_triwulan": "status triwulan", "iku_daerah": "IKU pemda",
    "pk_daerah": "PK kepala daerah",
}


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts[k]} {v}" for k, v in LABELS.items() if counts.get(k))


def _print_counts(counts: dict[str, int]) -> None:
    print("  " + _counts_text(counts))


def _print_plan(lama: dict[str, int], baru: dict[str, int], judul_baru: str) -> None:
    """What a replacing load deletes and what it writes, one kind a line."""
    print(f"  {'':<30}{'dihapus':>10}{judul_baru:>14}")
    for k, label in LABELS.items():
        if lama.get(k) or baru.get(k):
            print(f"  {label:<30}{lama.get(k, 0):>10}{baru.get(k, 0):>14}")


def _ask(pertanyaan: str, args: argparse.Namespace) -> bool:
    """Whether the user agrees to delete: --ya, or "y" typed on a terminal. Without a terminal
    and without --ya nobody can answer: refused, so that nothing is deleted unseen."""
    if args.ya:
        return True
    if not sys.stdin.isatty():
        raise UserError("Penghapusan ini perlu persetujuan, tetapi tidak ada terminal untuk "
                        "bertanya. Tambahkan --ya bila memang ingin menghapus. "
                        "Tidak ada yang dihapus.")
    return input(f"{pertanyaan} [y/T] ").strip().lower() in ("y", "ya")


def _load_recorded(ds: typing.Any, replace: bool, sumber: str) -> typing.Any:
    """Load ``ds`` and record in the OPD's history what was deleted and what was loaded."""
    from django.db import transaction

    from akuntabel.adapters.dataset.loader import count_opd_data, find_opd, load_dataset
    from akuntabel.audit.services import record_change

    with transaction.atomic():
        opd = find_opd(ds)
        lama = count_opd_data(opd) if opd is not None and replace else None
        result = load_dataset(ds, replace=replace)
        opd = result.perangkat_daerah
        record_change(opd, opd, "isi data", f"dihapus: {_counts_text(lama)}" if lama else "",
                      f"dimuat: {_counts_text(count_opd_data(opd))}", sumber=sumber, oleh=None)
    return result


def cmd_check(args: argparse.Namespace) -> int:
    from akuntabel.adapters.dataset.reader import read_dataset

    ds = read_dataset(args.file)
    print(f"Berkas {args.file} sah ({ds.opd['nama']}, {ds.pemda['nama']}):")
    _print_counts(ds.counts)
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    _setup_django()
    _migrate()
    from akuntabel.adapters.dataset.loader import count_opd_data, find_opd, preview_load
    from akuntabel.adapters.dataset.reader import read_dataset

    ds = read_dataset(args.file)
    name = Path(args.file).name
    opd = find_opd(ds)
    if opd is not None and args.ganti:
        print(f"{opd.nama} ({opd.pemda.nama}) sudah ada. Datanya akan dihapus dan diganti "
              f"isi {name}:")
        _print_plan(count_opd_data(opd), preview_load(ds), "dari berkas")
        if not _ask("Hapus data lama dan muat berkas ini?", args):
            print("Tidak ada yang dihapus.")
            return 0
    result = _load_recorded(ds, args.ganti, f"akuntabel load {name}")
    print(f"Dimuat: {result.perangkat_daerah.nama} ({result.perangkat_daerah.pemda.nama})")
    _print_counts(result.counts)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    _setup_django()
    from akuntabel.adapters.dataset.writer import export_dataset_yaml

    opd = _find_opd(args.pemda, args.opd)
    if args.out.lower().endswith(".xlsx"):
        if not args.tahun:  # no year: the plan workbook (Renstra/Renja layout)
            from akuntabel.adapters.xlsx.rencana import write_rencana
            from akuntabel.plans.rencana_import import renstra_terakhir

            _write(args.out, write_rencana(opd, renstra_terakhir(opd)))
            print(f"Ditulis: {args.out} (buku kerja Rencana)")
            return 0
        from akuntabel.adapters.xlsx.workbook import export_workbook

        _write(args.out, export_workbook(opd, args.tahun))
        print(f"Ditulis: {args.out}")
        return 0
    text = export_dataset_yaml(opd)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        _write(args.out, text.encode("utf-8"))
        print(f"Ditulis: {args.out}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    _setup_django()
    _migrate()
    from akuntabel.adapters.xlsx.reader import WorkbookError
    from akuntabel.adapters.xlsx.workbook import apply_changes, read_workbook
    from akuntabel.common.waktu import format_waktu

    if args.opd and not args.tahun:
        from akuntabel.adapters.xlsx.rencana import read_rencana

        try:
            rencana = read_rencana(args.file)
        except WorkbookError as exc:
            raise UserError(exc.pesan) from None
        if rencana is not None:
            return _import_rencana(args, rencana)
    if args.opd or args.tahun:
        from akuntabel.adapters.sipd import read_sipd

        try:
            sipd = read_sipd(args.file)
        except WorkbookError as exc:
            raise UserError(exc.pesan) from None
        return _import_sipd(args, sipd) if sipd is not None else _import_budget(args)
    try:
        pratinjau = read_workbook(args.file)
    except WorkbookError as exc:
        _sipd_hint(args.file)
        _rencana_hint(args.file)
        raise UserError(exc.pesan) from None
    name = Path(args.file).name
    print(f"{name}: {pratinjau.opd.nama}, tahun {pratinjau.tahun}")
    if pratinjau.masalah:
        print(f"{len(pratinjau.masalah)} masalah; tidak ada yang ditulis:", file=sys.stderr)
        for m in pratinjau.masalah:
            print(f"- {m}", file=sys.stderr)
        return 2
    for w in pratinjau.peringatan:
        print(f"Peringatan: {w}")
    tambah = sum(1 for c in pratinjau.perubahan if c.tindakan == "tambah")
    print(f"{tambah} ditambah, {len(pratinjau.perubahan) - tambah} diubah, "
          f"{pratinjau.tidak_berubah} tidak berubah.")
    for c in pratinjau.perubahan:
        print(f"  {c.sheet} baris {c.baris}, {c.kolom}: {c.objek[:70]}: {c.lama} → {c.baru}")
    if pratinjau.konflik:
        print(f"{len(pratinjau.konflik)} konflik: diubah di Akuntabel setelah buku kerja "
              "diekspor; nilai berkas tidak ditulis, nilai yang tersimpan tetap:")
        for k in pratinjau.konflik:
            oleh = ", ".join(x for x in (k.oleh, format_waktu(k.pada)) if x)
            print(f"  {k.sheet} baris {k.baris}, {k.kolom}: {k.objek[:70]}: "
                  f"di berkas {k.di_berkas}, sekarang {k.sekarang}"
                  + (f" (diubah {oleh})" if oleh else ""))
    if pratinjau.perlu_alasan and not args.alasan.strip() and not args.dry_run:
        raise UserError('Target Renja yang sudah bernilai diubah: tuliskan alasan perubahannya '
                        'dengan --alasan "…". Tidak ada yang ditulis.')
    if not _confirm(len(pratinjau.perubahan), args):
        return 0
    try:
        written = apply_changes(pratinjau, None, f"impor xlsx {name} (baris perintah)",
                                alasan=args.alasan)
    except WorkbookError as exc:
        raise UserError(exc.pesan) from None
    print(f"Ditulis: {written} perubahan, tercatat di riwayat perubahan.")
    return 0


def _confirm(n: int, args: argparse.Namespace) -> bool:
    if args.dry_run or not n:
        return False
    if sys.stdin.isatty() and not args.ya:
        answer = input(f"Terapkan {n} perubahan? [y/T] ")
        if answer.strip().lower() not in ("y", "ya"):
            print("Tidak ada yang ditulis.")
            return False
    return True


def _import_budget(args: argparse.Namespace) -> int:
    from akuntabel.adapters.xlsx.budget_import import apply_budget, read_budget_sheet
    from akuntabel.adapters.xlsx.reader import WorkbookError

    if not (args.opd and args.tahun):
        raise UserError("Impor lembar anggaran perlu --opd dan --tahun.")
    opd = _find_opd(args.pemda, args.opd)
    try:
        p = read_budget_sheet(args.file, opd, args.tahun)
    except WorkbookError as exc:
        raise UserError(exc.pesan) from None
    name = Path(args.file).name
    print(f"{name}, lembar {p.lembar}: anggaran {opd.nama} tahun {args.tahun}; "
          f"{p.jumlah_rekening} baris rekening")
    for c in p.catatan:  # how the sheet was read: scale, prefixes, joined columns, left-out rows
        print(f"  dibaca: {c}")
    if p.masalah:
        print(f"{len(p.masalah)} masalah; tidak ada yang ditulis:", file=sys.stderr)
        for m in p.masalah:
            print(f"- {m}", file=sys.stderr)
        return 2
    for node in p.node_baru:
        print(f"  ditambahkan ke pohon program: {node}")
    print(f"{len(p.perubahan)} sub kegiatan berubah, {p.tidak_berubah} tidak berubah.")
    for label, old, new in p.perubahan:
        print(f"  {label[:70]}: {old} → {new}")
    for x in p.selisih:
        print(f"  catatan reviu: baris {x.nomor} {x.uraian[:50]}: {x.ukuran} tercetak "
              f"{x.tercetak} ≠ jumlah rincian {x.dihitung}")
    if not _confirm(len(p.perubahan) + len(p.node_baru), args):
        return 0
    try:
        apply_budget(p, None, f"impor anggaran {name} (baris perintah)")
    except WorkbookError as exc:
        raise UserError(exc.pesan) from None
    print("Ditulis, tercatat di riwayat perubahan.")
    return 0


def _import_rencana(args: argparse.Namespace, berkas: typing.Any) -> int:
    """A plan workbook (Renstra/Renja layout, adapters.xlsx.rencana) into the plan of --opd."""
    from akuntabel.plans.rencana_import import (
        RencanaRefused,
        pratinjau_rencana,
        terapkan_rencana,
    )

    opd = _find_opd(args.pemda, args.opd)
    p = pratinjau_rencana(berkas, opd)
    print(f"{berkas.nama}: rencana {opd.nama}, Renstra {berkas.tahun_awal}–{berkas.tahun_akhir}")
    if p.masalah:
        print(f"{len(p.masalah)} masalah. Tidak ada yang ditulis:", file=sys.stderr)
        for m in p.masalah:
            print(f"- {m}", file=sys.stderr)
        return 2
    if p.renstra_baru:
        print(f"  dibuat: Renstra {p.renstra_baru} di bawah RPJMD {opd.pemda.nama}")
    if p.dibuat:
        print("  dibuat: " + ", ".join(f"{n} {k}" for k, n in p.dibuat.items()))
    print(f"{p.jumlah['tambah']} nilai ditambah, {p.jumlah['ubah']} diubah.")
    for c in p.perubahan:
        print(f"  {c.objek[:70]}: {c.kolom}: {c.lama or '–'} → {c.baru or '–'}")
    if not p.perubahan:
        print("Tidak ada yang berubah: rencana sudah sama dengan berkas.")
        return 0
    if p.perlu_alasan and not args.alasan.strip() and not args.dry_run:
        raise UserError('Target Renja yang sudah bernilai diubah: tuliskan alasan perubahannya '
                        'dengan --alasan "…". Tidak ada yang ditulis.')
    if not _confirm(len(p.perubahan), args):
        return 0
    try:
        n = terapkan_rencana(p, None, args.alasan)
    except RencanaRefused as exc:
        raise UserError(exc.pesan) from None
    print(f"Ditulis: {n} perubahan, tercatat di riwayat perubahan.")
    return 0


def _rencana_hint(path: str) -> None:
    """A plan workbook given without --opd: say so, not that it is no workbook."""
    from akuntabel.adapters.xlsx.reader import WorkbookError
    from akuntabel.adapters.xlsx.rencana import read_rencana

    try:
        rencana = read_rencana(path)
    except WorkbookError:
        return
    if rencana is not None:
        raise UserError("Berkas ini buku kerja Rencana (Renstra/Renja): sebutkan perangkat "
                        "daerahnya dengan --pemda dan --opd.")


def _sipd_hint(path: str) -> None:
    """A SIPD export given without --opd and --tahun: say so, not that it is no workbook."""
    from akuntabel.adapters.sipd import read_sipd
    from akuntabel.adapters.sipd.model import nama_jenis
    from akuntabel.adapters.xlsx.reader import WorkbookError

    try:
        sipd = read_sipd(path)
    except WorkbookError:
        return
    if sipd is not None:
        raise UserError(f"Berkas ini ekspor SIPD ({nama_jenis(sipd)}): sebutkan perangkat "
                        "daerah dan tahunnya dengan --pemda, --opd dan --tahun.")


def _import_sipd(args: argparse.Namespace, berkas: typing.Any) -> int:
    """A SIPD export (Rekap, API JSON, LRA) into the DPA of --opd and --tahun."""
    from akuntabel.adapters.sipd.model import nama_jenis
    from akuntabel.budget.sipd_apply import SipdRefused, pratinjau_sipd, terapkan_sipd
    from akuntabel.common.triwulan import TRIWULAN_ROMAWI
    from akuntabel.core.angka import format_rupiah

    if not (args.opd and args.tahun):
        raise UserError("Impor berkas SIPD perlu --opd dan --tahun.")
    opd = _find_opd(args.pemda, args.opd)
    p = pratinjau_sipd(berkas, opd, args.tahun, args.unit or "")
    print(f"{berkas.nama}: {nama_jenis(berkas)}; anggaran {opd.nama} tahun {args.tahun}")
    if p.unit is None and len(p.units) > 1 and not args.unit:
        print(f"Berkas memuat {len(p.units)} unit; pilih satu dengan --unit KODE (atau nama):",
              file=sys.stderr)
        for u in p.units:
            print(f"  {u.kode}  {u.nama}  (pagu {format_rupiah(u.total())})", file=sys.stderr)
    if p.masalah:
        print(f"{len(p.masalah)} masalah. Tidak ada yang ditulis:", file=sys.stderr)
        for m in p.masalah:
            print(f"- {m}", file=sys.stderr)
        return 2
    assert p.unit is not None
    print(f"Unit {p.unit.kode} {p.unit.nama}: pagu {format_rupiah(p.total_pagu)}, realisasi "
          f"{format_rupiah(p.total_realisasi)}; {p.jumlah_rekening} baris rekening.")
    if p.renstra_baru:
        print(f"  dibuat: Renstra {p.renstra_baru} (kerangka, di bawah RPJMD)")
    for n in p.node_baru:
        beda = f" (di berkas: {n.nama_berkas})" if n.nama_berkas != n.nama else ""
        print(f"  ditambahkan: {n.tingkat.replace('_', ' ')} {n.kode} {n.nama}{beda}")
    print(f"{len(p.perubahan)} sub kegiatan ditambah atau berubah, {p.tidak_berubah} tidak "
          "berubah (pagu / realisasi):")
    for label, old, new in p.perubahan:
        print(f"  {label[:70]}: {old} → {new}")
    if p.triwulan:
        print(f"Realisasi TW {TRIWULAN_ROMAWI[p.triwulan]}: {p.tw_berubah} sub kegiatan berubah.")
    for c in p.catatan:
        print(f"  catatan: {c}")
    if not p.ada_perubahan:
        print("Tidak ada yang berubah: DPA sudah sama dengan berkas.")
        return 0
    if not _confirm(len(p.node_baru) + len(p.berubah) + p.tw_berubah, args):
        return 0
    try:
        n = terapkan_sipd(p, None, f"impor SIPD {berkas.nama} (baris perintah)", args.alasan)
    except SipdRefused as exc:
        raise UserError(exc.pesan) from None
    print(f"Ditulis: {n} perubahan, tercatat di riwayat perubahan.")
    return 0


def cmd_reviu(args: argparse.Namespace) -> int:
    _setup_django()
    from akuntabel.plans.services import NoRenstra
    from akuntabel.reviews.export import render_json, render_text, render_xlsx
    from akuntabel.reviews.lkjip import reviu_lkjip
    from akuntabel.reviews.services import review

    opd = _find_opd(args.pemda, args.opd)
    try:
        temuan = reviu_lkjip(opd, args.tahun) if args.cetak else review(opd, args.tahun)
    except NoRenstra as exc:
        raise UserError(str(exc)) from None
    judul = f"Reviu LAKIP {opd.nama} Tahun {args.tahun}"
    if args.cetak:
        judul += " (LKjIP sebagaimana dicetak Akuntabel)"
    if args.format == "xlsx":
        if not args.out or args.out == "-":
            raise UserError("Format xlsx perlu berkas tujuan: --out BERKAS.xlsx")
        _write(args.out, render_xlsx(temuan, judul))
        print(f"Ditulis: {args.out} ({len(temuan)} temuan)")
        return 0
    text = (render_json(temuan, judul) if args.format == "json"
            else render_text(temuan, judul, args.bahasa))
    if args.out and args.out != "-":
        _write(args.out, text.encode("utf-8"))
        print(f"Ditulis: {args.out} ({len(temuan)} temuan)")
    else:
        sys.stdout.write(text)
    return 0


def _find_opd(pemda: str | None, kode: str):  # type: ignore[no-untyped-def]
    from akuntabel.organizations.models import PerangkatDaerah

    found = PerangkatDaerah.objects.filter(kode=kode).select_related("pemda")
    if pemda:
        found = found.filter(pemda__kode=pemda)
    opds = list(found[:2])
    if not opds:
        where = f" di pemda {pemda!r}" if pemda else ""
        raise UserError(f"Perangkat daerah {kode!r}{where} tidak ditemukan.")
    if len(opds) > 1:
        raise UserError(f"Kode {kode!r} dipakai di lebih dari satu pemda; sebutkan --pemda.")
    return opds[0]


def _write(path: str, content: bytes) -> None:
    out = Path(path)
    if not out.parent.is_dir():
        raise UserError(f"Folder {out.parent} tidak ada; berkas {out} tidak ditulis.")
    try:
        out.write_bytes(content)
    except OSError as exc:
        raise UserError(f"Berkas {out} tidak dapat ditulis ({exc.strerror}).") from None


def cmd_report(args: argparse.Namespace) -> int:
    _setup_django()
    from datetime import date

    from akuntabel.plans.services import NoRenstra
    from akuntabel.reports.pk import NoPerjanjianKinerja
    from akuntabel.reports.services import FORMATS, build_context, render

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UserError(f"Format tidak dikenal: {', '.join(unknown) or '(kosong)'}; pilihan: "
                        f"{', '.join(FORMATS)}.")
    out = Path(args.out)
    if not out.is_dir():
        raise UserError(f"Folder {out} tidak ada.")
    try:
        tanggal = date.fromisoformat(args.tanggal) if args.tanggal else None
    except ValueError:
        raise UserError(f"Tanggal {args.tanggal!r} bukan tanggal (tulis TTTT-BB-HH, "
                        "mis. 2024-02-29).") from None
    if args.dokumen == "lkjip-pemda":
        return _report_pemda(args.pemda, args.tahun, formats, out, tanggal)
    if not args.opd:
        raise UserError("Sebutkan --opd (kode perangkat daerah) untuk dokumen lakip dan pk.")
    opd = _find_opd(args.pemda, args.opd)
    try:
        dok = build_context(opd, args.tahun, args.dokumen, tanggal, args.lampiran_reviu)
    except (NoRenstra, NoPerjanjianKinerja) as exc:
        raise UserError(str(exc)) from None
    for fmt in formats:
        rendered = render(dok, fmt, opd)
        _write(str(out / rendered.filename), rendered.content)
        print(f"Ditulis: {out / rendered.filename}")
    return 0


def _report_pemda(kode: str | None, tahun: int, formats: list[str], out: Path,
                  tanggal: typing.Any) -> int:
    """The pemda's LKjIP (daerah.lkjip) in each format, written to ``out``."""
    from akuntabel.daerah.lkjip import NoRpjmd, build_lkjip_pemda, filename
    from akuntabel.organizations.models import Pemda
    from akuntabel.reports.services import renderer

    if not kode:
        raise UserError("Sebutkan --pemda (kode pemda) untuk LKjIP Pemerintah Daerah.")
    pemda = Pemda.objects.filter(kode=kode).first()
    if pemda is None:
        raise UserError(f"Pemda {kode!r} tidak ditemukan.")
    try:
        dok = build_lkjip_pemda(pemda, tahun, tanggal)
    except NoRpjmd as exc:
        raise UserError(str(exc)) from None
    for fmt in formats:
        isi = renderer(fmt)(dok)
        path = out / filename(pemda, tahun, fmt)
        _write(str(path), isi.encode("utf-8") if isinstance(isi, str) else isi)
        print(f"Ditulis: {path}")
    return 0


def cmd_referensi(args: argparse.Namespace) -> int:
    _setup_django()
    _migrate()
    from akuntabel.references.loader import ReferenceError, load_reference_lists

    folder = Path(args.folder) if args.folder else None
    try:
        hasil = load_reference_lists(folder)
    except ReferenceError as exc:
        raise UserError(f"{exc}. Tidak ada daftar kode yang ditulis.") from None
    print(f"Daftar kode dimuat dari {folder or 'daftar bawaan (reference/)'}:")
    for h in hasil:
        jumlah = ", ".join(f"{_angka(n)} {nama.replace('_', ' ')}"
                           for nama, n in h.jumlah.items())
        print(f"  {h.kode}: {jumlah}")
    baru = sum(h.baru for h in hasil)
    diubah = sum(h.diubah for h in hasil)
    dihapus = sum(h.dihapus for h in hasil)
    if baru or diubah or dihapus:
        print(f"Baris baru {_angka(baru)}, diubah {_angka(diubah)}, dihapus {_angka(dihapus)}.")
    else:
        print("Tidak ada yang berubah: basis data sudah memuat daftar ini.")
    if folder is None:
        _muat_template_lke()
    return 0


def _muat_template_lke() -> None:
    """The shipped LKE template of the Evaluasi AKIP (reference/evaluasi/)."""
    from akuntabel.evaluasi.loader import TemplateError, load_template

    try:
        lke = load_template()
    except TemplateError as exc:
        raise UserError(f"{exc}. Template LKE tidak dimuat.") from None
    jumlah = ", ".join(f"{_angka(n)} {nama.replace('_', ' ')}" for nama, n in lke.jumlah.items())
    keadaan = "dimuat" if lke.baru else "sudah ada, tidak berubah"
    print(f"Template LKE {lke.kode} {keadaan}: {jumlah}.")


def _angka(n: int) -> str:
    from decimal import Decimal

    from akuntabel.core.angka import format_angka

    return format_angka(Decimal(n))


def cmd_demo(args: argparse.Namespace) -> int:
    # The links in the demo's mails (var/mail/) open the demo where it is served.
    os.environ.setdefault("AKUNTABEL_SITE_URL", f"http://127.0.0.1:{args.port}")
    _setup_django(demo=True)
    _migrate()
    from django.core.management import call_command

    from akuntabel.adapters.dataset.loader import count_opd_data, find_opd, preview_load
    from akuntabel.adapters.dataset.reader import read_dataset
    from akuntabel.audit.models import Perubahan
    from akuntabel.organizations.models import PerangkatDaerah
    from akuntabel.references.loader import load_reference_lists

    load_reference_lists(None)
    ds = read_dataset(DEMO_FILE)
    opd = find_opd(ds)
    sumber = "akuntabel demo --reset" if args.reset else "akuntabel demo"
    load = args.reset or not PerangkatDaerah.objects.exists()
    if args.reset and opd is not None:
        print(f"Data {opd.nama} ({opd.pemda.nama}) akan dihapus dan dimuat ulang dari "
              f"{DEMO_FILE.name}:")
        _print_plan(count_opd_data(opd), preview_load(ds), "data demo")
        riwayat = Perubahan.objects.filter(perangkat_daerah=opd).count()
        print(f"  Riwayat perubahan ({riwayat} baris) dan pengguna demo tetap disimpan.")
        if not _ask("Hapus data ini dan muat ulang data demo?", args):
            print("Tidak ada yang dihapus; data yang ada tetap dipakai.")
            load = False
    if load:
        result = _load_recorded(ds, True, sumber)
        opd = result.perangkat_daerah
        print(f"Data demo dimuat: {opd.nama} ({opd.pemda.nama}).")
        _print_counts(result.counts)
    elif not args.reset:
        print("Basis data sudah berisi data; data itu tetap dipakai, tidak dimuat ulang "
              "(muat ulang data demo: akuntabel demo --reset).")
    if opd is None:
        print("Pengguna demo tidak dibuat: data demo tidak ada di basis data ini "
              "(muat dengan: akuntabel demo --reset).")
    else:
        _demo_users(opd)
        _demo_evaluasi(opd)
        from akuntabel.reports.perintah import cmd_kunci  # the demo's self-signed key

        cmd_kunci(argparse.Namespace(pemda=opd.pemda.kode, pkcs12=None, baru=False))
        _demo_final(opd)
        from akuntabel.plans.demo import tetapkan_renstra_demo

        for r in tetapkan_renstra_demo(opd):
            print(f"{r} ditetapkan (dasar hukum ILUSTRASI demo); portal publik menampilkan "
                  "dokumennya.")
    if args.no_serve:
        return 0
    url = f"http://127.0.0.1:{args.port}/"
    print(f"\nAkuntabel berjalan di {url}  (hentikan dengan Ctrl+C)\n", flush=True)
    call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False, verbosity=1)
    return 0


def cmd_contoh(args: argparse.Namespace) -> int:
    """Kota Contoh, the synthetic pemda (akuntabel.demo_contoh): generated as dataset files,
    checked and loaded by the dataset loader; a pemda already loaded is kept as it is."""
    import tempfile

    from akuntabel import demo_contoh

    _setup_django(demo=True)
    _migrate()
    ukuran = demo_contoh.Ukuran(opd=args.opd, indikator=args.indikator,
                                baris_dpa=args.baris_dpa, seed=args.seed, tahun=args.tahun)
    problems = ukuran.problems()
    if problems:
        raise UserError("; ".join(problems))
    if demo_contoh.pemda_exists():
        print(f"{demo_contoh.PEMDA_NAMA} sudah ada di basis data; datanya tetap dipakai, "
              "tidak dimuat ulang.")
        return 0
    contoh = demo_contoh.generate(ukuran)
    with tempfile.TemporaryDirectory() as tmp:
        paths = demo_contoh.write_files(contoh, Path(args.out or tmp))
        users = demo_contoh.load_contoh(paths, contoh)
    print(f"Data SINTETIS dimuat: {demo_contoh.PEMDA_NAMA}, {len(paths)} perangkat daerah "
          f"(seed {ukuran.seed}; bukan data nyata).")
    if args.out:
        print(f"Berkas data sintetis ditulis ke {args.out}.")
    late = sum(s.status == "draft" for s in contoh.status)
    back = sum(s.status == "dikembalikan" for s in contoh.status)
    print(f"TW IV {ukuran.tahun}: {late} terlambat, {back} dikembalikan, "
          f"{sum(s.status == 'diajukan' for s in contoh.status)} menunggu verifikasi.")
    print("\nPengguna Kota Contoh (nama pengguna / kata sandi / peran):")
    for username, password, peran in users:
        print(f"  {username:<40} {password:<28} {peran}")
    return 0


def _demo_evaluasi(opd: typing.Any) -> None:
    """The illustrative Evaluasi AKIP 2023 of the demo OPD, made once (akuntabel.evaluasi.demo)."""
    from akuntabel.evaluasi.demo import muat_evaluasi_demo

    if muat_evaluasi_demo(opd) is not None:
        print(f"Evaluasi AKIP 2023 {opd.nama} dimuat sebagai ILUSTRASI (nilai contoh, bukan "
              "hasil evaluasi sebenarnya).")


def _demo_final(opd: typing.Any) -> None:
    """The demo's final LKjIP 2023, made once and published (akuntabel.reports.demo), so that
    the public portal shows the printed report's figures; likewise its illustrative LHE."""
    from akuntabel.reports.demo import TAHUN, terbitkan_final_demo, terbitkan_lhe_demo

    made = terbitkan_final_demo(opd)
    if made:
        print(f"LKjIP final {TAHUN} {opd.nama} dibuat dari laporan tercetak (dengan "
              f"{len(made[0].masalah)} masalah terbuka dan catatannya) dan diterbitkan; "
              "portal publik menampilkan angkanya.")
    if terbitkan_lhe_demo(opd):
        print(f"LHE final {TAHUN} {opd.nama} (ILUSTRASI, dengan catatan atas masalah terbukanya) "
              "dibuat dan diterbitkan; portal publik menampilkannya.")


def _demo_users(opd: typing.Any) -> None:
    """One user per role on the demo OPD, with the passwords printed, whatever was there."""
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from akuntabel.accounts.models import Membership

    with transaction.atomic():
        for username, peran, full_name, password in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username)
            first, _, last = full_name.partition(" ")
            user.first_name, user.last_name = first, last
            user.email = user.email or demo_email(username)   # a changed address is kept
            user.is_staff = user.is_superuser = peran == "admin_pemda"
            user.set_password(password)
            user.save()
            Membership.objects.filter(user=user).delete()
            Membership.objects.create(
                user=user, pemda=opd.pemda, peran=peran,
                perangkat_daerah=opd if peran in ("operator_opd", "kepala_opd") else None)
            try:  # the demo's passwords follow the policy every other password follows
                validate_password(password, user)
            except ValidationError as exc:
                raise UserError(f"Kata sandi demo {username} ditolak: "
                                f"{' '.join(exc.messages)}") from exc
    print("\nPengguna demo (nama pengguna / kata sandi / peran / e-mail):")
    emails = dict(User.objects.filter(username__in=[u[0] for u in DEMO_USERS])
                  .values_list("username", "email"))
    for username, peran, _, password in DEMO_USERS:
        print(f"  {username:<12} {password:<24} {peran:<14} {emails[username]}")
    print(f"Surel pemberitahuan demo ditulis sebagai berkas ke {settings.EMAIL_FILE_PATH}/.")


def demo_email(username: str) -> str:
    """A demo user's address: under .example (RFC 2606), so that no mail can ever be
    delivered; the demo writes its mail to files (var/mail/)."""
    return f"{username}@kota-metro.demo.example"


# -- backup and restore (SQLite; PostgreSQL: pg_dump / pg_restore, docs/backup.md) --------------

BACKUP_FORMAT = "akuntabel-backup/1"
BACKUP_DB = "akuntabel.sqlite3"  # the database's name inside the archive
BACKUP_UPLOADS = "uploads"  # the uploaded files (evidence) inside the archive


def _sqlite_paths() -> tuple[Path, Path]:
    """The SQLite database file and the uploads folder of this installation; UserError on
    PostgreSQL, whose backups are pg_dump's."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if "sqlite" not in str(db["ENGINE"]):
        raise UserError("akuntabel backup/restore hanya untuk SQLite. Untuk PostgreSQL pakai "
                        "pg_dump dan pg_restore seperti di docs/backup.md (folder unggahan "
                        f"{settings.MEDIA_ROOT} disalin terpisah).")
    return Path(str(db["NAME"])).resolve(), Path(settings.MEDIA_ROOT)


def _read_only(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def _row_counts(path: Path) -> dict[str, int]:
    import sqlite3

    with closing(sqlite3.connect(_read_only(path), uri=True)) as con:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        return {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def cmd_backup(args: argparse.Namespace) -> int:
    """One archive (.tar.gz) of a consistent copy of the database, taken with SQLite's backup
    API while the application may be writing, and of every uploaded file."""
    import json
    import sqlite3
    import tarfile
    import tempfile
    from datetime import datetime

    _setup_django()
    db, uploads = _sqlite_paths()
    if not db.is_file():
        raise UserError(f"Basis data {db} tidak ada; tidak ada yang dicadangkan.")
    out = Path(args.out)
    if not out.parent.is_dir():
        raise UserError(f"Folder {out.parent} tidak ada; cadangan tidak ditulis.")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / BACKUP_DB
        with closing(sqlite3.connect(_read_only(db), uri=True)) as src, \
                closing(sqlite3.connect(copy)) as dst:
            src.backup(dst)
        counts = _row_counts(copy)
        files = sorted(p for p in uploads.rglob("*") if p.is_file()) if uploads.is_dir() else []
        manifest = {"format": BACKUP_FORMAT, "dibuat": datetime.now().astimezone().isoformat(),
                    "baris": counts, "berkas": len(files)}
        (Path(tmp) / "MANIFEST.json").write_text(json.dumps(manifest, indent=1),
                                                 encoding="utf-8")
        partial = out.with_name(out.name + ".sebagian")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(Path(tmp) / "MANIFEST.json", "MANIFEST.json")
            tar.add(copy, BACKUP_DB)
            for f in files:
                tar.add(f, f"{BACKUP_UPLOADS}/{f.relative_to(uploads).as_posix()}")
        partial.replace(out)  # a cut-off run leaves no half archive under the real name
    print(f"Cadangan ditulis ke {out}: basis data ({sum(counts.values())} baris, "
          f"{len(counts)} tabel) dan {len(files)} berkas unggahan.")
    return 0


def _safe_members(tar: typing.Any) -> list[typing.Any]:
    """The archive's members, refused unless each is the manifest, the database or a plain
    file or folder under uploads/ (no absolute path, no "..", no link, no device)."""
    members = tar.getmembers()
    for m in members:
        parts = Path(m.name).parts
        ok_name = (m.name in ("MANIFEST.json", BACKUP_DB)
                   or (parts and parts[0] == BACKUP_UPLOADS and ".." not in parts))
        if not ok_name or Path(m.name).is_absolute() or not (m.isfile() or m.isdir()):
            raise UserError(f"Arsip memuat {m.name!r}, yang bukan bagian cadangan Akuntabel; "
                            "tidak ada yang dipulihkan.")
    return members


def cmd_restore(args: argparse.Namespace) -> int:
    """Put an archive of ``akuntabel backup`` back: checked first (its manifest, the database's
    integrity and row counts), then moved into place; existing data only with --ganti, and
    then kept beside it, renamed."""
    import json
    import shutil
    import sqlite3
    import tarfile
    import tempfile
    from datetime import datetime

    _setup_django()
    db, uploads = _sqlite_paths()
    archive = Path(args.file)
    if not archive.is_file():
        raise UserError(f"Berkas cadangan {archive} tidak ada.")
    existing = [p for p in (db, uploads) if p.exists()]
    if existing and not args.ganti:
        raise UserError(f"Sudah ada data di {', '.join(map(str, existing))}. Pulihkan ke lokasi "
                        "kosong, atau tambahkan --ganti (data lama disimpan dengan nama lain). "
                        "Tidak ada yang dipulihkan.")
    db.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=db.parent) as tmp:
        try:
            with tarfile.open(archive, "r:*") as tar:
                tar.extractall(tmp, members=_safe_members(tar))
            manifest = json.loads((Path(tmp) / "MANIFEST.json").read_text(encoding="utf-8"))
        except (tarfile.TarError, OSError, ValueError) as exc:
            raise UserError(f"{archive} bukan cadangan Akuntabel yang terbaca ({exc}); tidak "
                            "ada yang dipulihkan.") from exc
        if manifest.get("format") != BACKUP_FORMAT:
            raise UserError(f"{archive} bukan cadangan Akuntabel ({BACKUP_FORMAT}); tidak ada "
                            "yang dipulihkan.")
        copy = Path(tmp) / BACKUP_DB
        try:
            with closing(sqlite3.connect(_read_only(copy), uri=True)) as con:
                check = con.execute("PRAGMA integrity_check").fetchone()[0]
            counts = _row_counts(copy)
        except sqlite3.DatabaseError as exc:
            check, counts = str(exc), {}
        if check != "ok" or counts != manifest.get("baris"):
            raise UserError(f"Basis data di {archive} rusak atau tidak lengkap ({check}); tidak "
                            "ada yang dipulihkan.")
        if existing:
            if not _ask(f"Ganti data di {', '.join(map(str, existing))}?", args):
                print("Tidak ada yang dipulihkan.")
                return 0
            tanda = datetime.now().strftime("%Y%m%d%H%M%S")
            for p in existing:
                p.rename(p.with_name(f"{p.name}.sebelum-pulih-{tanda}"))
                print(f"Data lama disimpan sebagai {p.name}.sebelum-pulih-{tanda}.")
        copy.replace(db)
        restored = Path(tmp) / BACKUP_UPLOADS
        if restored.is_dir():
            shutil.move(str(restored), uploads)
    _migrate()  # an archive of an earlier version gets this version's tables
    print(f"Dipulihkan dari {archive}: basis data {db} ({sum(counts.values())} baris) dan "
          f"{manifest.get('berkas', 0)} berkas unggahan di {uploads}.")
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["akuntabel manage", *args.rest])
    return 0


ARGPARSE_ID = (
    ("the following arguments are required", "argumen berikut wajib diisi"),
    ("unrecognized arguments", "argumen tidak dikenal"),
    ("invalid choice", "pilihan tidak dikenal"),
    ("choose from", "pilih dari"),
    ("invalid int value", "bukan bilangan bulat"),
    ("expected one argument", "perlu satu nilai"),
    ("argument", "argumen"),
)


class _Parser(argparse.ArgumentParser):
    """argparse with its error messages in Indonesian."""

    def error(self, message: str) -> typing.NoReturn:
        for english, indonesian in ARGPARSE_ID:
            message = message.replace(english, indonesian)
        self.print_usage(sys.stderr)
        self.exit(2, f"Gagal: {message}. Lihat: {self.prog} --help\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="akuntabel",
        description="Akuntabel: SAKIP untuk perangkat daerah (perencanaan, pengukuran, "
                    "reviu dan pelaporan kinerja).")
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")

    p = sub.add_parser("demo", help="muat data demo Kota Metro ke SQLite dan jalankan aplikasi")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--no-serve", action="store_true", help="muat saja, jangan jalankan server")
    p.add_argument("--reset", action="store_true",
                   help="hapus data demo (juga isian pengguna) dan muat ulang dari berkasnya")
    p.add_argument("--ya", action="store_true", help="hapus tanpa bertanya")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("contoh", help="bangkitkan dan muat pemda SINTETIS Kota Contoh "
                                      "(banyak OPD, untuk mencoba layar pemda)")
    p.add_argument("--opd", type=int, default=40, help="jumlah perangkat daerah (1-40)")
    p.add_argument("--indikator", type=int, default=60,
                   help="indikator per perangkat daerah (ukuran bench: 300)")
    p.add_argument("--baris-dpa", type=int, default=600,
                   help="baris rekening DPA per perangkat daerah (ukuran bench: 5000)")
    p.add_argument("--seed", type=int, default=2025, help="benih acak (hasil sama untuk benih "
                                                          "sama)")
    p.add_argument("--tahun", type=int, default=2025, help="tahun data triwulan dan DPA")
    p.add_argument("--out", help="simpan juga berkas data sintetisnya di folder ini")
    p.set_defaults(func=cmd_contoh)

    p = sub.add_parser("check", help="periksa berkas data tanpa menulis apa pun")
    p.add_argument("file")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("load", help="muat berkas data (semua atau tidak sama sekali)")
    p.add_argument("file")
    p.add_argument("--ganti", action="store_true",
                   help="ganti data perangkat daerah yang sudah ada")
    p.add_argument("--ya", action="store_true", help="ganti tanpa bertanya")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("export", help="tulis data satu perangkat daerah ke berkas data (.yaml) "
                                      "atau buku kerja Excel (.xlsx)")
    p.add_argument("--pemda", help="kode pemda, mis. kota-metro (boleh dihilangkan bila kode "
                                   "OPD unik)")
    p.add_argument("--tahun", type=int, help="tahun, untuk buku kerja Excel")
    p.add_argument("--opd", required=True, help="kode perangkat daerah, mis. dinas-sosial")
    p.add_argument("--out", required=True, help="berkas tujuan, atau - untuk layar")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="impor buku kerja Excel hasil ekspor yang sudah diisi")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="tampilkan perubahan saja")
    p.add_argument("--ya", action="store_true", help="terapkan tanpa bertanya")
    p.add_argument("--alasan", default="",
                   help="alasan perubahan, wajib bila target Renja yang sudah bernilai diubah")
    p.add_argument("--pemda", help="untuk lembar anggaran bertingkat: kode pemda")
    p.add_argument("--opd", help="untuk lembar anggaran bertingkat: kode perangkat daerah")
    p.add_argument("--tahun", type=int, help="untuk lembar anggaran bertingkat: tahun DPA")
    p.add_argument("--unit", help="untuk berkas SIPD berisi banyak SKPD/sub unit: kode atau "
                                  "nama unit yang diimpor")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("reviu", help="reviu otomatis LAKIP satu perangkat daerah dan tahun")
    p.add_argument("--pemda", required=True, help="kode pemda, mis. kota-metro")
    p.add_argument("--opd", required=True, help="kode perangkat daerah, mis. dinas-sosial")
    p.add_argument("--tahun", required=True, type=int)
    p.add_argument("--format", choices=["text", "json", "xlsx"], default="text")
    p.add_argument("--bahasa", choices=["id", "en"], default="id",
                   help="bahasa pesan untuk format text")
    p.add_argument("--cetak", action="store_true",
                   help="reviu LKjIP sebagaimana dicetak Akuntabel (teks yang disusun dan "
                        "status triwulan), bukti kriteria LKE 3.a")
    p.add_argument("--out", help="berkas tujuan (wajib untuk xlsx); tanpa ini: layar")
    p.set_defaults(func=cmd_reviu)

    p = sub.add_parser("report", help="hasilkan LKjIP atau Perjanjian Kinerja (docx, pdf, …)")
    p.add_argument("--pemda", help="kode pemda (boleh dihilangkan bila kode OPD unik)")
    p.add_argument("--opd", help="kode perangkat daerah, mis. dinas-sosial (lakip, pk)")
    p.add_argument("--tahun", required=True, type=int)
    p.add_argument("--dokumen", choices=["lakip", "pk", "lkjip-pemda"], default="lakip",
                   help="lkjip-pemda: LKjIP Pemerintah Daerah (dengan --pemda, tanpa --opd)")
    p.add_argument("--format", default="docx,pdf,html,xlsx",
                   help="satu atau beberapa dari docx,pdf,html,xlsx (dipisah koma)")
    p.add_argument("--tanggal", help="tanggal tanda tangan TTTT-BB-HH (bawaan: hari ini)")
    p.add_argument("--lampiran-reviu", action="store_true",
                   help="lampirkan temuan reviu otomatis pada LKjIP")
    p.add_argument("--out", required=True, help="folder tujuan")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("referensi", help="muat daftar kode resmi (nomenklatur, rekening)")
    p.add_argument("folder", nargs="?",
                   help="folder berisi edisi.toml dan daftarnya (bawaan: reference/)")
    p.set_defaults(func=cmd_referensi)

    p = sub.add_parser("backup", help="cadangkan basis data SQLite dan berkas unggahan ke satu "
                                      "arsip .tar.gz (PostgreSQL: docs/backup.md)")
    p.add_argument("out", help="berkas arsip tujuan, mis. akuntabel-2024-06-30.tar.gz")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="pulihkan arsip dari akuntabel backup")
    p.add_argument("file")
    p.add_argument("--ganti", action="store_true",
                   help="ganti data yang ada (data lama disimpan dengan nama lain)")
    p.add_argument("--ya", action="store_true", help="ganti tanpa bertanya")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("manage", help="perintah manajemen Django")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)

    from akuntabel.reports.perintah import add_parsers  # kunci, final, verifikasi

    add_parsers(sub)
    from akuntabel.evaluasi.perintah import add_parsers as add_evaluasi  # evaluasi

    add_evaluasi(sub)
    return parser


def _log_path() -> Path:
    return Path(os.environ.get("AKUNTABEL_VAR_DIR", Path.cwd() / "var")) / "akuntabel-error.log"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from akuntabel.adapters.dataset.reader import DatasetError

    try:
        return int(args.func(args) or 0)
    except DatasetError as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        print("Tidak ada data yang ditulis.", file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nDihentikan.", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: no traceback for users
        log = _log_path()
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as f:
                f.write(traceback.format_exc() + "\n")
            where = f"Rincian teknis ditulis ke {log}."
        except OSError:
            where = ""
        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        print(f"Terjadi kesalahan tak terduga ({type(exc).__name__}: {exc}). "
              f"Tidak ada data yang ditulis sebagian. {where}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
