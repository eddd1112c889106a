from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.budget import views

urlpatterns = [
    path("opd/<id:pk>/anggaran/<tahun:tahun>/", views.anggaran, name="anggaran"),
    path("opd/<id:pk>/anggaran/<tahun:tahun>/sub/<id:sub_pk>/", views.anggaran_sub,
         name="anggaran_sub"),
    path("opd/<id:pk>/anggaran/<tahun:tahun>/realisasi/<int:triwulan>/",
         views.anggaran_realisasi, name="anggaran_realisasi"),
]
