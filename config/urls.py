from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.decorators import public

from . import views

admin.site.site_header = _("Data exchange: staff")
admin.site.site_title = _("Data exchange staff")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", views.language_set, name="set_language"),
    path("api/schema/", public(SpectacularAPIView.as_view()), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script under the CSP.
    path(
        "api/docs/",
        public(SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api_docs.html")),
        name="api-docs",
    ),
    path("api/v1/", views.api_root, name="api-root"),
    path("api/v1/", include("exchange.api_urls")),
    path("api/v1/", include("consent.api_urls")),
    path("api/v1/", include("talent.api_urls")),
    re_path(r"^api/(?:.*/)?$", views.api_not_found, name="api-not-found"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("payouts.urls")),
    path("me/", include("consent.urls")),
    path("receipts/", include("consent.public_urls")),
    path("", include("talent.urls")),
    path("", include("accounts.urls")),
    path("", include("exchange.urls")),
    path("", views.home, name="home"),
]

# Under /api/ these answer JSON in the API's error shape; elsewhere the translated HTML pages.
handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
