from django.urls import path

from akuntabel.budget import views

urlpatterns = [
    path("opd/<int:pk>/anggaran/<int:tahun>/", views.anggaran, name="anggaran"),
    path("opd/<int:pk>/anggaran/<int:tahun>/sub/<int:sub_pk>/", views.anggaran_sub,
         name="anggaran_sub"),
    path("opd/<int:pk>/anggaran/<int:tahun>/realisasi/<int:triwulan>/",
         views.anggaran_realisasi, name="anggaran_realisasi"),
]
