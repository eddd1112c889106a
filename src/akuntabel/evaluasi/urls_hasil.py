"""The results of the evaluations: recommendations and follow-up, the LHE, the pemda's recap."""

from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.evaluasi import views_hasil as views

urlpatterns = [
    path("evaluasi/<id:pk>/hasil/", views.evaluasi_hasil, name="evaluasi_hasil"),
    path("evaluasi/<id:pk>/rekomendasi/", views.rekomendasi_tambah, name="rekomendasi_tambah"),
    path("evaluasi/rekomendasi/<id:pk>/", views.rekomendasi_detail, name="rekomendasi_detail"),
    path("evaluasi/rekomendasi/<id:pk>/aksi/", views.rekomendasi_aksi, name="rekomendasi_aksi"),
    path("evaluasi/<id:pk>/lhe/", views.lhe_register, name="lhe_register"),
    path("evaluasi/<id:pk>/lhe.<str:fmt>", views.lhe_unduh, name="lhe_unduh"),
    path("evaluasi/<id:pk>/lhe/final/", views.lhe_final_buat, name="lhe_final_buat"),
    path("evaluasi/lhe-final/<id:pk>/", views.lhe_final_unduh, name="lhe_final_unduh"),
    path("evaluasi/lhe-final/<id:pk>/publikasi/", views.lhe_final_publikasi,
         name="lhe_final_publikasi"),
    path("pemda/<id:pk>/evaluasi/rekap/", views.rekap_pemda, name="evaluasi_rekap"),
    path("pemda/<id:pk>/evaluasi/rekap.xlsx", views.rekap_xlsx, name="evaluasi_rekap_xlsx"),
]
