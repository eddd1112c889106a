from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.reporting import views_akun, views_jadwal, views_kotak_masuk

urlpatterns = [
    path("pemda/<id:pk>/jadwal/<tahun:tahun>/", views_jadwal.jadwal, name="jadwal_pemda"),
    path("pemda/<id:pk>/terlambat/<tahun:tahun>/", views_jadwal.terlambat,
         name="terlambat_pemda"),
    path("pemda/<id:pk>/kotak-masuk/<tahun:tahun>/", views_kotak_masuk.kotak_masuk,
         name="kotak_masuk"),
    path("akun/notifikasi/", views_akun.notifikasi, name="akun_notifikasi"),
]
