"""The pemda level in the dataset format: the Perkada on the IKU of the pemda, the IKU an OPD is
responsible for with its links, the kepala daerah's PK, the quarterly budget realisasi and the
quarters' report statuses. Exporting every OPD of a pemda, loading the files into a database
without it and exporting again gives the same files."""

from typing import Any

import pytest
import yaml

from akuntabel.adapters.dataset.loader import load_dataset
from akuntabel.adapters.dataset.reader import DatasetError, parse_yaml, validate
from akuntabel.adapters.dataset.writer import export_dataset_yaml
from akuntabel.daerah.models import IkuDaerah, Perkada, PkDaerah, TautanIku
from akuntabel.demo_contoh import PEMDA_KODE, Ukuran, generate, load_contoh, write_files
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.plans.models import IndikatorTujuanDaerah, RealisasiTujuanDaerah, Renstra

pytestmark = pytest.mark.django_db


@pytest.fixture
def contoh(tmp_path: Any) -> list[str]:
    """Kota Contoh at its smallest; the export of each OPD, in the order they were loaded."""
    gen = generate(Ukuran(opd=3, indikator=20, baris_dpa=60))
    load_contoh(write_files(gen, tmp_path), gen)
    return [export_dataset_yaml(o) for o in
            PerangkatDaerah.objects.filter(pemda__kode=PEMDA_KODE).order_by("pk")]


def _remove_pemda() -> None:
    pemda = Pemda.objects.get(kode=PEMDA_KODE)
    PkDaerah.objects.filter(pemda=pemda).delete()
    Perkada.objects.filter(rpjmd__pemda=pemda).delete()
    Renstra.objects.filter(perangkat_daerah__pemda=pemda).update(versi_dari=None)
    Renstra.objects.filter(perangkat_daerah__pemda=pemda).delete()
    pemda.delete()


def test_every_opd_exported_loads_into_an_empty_database_and_exports_the_same(contoh):
    first = [yaml.safe_load(text) for text in contoh]
    # What the files hold of the pemda level, so that the round trip means something.
    assert [len(f["perkada_iku"]) for f in first] == [1, 1, 1]
    assert [[i["urutan"] for i in f["iku_daerah"]] for f in first] == [[1, 3], [1, 3], [2, 3]]
    assert all(t["status"] == "disetujui" for f in first for i in f["iku_daerah"]
               for t in i["tautan"])
    assert [(p["tahun"], p["status"]) for p in first[0]["pk_daerah"]] == [
        (2023, "ditandatangani"), (2024, "ditandatangani"), (2025, "ditandatangani")]
    assert first[1]["pk_daerah"] == first[0]["pk_daerah"]          # the pemda's, in each
    statuses = {(p["tahun"], p["triwulan"], p["status"]) for f in first
                for p in f["pelaporan_triwulan"]}
    assert {s for s in statuses if s[:2] == (2025, 4)} == {(2025, 4, "diajukan"),
                                                         (2025, 4, "dikembalikan")}
    returned = next(p for f in first for p in f["pelaporan_triwulan"]
                    if p["status"] == "dikembalikan")
    assert "sepuluh kali" in returned["catatan"]
    assert "realisasi_triwulan:" in contoh[0]
    tujuan = first[0]["rpjmd"]["tujuan"]                          # the RPJMD's goal indicators
    assert [[i["kode"] for i in t["indikator"]] for t in tujuan] == [
        ["T1.1", "T1.2"], ["T2.1", "T2.2"], ["T3.1"], ["T4.1"]]
    ipm = tujuan[0]["indikator"][0]
    assert ipm["target"][2026] == ipm["kondisi_akhir"] == "77,85"
    assert ipm["realisasi"][2025]["teks"] == "77,62" and "BPS" in ipm["realisasi"][2025]["sumber"]
    assert all(f["rpjmd"] == first[0]["rpjmd"] for f in first)   # the pemda's, in each

    _remove_pemda()
    for text in contoh:
        load_dataset(validate(parse_yaml(text)))
    again = [export_dataset_yaml(o) for o in
             PerangkatDaerah.objects.filter(pemda__kode=PEMDA_KODE).order_by("pk")]
    for before, after in zip(contoh, again, strict=True):
        assert after == before
    iku = IkuDaerah.objects.filter(perkada__rpjmd__pemda__kode=PEMDA_KODE)
    assert [i.penanggung_jawab.count() for i in iku] == [2, 1, 3]
    assert TautanIku.objects.filter(iku__in=iku, status="disetujui").count() == 6
    loaded = IndikatorTujuanDaerah.objects.filter(tujuan_daerah__rpjmd__pemda__kode=PEMDA_KODE)
    assert loaded.count() == 6                                    # once, not once per file
    assert RealisasiTujuanDaerah.objects.filter(indikator__in=loaded).count() == 23


def test_a_file_whose_goal_indicator_differs_from_the_one_loaded_is_refused(contoh):
    _remove_pemda()
    load_dataset(validate(parse_yaml(contoh[0])))
    data = yaml.safe_load(contoh[1])
    data["rpjmd"]["tujuan"][1]["indikator"][0]["realisasi"][2025]["teks"] = "6,10"
    del data["jumlah"], data["jumlah_di_akhir"]
    with pytest.raises(DatasetError) as err:
        load_dataset(validate(data))
    assert "rpjmd.tujuan[1].indikator[0]" in str(err.value)


