"""The daerah write services advance their pemda's data revision themselves, in their own
transaction, like the OPD write services do: the pemda's documents are computed again, and a
cached document of another pemda's OPD stays in the cache (the SQL net's installation-wide
advance, which emptied every cached document, is not needed)."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection

from akuntabel.daerah import pk, services
from akuntabel.reports.tembolok import dokumen_opd, dokumen_pemda, kunci
from akuntabel.revisi.services import revisi_opd, revisi_pemda
from tests.daerah.conftest import iku_data

pytestmark = pytest.mark.django_db
TAHUN = 2023


def perkada_baru(w):
    services.buat_perkada(w["rpjmd"], nomor="3 Tahun 2027", tanggal=date(2027, 1, 2),
                          tentang="Perubahan IKU", berlaku_mulai=2027, user=w["admin"])


def perkada_ubah(w):
    services.ubah_perkada(w["perkada"], nomor="12A Tahun 2025", tanggal=date(2025, 3, 1),
                          tentang="IKU", user=w["admin"], alasan="salah ketik")


def iku_ubah(w):
    services.simpan_iku(w["perkada"], iku_data(w["sasaran"], w["dinsos"], target_2027="300"),
                        user=w["admin"], iku=w["iku"], alasan="uji")


def iku_hapus(w):
    services.hapus_iku(w["iku"], user=w["admin"], alasan="uji")


def tautan_usul(w):
    services.usulkan_tautan(w["iku"], w["ind"], nama="sos", catatan="", user=w["operator"])


def tautan_putus(w):
    tautan = services.usulkan_tautan(w["iku"], w["ind"], nama="sos", catatan="",
                                     user=w["operator"])
    transaksi_baru()   # the decision is the write under test
    services.putuskan_tautan(tautan, setuju=True, catatan="", user=w["verifikator"])


def transaksi_baru():
    """Each request writes in its own transaction; a test runs in one, where what the
    fixtures advanced (through the net) would hide what the write under test advances. Forget
    it, as a new transaction would."""
    connection._akuntabel_revisi = {}


def pk_susun(w):
    pk.susun_pk(w["rpjmd"].pemda, 2025, w["admin"])


def pk_ubah(w):
    draft = pk.susun_pk(w["rpjmd"].pemda, 2025, w["admin"])
    transaksi_baru()   # the change is the write under test
    pk.ubah_pk(draft, {"kepala_nama": "Wali Kota Baru"}, w["admin"], versi=draft.versi)


@pytest.fixture
def w(rpjmd, perkada, sasaran_daerah, iku, dinsos, ind_dinsos, admin_pemda, operator_dinsos,
      verifikator):
    return {"rpjmd": rpjmd, "perkada": perkada, "sasaran": sasaran_daerah, "iku": iku,
            "dinsos": dinsos, "ind": ind_dinsos, "admin": admin_pemda,
            "operator": operator_dinsos, "verifikator": verifikator}


@pytest.mark.parametrize("tulis", [
    pytest.param(perkada_baru, id="a new Perkada version advances its pemda's revision"),
    pytest.param(perkada_ubah, id="a corrected Perkada advances its pemda's revision"),
    pytest.param(iku_ubah, id="a changed IKU advances its pemda's revision"),
    pytest.param(iku_hapus, id="a removed IKU advances its pemda's revision"),
    pytest.param(tautan_usul, id="a proposed link advances its pemda's revision"),
    pytest.param(tautan_putus, id="a decided link advances its pemda's revision"),
    pytest.param(pk_susun, id="a composed PK of the kepala daerah advances its pemda's revision"),
    pytest.param(pk_ubah, id="a changed PK of the kepala daerah advances its pemda's revision"),
])
def test_a_daerah_write_advances_its_pemda_revision_not_the_installation(w, pemda, demo_opd,
                                                                         tulis):
    lain = revisi_opd(demo_opd)           # an OPD of another pemda (the demo's)
    semua, sendiri, _opd = revisi_pemda(pemda)
    transaksi_baru()
    tulis(w)
    assert revisi_opd(demo_opd) == lain   # its documents stay valid
    after = revisi_pemda(pemda)
    assert after[0] == semua and after[1] > sendiri


def test_a_daerah_write_keeps_another_pemdas_cached_lkjip_and_recomputes_its_own(
        w, pemda, demo_opd):
    transaksi_baru()   # a reader's own transaction: it stores what it computed
    dokumen_opd(demo_opd, TAHUN, "lakip", "html")
    key = kunci(demo_opd, TAHUN, "lakip", "html")
    assert cache.get(key) is not None
    dihitung = []

    def hitung() -> bytes:
        dihitung.append(1)
        return f"dokumen ke-{len(dihitung)}".encode()

    def pemda_doc() -> bytes:
        return dokumen_pemda(pemda, TAHUN, "lkjip-pemda", "html", hitung)

    assert pemda_doc() == pemda_doc() == b"dokumen ke-1"
    transaksi_baru()
    iku_ubah(w)
    assert kunci(demo_opd, TAHUN, "lakip", "html") == key and cache.get(key) is not None
    assert pemda_doc() == b"dokumen ke-2"
