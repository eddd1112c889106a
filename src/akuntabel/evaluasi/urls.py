from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.evaluasi import views

urlpatterns = [
    path("pemda/<id:pk>/evaluasi/", views.evaluasi_pemda, name="evaluasi_pemda"),
    path("pemda/<id:pk>/evaluasi/buka/", views.evaluasi_buat, name="evaluasi_buat"),
    path("opd/<id:pk>/evaluasi/", views.evaluasi_opd, name="evaluasi_opd"),
    path("evaluasi/<id:pk>/", views.lembar_kerja, name="lembar_kerja"),
    path("evaluasi/<id:pk>/kunci/", views.evaluasi_kunci, name="evaluasi_kunci"),
    path("evaluasi/<id:pk>/jadwal/", views.evaluasi_jadwal, name="evaluasi_jadwal"),
    path("evaluasi/<id:pk>/lke.xlsx", views.lke_unduh, name="lke_unduh"),
    path("evaluasi/<id:pk>/lke/impor/", views.lke_impor, name="lke_impor"),
    path("evaluasi/<id:pk>/lke/terapkan/", views.lke_terapkan, name="lke_terapkan"),
    path("evaluasi/jawaban/<id:pk>/", views.jawaban_simpan, name="jawaban_simpan"),
    path("evaluasi/jawaban/<id:pk>/bukti/", views.bukti_tambah, name="bukti_tambah"),
    path("evaluasi/bukti/<id:pk>/", views.bukti_unduh, name="bukti_evaluasi_unduh"),
    path("evaluasi/bukti/<id:pk>/hapus/", views.bukti_hapus, name="bukti_evaluasi_hapus"),
]
