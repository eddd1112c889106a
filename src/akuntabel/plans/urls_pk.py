from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.plans import views_pk

PREFIX = "opd/<id:pk>/pk/<tahun:tahun>/"

urlpatterns = [
    path(PREFIX, views_pk.pk_detail, name="pk_detail"),
    path(PREFIX + "susun/", views_pk.pk_susun, name="pk_susun"),
    path(PREFIX + "ubah/", views_pk.pk_ubah, name="pk_ubah"),
    path(PREFIX + "ajukan/", views_pk.pk_ajukan, name="pk_ajukan"),
    path(PREFIX + "tandatangani/", views_pk.pk_tandatangani, name="pk_tandatangani"),
    path(PREFIX + "kembalikan/", views_pk.pk_kembalikan, name="pk_kembalikan"),
    path(PREFIX + "perubahan/", views_pk.pk_perubahan, name="pk_perubahan"),
    path(PREFIX + "<id:perjanjian>/", views_pk.pk_turunan, name="pk_turunan"),
    path(PREFIX + "<id:atasan>/turunan/", views_pk.pk_turunan_baru, name="pk_turunan_baru"),
    path(PREFIX + "<id:perjanjian>/dokumen.<str:fmt>", views_pk.pk_dokumen, name="pk_dokumen"),
]
