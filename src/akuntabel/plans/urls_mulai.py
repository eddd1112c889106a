from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.plans import views_mulai

urlpatterns = [
    path("opd/<id:pk>/mulai/", views_mulai.mulai, name="mulai"),
]
