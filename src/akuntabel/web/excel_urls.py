from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.web import excel_views as views
from akuntabel.web import rencana_views

urlpatterns = [
    path("opd/<id:pk>/excel/<tahun:tahun>/", views.excel, name="excel"),
    path("opd/<id:pk>/excel/<tahun:tahun>/unduh/", views.excel_unduh, name="excel_unduh"),
    path("opd/<id:pk>/excel/<tahun:tahun>/unggah/", views.excel_unggah, name="excel_unggah"),
    path("opd/<id:pk>/excel/<tahun:tahun>/pratinjau/<str:token>/", views.excel_pratinjau,
         name="excel_pratinjau"),
    path("opd/<id:pk>/excel/<tahun:tahun>/terapkan/<str:token>/", views.excel_terapkan,
         name="excel_terapkan"),
    path("opd/<id:pk>/excel/<tahun:tahun>/batal/<str:token>/", views.excel_batal,
         name="excel_batal"),
    path("opd/<id:pk>/rencana/templat.xlsx", rencana_views.rencana_templat,
         name="rencana_templat"),
]
