"""Every page of one OPD and year that a user may GET, and one user per role who may read
them: the bounds tests assert that each answers 200 whatever the values stored."""

from __future__ import annotations

from unittest import mock

from django.test import Client
from django.urls import reverse

from akuntabel.accounts.models import PEMDA_WIDE, Peran
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import DpaSubKegiatan
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Indikator
from tests.builders import make_user


def opd_pages(opd: PerangkatDaerah, tahun: int, indikator: list[Indikator] | None = None,
              pemda_wide: bool = True) -> list[str]:
    """The URLs of the OPD's pages for ``tahun``: dashboard, plan, indicator pages, both grids
    of every triwulan, budget pages, history, reviu, LKjIP page and its downloads, Excel,
    and for a pemda-wide reader the pemda overview. ``indikator``: the indicator pages to
    visit (all of the OPD's by default)."""
    pk = opd.pk
    if indikator is None:
        indikator = list(Indikator.objects.filter(perangkat_daerah=opd))
    urls = [
        reverse("home"),
        reverse("opd_detail", args=[pk]),
        reverse("opd_detail", args=[pk]) + f"?tahun={tahun}",
        reverse("plan", args=[pk, tahun]),
        reverse("anggaran", args=[pk, tahun]),
        reverse("riwayat_opd", args=[pk]),
        reverse("reviu", args=[pk, tahun]),
        reverse("lakip", args=[pk, tahun]),
        reverse("excel", args=[pk, tahun]),
        reverse("excel_unduh", args=[pk, tahun]),
        reverse("report_download", args=[pk, tahun, "lakip", "html"]),
        reverse("report_download", args=[pk, tahun, "lakip", "xlsx"]),
        reverse("report_download", args=[pk, tahun, "lakip", "docx"]),
    ]
    if pemda_wide:
        urls.append(reverse("pemda_overview", args=[opd.pemda_id, tahun]))
    for tw in (1, 2, 3, 4):
        urls.append(reverse("realisasi_grid", args=[pk, tahun, tw]))
        urls.append(reverse("anggaran_realisasi", args=[pk, tahun, tw]))
    for ind in indikator:
        urls.append(reverse("indikator_detail", args=[ind.pk]))
        urls.append(reverse("indikator_detail", args=[ind.pk]) + f"?tahun={tahun}")
    for sub in (DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd, dpa__tahun=tahun)
                .values_list("sub_kegiatan_id", flat=True)[:3]):
        urls.append(reverse("anggaran_sub", args=[pk, tahun, sub]))
    objek = (Perubahan.objects.filter(perangkat_daerah=opd).values_list("model", "objek_id")
             .order_by("model", "objek_id").distinct())
    for model, objek_id in objek[:3]:
        urls.append(reverse("riwayat_objek", args=[model, objek_id]))
    return urls


ROLES = (Peran.OPERATOR_OPD, Peran.KEPALA_OPD, Peran.ADMIN_PEMDA, Peran.VERIFIKATOR,
         Peran.REVIEWER)


def readers_of(opd: PerangkatDaerah) -> list[tuple[str, Client]]:
    """One logged-in client per role that reads the OPD's pages, with its role."""
    clients = []
    for peran in ROLES:
        client = Client()
        client.force_login(make_user(peran, opd=opd))
        client.raise_request_exception = False  # a failing view is reported, not raised
        clients.append((peran, client))
    return clients


def failing_pages(opd: PerangkatDaerah, tahun: int, indikator: list[Indikator] | None = None,
                  clients: list[tuple[str, Client]] | None = None) -> list[str]:
    """The pages that do not answer 200, as "role url status" lines (empty: all are up).

    The documents and figures one reader computed are read from the cache by the next, as
    after a commit in production: the cache keys them by the data revisions, which every
    write, even raw SQL, advances (``revisi.jaring``); only the test's open transaction would
    otherwise have each role render every LKjIP download again (``reports.tembolok``)."""
    out = []
    with mock.patch("akuntabel.reports.tembolok.sudah_naik", return_value=False):
        for peran, client in clients or readers_of(opd):
            for url in opd_pages(opd, tahun, indikator, pemda_wide=peran in PEMDA_WIDE):
                status = client.get(url).status_code
                if status != 200:
                    out.append(f"{peran} {url} {status}")
    return out
