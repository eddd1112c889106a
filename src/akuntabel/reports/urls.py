from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.reports import views, views_final

urlpatterns = [
    path("opd/<id:pk>/laporan/<tahun:tahun>/<str:dokumen>.<str:fmt>", views.download,
         name="report_download"),
    path("opd/<id:pk>/lakip/<tahun:tahun>/", views.lakip, name="lakip"),
    path("opd/<id:pk>/lakip/<tahun:tahun>/narasi/<str:kunci>/", views.lakip_narasi_edit,
         name="lakip_narasi_edit"),
    path("opd/<id:pk>/lakip/<tahun:tahun>/final/", views_final.lakip_final,
         name="lakip_final"),
    path("opd/<id:pk>/pk/<tahun:tahun>/final/", views_final.pk_final, name="pk_final"),
    path("opd/<id:pk>/e81/<tahun:tahun>/final/", views_final.e81_final, name="e81_final"),
    path("laporan-final/<id:pk>/", views.laporan_final_download, name="laporan_final_download"),
    path("laporan-final/<id:pk>/publikasi/", views.laporan_final_publikasi,
         name="laporan_final_publikasi"),
    path("publikasi/", views.publikasi, name="publikasi"),
    path("verifikasi/", views_final.verifikasi, name="verifikasi"),
    path("pemda/<id:pk>/kop-surat/", views.pemda_kop, name="pemda_kop"),
    path("opd/<id:pk>/lakip/<tahun:tahun>/tanda-tangan/", views.lakip_pengaturan,
         name="lakip_pengaturan"),
]
