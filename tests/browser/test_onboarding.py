"""Issue 13's first acceptance check, as a new pemda lives it: from a database holding only the
pemda and its administrator, a Dinas Kesehatan is built through the screens only — the
administrator creates the agency, its operator and head, its officials and the RPJMD; the
operator writes the Renstra (two tujuan, three sasaran, an IKU with a lower-is-better formula
and a range target), scores a strategic issue, picks a program tree of 3 programs, 6 kegiatan
and 12 sub kegiatan from the code list by typing in the picker, fills the Renja 2027 per
triwulan and drafts the PK, which the head signs; one eselon III PK is made and signed below
it. The onboarding page follows every step. Then ``akuntabel export`` writes the agency, the
file loads into a database without it and exports again identically.

Screenshots of each step go to /tmp/onboarding/NN-step.png."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page

from akuntabel.accounts.models import Peran
from akuntabel.cli import main
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.plans.models import (
    Indikator,
    Kegiatan,
    PerjanjianKinerja,
    Program,
    Rpjmd,
    Sasaran,
    SubKegiatan,
    Target,
)
from akuntabel.references.loader import load_reference_lists
from tests.builders import make_pemda, make_user

TAHUN = 2027
SHOTS = Path("/tmp/onboarding")
SANDI = "Tenang-Rindu-Pagi-7391"

# (program, [(kegiatan, [sub kegiatan, sub kegiatan])]): typed words, then the code picked.
POHON = [
    ("upaya kesehatan masyarakat", "1.02.02", [
        ("1.02.02.2.01", ["pembangunan puskesmas", "1.02.02.2.01.0002",
                          "pembangunan rumah sakit", "1.02.02.2.01.0001"]),
        ("1.02.02.2.02", ["ibu hamil", "1.02.02.2.02.0001",
                          "ibu bersalin", "1.02.02.2.02.0002"])]),
    ("sumber daya manusia kesehatan", "1.02.03", [
        ("1.02.03.2.01", ["pengendalian perizinan praktik", "1.02.03.2.01.0001",
                          "pembinaan dan pengawasan tenaga", "1.02.03.2.01.0002"]),
        ("1.02.03.2.02", ["distribusi serta pemerataan", "1.02.03.2.02.0001",
                          "pemenuhan kebutuhan sumber daya", "1.02.03.2.02.0002"])]),
    ("pemberdayaan masyarakat bidang kesehatan", "1.02.05", [
        ("1.02.05.2.01", ["promosi kesehatan, advokasi", "1.02.05.2.01.0001",
                          "teknologi tepat guna", "1.02.05.2.01.0002"]),
        ("1.02.05.2.02", ["gerakan hidup bersih", "1.02.05.2.02.0001",
                          "kesadaran keluarga", "1.02.05.2.02.0002"])]),
]


class Langkah:
    """Numbered full-page screenshots of the walk."""

    def __init__(self) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        for old in SHOTS.glob("*.png"):
            old.unlink()
        self.n = 0

    def __call__(self, page: Page, name: str) -> None:
        self.n += 1
        page.screenshot(path=str(SHOTS / f"{self.n:02d}-{name}.png"), full_page=True)


def submit(page: Page, form: Locator) -> None:
    """Click the form's submit button and wait for the page it leads to; no error shown."""
    with page.expect_navigation():
        form.locator("button[type=submit]").last.click()
    errors = page.locator(".galat:visible, .error:visible, .errorlist:visible, "
                          "[role=alert]:visible")
    texts = [t.strip() for t in errors.all_inner_texts() if t.strip()]
    assert not texts, f"{page.url}: {texts}"


def login(page: Page, username: str, password: str = "sandi-uji-yang-panjang") -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("form.login button[type=submit]")


def tambah(page: Page, jenis: str, induk: str, **isian: str) -> None:
    """Open the editor's "add" box of ``jenis`` under ``induk`` ("tujuan-5"), fill it, add."""
    form = page.locator(f"form[action$='/tambah/{jenis}/']:has(input[name=induk][value='{induk}'])")
    form.locator("xpath=ancestor::details[1]/summary").click()
    for nama, nilai in isian.items():
        field = form.locator(f"[name={nama}]")
        if nilai is True:   # a yes/no box (a hidden empty value of the same name precedes it)
            form.locator(f"input[type=checkbox][name={nama}]").check()
        elif field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=nilai)
        else:
            field.fill(nilai)
    submit(page, form)


