from django.urls import path

from akuntabel.audit import views

urlpatterns = [
    path("opd/<int:pk>/riwayat/", views.riwayat_opd, name="riwayat_opd"),
    path("riwayat/<str:model>/<int:objek_id>/", views.riwayat_objek, name="riwayat_objek"),
    path("pemda/<int:pk>/riwayat/", views.riwayat_pemda, name="riwayat_pemda"),
]
