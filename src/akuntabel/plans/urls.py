from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.plans import views

urlpatterns = [
    path("opd/<id:pk>/rencana/<tahun:tahun>/", views.plan, name="plan"),
    path("indikator/<id:pk>/", views.indikator_detail, name="indikator_detail"),
    path("indikator/<id:pk>/target/<tahun:tahun>/", views.target_edit, name="target_edit"),
    path("indikator/<id:pk>/publik/", views.indikator_tampil_publik,
         name="indikator_tampil_publik"),
]
