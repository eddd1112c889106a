from django.urls import path

import akuntabel.converters  # noqa: F401  (registers <tahun:> and <id:>)
from akuntabel.plans import views_pohon

PREFIX = "opd/<id:pk>/pohon/<tahun:tahun>/"

urlpatterns = [
    path(PREFIX, views_pohon.pohon, name="pohon"),
    path(PREFIX + "pohon-kinerja.svg", views_pohon.pohon_svg, name="pohon_svg"),
    path(PREFIX + "pohon-kinerja.pdf", views_pohon.pohon_pdf, name="pohon_pdf"),
]
