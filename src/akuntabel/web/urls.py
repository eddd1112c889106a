from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("opd/<id:pk>/", views.opd_detail, name="opd_detail"),
    path("pemda/<id:pk>/ikhtisar/<tahun:tahun>/", views.pemda_overview, name="pemda_overview"),
]