def langkah_status(page: Page, opd: PerangkatDaerah) -> dict[str, str]:
    page.goto(f"/opd/{opd.pk}/mulai/?tahun={TAHUN}")
    return {li.get_attribute("id").removeprefix("langkah-"): li.get_attribute("data-status")
            for li in page.locator("ol.mulai > li").all()}


def berikut(page: Page) -> str:
    return page.locator("ol.mulai > li[aria-current=step]").get_attribute("id") or ""


def pick(page: Page, field: Locator, typed: str, kode: str) -> None:
    """Type in the picker as a user does and choose ``kode`` among the offers."""
    field.click()
    field.press_sequentially(typed, delay=20)
    daftar = page.locator(f"datalist#{field.get_attribute('list')} option[value='{kode}']")
    daftar.wait_for(state="attached")
    field.fill(daftar.get_attribute("value"))


def test_a_dinas_kesehatan_from_nothing_to_a_signed_pk_exported_and_reloaded_identically(
        page, new_page, tmp_path, capsys):
    shot = Langkah()
    # A database holding only the new pemda: the demo the suite loaded goes (conftest loads it
    # again after this test); the official code lists are installed (`akuntabel referensi`).
    PerangkatDaerah.objects.all().delete()
    Rpjmd.objects.all().delete()
    Pemda.objects.all().delete()
    load_reference_lists()
    pemda = make_pemda(kode="kab-sehat", nama="Kabupaten Sehat", jenis="kabupaten",
                       kepala_daerah_jabatan="Bupati Sehat", kepala_daerah_nama="H. Sehat")
    make_user(Peran.ADMIN_PEMDA, pemda=pemda, username="admin-sehat")

    # --- the administrator of the pemda: the agency, its people, the RPJMD -------------------
    login(page, "admin-sehat")
    page.goto(f"/pemda/{pemda.pk}/opd/")
    page.fill("#id_kode", "dinas-kesehatan")
    page.fill("#id_nama", "Dinas Kesehatan")
    page.fill("#id_singkatan", "Dinkes")
    submit(page, page.locator("form.kelola"))
    shot(page, "opd-dibuat")
    opd = PerangkatDaerah.objects.get(pemda=pemda, kode="dinas-kesehatan")
    with page.expect_navigation():
        page.locator("tr", has_text="Dinas Kesehatan").get_by_role(
            "link", name="Langkah awal").click()
    assert berikut(page) == "langkah-opd"
    shot(page, "mulai-kosong")

    page.goto(f"/pemda/{pemda.pk}/pengguna/")
    for username, nama, peran in (("operator-dinkes", "Rina Operator", "operator_opd"),
                                  ("kepala-dinkes", "dr. Budi Santoso", "kepala_opd")):
        form = page.locator("form.kelola", has=page.locator("#id_username"))
        page.fill("#id_username", username)
        page.fill("#id_nama_lengkap", nama)
        page.fill("#id_password", SANDI)
        page.select_option("#id_peran", peran)
        page.select_option("#id_perangkat_daerah", label="Dinas Kesehatan")
        submit(page, form)
    shot(page, "pengguna")

    page.goto(f"/pemda/{pemda.pk}/pejabat/")
    for peran, nama, jabatan, nip in (
            ("kepala", "dr. Budi Santoso", "Kepala Dinas Kesehatan", "197001012000031001"),
            ("kepala_bidang", "Sri Lestari, SKM", "Kepala Bidang Kesehatan Masyarakat",
             "197505052001122002")):
        form = page.locator("form.kelola")
        page.select_option("#id_perangkat_daerah", label="Dinas Kesehatan")
        page.select_option("#id_peran", peran)
        page.fill("#id_nama", nama)
        page.fill("#id_nip", nip)
        page.fill("#id_jabatan", jabatan)
        submit(page, form)
    shot(page, "pejabat")

    page.goto(f"/pemda/{pemda.pk}/rpjmd/")
    page.fill("#tahun_awal", "2025")
    page.fill("#tahun_akhir", "2029")
    page.fill("#visi", "Kabupaten Sehat yang Maju dan Sejahtera")
    submit(page, page.locator("form", has=page.locator("#visi")))
    rpjmd = Rpjmd.objects.get(pemda=pemda)
    if f"/rpjmd/{rpjmd.pk}/" not in page.url:
        page.goto(f"/rpjmd/{rpjmd.pk}/")
    r = f"rpjmd-{rpjmd.pk}"
    tambah(page, "misi", r, nomor="1", uraian="Meningkatkan kualitas sumber daya manusia")
    tambah(page, "tujuan_daerah", r, kode="T1", uraian="Meningkatnya derajat kesehatan",
           misi="Misi 1: Meningkatkan kualitas sumber daya manusia")
    td = rpjmd.tujuan_daerah.get()
    tambah(page, "sasaran_daerah", f"tujuan_daerah-{td.pk}", kode="S1",
           uraian="Meningkatnya kualitas pelayanan kesehatan")
    shot(page, "rpjmd")
    status = langkah_status(page, opd)
    assert status["opd"] == "selesai" and berikut(page) == "langkah-renstra", status

    # --- the operator: the Renstra ---------------------------------------------------------
    op = new_page()
    login(op, "operator-dinkes", SANDI)
    op.goto(f"/opd/{opd.pk}/mulai/?tahun={TAHUN}")
    with op.expect_navigation():
        op.locator("li[aria-current=step] a.button").click()
    op.fill("#tahun_awal", "2025")
    op.fill("#tahun_akhir", "2029")
    submit(op, op.locator("form", has=op.locator("#tahun_awal")))
    renstra = opd.renstra.get()
    if f"/renstra/{renstra.pk}/" not in op.url:
        op.goto(f"/renstra/{renstra.pk}/")
    sd = "S1 Meningkatnya kualitas pelayanan kesehatan"
    tambah(op, "tujuan", f"renstra-{renstra.pk}", kode="T1",
           uraian="Meningkatkan derajat kesehatan masyarakat")
    tambah(op, "tujuan", f"renstra-{renstra.pk}", kode="T2",
           uraian="Meningkatkan mutu sumber daya kesehatan")
    t1, t2 = renstra.tujuan.order_by("kode")
    for tujuan, kode, uraian in ((t1, "S1.1", "Menurunnya angka kematian bayi"),
                                 (t1, "S1.2", "Meningkatnya cakupan pelayanan kesehatan"),
                                 (t2, "S2.1", "Meningkatnya kompetensi tenaga kesehatan")):
        tambah(op, "sasaran", f"tujuan-{tujuan.pk}", kode=kode, uraian=uraian,
               sasaran_daerah=sd)
    shot(op, "renstra-struktur")

    s11, s12, s21 = Sasaran.objects.filter(tujuan__renstra=renstra).order_by("kode")
    tambah(op, "indikator", f"sasaran-{s11.pk}", kode="IKU-1",
           uraian="Angka kematian bayi",
           definisi_operasional="Kematian bayi di bawah satu tahun per 1.000 kelahiran hidup",
           formula="jumlah kematian bayi / jumlah kelahiran hidup × 1.000",
           satuan="per 1.000 kelahiran hidup", polaritas="semakin rendah semakin baik",
           agregasi="nilai akhir",
           sumber_data="Profil Kesehatan", kondisi_awal_tahun="2024", kondisi_awal="18",
           kondisi_akhir="12–14", iku=True)
    plain = [(t1, "tujuan", "Usia harapan hidup", "tahun", ["71", "71,2", "71,4", "71,6", "71,8"]),
             (t2, "tujuan", "Indeks kompetensi tenaga kesehatan", "indeks",
              ["70", "72", "74", "76", "78"]),
             (s12, "sasaran", "Cakupan pelayanan kesehatan dasar", "%",
              ["80", "83", "86", "89", "92"]),
             (s21, "sasaran", "Persentase tenaga kesehatan tersertifikasi", "%",
              ["60", "65", "70", "75", "80"])]
    for node, jenis, uraian, satuan, _ in plain:
        tambah(op, "indikator", f"{jenis}-{node.pk}", uraian=uraian, satuan=satuan)
    targets = {"Angka kematian bayi": ["17–18", "16–17", "15–16", "14–15", "12–14"]}
    targets.update({uraian: t for _n, _j, uraian, _s, t in plain})
    for uraian, nilai in targets.items():
        ind = Indikator.objects.get(perangkat_daerah=opd, uraian=uraian)
        form = op.locator(f"#indikator-{ind.pk} form.target-renstra")
        for tahun, teks in zip(range(2025, 2030), nilai, strict=True):
            form.locator(f"[name=target_{tahun}]").fill(teks)
        submit(op, form)
    shot(op, "renstra-indikator")
    assert op.locator("#h-periksa + p[role=status]").count() == 1  # no completeness warning
    iku = Indikator.objects.get(perangkat_daerah=opd, uraian="Angka kematian bayi")
    assert (iku.polaritas, iku.iku, iku.satuan) == ("turun", True, "per 1.000 kelahiran hidup")
    assert Target.objects.get(indikator=iku, jenis="renstra", tahun=TAHUN).nilai_atas is not None

    # --- strategic issues ----------------------------------------------------------------------
    op.goto(f"/opd/{opd.pk}/mulai/?tahun={TAHUN}")
    shot(op, "mulai-isu")
    assert berikut(op) == "langkah-isu", op.locator("li[aria-current=step]").inner_text()
    with op.expect_navigation():
        op.locator("li[aria-current=step] a.button").click()
    form = op.locator("form", has=op.locator("[name=urgensi]")).first
    form.locator("[name=uraian]").fill("Angka kematian bayi masih di atas target nasional")
    form.locator("[name=urgensi]").fill("5")
    form.locator("[name=keseriusan]").fill("5")
    form.locator("[name=pertumbuhan]").fill("4")
    form.get_by_label("Menurunnya angka kematian bayi").check()
    submit(op, form)
    shot(op, "isu")
    with op.expect_navigation():  # the priority is chosen on the issue's own page
        op.locator("table tr", has_text="Angka kematian bayi masih").get_by_role(
            "link", name="Sunting").click()
    form = op.locator("form[action$='/prioritas/']")
    form.locator("[name=prioritas]").check()
    form.locator("[name=alasan_prioritas]").fill("Skor USG tertinggi")
    submit(op, form)
    shot(op, "isu-prioritas")

    # --- the program tree, from the code list ----------------------------------------------
    op.goto(f"/opd/{opd.pk}/mulai/?tahun={TAHUN}")
    assert berikut(op) == "langkah-program"
    with op.expect_navigation():
        op.locator("li[aria-current=step] a.button").click()
    for (typed, kode, kegiatan), sasaran in zip(POHON, (s11, s12, s21), strict=True):
        form = op.locator("#tambah-program")
        pick(op, form.locator("[name=kode]"), typed, kode)
        form.locator("[name=sasaran]").select_option(str(sasaran.pk))
        # The code list states no indicator for programs and kegiatan: the planner writes one
        # in the same form.
        form.locator("[name=indikator_uraian]").fill(f"Indeks kinerja program {kode}")
        form.locator("[name=indikator_satuan]").fill("indeks")
        submit(op, form)
        program = Program.objects.get(renstra=renstra, kode=kode)
        assert Indikator.objects.get(program=program).agregasi == "nilai_akhir"
        for keg_kode, subs in kegiatan:
            form = op.locator(f"form.tree-tambah:has(input[name=induk][value='{program.pk}'])"
                              ":has(input[name=tingkat][value=kegiatan])")
            pick(op, form.locator("[name=kode]"), keg_kode[-4:], keg_kode)
            form.locator("[name=indikator_uraian]").fill(
                f"Persentase keluaran kegiatan {keg_kode}")
            form.locator("[name=indikator_satuan]").fill("%")
            submit(op, form)
            keg = Kegiatan.objects.get(program=program, kode=keg_kode)
            assert Indikator.objects.filter(kegiatan=keg).count() == 1
            for typed_sub, sub_kode in zip(subs[::2], subs[1::2], strict=True):
                form = op.locator(f"form.tree-tambah:has(input[name=induk][value='{keg.pk}'])"
                                  ":has(input[name=tingkat][value=sub_kegiatan])")
                pick(op, form.locator("[name=kode]"), typed_sub, sub_kode)
                submit(op, form)
    shot(op, "pohon-program")
    assert (Program.objects.filter(renstra=renstra).count(),
            Kegiatan.objects.filter(program__renstra=renstra).count(),
            SubKegiatan.objects.filter(kegiatan__program__renstra=renstra).count()) == (3, 6, 12)

    # --- the Renja of the year, per triwulan -------------------------------------------------
    op.goto(f"/opd/{opd.pk}/mulai/?tahun={TAHUN}")
    status = {li.get_attribute("id"): li.get_attribute("data-status")
              for li in op.locator("ol.mulai > li").all()}
    shot(op, "mulai-renja")
    assert berikut(op) == "langkah-renja", status
    with op.expect_navigation():
        op.locator("li[aria-current=step] a.button").click()
    submit(op, op.locator("form.renja-salin"))
    shot(op, "renja-disalin")
    grid = op.locator("form:has(table.renja-grid)")
    # A rate or a percentage (aggregation taken from its unit) closes the year with its last
    # value.
    for uraian, tw in (("Angka kematian bayi", ["17", "16,5", "16", "15–16"]),
                       ("Cakupan pelayanan kesehatan dasar", ["83", "84", "85", "86"])):
        ind = Indikator.objects.get(perangkat_daerah=opd, uraian=uraian)
        row = grid.locator("tr.renja-ind", has=op.locator(f"a[href='/indikator/{ind.pk}/']"))
        inputs = row.locator("input[type=text], input:not([type])")
        for i, teks in enumerate(tw, start=1):
            inputs.nth(i).fill(teks)
        row.locator("[name$=alasan]").fill("Dibagi per triwulan")
    submit(op, grid)
    shot(op, "renja")
    assert Target.objects.filter(indikator=iku, jenis="renja", tahun=TAHUN,
                                 triwulan__gt=0).count() == 4

    # --- the PK: drafted and submitted by the operator, signed by the head -------------------
    op.goto(f"/opd/{opd.pk}/mulai/?tahun={TAHUN}")
    assert berikut(op) == "langkah-pk"
    with op.expect_navigation():
        op.locator("li[aria-current=step] a.button").click()
    with op.expect_navigation():
        op.click("[data-testid=pk-susun]")
    induk = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tahun=TAHUN, atasan=None)
    form = op.locator(f"#pk-{induk.pk} form.pk-ubah")
    form.locator("[name=tanggal]").fill(f"{TAHUN}-01-15")
    # The draft copies the Renstra's range 15–16, which the PK row keeps as a range.
    iku_row = form.locator("table.pk-baris tr", has_text="Angka kematian bayi")
    assert iku_row.locator("input[name^=target_]").input_value() == "15–16"
    submit(op, form)
    shot(op, "pk-draf")
    with op.expect_navigation():
        op.click("[data-testid=pk-ajukan]")
    kepala = new_page()
    login(kepala, "kepala-dinkes", SANDI)
    kepala.goto(f"/opd/{opd.pk}/pk/{TAHUN}/")
    with kepala.expect_navigation():
        kepala.click("[data-testid=pk-tandatangani]")
    shot(kepala, "pk-ditandatangani")
    induk.refresh_from_db()
    assert induk.status == "ditandatangani"

    # --- the cascaded PK of the head of division (eselon III) ------------------------------
    with op.expect_navigation():
        op.goto(f"/opd/{opd.pk}/pk/{TAHUN}/")
    with op.expect_navigation():
        op.locator("a.pk-turunan-baru").first.click()
    op.select_option("#pejabat", label="Sri Lestari, SKM — Kepala Bidang Kesehatan Masyarakat")
    program = Program.objects.get(renstra=renstra, kode="1.02.02")
    calon = Indikator.objects.filter(program=program)
    for ind in calon:
        op.check(f"#pilih-{ind.pk}")
        op.fill(f"[name=target_{ind.pk}]", "2")
        select = op.locator(f"[name=melayani_{ind.pk}]")
        label = select.locator("option", has_text="Angka kematian bayi").first.inner_text()
        select.select_option(label=label)
    shot(op, "pk-eselon-iii-baru")
    with op.expect_navigation():
        op.click("[data-testid=pk-turunan-buat]")
    turunan = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tahun=TAHUN, atasan=induk)
    with op.expect_navigation():
        op.click("[data-testid=pk-ajukan]")
    kepala.goto(op.url)
    with kepala.expect_navigation():
        kepala.click("[data-testid=pk-tandatangani]")
    shot(kepala, "pk-eselon-iii-ditandatangani")
    turunan.refresh_from_db()
    assert (turunan.status, turunan.tingkat) == ("ditandatangani",
                                                 PerjanjianKinerja.Tingkat.ESELON_III)

    status = langkah_status(op, opd)
    shot(op, "mulai-selesai")
    assert set(status.values()) == {"selesai"}, status

    # --- export, load into a database without the agency, export again ----------------------
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert main(["export", "--pemda", "kab-sehat", "--opd", "dinas-kesehatan",
                 "--out", str(a)]) == 0
    opd.delete()
    Rpjmd.objects.filter(pemda=pemda).delete()
    Pemda.objects.filter(pk=pemda.pk).delete()
    assert not (Pemda.objects.exists() or Indikator.objects.exists()
                or PerjanjianKinerja.objects.exists())   # nothing of any pemda left
    assert main(["load", str(a)]) == 0
    assert main(["export", "--pemda", "kab-sehat", "--opd", "dinas-kesehatan",
                 "--out", str(b)]) == 0
    capsys.readouterr()
    teks = a.read_text(encoding="utf-8")
    assert b.read_text(encoding="utf-8") == teks
    for isi in ("Angka kematian bayi", "1.02.05.2.02.0002", "15–16", "Sri Lestari, SKM",
                "eselon_3", "Skor USG tertinggi"):
        assert isi in teks, isi
