from django.urls import path

from akuntabel.api.api import api

# Included at /api/v1/: the endpoints, /api/v1/openapi.json and the documentation at /api/v1/docs.
urlpatterns = [path("", api.urls)]
