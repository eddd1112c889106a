"""The Django admin leaves history like every other path: one row per changed field naming the
object and the admin user ("Admin Django"), a row for a deletion, and a new ``versi`` for a
model that has one, so that a grid or workbook opened before is refused as stale."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.forms import CheckboxInput, SplitDateTimeWidget
from django.urls import reverse

from akuntabel.audit.admin import RiwayatAdmin, RiwayatInline
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import Dpa, DpaSubKegiatan, RealisasiAnggaranTriwulan
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.references.models import KodeRekening
from akuntabel.results.models import Realisasi
from tests.builders import make_indikator, make_opd, make_pejabat, make_sub_kegiatan, make_target
from tests.references.helpers import make_edisi

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(client):
    user = User.objects.create_superuser("super", password="sandi-uji-yang-panjang",
                                         first_name="Dewi", last_name="Admin")
    client.force_login(user)
    return user


def _url(obj, action="change"):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{action}", args=[obj.pk])


def _form_data(form):
    data = {}
    for bf in form:
        value = bf.value()
        widget = bf.field.widget
        if isinstance(widget, CheckboxInput):
            if value:
                data[bf.html_name] = "on"
        elif isinstance(widget, SplitDateTimeWidget):
            parts = widget.decompress(value)
            data[f"{bf.html_name}_0"] = parts[0] or ""
            data[f"{bf.html_name}_1"] = parts[1] or ""
        elif value is not None:
            data[bf.html_name] = value
    return data


def edit(client, obj, **changes):
    """POST the admin change form of ``obj`` as it is shown, with ``changes`` typed in."""
    context = client.get(_url(obj)).context
    data = _form_data(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.forms:
            data.update(_form_data(form))
    data.update(changes)
    return client.post(_url(obj), data)


def rows(obj):
    return list(Perubahan.objects.filter(model=type(obj).__name__, objek_id=obj.pk)
                .order_by("id"))


def test_a_realisasi_edited_in_the_admin_is_recorded_and_gets_a_new_version(client, superuser):
    ind = make_indikator()
    r = Realisasi.objects.create(indikator=ind, tahun=2023, triwulan=4, teks="80",
                                 nilai=Decimal("80"), versi=3)
    response = edit(client, r, nilai="85", teks="85")
    assert response.status_code == 302, response.content.decode()[:2000]
    r.refresh_from_db()
    assert r.nilai == Decimal("85") and r.versi == 4
    changes = rows(r)
    assert {(c.kolom, c.lama, c.baru) for c in changes} == {("nilai", "80", "85"),
                                                           ("teks", "80", "85")}
    c = changes[0]
    assert c.sumber == "Admin Django" and c.oleh == superuser and c.oleh_nama == "Dewi Admin"
    assert c.perangkat_daerah == ind.perangkat_daerah


def test_an_admin_form_opened_before_another_save_is_refused(client, superuser):
    ind = make_indikator()
    r = Realisasi.objects.create(indikator=ind, tahun=2023, triwulan=1, teks="80",
                                 nilai=Decimal("80"))
    context = client.get(_url(r)).context
    data = _form_data(context["adminform"].form)
    Realisasi.objects.filter(pk=r.pk).update(nilai=Decimal("90"), versi=2)  # a grid save
    data.update(nilai="85")
    response = client.post(_url(r), data)
    assert response.status_code == 200
    assert "setelah Anda membukanya" in response.content.decode()
    r.refresh_from_db()
    assert r.nilai == Decimal("90") and r.versi == 2
    data.pop("versi_dibaca")
    response = client.post(_url(r), data)
    assert response.status_code == 200  # no version named: refused, never unversioned
    r.refresh_from_db()
    assert r.nilai == Decimal("90")


def test_targets_changed_in_an_indicator_inline_are_recorded_and_bumped(client, superuser):
    ind = make_indikator()
    t = make_target(ind, 80, jenis="pk")
    keep = make_target(ind, 50, jenis="renja")
    context = client.get(_url(ind)).context
    prefix = next(i.formset.prefix for i in context["inline_admin_formsets"])
    index = next(n for n, f in enumerate(
        next(iter(context["inline_admin_formsets"])).formset.forms) if f.instance.pk == t.pk)
    response = edit(client, ind, **{f"{prefix}-{index}-nilai": "95"})
    assert response.status_code == 302
    t.refresh_from_db()
    keep.refresh_from_db()
    assert t.nilai == Decimal("95") and t.versi == 2 and keep.versi == 1
    assert [(c.kolom, c.lama, c.baru) for c in rows(t)] == [("nilai", "80", "95")]
    assert rows(keep) == []


def _opd():
    """An agency whose admin form can be saved as shown (its lists are required there)."""
    return make_opd(bidang_urusan=["Sosial"], dasar_hukum=["Perda 5/2016"], fungsi=["Pelayanan"])


def test_an_official_added_in_an_agency_inline_is_recorded(client, superuser):
    opd = _opd()
    context = client.get(_url(opd)).context
    prefix = next(iter(context["inline_admin_formsets"])).formset.prefix
    response = edit(client, opd, **{f"{prefix}-TOTAL_FORMS": "1",
                                   f"{prefix}-0-peran": "kepala", f"{prefix}-0-nama": "Ani",
                                   f"{prefix}-0-jabatan": "Kepala", f"{prefix}-0-urutan": "0",
                                   f"{prefix}-0-perangkat_daerah": str(opd.pk)})
    assert response.status_code == 302, response.content.decode()[:3000]
    ani = opd.pejabat.get()
    assert ("nama", "", "Ani") in {(c.kolom, c.lama, c.baru) for c in rows(ani)}


def test_a_deletion_in_the_admin_says_what_was_deleted(client, superuser):
    ind = make_indikator()
    r = Realisasi.objects.create(indikator=ind, tahun=2023, teks="80", nilai=Decimal("80"))
    response = client.post(_url(r, "delete"), {"post": "yes"})
    assert response.status_code == 302
    assert not Realisasi.objects.filter(pk=r.pk).exists()
    [c] = rows(r)
    assert (c.kolom, c.lama, c.baru, c.sumber) == ("dihapus", "2023: 80", "", "Admin Django")
    assert c.perangkat_daerah == ind.perangkat_daerah and c.oleh == superuser


def test_a_deleted_agency_is_recorded_in_its_pemda(client, superuser):
    opd = make_opd(nama="Dinas Hilang")
    response = client.post(_url(opd, "delete"), {"post": "yes"})
    assert response.status_code == 302
    [c] = Perubahan.objects.filter(model="PerangkatDaerah")
    assert c.pemda == opd.pemda and c.lama == "Dinas Hilang" and c.kolom == "dihapus"


def test_the_bulk_delete_action_records_each_object(client, superuser):
    ind = make_indikator()
    a = Realisasi.objects.create(indikator=ind, tahun=2023, triwulan=1, teks="1")
    b = Realisasi.objects.create(indikator=ind, tahun=2023, triwulan=2, teks="2")
    response = client.post(reverse("admin:results_realisasi_changelist"),
                           {"action": "delete_selected", "_selected_action": [a.pk, b.pk],
                            "post": "yes"})
    assert response.status_code == 302
    assert len(rows(a)) == 1 and len(rows(b)) == 1


def test_a_shared_reference_changed_in_the_admin_is_in_every_pemda_history(client, superuser):
    a, b = make_opd(), make_opd()
    edisi = make_edisi("rekening-uji", daftar="rekening", jenis="semua")
    kode = KodeRekening.objects.create(edisi=edisi, kode="5.1.02", tingkat=3,
                                       uraian="Belanja Barang")
    response = edit(client, kode, uraian="Belanja Barang dan Jasa")
    assert response.status_code == 302
    assert {c.pemda for c in rows(kode)} == set(Pemda.objects.all()) >= {a.pemda, b.pemda}


def test_a_quarterly_budget_realisasi_edited_in_the_admin_gets_a_new_version(client, superuser):
    opd = make_opd()
    dsk = DpaSubKegiatan.objects.create(dpa=Dpa.objects.create(perangkat_daerah=opd, tahun=2024),
                                        sub_kegiatan=make_sub_kegiatan())
    rat = RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=dsk, triwulan=2,
                                                   nilai=Decimal("1000"))
    response = edit(client, rat, nilai="1500")
    assert response.status_code == 302
    rat.refresh_from_db()
    assert rat.nilai == Decimal("1500") and rat.versi == 2
    assert [(c.kolom, c.lama, c.baru) for c in rows(rat)] == [("nilai", "1000", "1500")]
    assert rows(rat)[0].perangkat_daerah == opd


def test_an_official_edited_in_an_agency_inline_is_recorded_with_its_role_shown(client,
                                                                               superuser):
    p = make_pejabat(_opd(), peran="kepala")
    context = client.get(_url(p.perangkat_daerah)).context
    prefix = next(iter(context["inline_admin_formsets"])).formset.prefix
    response = edit(client, p.perangkat_daerah, **{f"{prefix}-0-peran": "sekretaris"})
    assert response.status_code == 302
    assert [(c.kolom, c.lama, c.baru) for c in rows(p)] == [
        ("peran", "Kepala perangkat daerah", "Sekretaris")]


def test_every_project_admin_keeps_history():
    """Each ModelAdmin of the project (and each of its inlines) uses the history mixins."""
    missing = []
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("akuntabel.") or model is Perubahan:
            continue
        if not isinstance(model_admin, RiwayatAdmin):
            missing.append(model.__name__)
        for inline in model_admin.inlines:
            if not issubclass(inline, RiwayatInline):
                missing.append(f"{model.__name__}.{inline.__name__}")
    assert missing == []
    assert RealisasiAnggaranTriwulan in admin.site._registry
    assert PerangkatDaerah in admin.site._registry
