from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <id:>)
from akuntabel.api import views

urlpatterns = [
    path("akun/token/", views.token_list, name="token_api"),
    path("akun/token/<id:pk>/cabut/", views.token_cabut, name="token_api_cabut"),
]
