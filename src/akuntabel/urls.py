from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from akuntabel.accounts.views import ThrottledLoginView

admin.site.site_header = _("Akuntabel data administration")
admin.site.site_title = "Akuntabel"
admin.site.index_title = _("Data administration")

handler500 = "akuntabel.web.errors.server_error"  # shows the request's id for the log

urlpatterns = [
    # One login, throttled: the data administration's own login page sends here.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("login/", ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("akuntabel.reviews.urls")),
    path("", include("akuntabel.results.urls")),
    path("", include("akuntabel.plans.urls")),
    path("", include("akuntabel.plans.urls_pk")),
    path("", include("akuntabel.plans.urls_renstra")),
    path("", include("akuntabel.plans.urls_tree")),
    path("", include("akuntabel.plans.urls_isu")),
    path("", include("akuntabel.plans.urls_pohon")),
    path("", include("akuntabel.plans.urls_mulai")),
    path("", include("akuntabel.budget.urls")),
    path("", include("akuntabel.accounts.urls")),
    path("", include("akuntabel.references.urls")),
    path("", include("akuntabel.audit.urls")),
    path("", include("akuntabel.reporting.urls")),
    path("", include("akuntabel.daerah.urls")),
    path("", include("akuntabel.evaluasi.urls")),
    path("", include("akuntabel.evaluasi.urls_hasil")),
    path("", include("akuntabel.daerah.urls_lkjip")),
    path("", include("akuntabel.web.excel_urls")),
    path("", include("akuntabel.reports.urls")),
    path("publik/", include("akuntabel.portal.urls")),
    path("api/v1/", include("akuntabel.api.urls")),
    path("", include("akuntabel.api.urls_token")),
    path("", include("akuntabel.web.urls")),
]
