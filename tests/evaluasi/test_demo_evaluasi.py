"""The demo's Evaluasi AKIP 2023 of Dinas Sosial Kota Metro (evaluasi/demo.py): labelled as an
illustration, locked, with its LHE, recommendations and one follow-up; every evidence link it
shows resolves for the reviewer; a rerun of the demo never touches what a user changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.evaluasi import rekomendasi as rk
from akuntabel.evaluasi.bukti import bukti_evaluasi
from akuntabel.evaluasi.demo import LABEL, NOMOR_LHE, muat_evaluasi_demo
from akuntabel.evaluasi.lhe import build_lhe
from tests.builders import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def orang(demo_opd):
    return (make_user(Peran.REVIEWER, pemda=demo_opd.pemda, username="reviewer-demo"),
            make_user(Peran.OPERATOR_OPD, opd=demo_opd, username="operator-demo"))


def test_the_demo_evaluation_is_an_illustration_with_its_lhe(demo_opd, orang):
    evaluasi = muat_evaluasi_demo(demo_opd)
    assert evaluasi is not None and evaluasi.terkunci and evaluasi.tahun == 2023
    assert all(j.catatan_penetapan.startswith(LABEL) for j in evaluasi.jawaban.all())
    dok = build_lhe(evaluasi)
    assert NOMOR_LHE in dok.subjudul and "ILUSTRASI" in dok.subjudul
    assert dok.ringkasan["predikat"].teks != "–"
    statuses = sorted(evaluasi.rekomendasi.values_list("status", flat=True))
    assert statuses == ["proses", "terbuka", "terbuka", "terbuka"]


def test_every_evidence_link_resolves_for_the_reviewer(client, demo_opd, orang):
    reviewer, _operator = orang
    evaluasi = muat_evaluasi_demo(demo_opd)
    links = {i.url for b in bukti_evaluasi(evaluasi).values() for i in b.bukti if i.url}
    links |= {r.bukti_tautan for r in evaluasi.rekomendasi.all() if r.bukti_tautan}
    links |= {reverse("evaluasi_hasil", args=[evaluasi.pk]),
              reverse("lembar_kerja", args=[evaluasi.pk]),
              reverse("lhe_unduh", args=[evaluasi.pk, "pdf"])}
    assert len(links) > 5
    client.force_login(reviewer)
    status = {url: client.get(url).status_code for url in sorted(links)}
    assert status == dict.fromkeys(status, 200)


def test_a_rerun_keeps_what_users_changed(demo_opd, orang):
    reviewer, _operator = orang
    evaluasi = muat_evaluasi_demo(demo_opd)
    rek = evaluasi.rekomendasi.get(status="proses")
    rk.putuskan_tindak_lanjut(rek, "tolak", "Belum ada SK", rek.versi, user=reviewer)
    assert muat_evaluasi_demo(demo_opd) is None
    rek.refresh_from_db()
    assert (rek.status, rek.catatan_penilai) == ("tidak_diterima", "Belum ada SK")
    assert demo_opd.evaluasi_akip.count() == 1
