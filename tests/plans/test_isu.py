"""Strategic issues (isu strategis) scored with USG: the write service (plans.isu), the page
/opd/<id>/renstra/isu/ and the LKjIP's Bab I table built from the same records."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.plans.isu import (
    DataIsu,
    IsuBasi,
    IsuTidakSah,
    delete_isu,
    save_isu,
    set_prioritas,
    skala_usg_for,
)
from akuntabel.plans.models import IsuStrategis, Misi, SkalaUsg
from akuntabel.reports.lakip import build_lakip_context
from tests.access import assert_hidden_from_outsiders, assert_sends_anonymous_to_login
from tests.builders import make_opd, make_renstra, make_sasaran, make_tujuan, make_user

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def renstra():
    return make_renstra(make_opd(nama="Dinas Sosial"))


@pytest.fixture
def operator(renstra):
    return make_user(Peran.OPERATOR_OPD, opd=renstra.perangkat_daerah)


def data(uraian="Penanganan PPKS belum optimal", u="5", s="4", g="3", **extra):
    nilai = {k: (D(v) if v is not None else None) for k, v in
             (("urgensi", u), ("keseriusan", s), ("pertumbuhan", g))}
    return DataIsu(uraian=uraian, **nilai, **extra)


def save(renstra, operator, *args, isu=None, alasan="", **kwargs):
    return save_isu(renstra, data(*args, **kwargs), isu=isu,
                    versi=isu.versi if isu else 0, oleh=operator, alasan=alasan,
                    sumber="Uji")


# --- the write service ----------------------------------------------------------------------

def test_an_issue_is_created_with_its_scores_and_history(renstra, operator):
    isu = save(renstra, operator)
    assert (isu.urgensi, isu.keseriusan, isu.pertumbuhan) == (D(5), D(4), D(3))
    kolom = set(Perubahan.objects.filter(model="IsuStrategis", objek_id=isu.pk)
                .values_list("kolom", flat=True))
    assert {"uraian", "urgensi", "keseriusan", "pertumbuhan"} <= kolom


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        pytest.param({"u": "6"}, "urgensi", id="urgency 6 on the scale 1-5 -> refused at U"),
        pytest.param({"g": "0"}, "pertumbuhan", id="growth 0 -> refused at G"),
        pytest.param({"uraian": "  "}, "uraian", id="an empty description -> refused"),
        pytest.param({"uraian": "Isu\x1f"}, "uraian", id="a control character -> refused"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_written(renstra, operator, kwargs,
                                                                field):
    with pytest.raises(IsuTidakSah) as err:
        save(renstra, operator, **kwargs)
    assert field in err.value.galat
    assert not IsuStrategis.objects.filter(renstra=renstra).exists()
    assert not Perubahan.objects.filter(perangkat_daerah=renstra.perangkat_daerah).exists()


def test_the_pemdas_own_scale_applies(renstra, operator):
    SkalaUsg.objects.create(pemda=renstra.perangkat_daerah.pemda, nilai_min=1, nilai_maks=3)
    assert str(skala_usg_for(renstra.perangkat_daerah.pemda)) == "1–3"
    with pytest.raises(IsuTidakSah) as err:
        save(renstra, operator, u="4", s="3", g="3")
    assert err.value.galat["urgensi"] == "Urgensi (U) 4 di luar skala USG pemda (1–3)."


def test_a_misi_number_not_in_the_rpjmd_is_refused(renstra, operator):
    Misi.objects.create(rpjmd=renstra.rpjmd, nomor=1, uraian="Misi satu")
    assert save(renstra, operator, misi_nomor=1).misi_nomor == 1
    with pytest.raises(IsuTidakSah) as err:
        save(renstra, operator, "Isu lain", misi_nomor=7)
    assert "misi_nomor" in err.value.galat


def test_a_duplicate_issue_in_the_same_renstra_is_refused(renstra, operator):
    save(renstra, operator)
    with pytest.raises(IsuTidakSah) as err:
        save(renstra, operator, uraian="penanganan PPKS  belum optimal")
    assert "uraian" in err.value.galat
    assert IsuStrategis.objects.filter(renstra=renstra).count() == 1


def test_a_tujuan_of_another_renstra_cannot_be_linked(renstra, operator):
    lain = make_tujuan(make_renstra())
    with pytest.raises(IsuTidakSah) as err:
        save(renstra, operator, tujuan=frozenset({lain.pk}))
    assert "tujuan" in err.value.galat


def test_tujuan_and_sasaran_are_linked_and_the_link_recorded(renstra, operator):
    tujuan = make_tujuan(renstra, uraian="Meningkatnya kesejahteraan sosial")
    sasaran = make_sasaran(tujuan, uraian="Meningkatnya penanganan PPKS")
    isu = save(renstra, operator, tujuan=frozenset({tujuan.pk}),
               sasaran=frozenset({sasaran.pk}))
    assert list(isu.tujuan.all()) == [tujuan] and list(isu.sasaran.all()) == [sasaran]
    assert Perubahan.objects.get(model="IsuStrategis", kolom="sasaran").baru == (
        "Meningkatnya penanganan PPKS")
    assert list(sasaran.isu_strategis.all()) == [isu]


def test_changing_a_score_needs_a_reason_and_is_recorded_with_it(renstra, operator):
    isu = save(renstra, operator)
    with pytest.raises(IsuTidakSah) as err:
        save(renstra, operator, u="4", isu=isu)
    assert "alasan" in err.value.galat
    isu.refresh_from_db()
    assert isu.urgensi == D(5) and isu.versi == 1
    save(renstra, operator, u="4", isu=isu, alasan="Hasil rapat tim perencana")
    isu.refresh_from_db()
    assert isu.urgensi == D(4) and isu.versi == 2
    change = Perubahan.objects.get(model="IsuStrategis", kolom="urgensi", lama="5")
    assert (change.baru, change.alasan) == ("4", "Hasil rapat tim perencana")


def test_a_stale_edit_is_refused(renstra, operator):
    isu = save(renstra, operator)
    stale = IsuStrategis.objects.get(pk=isu.pk)
    save(renstra, operator, u="4", isu=isu, alasan="rapat")
    with pytest.raises(IsuBasi):
        save(renstra, operator, g="1", isu=stale, alasan="rapat lain")
    isu.refresh_from_db()
    assert isu.pertumbuhan == D(3)


def test_removal_needs_a_reason_and_is_recorded(renstra, operator):
    isu = save(renstra, operator)
    with pytest.raises(IsuTidakSah):
        delete_isu(isu, isu.versi, oleh=operator, alasan="", sumber="Uji")
    delete_isu(isu, isu.versi, oleh=operator, alasan="Digabung dengan isu lain", sumber="Uji")
    assert not IsuStrategis.objects.filter(renstra=renstra).exists()
    change = Perubahan.objects.get(model="IsuStrategis", kolom="dihapus")
    assert change.lama == "Penanganan PPKS belum optimal"
    assert change.alasan == "Digabung dengan isu lain"


def test_choosing_the_priority_needs_its_reason(renstra, operator):
    isu = save(renstra, operator)
    with pytest.raises(IsuTidakSah) as err:
        set_prioritas(isu, True, " ", isu.versi, oleh=operator, sumber="Uji")
    assert "alasan_prioritas" in err.value.galat
    set_prioritas(isu, True, "Terjadi tiap hari; kegiatan pokok dinas", isu.versi,
                  oleh=operator, sumber="Uji")
    isu.refresh_from_db()
    assert isu.prioritas and isu.alasan_prioritas == "Terjadi tiap hari; kegiatan pokok dinas"
    assert Perubahan.objects.get(model="IsuStrategis", kolom="prioritas").baru == "ya"


# --- the page --------------------------------------------------------------------------------

def url(renstra, *rest):
    opd = renstra.perangkat_daerah.pk
    if not rest:
        return reverse("isu_list", args=[opd])
    return reverse(f"isu_{rest[0]}", args=[opd, rest[1].pk])


def test_the_page_lists_scores_total_and_rank(client, renstra, operator):
    save(renstra, operator, "Isu A", "5", "4", "3")
    save(renstra, operator, "Isu B", "5", "5", "5")
    save(renstra, operator, "Isu C", "4", "4", "4")
    save(renstra, operator, "Isu D", None, "2", "2")
    client.force_login(operator)
    response = client.get(url(renstra))
    assert response.status_code == 200
    rows = {r["isu"].uraian: (r["usg"].total, r["usg"].peringkat)
            for r in response.context["rows"]}
    assert rows == {"Isu A": (D(12), 2), "Isu B": (D(15), 1), "Isu C": (D(12), 2),
                    "Isu D": (None, None)}
    body = response.content.decode()
    assert "Isu B" in body and "1–5" in body


def test_owner_adds_an_issue_through_the_page(client, renstra, operator):
    client.force_login(operator)
    response = client.post(url(renstra), {"uraian": "Data PPKS belum terpadu",
                                          "urgensi": "4,5", "keseriusan": "4",
                                          "pertumbuhan": "3", "misi_nomor": ""})
    assert response.status_code == 302
    assert IsuStrategis.objects.get(renstra=renstra).urgensi == D("4.5")


def test_a_score_outside_the_scale_is_shown_at_the_field(client, renstra, operator):
    client.force_login(operator)
    response = client.post(url(renstra), {"uraian": "Isu", "urgensi": "9",
                                          "keseriusan": "4", "pertumbuhan": "3"})
    assert response.status_code == 400
    assert "Urgensi (U) 9 di luar skala USG pemda (1–5)." in response.content.decode()
    assert not IsuStrategis.objects.filter(renstra=renstra).exists()


def test_owner_edits_links_and_removes(client, renstra, operator):
    isu = save(renstra, operator)
    tujuan = make_tujuan(renstra, uraian="Tujuan satu")
    client.force_login(operator)
    assert client.get(url(renstra, "ubah", isu)).status_code == 200
    response = client.post(url(renstra, "ubah", isu), {
        "uraian": isu.uraian, "urgensi": "4", "keseriusan": "4", "pertumbuhan": "3",
        "tujuan": [tujuan.pk], "versi": isu.versi, "alasan": "Rapat tim"})
    assert response.status_code == 302
    isu.refresh_from_db()
    assert isu.urgensi == D(4) and list(isu.tujuan.all()) == [tujuan]
    response = client.post(url(renstra, "prioritas", isu), {
        "prioritas": "on", "alasan_prioritas": "Kegiatan pokok", "versi": isu.versi})
    assert response.status_code == 302
    isu.refresh_from_db()
    assert isu.prioritas
    response = client.post(url(renstra, "hapus", isu), {"versi": isu.versi,
                                                         "alasan": "Tidak relevan"})
    assert response.status_code == 302
    assert not IsuStrategis.objects.filter(renstra=renstra).exists()


def test_a_stale_edit_through_the_page_is_refused_with_a_conflict(client, renstra, operator):
    isu = save(renstra, operator)
    client.force_login(operator)
    response = client.post(url(renstra, "ubah", isu), {
        "uraian": isu.uraian, "urgensi": "2", "keseriusan": "4", "pertumbuhan": "3",
        "versi": isu.versi + 1, "alasan": "Rapat"})
    assert response.status_code == 409
    isu.refresh_from_db()
    assert isu.urgensi == D(5)


def test_outsiders_see_nothing(client, renstra, operator):
    isu = save(renstra, operator)
    opd = renstra.perangkat_daerah
    assert_hidden_from_outsiders(client, url(renstra), opd)
    assert_hidden_from_outsiders(client, url(renstra, "ubah", isu), opd)
    assert_sends_anonymous_to_login(client, url(renstra))
    outsider = make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=opd.pemda))
    client.force_login(outsider)
    for action in ("ubah", "hapus", "prioritas"):
        response = client.post(url(renstra, action, isu), {"versi": isu.versi,
                                                           "alasan": "x", "uraian": "x"})
        assert response.status_code == 404, action
    assert client.post(url(renstra), {"uraian": "Isu lain"}).status_code == 404
    assert IsuStrategis.objects.get(renstra=renstra).uraian == isu.uraian


def test_a_reader_without_the_right_to_change_is_refused(client, renstra, operator):
    isu = save(renstra, operator)
    verifikator = make_user(Peran.VERIFIKATOR, pemda=renstra.perangkat_daerah.pemda)
    client.force_login(verifikator)
    response = client.get(url(renstra))
    assert response.status_code == 200 and "form" not in response.context
    assert reverse("isu_ubah", args=[renstra.perangkat_daerah.pk, isu.pk]) not in (
        response.content.decode())
    assert client.post(url(renstra), {"uraian": "Isu lain"}).status_code == 403
    for action in ("ubah", "hapus", "prioritas"):
        assert client.post(url(renstra, action, isu), {"versi": isu.versi}).status_code == 403
    assert IsuStrategis.objects.filter(renstra=renstra).count() == 1


def test_an_issue_of_another_opd_is_not_found_under_this_one(client, renstra, operator):
    other = make_renstra(make_opd(pemda=renstra.perangkat_daerah.pemda))
    isu = save(other, None)
    client.force_login(operator)
    response = client.get(reverse("isu_ubah", args=[renstra.perangkat_daerah.pk, isu.pk]))
    assert response.status_code == 404


def test_an_opd_without_renstra_is_told_so(client):
    opd = make_opd()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    response = client.get(reverse("isu_list", args=[opd.pk]))
    assert response.status_code == 200
    assert response.context["renstra"] is None


# --- the LKjIP's Bab I table -----------------------------------------------------------------

def test_lkjip_bab_1_table_takes_total_and_rank_from_the_usg_rule(renstra, operator):
    save(renstra, operator, "Isu A", "5", "4", "3")
    b = save(renstra, operator, "Isu B", "5", "5", "5")
    save(renstra, operator, "Isu C", "4", "4", "4")
    set_prioritas(b, True, "Paling mendesak", b.versi, oleh=operator, sumber="Uji")
    dok = build_lakip_context(renstra.perangkat_daerah, 2023, date(2024, 2, 1))
    tabel = next(t for bab in dok.bagian for t in bab.tabel if t.kunci ==
                 "tabel-1-5-isu-strategis")
    assert "Peringkat" in tabel.kolom
    rows = {r[1]: r for r in tabel.baris}
    skor = tabel.kolom.index("Skor USG")
    rank = tabel.kolom.index("Peringkat")
    assert (rows["Isu A"][skor].teks, rows["Isu A"][rank].teks) == ("12", "2")
    assert rows["Isu A"][skor].rumus == "5 + 4 + 3"
    assert (rows["Isu B"][skor].teks, rows["Isu B"][rank].teks) == ("15", "1")
    assert rows["Isu C"][rank].teks == "2"
    assert "Paling mendesak" in rows["Isu B"][-1]


def test_lkjip_bab_1_of_the_demo_keeps_its_unscored_issues(demo_opd):
    dok = build_lakip_context(demo_opd, 2023, date(2024, 2, 29))
    tabel = next(t for bab in dok.bagian for t in bab.tabel if t.kunci ==
                 "tabel-1-5-isu-strategis")
    assert len(tabel.baris) == 3
    assert all(r[tabel.kolom.index("Peringkat")].teks == "–" for r in tabel.baris)


# --- the pemda's USG scale ------------------------------------------------------------------

def skala_url(renstra):
    return reverse("isu_skala", args=[renstra.perangkat_daerah.pk])


def test_the_pemdas_administrator_sets_the_scale_with_history(client, renstra):
    pemda = renstra.perangkat_daerah.pemda
    admin = make_user(Peran.ADMIN_PEMDA, pemda=pemda)
    client.force_login(admin)
    response = client.post(skala_url(renstra), {"nilai_min": "1", "nilai_maks": "10"})
    assert response.status_code == 302
    assert str(skala_usg_for(pemda)) == "1–10"
    change = Perubahan.objects.get(pemda=pemda, model="SkalaUsg")
    assert (change.lama, change.baru) == ("1–5", "1–10")


def test_a_scale_leaving_out_a_stored_score_is_refused_naming_the_issue(client, renstra,
                                                                        operator):
    save(renstra, operator, "Isu A", "5", "4", "3")
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=renstra.perangkat_daerah.pemda))
    response = client.post(skala_url(renstra), {"nilai_min": "1", "nilai_maks": "4"})
    assert response.status_code == 400
    assert "Isu A" in response.content.decode()
    assert str(skala_usg_for(renstra.perangkat_daerah.pemda)) == "1–5"


@pytest.mark.parametrize(("lo", "hi"), [
    pytest.param("5", "5", id="highest equal to lowest -> refused"),
    pytest.param("3", "1", id="highest below lowest -> refused"),
    pytest.param("1", "1000", id="highest above 100 -> refused"),
    pytest.param("x", "5", id="not a number -> refused"),
])
def test_a_bad_scale_is_refused(client, renstra, lo, hi):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=renstra.perangkat_daerah.pemda))
    response = client.post(skala_url(renstra), {"nilai_min": lo, "nilai_maks": hi})
    assert response.status_code == 400
    assert not SkalaUsg.objects.filter(pemda=renstra.perangkat_daerah.pemda).exists()


def test_only_the_pemdas_administrator_sets_the_scale(client, renstra, operator):
    client.force_login(operator)
    assert client.post(skala_url(renstra), {"nilai_min": "1", "nilai_maks": "10"}
                       ).status_code == 403
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_opd().pemda))
    assert client.post(skala_url(renstra), {"nilai_min": "1", "nilai_maks": "10"}
                       ).status_code == 404
    assert not SkalaUsg.objects.filter(pemda=renstra.perangkat_daerah.pemda).exists()


# --- the dataset keeps what the page records ------------------------------------------------

def test_priority_reason_and_links_survive_export_and_reload(demo_opd):
    from akuntabel.adapters.dataset.loader import load_dataset
    from akuntabel.adapters.dataset.reader import parse_yaml, validate
    from akuntabel.adapters.dataset.writer import export_dataset_yaml
    from akuntabel.organizations.models import PerangkatDaerah

    renstra = demo_opd.renstra.get()
    isu = renstra.isu_strategis.get(prioritas=True)
    tujuan, sasaran = renstra.tujuan.get(kode="T1"), renstra.tujuan.get().sasaran.get(kode="S1")
    save_isu(renstra, DataIsu(uraian=isu.uraian, misi_nomor=2, catatan=isu.catatan,
                              urgensi=D(5), keseriusan=D(5), pertumbuhan=D(4),
                              tujuan=frozenset({tujuan.pk}), sasaran=frozenset({sasaran.pk})),
             isu=isu, versi=isu.versi, oleh=None, alasan="", sumber="Uji")
    isu.refresh_from_db()
    set_prioritas(isu, True, "Terjadi tiap hari", isu.versi, oleh=None, sumber="Uji")
    first = export_dataset_yaml(demo_opd)
    load_dataset(validate(parse_yaml(first)), replace=True)
    again = PerangkatDaerah.objects.get(pk=demo_opd.pk)
    reloaded = again.renstra.get().isu_strategis.get(prioritas=True)
    assert reloaded.alasan_prioritas == "Terjadi tiap hari"
    assert [t.kode for t in reloaded.tujuan.all()] == ["T1"]
    assert [s.kode for s in reloaded.sasaran.all()] == ["S1"]
    assert (reloaded.urgensi, reloaded.keseriusan, reloaded.pertumbuhan) == (D(5), D(5), D(4))
    assert export_dataset_yaml(again) == first


def test_a_dataset_linking_an_issue_to_an_unknown_sasaran_is_refused(demo_opd):
    from akuntabel.adapters.dataset.reader import DatasetError, parse_yaml, validate
    from akuntabel.adapters.dataset.writer import export_dataset_yaml

    teks = export_dataset_yaml(demo_opd).replace(
        "  prioritas: true\n", "  prioritas: true\n  sasaran:\n  - \"S9\"\n", 1)
    with pytest.raises(DatasetError) as err:
        validate(parse_yaml(teks))
    assert "isu_strategis[2].sasaran[0]" in str(err.value)
