from django.urls import include, path, re_path

from kam.api import api_not_found
from kam.api_auth import ObtainTokenView
from kam.api_imports import ImportBatchStatusView, ImportView

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("", include("accounts.api.urls")),
    path("", include("sales_plans.api.urls")),
    path("", include("tickets.api.urls")),
    path("", include("market_intel.api.urls")),
    path("", include("contracts.api.urls")),
    path("", include("training.api.urls")),
    path("", include("kpis.api.urls")),
    path("imports/batches/<int:pk>/", ImportBatchStatusView.as_view(), name="api-import-batch"),
    path("imports/<slug:name>/", ImportView.as_view(), name="api-import"),
    # Keep last: whatever no resource matched answers a JSON 404, not the HTML page.
    # Any character, newlines too (a client may send an encoded one).
    re_path(r"^(?P<path>[\s\S]*)$", api_not_found),
]
