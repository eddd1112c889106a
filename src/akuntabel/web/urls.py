from django.urls import path

from akuntabel.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("opd/<int:pk>/", views.opd_detail, name="opd_detail"),
    path("pemda/<int:pk>/ikhtisar/<int:tahun>/", views.pemda_overview, name="pemda_overview"),
]
