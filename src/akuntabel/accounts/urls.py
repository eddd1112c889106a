from django.urls import path

from akuntabel.accounts import views

urlpatterns = [
    path("pemda/<int:pk>/pengguna/", views.kelola_pengguna, name="kelola_pengguna"),
    path("pemda/<int:pk>/pengguna/<int:user_pk>/peran/", views.tambah_peran,
         name="pengguna_tambah_peran"),
    path("pemda/<int:pk>/peran/<int:membership_pk>/hapus/", views.hapus_peran,
         name="pengguna_hapus_peran"),
    path("pemda/<int:pk>/pengguna/<int:user_pk>/status/", views.ubah_status,
         name="pengguna_status"),
    path("pemda/<int:pk>/pengguna/<int:user_pk>/sandi/", views.atur_sandi,
         name="pengguna_sandi"),
    path("pemda/<int:pk>/opd/", views.kelola_opd, name="kelola_opd"),
    path("pemda/<int:pk>/pejabat/", views.kelola_pejabat, name="kelola_pejabat"),
    path("pemda/<int:pk>/pejabat/<int:pejabat_pk>/", views.ubah_pejabat, name="ubah_pejabat"),
    path("pemda/<int:pk>/referensi/", views.referensi, name="referensi"),
]
