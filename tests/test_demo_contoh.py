"""Kota Contoh, the synthetic pemda: deterministic, of the size asked, valid dataset files that
load, with the quarterly statuses set through the workflow and the pemda overview rendering."""

import hashlib

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from akuntabel.adapters.dataset.reader import count_contents, read_dataset
from akuntabel.budget.models import DpaLine, DpaSubKegiatan, RealisasiAnggaranTriwulan
from akuntabel.cli import main
from akuntabel.daerah.models import IkuDaerah, PkDaerah
from akuntabel.daerah.realisasi import realisasi_iku
from akuntabel.demo_contoh import (
    PEMDA_KODE,
    SudahAda,
    Ukuran,
    generate,
    load_contoh,
    write_files,
)
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Indikator
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results.models import Realisasi

SMALL = Ukuran(opd=3, indikator=20, baris_dpa=60)


def tw4_kode(tw4, status):
    return next(kode for kode, s in tw4.items() if s == status)


def digests(paths):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    contoh = generate(SMALL)
    return contoh, write_files(contoh, tmp_path_factory.mktemp("contoh"))


def test_the_same_seed_gives_the_same_files_and_another_seed_other_files(small, tmp_path):
    _, paths = small
    again = write_files(generate(SMALL), tmp_path / "again")
    assert digests(again) == digests(paths)
    other = write_files(generate(Ukuran(opd=3, indikator=20, baris_dpa=60, seed=7)),
                        tmp_path / "other")
    assert digests(other) != digests(paths)


@pytest.mark.parametrize("ukuran", [
    SMALL,
    Ukuran(opd=2, indikator=45, baris_dpa=130),
    Ukuran(opd=1, indikator=7, baris_dpa=0),
], ids=["three OPD of 20 indicators and 60 lines",
        "two OPD of 45 indicators and 130 lines",
        "one OPD of the fewest indicators and no DPA"])
def test_every_file_is_valid_and_of_the_size_asked(ukuran, tmp_path):
    paths = write_files(generate(ukuran), tmp_path)
    assert len(paths) == ukuran.opd
    for path in paths:
        ds = read_dataset(path)          # the reader checks the file's own jumlah too
        assert ds.counts["indikator"] == ukuran.indikator
        assert ds.counts["rekening"] == ukuran.baris_dpa
        assert ds.pemda["nama"] == "Kota Contoh (data sintetis)"
        assert "sintetis" in ds.opd["nama"]


@pytest.mark.parametrize("seed", range(8))
def test_every_seed_gives_the_number_of_dpa_lines_asked(seed):
    contoh = generate(Ukuran(opd=3, indikator=15, baris_dpa=47, seed=seed))
    for kode, ds in contoh.datasets.items():
        assert count_contents(ds)["rekening"] == 47, kode


def test_names_and_codes_come_from_the_official_list(small):
    contoh, _ = small
    ds = contoh.datasets["dinas-kesehatan"]
    assert ds["opd"]["bidang_urusan"] == ["1.02"]
    codes = [p["kode"] for p in ds["program"]]
    assert codes[0] == "1.02.01"          # the support program under the bidang's code
    assert all(c.startswith("1.02.") for c in codes)
    line = ds["program"][0]["kegiatan"][0]["sub_kegiatan"][0]["rekening"][SMALL.tahun][0]
    assert (line["kode"], line["uraian"]) == ("5", "BELANJA DAERAH")


@pytest.mark.parametrize("kwargs, option", [
    ({"opd": 41}, "--opd"), ({"opd": 0}, "--opd"), ({"indikator": 6}, "--indikator"),
    ({"baris_dpa": -1}, "--baris-dpa"), ({"tahun": 2030}, "--tahun"),
], ids=["more OPD than bidang", "no OPD", "too few indicators", "negative DPA",
        "a year outside the RPJMD"])
def test_a_bad_size_is_refused_naming_the_option(kwargs, option):
    with pytest.raises(ValueError, match=option):
        generate(Ukuran(**kwargs))


def test_the_late_returned_and_submitted_quarters_are_as_asked():
    ukuran = Ukuran(opd=5, indikator=10, baris_dpa=0, terlambat=2, dikembalikan=1, diajukan=1)
    status = generate(ukuran).status
    tw4 = [s.status for s in status if (s.tahun, s.triwulan) == (ukuran.tahun, 4)]
    assert sorted(tw4) == ["diajukan", "dikembalikan", "diverifikasi", "draft", "draft"]
    assert {s.status for s in status if (s.tahun, s.triwulan) != (ukuran.tahun, 4)} == \
        {"diverifikasi"}


