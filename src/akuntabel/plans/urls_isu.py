from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.plans import views_isu

PREFIX = "opd/<id:pk>/renstra/isu/"

urlpatterns = [
    path(PREFIX, views_isu.isu_list, name="isu_list"),
    path(PREFIX + "skala/", views_isu.isu_skala, name="isu_skala"),
    path(PREFIX + "<id:isu_pk>/ubah/", views_isu.isu_ubah, name="isu_ubah"),
    path(PREFIX + "<id:isu_pk>/prioritas/", views_isu.isu_prioritas, name="isu_prioritas"),
    path(PREFIX + "<id:isu_pk>/hapus/", views_isu.isu_hapus, name="isu_hapus"),
]
