from django.urls import path

from akuntabel.reports import views

urlpatterns = [
    path("opd/<int:pk>/laporan/<int:tahun>/<str:dokumen>.<str:fmt>", views.download,
         name="report_download"),
]
