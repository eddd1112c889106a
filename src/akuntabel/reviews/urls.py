from django.urls import path

from akuntabel.reviews import views

urlpatterns = [
    path("opd/<int:pk>/reviu/<int:tahun>/", views.findings, name="reviu"),
    path("opd/<int:pk>/reviu/<int:tahun>/jelaskan/", views.explain_finding, name="reviu_explain"),
]
