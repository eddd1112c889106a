from django.urls import path

from akuntabel.references import views

urlpatterns = [
    path("referensi/nomenklatur/", views.nomenklatur_json, name="referensi_nomenklatur"),
]
