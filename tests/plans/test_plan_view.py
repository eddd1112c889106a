"""The plan page: the cascade of a year with every indicator's target in force, realisasi,
capaian and peringkat; for the agency's people and the pemda's verifier and reviewer only;
a fixed number of queries whatever the size of the plan."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.plans.models import Indikator, Misi, Program
from akuntabel.results.models import Realisasi
from tests.access import assert_hidden_from_outsiders, assert_sends_anonymous_to_login
from tests.builders import (
    make_indikator,
    make_kegiatan,
    make_opd,
    make_program,
    make_renstra,
    make_sasaran,
    make_sub_kegiatan,
    make_target,
    make_tujuan,
    make_user,
)

pytestmark = pytest.mark.django_db


def url(opd, tahun=2023):
    return reverse("plan", args=[opd.pk, tahun])


def make_plan(opd, programs, kegiatan_per_program, sub_per_kegiatan, tahun=2023):
    """A Renstra 2021–2026 with one tujuan and sasaran, and a program tree of the given size;
    every node has one indicator with a Renja target and a realisasi for ``tahun``."""
    renstra = make_renstra(opd)
    renstra.misi.add(Misi.objects.create(rpjmd=renstra.rpjmd, nomor=1, uraian="Misi satu"))
    tujuan = make_tujuan(renstra, kode="T1", uraian="Tujuan satu")
    sasaran = make_sasaran(tujuan, kode="S1", uraian="Sasaran satu")
    nodes = [{"tujuan": tujuan}, {"sasaran": sasaran}]
    for p in range(programs):
        program = make_program(renstra, sasaran=sasaran, kode=f"1.06.{p:02}",
                               nama=f"Program {p}", urutan=p)
        nodes.append({"program": program})
        for k in range(kegiatan_per_program):
            kegiatan = make_kegiatan(program, kode=f"1.06.{p:02}.2.{k:02}",
                                     nama=f"Kegiatan {p}.{k}", urutan=k)
            nodes.append({"kegiatan": kegiatan})
            for s in range(sub_per_kegiatan):
                nodes.append({"sub_kegiatan": make_sub_kegiatan(
                    kegiatan, kode=f"1.06.{p:02}.2.{k:02}.{s:04}", nama=f"Sub {p}.{k}.{s}",
                    urutan=s)})
    for n, node in enumerate(nodes):
        ind = make_indikator(uraian=f"Indikator {n}", satuan="Orang", **node)
        make_target(ind, 10, tahun=tahun)
        Realisasi.objects.create(indikator=ind, tahun=tahun, teks="8", nilai=Decimal(8))
    return renstra


def test_owner_sees_the_demo_cascade_with_the_iku_computed(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    response = client.get(url(demo_opd))
    assert response.status_code == 200
    body = response.content.decode()
    iku = Indikator.objects.get(perangkat_daerah=demo_opd, kode="IKU-1")
    assert "Persentase PPKS yang tertangani" in body
    # realisasi from the components 13.415 / 14.460, against the PK target 91,5%
    for figure in ("92,77%", "13.415 ÷ 14.460 × 100", "91,5%", "101,39%", "Sangat Tinggi",
                   "9.205 Jiwa", "<code>1.06.04</code> PROGRAM REHABILITASI SOSIAL"):
        assert figure in body, figure
    assert reverse("indikator_detail", args=[iku.pk]) + "?tahun=2023" in body
    assert f'id="node-sasaran-{iku.sasaran_id}"' in body
    program = Program.objects.get(renstra__perangkat_daerah=demo_opd, kode="1.06.04")
    assert f'id="node-program-{program.pk}"' in body
    assert "Mewujudkan masyarakat sehat jasmani" in body  # the RPJMD misi the Renstra supports
    assert 'aria-current="page">Rencana</a>' in body  # the section nav, on this section


def test_every_indicator_of_the_demo_links_to_its_page(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(url(demo_opd)).content.decode()
    shown = [pk for pk in Indikator.objects.filter(perangkat_daerah=demo_opd)
             .values_list("pk", flat=True)
             if reverse("indikator_detail", args=[pk]) + "?tahun=2023" in body]
    # every indicator whose node is active in 2023 (all but those of inactive sub kegiatan)
    assert len(shown) >= 70


def test_a_year_without_renstra_says_so_and_offers_the_periods(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    response = client.get(url(demo_opd, 2030))
    assert response.status_code == 200
    body = response.content.decode()
    assert "tidak memiliki Renstra yang mencakup tahun 2030" in body
    assert url(demo_opd, 2021) in body


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER, Peran.ADMIN_PEMDA])
def test_pemda_wide_roles_read_it(client, demo_opd, peran):
    client.force_login(make_user(peran, pemda=demo_opd.pemda))
    assert client.get(url(demo_opd)).status_code == 200


def test_outsiders_get_not_found(client, demo_opd):
    assert_hidden_from_outsiders(client, url(demo_opd), demo_opd)


def test_anonymous_visitor_is_sent_to_login(client, demo_opd):
    assert_sends_anonymous_to_login(client, url(demo_opd))


def _queries(client, opd):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url(opd))
    assert response.status_code == 200
    return len(ctx), response.content.decode()


def test_queries_do_not_grow_with_the_size_of_the_plan(client):
    small, large = make_opd(), make_opd()
    make_plan(small, 1, 1, 1)
    make_plan(large, 6, 4, 5)  # 6 programs, 24 kegiatan, 120 sub kegiatan, 152 indicators
    user = make_user(Peran.VERIFIKATOR, pemda=small.pemda)
    user.memberships.create(peran=Peran.VERIFIKATOR, pemda=large.pemda)
    client.force_login(user)
    n_small, body_small = _queries(client, small)
    n_large, body_large = _queries(client, large)
    assert body_large.count("80,00%") == 152  # every indicator computed: 8 / 10
    assert body_small.count("80,00%") == 5
    assert n_large == n_small
    assert n_small <= 25
