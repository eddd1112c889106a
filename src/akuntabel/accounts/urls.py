from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.accounts import views, views_dua_faktor

urlpatterns = [
    path("akun/sandi/", views.GantiSandiView.as_view(), name="ganti_sandi"),
    path("login/kode/", views_dua_faktor.login_kode, name="login_kode"),
    path("akun/dua-faktor/", views_dua_faktor.atur_dua_faktor, name="dua_faktor"),
    path("akun/dua-faktor/hapus/", views_dua_faktor.hapus_dua_faktor, name="dua_faktor_hapus"),
    path("akun/dua-faktor/kode-cadangan/", views_dua_faktor.kode_cadangan_baru,
         name="dua_faktor_kode_cadangan"),
    path("pemda/<id:pk>/dua-faktor/", views_dua_faktor.wajibkan_dua_faktor,
         name="pengguna_dua_faktor_wajib"),
    path("pemda/<id:pk>/pengguna/<id:user_pk>/dua-faktor/hapus/",
         views_dua_faktor.reset_dua_faktor, name="pengguna_dua_faktor_reset"),
    path("pemda/<id:pk>/pengguna/", views.kelola_pengguna, name="kelola_pengguna"),
    path("pemda/<id:pk>/pengguna/<id:user_pk>/peran/", views.tambah_peran,
         name="pengguna_tambah_peran"),
    path("pemda/<id:pk>/peran/<id:membership_pk>/hapus/", views.hapus_peran,
         name="pengguna_hapus_peran"),
    path("pemda/<id:pk>/pengguna/<id:user_pk>/status/", views.ubah_status,
         name="pengguna_status"),
    path("pemda/<id:pk>/pengguna/<id:user_pk>/sandi/", views.atur_sandi,
         name="pengguna_sandi"),
    path("pemda/<id:pk>/sesi/", views.atur_sesi, name="pengguna_sesi"),
    path("pemda/<id:pk>/opd/", views.kelola_opd, name="kelola_opd"),
    path("pemda/<id:pk>/pejabat/", views.kelola_pejabat, name="kelola_pejabat"),
    path("pemda/<id:pk>/pejabat/<id:pejabat_pk>/", views.ubah_pejabat, name="ubah_pejabat"),
    path("pemda/<id:pk>/referensi/", views.referensi, name="referensi"),
    path("pemda/<id:pk>/keamanan/", views.catatan_keamanan, name="catatan_keamanan"),
]
