from django.urls import path

from akuntabel.plans import views

urlpatterns = [
    path("opd/<int:pk>/rencana/<int:tahun>/", views.plan, name="plan"),
    path("indikator/<int:pk>/", views.indikator_detail, name="indikator_detail"),
    path("indikator/<int:pk>/target/<int:tahun>/", views.target_edit, name="target_edit"),
]
