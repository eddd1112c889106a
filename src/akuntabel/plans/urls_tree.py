from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.plans import views_tree

NODE = "opd/<id:pk>/program/<str:tingkat>/<id:node_pk>/"

urlpatterns = [
    path("opd/<id:pk>/program/", views_tree.program_tree, name="program_tree"),
    path("opd/<id:pk>/program/cari/", views_tree.program_cari, name="program_cari"),
    path("opd/<id:pk>/program/tambah/", views_tree.program_tambah, name="program_tambah"),
    path(NODE + "ubah/", views_tree.node_ubah, name="program_node_ubah"),
    path(NODE + "hapus/", views_tree.node_hapus, name="program_node_hapus"),
    path(NODE + "indikator/", views_tree.node_indikator, name="program_node_indikator"),
    path(NODE + "pagu/", views_tree.node_pagu, name="program_node_pagu"),
    path("opd/<id:pk>/program/indikator/<id:indikator_pk>/target/",
         views_tree.indikator_target, name="program_indikator_target"),
    path("opd/<id:pk>/renja/<tahun:tahun>/", views_tree.renja_grid, name="renja_grid"),
    path("opd/<id:pk>/renja/<tahun:tahun>/salin/", views_tree.renja_salin, name="renja_salin"),
]