@pytest.mark.django_db
def test_it_loads_with_its_statuses_and_the_pemda_overview_renders(small, client):
    contoh, paths = small
    users = load_contoh(paths, contoh)
    opds = PerangkatDaerah.objects.filter(pemda__kode=PEMDA_KODE)
    assert opds.count() == 3
    assert Indikator.objects.filter(perangkat_daerah__in=opds, iku=True).count() == 9
    assert DpaLine.objects.filter(anggaran__dpa__perangkat_daerah__in=opds).count() == 180
    pelaporan = PelaporanTriwulan.objects.filter(perangkat_daerah__in=opds)
    tw4 = dict(pelaporan.filter(tahun=2025, triwulan=4).values_list("perangkat_daerah__kode",
                                                                   "status"))
    assert sorted(tw4.values()) == ["diajukan", "dikembalikan"]   # the late one: no row
    late = opds.exclude(kode__in=tw4).get()
    assert not Realisasi.objects.filter(indikator__perangkat_daerah=late, tahun=2025,
                                        triwulan=4).exists()
    tw_anggaran = RealisasiAnggaranTriwulan.objects.filter(
        dpa_sub_kegiatan__dpa__perangkat_daerah__in=opds)
    assert not tw_anggaran.filter(dpa_sub_kegiatan__dpa__perangkat_daerah=late,
                                  triwulan=4).exists()
    verified = opds.get(kode=tw4_kode(tw4, "diajukan"))
    for anggaran in DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=verified):
        quarters = tw_anggaran.filter(dpa_sub_kegiatan=anggaran)
        assert quarters.count() == 4
        assert sum(q.nilai for q in quarters) == anggaran.realisasi
    returned = pelaporan.get(status="dikembalikan")
    assert "sepuluh kali" in returned.catatan
    assert pelaporan.filter(status="diverifikasi").count() == 3 * 12 - 3

    iku = IkuDaerah.objects.filter(perkada__rpjmd__pemda__kode=PEMDA_KODE)
    # sasaran daerah 1.1 (education, health), 3.1 (public works) and 4.1 (every OPD)
    assert [(i.sasaran_daerah.kode, i.tautan.filter(status="disetujui").count())
            for i in iku] == [("1.1", 2), ("3.1", 1), ("4.1", 3)]
    for i in iku:
        assert i.target.count() == 5
        hasil = realisasi_iku(i, 2025)
        assert hasil.realisasi is not None and hasil.capaian is not None, hasil.alasan
    # The Wali Kota's PK of each year, signed, a row per IKU with its target.
    pemda = opds.first().pemda
    for tahun in (2023, 2024, 2025):
        pk = PkDaerah.objects.get(pemda=pemda, tahun=tahun)
        assert (pk.jenis, pk.status, pk.tanggal.isoformat()) == (
            "induk", "ditandatangani", f"{tahun}-01-20")
        assert "sintetis" in pk.alasan_tanda_tangan.lower()
        assert [b.iku_id for b in pk.baris.all()] == [i.pk for i in iku]
        assert all(b.target is not None for b in pk.baris.all())
    # Every user has an address that is never delivered, and a name that says sintetis once.
    staff = User.objects.filter(memberships__pemda=pemda).distinct()
    assert staff.count() == 2 + 3
    for u in staff:
        assert u.email == f"{u.username}@kota-contoh.example"
        assert u.get_full_name().count("sintetis") == 1, u.get_full_name()
    assert [u[2] for u in users] == ["admin", "verifikator", "operator"]
    username, password, _ = users[2]
    assert client.login(username=username, password=password)    # the returned OPD's operator
    assert client.get(reverse("opd_detail", args=[opds.get(
        kode=tw4_kode(tw4, "dikembalikan")).pk])).status_code == 200
    username, password, _ = users[1]
    assert client.login(username=username, password=password)
    body = client.get(reverse("pemda_overview", args=[pemda.pk, 2025])).content.decode()
    assert "Kota Contoh (data sintetis)" in body
    for opd in opds:
        assert opd.nama in body
    assert "status-dikembalikan" in body and "status-diajukan" in body

    with pytest.raises(SudahAda):           # a rerun keeps what is there
        load_contoh(paths, contoh)


@pytest.mark.django_db
def test_the_command_writes_checks_and_loads_and_a_rerun_keeps_the_data(tmp_path, capsys):
    args = ["contoh", "--opd", "2", "--indikator", "12", "--baris-dpa", "12",
            "--out", str(tmp_path)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "sintetis" in out and "contoh-verifikator" in out
    assert PerangkatDaerah.objects.filter(pemda__kode=PEMDA_KODE).count() == 2
    assert len(list(tmp_path.glob("*.yaml"))) == 2
    assert main(["check", str(next(tmp_path.glob("*.yaml")))]) == 0
    n = Realisasi.objects.count()
    assert main(args) == 0
    assert "sudah ada" in capsys.readouterr().out
    assert Realisasi.objects.count() == n
