"""The pemda's LKjIP, under the ``daerah`` namespace (``daerah:lkjip``, ``daerah:lkjip-final``:
names other tests and pages rely on)."""

from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.daerah import views_lkjip

app_name = "daerah"

urlpatterns = [
    path("pemda/<id:pk>/lkjip/<tahun:tahun>/", views_lkjip.lkjip, name="lkjip"),
    path("pemda/<id:pk>/lkjip/<tahun:tahun>/dokumen.<str:fmt>", views_lkjip.lkjip_dokumen,
         name="lkjip-dokumen"),
    path("pemda/<id:pk>/lkjip/<tahun:tahun>/final/", views_lkjip.lkjip_final_buat,
         name="lkjip-final"),
    path("lkjip-pemda/final/<id:pk>/", views_lkjip.lkjip_final_unduh,
         name="lkjip-final-unduh"),
    path("lkjip-pemda/final/<id:pk>/publikasi/", views_lkjip.lkjip_final_publikasi,
         name="lkjip-final-publikasi"),
]
