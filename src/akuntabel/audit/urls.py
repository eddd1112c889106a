from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.audit import views

urlpatterns = [
    path("opd/<id:pk>/riwayat/", views.riwayat_opd, name="riwayat_opd"),
    path("riwayat/<str:model>/<id:objek_id>/", views.riwayat_objek, name="riwayat_objek"),
    path("pemda/<id:pk>/riwayat/", views.riwayat_pemda, name="riwayat_pemda"),
]
