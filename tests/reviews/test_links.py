"""Links from reviu findings to where they can be fixed: the demo's 67 findings resolved with a
fixed number of queries; no link where the location has no page (or the page does not exist).

The pages linked to belong to other parts of the app; this module's URLconf adds a stand-in for
any of them not (yet) there, so the tests do not depend on them."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, include, path, reverse

from akuntabel.budget.models import DpaLine
from akuntabel.core.reviu.data import Finding, Lokasi
from akuntabel.plans.models import Indikator, Kegiatan, SubKegiatan
from akuntabel.reviews import links
from akuntabel.reviews.links import links_for
from akuntabel.reviews.services import review

LINKED = {"indikator_detail": "<int:pk>", "anggaran": "<int:pk>/<int:tahun>",
          "pk_detail": "<int:pk>/<int:tahun>", "plan": "<int:pk>/<int:tahun>",
          "realisasi_grid": "<int:pk>/<int:tahun>/<int:triwulan>"}


def _stand_in(request, **kwargs):
    return HttpResponse("")


def _missing() -> list:
    out = []
    for name, pattern in LINKED.items():
        try:
            reverse(name, args=[1] * pattern.count("<"))
        except NoReverseMatch:
            out.append(path(f"stand-in/{name}/{pattern}/", _stand_in, name=name))
    return out


urlpatterns = [path("", include("akuntabel.urls")), *_missing()]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture
def findings(demo_opd):
    return [t.finding for t in review(demo_opd, 2023)]


def one(findings, code, prefix=""):
    return next(f for f in findings if f.code == code and f.lokasi.kunci.startswith(prefix))


def link_of(finding, opd):
    return links_for([finding], opd, 2023)[0]


def test_the_demo_has_67_findings_and_most_get_a_link(findings, demo_opd):
    assert len(findings) == 67
    resolved = links_for(findings, demo_opd, 2023)
    assert sum(1 for u in resolved if u) >= 60
    unlinked = {f.lokasi.kunci.partition(":")[0] for f, u in zip(findings, resolved, strict=True)
                if u is None}
    assert unlinked <= {"pejabat", "anggaran_lain"}


def test_an_indicator_finding_links_to_its_indicator_page(findings, demo_opd):
    finding = one(findings, "HIT-002", "indikator:")
    kode = finding.lokasi.kunci.partition(":")[2]
    indikator = Indikator.objects.get(perangkat_daerah=demo_opd, kode=kode)
    assert link_of(finding, demo_opd) == reverse("indikator_detail", args=[indikator.pk])


def test_a_computation_finding_links_to_its_indicator_page(findings, demo_opd):
    finding = one(findings, "HIT-004")
    assert "/perhitungan:" in finding.lokasi.kunci
    assert link_of(finding, demo_opd).startswith(reverse("indikator_detail", args=[1])[:-2])


def test_a_budget_finding_links_to_the_budget_page_at_its_node(findings, demo_opd):
    finding = one(findings, "ANG-003", "sub_kegiatan:")
    sub = SubKegiatan.objects.get(kegiatan__program__renstra__perangkat_daerah=demo_opd,
                                  kode=finding.lokasi.kunci.partition(":")[2])
    assert link_of(finding, demo_opd) == (reverse("anggaran", args=[demo_opd.pk, 2023])
                                          + f"#node-sub_kegiatan-{sub.pk}")


def test_a_rekening_finding_links_to_its_line(findings, demo_opd):
    finding = one(findings, "ANG-005", "rekening:")
    url = link_of(finding, demo_opd)
    base, _, anchor = url.partition("#node-rekening-")
    assert base == reverse("anggaran", args=[demo_opd.pk, 2023])
    line = DpaLine.objects.get(pk=int(anchor))
    assert finding.lokasi.uraian.endswith(line.uraian)
    assert line.anggaran.dpa.perangkat_daerah == demo_opd


def test_a_renstra_table_finding_links_to_the_plan_at_its_node(findings, demo_opd):
    finding = one(findings, "ANG-012", "kegiatan:")
    kegiatan = Kegiatan.objects.get(program__renstra__perangkat_daerah=demo_opd,
                                    kode=finding.lokasi.kunci.partition(":")[2])
    assert link_of(finding, demo_opd) == (reverse("plan", args=[demo_opd.pk, 2023])
                                          + f"#node-kegiatan-{kegiatan.pk}")


def test_a_narrative_finding_links_to_its_editor(findings, demo_opd):
    finding = one(findings, "NAR-003", "narasi:")
    kunci = finding.lokasi.kunci.partition(":")[2]
    assert link_of(finding, demo_opd) == reverse("lakip_narasi_edit",
                                                 args=[demo_opd.pk, 2023, kunci])


def test_a_missing_realisasi_links_to_the_realisasi_grid(findings, demo_opd):
    finding = one(findings, "REN-007", "indikator:")
    assert link_of(finding, demo_opd) == reverse("realisasi_grid", args=[demo_opd.pk, 2023, 1])


def test_a_pk_finding_links_to_the_pk_page_of_its_year(findings, demo_opd):
    finding = one(findings, "REN-002", "pk:")
    year = int(finding.lokasi.kunci.split(":")[1])
    assert link_of(finding, demo_opd) == reverse("pk_detail", args=[demo_opd.pk, year])


@pytest.mark.parametrize("kunci", ["pejabat:SRI AMANTO", "indikator:TIDAK-ADA",
                                   "sub_kegiatan:9.99.99.2.01.0001", "rekening:9.99/0.1",
                                   "narasi:bab_rahasia", "anggaran_lain:Tabel X", "entah"],
                         ids=["an official", "an unknown indicator", "an unknown node",
                              "an unknown line", "an unknown section", "a printed total",
                              "an unknown kind"])
def test_an_unresolvable_location_gets_no_link(demo_opd, kunci):
    finding = Finding("X-1", "info", "x", "x", Lokasi("Tabel 3.2 Realisasi Anggaran", kunci, ""))
    assert link_of(finding, demo_opd) is None


def test_no_link_when_the_page_does_not_exist(findings, demo_opd, monkeypatch):
    real = links.reverse

    def without_indicator_page(name, *args, **kwargs):
        if name == "indikator_detail":
            raise NoReverseMatch(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(links, "reverse", without_indicator_page)
    assert link_of(one(findings, "HIT-002", "indikator:"), demo_opd) is None
    assert link_of(one(findings, "ANG-003", "sub_kegiatan:"), demo_opd) is not None


def test_the_number_of_queries_does_not_grow_with_the_findings(findings, demo_opd):
    def count(subset) -> int:
        with CaptureQueriesContext(connection) as ctx:
            links_for(subset, demo_opd, 2023)
        return len(ctx.captured_queries)

    assert count(findings[:3]) == count(findings) <= 10
