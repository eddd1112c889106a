from django.urls import path

from akuntabel.web import excel_views as views

urlpatterns = [
    path("opd/<int:pk>/excel/<int:tahun>/", views.excel, name="excel"),
    path("opd/<int:pk>/excel/<int:tahun>/unduh/", views.excel_unduh, name="excel_unduh"),
    path("opd/<int:pk>/excel/<int:tahun>/unggah/", views.excel_unggah, name="excel_unggah"),
    path("opd/<int:pk>/excel/<int:tahun>/pratinjau/<str:token>/", views.excel_pratinjau,
         name="excel_pratinjau"),
    path("opd/<int:pk>/excel/<int:tahun>/terapkan/<str:token>/", views.excel_terapkan,
         name="excel_terapkan"),
    path("opd/<int:pk>/excel/<int:tahun>/batal/<str:token>/", views.excel_batal,
         name="excel_batal"),
]