def test_a_goal_indicator_with_a_bad_target_is_refused_naming_its_place(contoh):
    _remove_pemda()
    data = yaml.safe_load(contoh[0])
    data["rpjmd"]["tujuan"][0]["indikator"][1]["target"][2024] = "naik"
    del data["jumlah"], data["jumlah_di_akhir"]
    with pytest.raises(DatasetError) as err:
        load_dataset(validate(data))
    assert "rpjmd.tujuan[0].indikator[1].target_2024" in str(err.value)
    assert not Pemda.objects.filter(kode=PEMDA_KODE).exists()


def test_one_opd_alone_gets_its_iku_and_the_kepala_daerahs_pk_waits_for_the_rest(contoh):
    _remove_pemda()
    load_dataset(validate(parse_yaml(contoh[2])))
    iku = IkuDaerah.objects.filter(perkada__rpjmd__pemda__kode=PEMDA_KODE)
    assert [i.urutan for i in iku] == [2, 3]
    assert not PkDaerah.objects.exists()     # its rows name IKU of OPD not loaded yet
    load_dataset(validate(parse_yaml(contoh[0])))
    assert PkDaerah.objects.count() == 3


def test_a_link_to_an_indicator_not_in_the_file_is_refused_naming_it_and_nothing_is_written(
        contoh):
    _remove_pemda()
    data = yaml.safe_load(contoh[0])
    data["iku_daerah"][0]["tautan"][0]["indikator"] = "IKU-99"
    del data["jumlah"], data["jumlah_di_akhir"]
    with pytest.raises(DatasetError) as err:
        load_dataset(validate(data))
    assert "iku_daerah[0].tautan[0].indikator" in str(err.value)
    assert not Pemda.objects.filter(kode=PEMDA_KODE).exists()


def test_a_file_whose_iku_differs_from_the_one_loaded_is_refused(contoh):
    _remove_pemda()
    load_dataset(validate(parse_yaml(contoh[0])))
    data = yaml.safe_load(contoh[1])
    data["iku_daerah"][0]["uraian"] = "Uraian lain"
    del data["jumlah"], data["jumlah_di_akhir"]
    with pytest.raises(DatasetError) as err:
        load_dataset(validate(data))
    assert "iku_daerah[0]: IKU nomor 1" in str(err.value)
    assert PerangkatDaerah.objects.filter(pemda__kode=PEMDA_KODE).count() == 1


def test_what_a_replacing_load_deletes_counts_the_quarters_statuses(contoh):
    from akuntabel.adapters.dataset.loader import count_opd_data, preview_load
    from akuntabel.reporting.models import PelaporanTriwulan

    opd = PerangkatDaerah.objects.filter(pemda__kode=PEMDA_KODE).order_by("pk").first()
    n = PelaporanTriwulan.objects.filter(perangkat_daerah=opd).exclude(status="draft").count()
    assert n >= 11
    assert count_opd_data(opd)["pelaporan_triwulan"] == n
    assert preview_load(validate(parse_yaml(contoh[0])))["pelaporan_triwulan"] == n


def test_a_second_perkada_with_a_changed_target_and_a_pk_perubahan_round_trip(contoh):
    """A Perkada from 2024 (its IKU copied from the first, one target changed) and a PK
    perubahan of 2025 (a draft amending the signed one) survive export and reload."""
    from datetime import date

    from akuntabel.daerah.pk import susun_perubahan
    from akuntabel.daerah.services import buat_perkada, simpan_iku

    pemda = Pemda.objects.get(kode=PEMDA_KODE)
    lama = Perkada.objects.get(rpjmd__pemda=pemda)
    baru = buat_perkada(lama.rpjmd, nomor="9 Tahun 2024 (sintetis)", tanggal=date(2024, 2, 1),
                        tentang="Perubahan IKU (sintetis)", berlaku_mulai=2024, user=None)
    iku = baru.iku.get(urutan=1)
    data = {"kode": iku.kode, "uraian": iku.uraian, "satuan": iku.satuan, "rumus": iku.rumus,
            "polaritas": iku.polaritas, "agregasi": iku.agregasi,
            "sumber_data": iku.sumber_data, "definisi": iku.definisi,
            "sasaran_daerah": str(iku.sasaran_daerah_id),
            "penanggung_jawab": [str(p) for p in iku.penanggung_jawab.values_list("pk",
                                                                                 flat=True)],
            **{f"target_{t.tahun}": t.teks for t in iku.target.all()}, "target_2025": "80"}
    simpan_iku(baru, data, user=None, iku=iku)
    susun_perubahan(pemda, 2025, oleh=None, alasan="Target disesuaikan (sintetis)")
    opds = PerangkatDaerah.objects.filter(pemda=pemda).order_by("pk")
    first = [export_dataset_yaml(o) for o in opds]
    data0 = yaml.safe_load(first[0])
    assert [p["berlaku_mulai"] for p in data0["perkada_iku"]] == [2022, 2024]
    assert [(i["perkada"], i["urutan"]) for i in data0["iku_daerah"]] == [
        (2022, 1), (2022, 3), (2024, 1), (2024, 3)]
    assert data0["iku_daerah"][2]["target"][2025] == "80"
    assert data0["pk_daerah"][-1]["jenis"] == "perubahan"
    assert data0["pk_daerah"][-1]["menggantikan"] == 3

    _remove_pemda()
    for text in first:
        load_dataset(validate(parse_yaml(text)))
    again = [export_dataset_yaml(o) for o in
             PerangkatDaerah.objects.filter(pemda__kode=PEMDA_KODE).order_by("pk")]
    assert again == first
