from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.web import views
from akuntabel.web.favicon import favicon

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", favicon),  # for the pages that name no icon (the API's documentation)
    path("opd/<id:pk>/", views.opd_detail, name="opd_detail"),
    path("pemda/<id:pk>/ikhtisar/<tahun:tahun>/", views.pemda_overview, name="pemda_overview"),
]
