from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from kam.views import exports, notifications, pages, profile

urlpatterns = [
    path("", pages.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("sales/", include("sales_plans.urls")),
    path("tickets/", include("tickets.urls")),
    path("market/", include("market_intel.urls")),
    path("contracts/", include("contracts.urls")),
    path("training/", include("training.urls")),
    path("kpis/", include("kpis.urls")),
    path("feedback/<str:token>/", include("training.public_urls")),
    path("me/", profile.profile, name="profile"),
    path("me/password/", profile.PasswordChangeView.as_view(), name="password-change"),
    path("me/tokens/", profile.token_create, name="token-create"),
    path("me/tokens/<int:pk>/revoke/", profile.token_revoke, name="token-revoke"),
    path(
        "me/notifications/",
        notifications.notification_preferences,
        name="notification-preferences",
    ),
    path("me/webhook/", notifications.webhook_settings, name="webhook-settings"),
    path("me/webhook/test/", notifications.webhook_test, name="webhook-test"),
    path("exports/", exports.export_jobs, name="export-jobs"),
    path("exports/jobs/<int:pk>/", exports.export_job, name="export-job"),
    path("exports/jobs/<int:pk>/download/", exports.export_job_download, name="export-download"),
    path("exports/<str:name>.<str:fmt>", exports.export, name="export"),
    path("imports/", include("kam.import_urls")),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.notifications_mark_read, name="notifications-read"),
    path("auth/", include("kam.auth_urls")),
    path("i18n/setlang/", pages.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("kam.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: no inline script for the CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("healthz", pages.healthz, name="healthz"),
    path("favicon.ico", pages.favicon, name="favicon"),
]

handler400 = "kam.views.pages.bad_request"
