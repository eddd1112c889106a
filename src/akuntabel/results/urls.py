from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.results import views, views_proyeksi

urlpatterns = [
    path("opd/<id:pk>/realisasi/<tahun:tahun>/<int:triwulan>/", views.realisasi_grid,
         name="realisasi_grid"),
    path("opd/<id:pk>/realisasi/<tahun:tahun>/<int:triwulan>/status/", views.realisasi_status,
         name="realisasi_status"),
    path("opd/<id:pk>/realisasi/<tahun:tahun>/<int:triwulan>/bukti/<id:indikator_pk>/",
         views.bukti_upload, name="bukti_upload"),
    path("opd/<id:pk>/peringatan-dini/<tahun:tahun>/<int:triwulan>/",
         views_proyeksi.peringatan_dini, name="peringatan_dini"),
    path("bukti/<id:pk>/", views.bukti_download, name="bukti_download"),
    path("bukti/<id:pk>/hapus/", views.bukti_hapus, name="bukti_hapus"),
]
