from django.urls import path

from akuntabel.portal import anggaran, pohon, renstra, tujuan, views

app_name = "portal"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("<id:pemda_id>/", views.beranda, name="beranda"),
    path("<id:pemda_id>/opd/<id:opd_id>/", views.opd, name="opd"),
    path("<id:pemda_id>/grafik/<str:jenis>-<id:pk>.<str:fmt>", views.grafik, name="grafik"),
    path("<id:pemda_id>/data/<tahun:tahun>/datapackage.json", views.datapackage,
         name="datapackage"),
    path("<id:pemda_id>/data/<tahun:tahun>/<slug:nama>.csv", views.sumber_data, name="sumber"),
    path("<id:pemda_id>/data/<tahun:tahun>/paket.zip", views.paket_zip, name="paket_zip"),
    path("<id:pemda_id>/tujuan/<id:pk>.<str:fmt>", tujuan.unduh, name="tujuan_unduh"),
    path("<id:pemda_id>/renstra/<id:pk>/", renstra.halaman, name="renstra"),
    path("<id:pemda_id>/renstra/<id:pk>.<str:fmt>", renstra.unduh, name="renstra_unduh"),
    path("<id:pemda_id>/pohon/", pohon.halaman, name="pohon"),
    path("<id:pemda_id>/pohon.<str:fmt>", pohon.unduh, name="pohon_unduh"),
    path("<id:pemda_id>/anggaran/", anggaran.halaman, name="anggaran"),
    path("<id:pemda_id>/anggaran/<str:tingkat>.<str:fmt>", anggaran.unduh,
         name="anggaran_unduh"),
]
