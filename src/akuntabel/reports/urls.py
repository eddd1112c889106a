from django.urls import path

from akuntabel.reports import views

urlpatterns = [
    path("opd/<int:pk>/laporan/<int:tahun>/<str:dokumen>.<str:fmt>", views.download,
         name="report_download"),
    path("opd/<int:pk>/lakip/<int:tahun>/", views.lakip, name="lakip"),
    path("opd/<int:pk>/lakip/<int:tahun>/narasi/<str:kunci>/", views.lakip_narasi_edit,
         name="lakip_narasi_edit"),
    path("opd/<int:pk>/lakip/<int:tahun>/final/", views.lakip_final, name="lakip_final"),
    path("laporan-final/<int:pk>/", views.laporan_final_download, name="laporan_final_download"),
    path("laporan-final/<int:pk>/publikasi/", views.laporan_final_publikasi,
         name="laporan_final_publikasi"),
    path("publikasi/", views.publikasi, name="publikasi"),
]
