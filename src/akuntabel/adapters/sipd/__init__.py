"""Budget exports of the regional budgeting system (SIPD-RI), read into one plain structure
(:class:`BerkasSipd`): the Rekap xlsx, the API drill-down JSON, the raw SIPD-RI API JSON and
the LRA "Rekapitulasi Belanja" workbook, each recognised by its content, never by its name.

:func:`read_sipd` returns None for a file that is none of these (the caller then tries its
other readers) and never raises on a file's contents: what cannot be read becomes a problem in
``masalah`` naming the sheet, row and column (or the JSON element and key). Workbooks are
opened by ``adapters.xlsx.reader.open_workbook`` with its upload bounds (size, zip bomb,
rows, merged cells); a JSON file is bounded by the same size limit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from akuntabel.adapters.sipd.flat import MENTAH, baca_json, baca_rekap, tata_dari_kunci
from akuntabel.adapters.sipd.lra import baca_lra
from akuntabel.adapters.sipd.model import BerkasSipd, Node, Unit
from akuntabel.adapters.xlsx.reader import MAX_BYTES, WorkbookError, open_workbook

__all__ = ["BerkasSipd", "Node", "Unit", "read_sipd"]

_AWAL = 30  # rows read to recognise a sheet


def read_sipd(path: str | Path) -> BerkasSipd | None:
    """The SIPD file at ``path`` read, or None when it is not a SIPD export. A file that
    cannot be opened at all raises ``WorkbookError`` (the reader's message)."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            kepala = f.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        kepala = b""
    if kepala[:1] in (b"[", b"{"):
        return _baca_json(path)
    with open_workbook(path) as sheets:
        berkas = BerkasSipd(path.name, "")
        units: dict[str, Unit] = {}
        for nama in sheets.names:
            rows = sheets.rows(nama)
            awal = []
            for row in rows:
                awal.append(row)
                if len(awal) >= _AWAL:
                    break
            try:
                _baca_lembar(berkas, nama, awal, rows, units)
            except WorkbookError as exc:  # a damaged sheet, a bound passed while reading
                berkas.masalah.append(exc.pesan)
        if not berkas.jenis:
            return None
        if units:
            berkas.unit = [*berkas.unit, *units.values()]
    if not berkas.unit and not berkas.masalah:
        berkas.masalah.append(_("%(berkas)s: no sub kegiatan was found.") % {"berkas": path.name})
    return berkas


def _baca_lembar(berkas: BerkasSipd, nama: str, awal: list[Any], rows: Any,
                 units: dict[str, Unit]) -> None:
    for i, row in enumerate(awal[:10]):
        judul = [str(v).strip().upper() if v is not None else "" for v in row.sel]
        tata = tata_dari_kunci(judul)
        if tata is not None and tata.jenis == "rekap" and berkas.jenis in ("", "rekap"):
            berkas.jenis = "rekap"
            baca_rekap(berkas, nama, list(row.sel), [*awal[i + 1:], *rows])
            return
    if berkas.jenis in ("", "lra") and baca_lra(berkas, nama, awal, rows, units):
        berkas.jenis = "lra"
        return
    if awal:
        berkas.catatan.append(_("Sheet '%(lembar)s' is not a SIPD report; not read.")
                              % {"lembar": nama})
    else:
        berkas.catatan.append(_("Sheet '%(lembar)s' is empty.") % {"lembar": nama})


def _batas_bita() -> int:
    return int(getattr(settings, "AKUNTABEL_EXCEL_MAX_BYTES", MAX_BYTES))


def _tolak(nilai: str) -> Any:
    raise ValueError(nilai)


def _baca_json(path: Path) -> BerkasSipd | None:
    nama = path.name
    if path.stat().st_size > _batas_bita():
        raise WorkbookError(_("%(berkas)s: The file is too large (at most %(batas)s MB).")
                            % {"berkas": nama, "batas": _batas_bita() // (1024 * 1024)})
    berkas = BerkasSipd(nama, "")
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"), parse_float=_desimal,
                          parse_constant=_tolak)
    except (ValueError, RecursionError) as exc:
        berkas.jenis = "json"
        berkas.masalah.append(_("%(berkas)s: not a valid JSON file (%(alasan)s).")
                              % {"berkas": nama, "alasan": str(exc)[:120]})
        return berkas
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), None)
    if not isinstance(data, list):
        return None
    contoh = next((r for r in data if isinstance(r, dict)), None)
    if contoh is None:
        berkas.jenis = "json"
        berkas.masalah.append(_("%(berkas)s: the file holds no records.") % {"berkas": nama})
        return berkas
    tata = tata_dari_kunci(contoh)
    if tata is None:
        return None
    berkas.jenis = tata.jenis if tata is not MENTAH else "mentah"
    baca_json(berkas, data, tata)
    if not berkas.unit and not berkas.masalah:
        berkas.masalah.append(_("%(berkas)s: no sub kegiatan was found.") % {"berkas": nama})
    return berkas


def _desimal(teks: str) -> Any:
    from decimal import Decimal

    return Decimal(teks)
