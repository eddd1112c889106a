from django.urls import path

from akuntabel.results import views

urlpatterns = [
    path("opd/<int:pk>/realisasi/<int:tahun>/<int:triwulan>/", views.realisasi_grid,
         name="realisasi_grid"),
    path("opd/<int:pk>/realisasi/<int:tahun>/<int:triwulan>/status/", views.realisasi_status,
         name="realisasi_status"),
    path("opd/<int:pk>/realisasi/<int:tahun>/<int:triwulan>/bukti/<int:indikator_pk>/",
         views.bukti_upload, name="bukti_upload"),
    path("bukti/<int:pk>/", views.bukti_download, name="bukti_download"),
    path("bukti/<int:pk>/hapus/", views.bukti_hapus, name="bukti_hapus"),
]
