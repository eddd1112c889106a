"""The state machine of an OPD's quarterly realisasi report (``PelaporanTriwulan``).

    draft ──ajukan──> diajukan ──verifikasi──> diverifikasi
      ^                  │                          │
      │             kembalikan (note)          buka (reason)
      │                  v                          │
      └──── ajukan ── dikembalikan <────────────────┘

* ``ajukan`` (operator, kepala, admin: ``Hak.ubah``) from draft or dikembalikan;
* ``verifikasi`` and ``kembalikan`` (verifikator, admin: ``Hak.verifikasi``) from diajukan;
  returning needs a note saying what to fix;
* ``buka`` (``Hak.verifikasi``) reopens a verified triwulan; it needs the reason, and the
  report goes back to the OPD as dikembalikan.

Submitted and verified triwulans are locked (``PelaporanTriwulan.locked``): their realisasi,
of the indicators (``results.writes``) and of the budget (``budget.writes``), cannot be
changed. Views, the CLI and any API call these functions; each status change is
recorded in the change history with its note.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from akuntabel.accounts.access import Hak
from akuntabel.audit.services import record_change
from akuntabel.common.triwulan import TRIWULAN_ROMAWI
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.reporting import notifikasi
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.revisi.services import naikkan_opd

Status = PelaporanTriwulan.Status


@dataclass(frozen=True)
class Transisi:
    dari: tuple[str, ...]
    ke: str
    hak: str            # the Hak attribute needed
    perlu_catatan: bool


TRANSISI = {
    "ajukan": Transisi((Status.DRAFT, Status.DIKEMBALIKAN), Status.DIAJUKAN, "ubah", False),
    "verifikasi": Transisi((Status.DIAJUKAN,), Status.DIVERIFIKASI, "verifikasi", False),
    "kembalikan": Transisi((Status.DIAJUKAN,), Status.DIKEMBALIKAN, "verifikasi", True),
    "buka": Transisi((Status.DIVERIFIKASI,), Status.DIKEMBALIKAN, "verifikasi", True),
}


class TransisiDitolak(Exception):
    """A transition not allowed from the current state, or missing its note; the message is
    for the user."""


def pelaporan_for(opd: PerangkatDaerah, tahun: int, triwulan: int) -> PelaporanTriwulan:
    """The report state of the triwulan; an unsaved draft when none was recorded yet."""
    found = PelaporanTriwulan.objects.filter(perangkat_daerah=opd, tahun=tahun,
                                             triwulan=triwulan).first()
    return found or PelaporanTriwulan(perangkat_daerah=opd, tahun=tahun, triwulan=triwulan)


def lock_pelaporan(opd: PerangkatDaerah, tahun: int, triwulan: int) -> PelaporanTriwulan:
    """The triwulan's report row, created as draft when missing and locked for update until
    the surrounding transaction ends; call it inside ``transaction.atomic``.

    Every write that depends on the status (a save of the grid, an evidence file, a transition)
    takes this lock first and reads the status from the row it returns, so a submission and a
    save are serialized: whichever comes second sees the other's result. (SQLite serializes
    writers anyway; on PostgreSQL the row lock is what does it.)"""
    pelaporan, _created = PelaporanTriwulan.objects.get_or_create(
        perangkat_daerah=opd, tahun=tahun, triwulan=triwulan)
    return PelaporanTriwulan.objects.select_for_update().get(pk=pelaporan.pk)


def allowed_actions(pelaporan: PelaporanTriwulan, hak: Hak) -> list[str]:
    """The actions the user may take now, for showing the buttons (the check is in
    :func:`apply_action`)."""
    return [aksi for aksi, t in TRANSISI.items()
            if pelaporan.status in t.dari and getattr(hak, t.hak)]


def apply_action(opd: PerangkatDaerah, tahun: int, triwulan: int, aksi: str, *, hak: Hak,
                 user: Any, catatan: str = "") -> PelaporanTriwulan:
    """Move the triwulan's report by ``aksi``. Raises PermissionDenied when the user's role may
    not take that action, TransisiDitolak when the state does not allow it or the note is
    missing. The state is read from the row locked for update (:func:`lock_pelaporan`), so
    two clicks, or a submission and a save, are serialized; the conditional UPDATE is a second
    guard."""
    transisi = TRANSISI.get(aksi)
    if transisi is None:
        raise TransisiDitolak(_("Unknown action."))
    if not getattr(hak, transisi.hak):
        raise PermissionDenied
    catatan = catatan.strip()
    tw = TRIWULAN_ROMAWI[triwulan]
    if transisi.perlu_catatan and not catatan:
        if aksi == "buka":
            raise TransisiDitolak(_("Reopening TW %(tw)s needs a reason.") % {"tw": tw})
        raise TransisiDitolak(_("Returning TW %(tw)s needs a note saying what to fix.")
                              % {"tw": tw})
    with transaction.atomic():
        naikkan_opd(opd)  # the revision of its documents
        pelaporan = lock_pelaporan(opd, tahun, triwulan)
        lama = pelaporan.status
        if lama not in transisi.dari:
            raise TransisiDitolak(
                _("TW %(tw)s %(tahun)s is %(status)s; this action is not possible now.")
                % {"tw": tw, "tahun": tahun, "status": pelaporan.get_status_display()})
        written = PelaporanTriwulan.objects.filter(pk=pelaporan.pk, status=lama).update(
            status=transisi.ke, catatan=catatan,
            diubah_oleh=user if user.is_authenticated else None, updated_at=timezone.now())
        if not written:
            raise TransisiDitolak(_("The status was changed by someone else meanwhile; "
                                    "reload the page."))
        record_change(opd, pelaporan, "status", lama, transisi.ke,
                      sumber=f"Status realisasi TW {tw} {tahun}", oleh=user, alasan=catatan)
        pelaporan.refresh_from_db()
        # The mail to the verifikators (submitted) or the operators (returned), once the
        # change is committed: a rolled-back transition sends nothing.
        transaction.on_commit(partial(notifikasi.setelah_transisi, pelaporan))
    return pelaporan


def locked_message(pelaporan: PelaporanTriwulan) -> str:
    """Why a save into a submitted or verified triwulan wrote nothing (indicator and budget
    grids alike)."""
    return _("TW %(tw)s %(tahun)s is %(status)s and locked; nothing was saved.") % {
        "tw": TRIWULAN_ROMAWI[pelaporan.triwulan], "tahun": pelaporan.tahun,
        "status": pelaporan.get_status_display()}
