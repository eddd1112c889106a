"""Computed documents kept in Django's cache, keyed by the data revisions they were computed at
(``akuntabel.revisi``), so the LKjIP preview of an unchanged OPD is read, not computed again,
and a document is never served after a write to its data.

The key holds everything a rendered document depends on: the OPD and year, the document and
format, the revisions (installation, pemda, OPD) read BEFORE computing, the active language,
today's date (the default signature date) and the code's version (the package's files as
deployed: another release or a changed template never reads an entry written by the old one).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from django.core.cache import cache as django_cache
from django.db import connection
from django.db.models import Q
from django.utils import timezone, translation

import akuntabel
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.reports.services import Rendered, build_context, render
from akuntabel.revisi.models import SEMUA, Revisi, kunci_opd, kunci_pemda
from akuntabel.revisi.services import revisi_opd, revisi_pemda, sudah_naik

VERSI = 1  # raise when an entry's shape changes
UMUR_DETIK = 24 * 3600  # an entry of an older revision is never asked for again: let it go


@cache
def versi_kode() -> str:
    """A digest of the package's code, templates and catalogues (path, size, modification
    time), taken once per process."""
    root = Path(akuntabel.__file__).parent
    h = hashlib.sha256(str(VERSI).encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".html", ".mo", ".yaml", ".css") and path.is_file():
            st = path.stat()
            h.update(f"{path.relative_to(root)}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()[:16]


def _kunci(lingkup: str, revisi: tuple[int, ...], *bagian: Any) -> str:
    rev = ".".join(str(n) for n in revisi)
    lengkap = (f"{lingkup}:{':'.join(str(b) for b in bagian)}:{rev}:"
               f"{translation.get_language()}:{timezone.localdate().isoformat()}:{versi_kode()}")
    return f"dok:{hashlib.sha256(lengkap.encode()).hexdigest()}"  # short, whatever the parts


def kunci(opd: PerangkatDaerah, tahun: int, dokumen: str, fmt: str) -> str:
    return _kunci(f"o{opd.pk}", revisi_opd(opd), tahun, dokumen, fmt)


T = TypeVar("T")


_TIADA = object()


# The process's own copies of the last documents it read or computed: reading a 3,5 MB preview
# from the shared cache costs its decompression each time. A copy is used only while the
# shared entry of the same key still exists (``has_key`` reads the entry's header, not its
# body), so emptying the cache empties these too; the key holds the revisions as always.
DEKAT_MAKS = 8
_dekat: OrderedDict[str, Any] = OrderedDict()
_dekat_kunci = threading.Lock()


def _ingat(key: str, value: Any) -> None:
    with _dekat_kunci:
        _dekat[key] = value
        _dekat.move_to_end(key)
        while len(_dekat) > DEKAT_MAKS:
            _dekat.popitem(last=False)


def _simpan(key: str, hitung: Callable[[], T], ringkas: Callable[[T], T] | None = None,
            dekat: bool = False) -> T:
    """The entry ``key``, else what ``hitung()`` computes, kept (as ``ringkas`` reduces it:
    the request that computed it uses it whole, later ones what is kept); ``dekat``: also
    kept in this process (``_dekat``), for large documents."""
    if dekat:
        with _dekat_kunci:
            copy = _dekat.get(key, _TIADA)
        if copy is not _TIADA and django_cache.has_key(key):
            return copy  # type: ignore[no-any-return]
    hit = django_cache.get(key, _TIADA)
    if hit is not _TIADA:
        if dekat:
            _ingat(key, hit)
        return hit  # type: ignore[no-any-return]
    out = hitung()
    if not sudah_naik(connection):  # never keep what an open, uncommitted write computed
        kept = ringkas(out) if ringkas else out
        django_cache.set(key, kept, UMUR_DETIK)
        if dekat:
            _ingat(key, kept)
    return out


def dokumen_opd(opd: PerangkatDaerah, tahun: int, dokumen: str, fmt: str) -> Rendered:
    """The document ``dokumen`` of ``opd`` for ``tahun`` rendered in ``fmt`` (as
    ``render(build_context(...))``), from the cache when its data has not changed. What
    ``build_context`` raises (no Renstra, no PK) is raised again, never cached."""
    key = kunci(opd, tahun, dokumen, fmt)  # the revisions first, then the data
    return _simpan(key, lambda: render(build_context(opd, tahun, dokumen), fmt, opd),
                   dekat=True)


def data_opd(opd: PerangkatDaerah, tahun: int, nama: str, hitung: Callable[[], T],
             *kunci: Any, ringkas: Callable[[T], T] | None = None) -> T:
    """What ``hitung()`` computes from the data of ``opd`` (picklable), from the cache while
    the OPD's data has not changed; ``kunci``: what else it depends on; ``ringkas``: what of
    it to keep, when a page read from the cache needs less than the one that computed it."""
    return _simpan(_kunci(f"o{opd.pk}", revisi_opd(opd), tahun, nama, *kunci), hitung,
                   ringkas)


def dokumen_pemda(pemda: Any, tahun: int, dokumen: str, fmt: str,
                  hitung: Callable[[], bytes | str]) -> bytes | str:
    """A pemda-wide document (the pemda LKjIP) as ``hitung()`` renders it, from the cache
    while neither the pemda's data nor any of its OPD's has changed."""
    key = _kunci(f"p{pemda.pk}", revisi_pemda(pemda), tahun, dokumen, fmt)
    return _simpan(key, hitung, dekat=True)


def data_pemda(pemda: Any, tahun: int, nama: str, hitung: Callable[[], T], *kunci: Any) -> T:
    """Figures computed across a pemda's OPD (the dashboard's), as ``hitung()`` returns them
    (picklable), from the cache while neither the pemda's data nor any OPD's has changed;
    ``kunci``: what else they depend on (the OPD listed, so a list read a moment after an OPD
    was added never meets figures without it)."""
    return _simpan(_kunci(f"p{pemda.pk}", revisi_pemda(pemda), tahun, nama, *kunci), hitung)


def data_per_opd(pemda: Any, tahun: int, nama: str, opd_pks: list[int],
                 hitung: Callable[[list[int]], dict[int, T]], *kunci: Any) -> dict[int, T]:
    """By OPD pk, what ``hitung(pks)`` computes for each of ``pks`` (picklable, one value per
    OPD, from that OPD's data and the pemda's), each kept with its own OPD's revision: after a
    write in one OPD only that OPD is computed again (in one call of ``hitung``, so its
    queries stay as many whatever the number of OPD). The pemda's values are one entry (one
    read, one write), keyed by the installation's and the pemda's own revisions; a value is
    used only for the OPD revision it was computed at. One query for the revisions;
    ``kunci``: what else the values depend on."""
    nomor = dict(Revisi.objects.filter(Q(kunci__in=[SEMUA, kunci_pemda(pemda.pk)])
                                       | Q(pemda_id=pemda.pk)).values_list("kunci", "nomor"))
    key = _kunci(f"p{pemda.pk}", (nomor.get(SEMUA, 0), nomor.get(kunci_pemda(pemda.pk), 0)),
                 tahun, nama, *kunci)
    rev = {pk: nomor.get(kunci_opd(pk), 0) for pk in opd_pks}
    kept: dict[int, tuple[int, T]] = django_cache.get(key) or {}
    out = {pk: kept[pk][1] for pk in opd_pks if pk in kept and kept[pk][0] == rev[pk]}
    kurang = [pk for pk in opd_pks if pk not in out]
    if kurang:
        baru = hitung(kurang)
        out.update(baru)
        if not sudah_naik(connection):  # never keep what an open, uncommitted write computed
            django_cache.set(key, {**kept, **{pk: (rev[pk], baru[pk]) for pk in kurang}},
                             UMUR_DETIK)
    return out
