from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.daerah import views, views_pk, views_tujuan

urlpatterns = [
    path("pemda/<id:pk>/iku/", views.iku_pemda, name="iku_pemda"),
    path("pemda/<id:pk>/iku/perkada/baru/", views.perkada_baru, name="perkada_baru"),
    path("iku-pemda/perkada/<id:pk>/ubah/", views.perkada_ubah, name="perkada_ubah"),
    path("iku-pemda/perkada/<id:pk>/baru/", views.iku_baru, name="iku_baru"),
    path("iku-pemda/<id:pk>/", views.iku_detail, name="iku_detail"),
    path("iku-pemda/<id:pk>/ubah/", views.iku_ubah, name="iku_ubah"),
    path("iku-pemda/<id:pk>/hapus/", views.iku_hapus, name="iku_hapus"),
    path("iku-pemda/tautan/<id:pk>/putuskan/", views.tautan_putuskan, name="tautan_putuskan"),
    path("pemda/<id:pk>/pk/<tahun:tahun>/", views_pk.pk_daerah, name="pk_daerah"),
    path("pemda/<id:pk>/pk/<tahun:tahun>/aksi/", views_pk.pk_daerah_aksi,
         name="pk_daerah_aksi"),
    path("pemda/<id:pk>/pk/<tahun:tahun>/dokumen.<str:fmt>", views_pk.pk_daerah_dokumen,
         name="pk_daerah_dokumen"),
    path("opd/<id:pk>/iku-pemda/", views.opd_iku_pemda, name="opd_iku_pemda"),
    path("rpjmd/<id:pk>/indikator-tujuan/", views_tujuan.rpjmd_tujuan, name="rpjmd_tujuan"),
    path("tujuan-daerah/<id:pk>/indikator/baru/", views_tujuan.indikator_baru,
         name="tujuan_indikator_baru"),
    path("indikator-tujuan/<id:pk>/ubah/", views_tujuan.indikator_ubah,
         name="tujuan_indikator_ubah"),
    path("indikator-tujuan/<id:pk>/hapus/", views_tujuan.indikator_hapus,
         name="tujuan_indikator_hapus"),
    path("indikator-tujuan/<id:pk>/realisasi/<tahun:tahun>/", views_tujuan.realisasi,
         name="tujuan_realisasi"),
]
