from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.plans import views_perubahan
from akuntabel.plans import views_renstra as views

RENSTRA = {"scope": "renstra"}
RPJMD = {"scope": "rpjmd"}

urlpatterns = [
    path("opd/<id:pk>/renstra/", views.renstra_list, name="renstra_list"),
    path("renstra/<id:pk>/", views.renstra_editor, name="renstra_editor"),
    path("renstra/<id:pk>/tambah/<slug:jenis>/", views.tambah, RENSTRA, name="renstra_tambah"),
    path("renstra/<id:pk>/periksa/<slug:jenis>/", views.periksa, RENSTRA,
         name="renstra_periksa"),
    path("renstra/<id:pk>/<slug:jenis>/<id:obj_pk>/ubah/", views.ubah, RENSTRA,
         name="renstra_ubah"),
    path("renstra/<id:pk>/<slug:jenis>/<id:obj_pk>/hapus/", views.hapus, RENSTRA,
         name="renstra_hapus"),
    path("renstra/<id:pk>/indikator/<id:obj_pk>/target/", views.target, name="renstra_target"),
    path("renstra/<id:pk>/tetapkan/", views.tetapkan, name="renstra_tetapkan"),
    path("renstra/<id:pk>/tetapkan/batal/", views.batal_tetapkan, name="renstra_batal_tetapkan"),
    path("renstra/<id:pk>/perubahan/", views_perubahan.perbandingan, name="renstra_perubahan"),
    path("renstra/<id:pk>/perubahan/baru/", views_perubahan.buat,
         name="renstra_perubahan_baru"),
    path("pemda/<id:pk>/rpjmd/", views.rpjmd_list, name="rpjmd_list"),
    path("rpjmd/<id:pk>/", views.rpjmd_editor, name="rpjmd_editor"),
    path("rpjmd/<id:pk>/tambah/<slug:jenis>/", views.tambah, RPJMD, name="rpjmd_tambah"),
    path("rpjmd/<id:pk>/periksa/<slug:jenis>/", views.periksa, RPJMD, name="rpjmd_periksa"),
    path("rpjmd/<id:pk>/<slug:jenis>/<id:obj_pk>/ubah/", views.ubah, RPJMD, name="rpjmd_ubah"),
    path("rpjmd/<id:pk>/<slug:jenis>/<id:obj_pk>/hapus/", views.hapus, RPJMD,
         name="rpjmd_hapus"),
]
