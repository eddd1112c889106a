from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.reviews import views

urlpatterns = [
    path("opd/<id:pk>/reviu/<tahun:tahun>/", views.findings, name="reviu"),
    path("opd/<id:pk>/reviu/<tahun:tahun>/jelaskan/", views.explain_finding, name="reviu_explain"),
]
